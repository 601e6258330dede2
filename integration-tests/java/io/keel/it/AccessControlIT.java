package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Access control policies over HTTP (TS-0004 7.3.3.15, 7.4.2, 6.3.5.27; TS-0001 9.6.1.3.2): originators ×
 * operations × policies (and a dynamic decision, TS-0004 7.4.36), every cell asserted on the HTTP status and X-M2M-RSC.
 *
 * <p>Each cell works on its own tree: {@code owner (AE) / open (cnt: everyone may retrieve and discover, the owner do
 * everything) / c (cnt, governed by the policy under test) / i (cin)}. The owner creates everything and alone holds
 * the policies' pvs.
 */
class AccessControlIT extends KeelIT {
    /**
     * What a cell exercises on {@code c}; DISCOVERY and CHILD_LIST look at {@code c} from {@code open}. NOTIFY is
     * allowed when it passes access control and reaches the check that a container takes no Notify (4005).
     */
    private enum Op {
        RETRIEVE, UPDATE, CREATE, DISCOVERY, CHILD_LIST, NOTIFY, DELETE
    }

    private static final Set<Op> ALL = EnumSet.allOf(Op.class);
    private static final Set<Op> NONE = EnumSet.noneOf(Op.class);
    private static final int ACOP_ALL = 63;
    private static final int DISCOVERY_BIT = 32;
    private static final String BINARY_SWITCH = "org.onem2m.common.moduleclass.binarySwitch";

    private String owner;
    private String granted;
    private String other;
    private String open;

    @BeforeEach
    void tree() {
        owner = cse.registerAe("C" + OneM2MClient.unique("owner"), OneM2MClient.unique("owner"));
        granted = cse.registerAe("C" + OneM2MClient.unique("granted"), OneM2MClient.unique("granted"));
        other = cse.registerAe("C" + OneM2MClient.unique("other"), OneM2MClient.unique("other"));
        String everyoneReads = acp(rule("\"all\"", 2 + DISCOVERY_BIT, null) + "," + rule(q(owner), ACOP_ALL, null));
        open = container(owner, OneM2MClient.unique("open"), everyoneReads);
    }

    // ---- the matrix ----

    @Test
    void ts0004_7_3_3_15_directOriginatorWithAllOperations() {
        assertCells(rule(q(granted), ACOP_ALL, null), granted, ALL);
        assertCells(rule(q(granted), ACOP_ALL, null), other, NONE);
        // An originator that is no registered AE does not reach access control: 4106 (TS-0004 7.3.2.1, AccessIT).
    }

    @Test
    void ts0004_7_3_3_15_eachAcopBitGrantsItsOperationOnly() {
        assertCells(rule(q(granted), 1, null), granted, EnumSet.of(Op.CREATE));
        assertCells(rule(q(granted), 2, null), granted, EnumSet.of(Op.RETRIEVE, Op.CHILD_LIST));
        assertCells(rule(q(granted), 4, null), granted, EnumSet.of(Op.UPDATE));
        assertCells(rule(q(granted), 8, null), granted, EnumSet.of(Op.DELETE));
        assertCells(rule(q(granted), DISCOVERY_BIT, null), granted, EnumSet.of(Op.DISCOVERY));
        assertCells(rule(q(granted), 16, null), granted, EnumSet.of(Op.NOTIFY));
    }

    @Test
    void ts0004_7_3_3_15_wildcardOriginators() {
        String prefix = "Cwild" + System.nanoTime();
        String matching = cse.registerAe(prefix + "x", OneM2MClient.unique("wild"));
        assertCells(rule(q(prefix + "*"), ACOP_ALL, null), matching, ALL);
        assertCells(rule(q(prefix + "*"), ACOP_ALL, null), granted, NONE);
        assertCells(rule(q("*" + matching.substring(prefix.length() - 3)), 2, null), matching, EnumSet.of(Op.RETRIEVE, Op.CHILD_LIST));
    }

    @Test
    void ts0004_7_3_3_15_allOriginators() {
        assertCells(rule("\"all\"", ACOP_ALL, null), other, ALL);
        String anyAe = cse.registerAe("C" + OneM2MClient.unique("any"), OneM2MClient.unique("any"));
        assertCells(rule("\"all\"", 2, null), anyAe, EnumSet.of(Op.RETRIEVE, Op.CHILD_LIST));
    }

    @Test
    void ts0004_7_3_3_15_timeWindowContext() {
        int year = Year.now(ZoneOffset.UTC).getValue();
        String now = "{\"actw\":[\"* * * * * * " + (year - 1) + "-" + (year + 1) + "\"]}";
        String past = "{\"actw\":[\"* * * * * * 2001-2002\"]}";
        String pastOrNow = "{\"actw\":[\"* * * * * * 2001\", \"* * 0-23 * * * *\"]}";
        assertCells(rule(q(granted), ACOP_ALL, now), granted, ALL);
        assertCells(rule(q(granted), ACOP_ALL, past), granted, NONE);
        assertCells(rule(q(granted), ACOP_ALL, pastOrNow), granted, ALL);
    }

    @Test
    void ts0004_7_3_3_15_ipAddressContext() {
        assertCells(rule(q(granted), ACOP_ALL, "{\"acip\":{\"ipv4\":[\"127.0.0.1\"]}}"), granted, ALL);
        assertCells(rule(q(granted), ACOP_ALL, "{\"acip\":{\"ipv4\":[\"127.0.0.0/8\"]}}"), granted, ALL);
        assertCells(rule(q(granted), ACOP_ALL, "{\"acip\":{\"ipv4\":[\"10.0.0.0/8\"],\"ipv6\":[\"2001:db8::/32\"]}}"), granted, NONE);
        // Both criteria of a context must hold: the right address outside the time window is not enough.
        assertCells(rule(q(granted), ACOP_ALL, "{\"actw\":[\"* * * * * * 2001\"],\"acip\":{\"ipv4\":[\"127.0.0.1\"]}}"), granted, NONE);
    }

    /** Release 4 loc of an AE, set by the AE itself: a point [longitude, latitude]. */
    private void locate(String ae, double lon, double lat) {
        Reply r = cse.put("/" + ae, "{\"m2m:ae\":{\"loc\":{\"typ\":1,\"crd\":\"[" + lon + ", " + lat + "]\"}}}").from(ae)
                .header("X-M2M-RVI", "4").send();
        assertEquals(200, r.status(), r.text());
    }

    /** TS-0003 7.1.3, F.2: aclr is compared with where the originator is; here its AE's registered loc. */
    @Test
    void ts0004_7_3_3_15_locationRegionContext() {
        locate(granted, 11.58, 48.14); // Munich
        locate(other, 13.405, 52.52);  // Berlin
        String nearMunich = "{\"aclr\":{\"accr\":[48.1374, 11.5755, 10000]}}";
        String both = q(granted) + "," + q(other);
        assertCells(rule(both, ACOP_ALL, nearMunich), granted, ALL);
        assertCells(rule(both, ACOP_ALL, nearMunich), other, NONE);
        assertCells(rule(both, ACOP_ALL, "{\"aclr\":{\"accc\":[\"DE\"]}}"), other, ALL);
        assertCells(rule(both, ACOP_ALL, "{\"aclr\":{\"accc\":[\"FR\",\"AT\"]}}"), granted, NONE);
        // An originator whose location is unknown is in no region (TS-0003 F.2.1: the Hosting CSE denies).
        String unlocated = cse.registerAe("C" + OneM2MClient.unique("nowhere"), OneM2MClient.unique("nowhere"));
        assertCells(rule("\"all\"", ACOP_ALL, "{\"aclr\":{\"accc\":[\"DE\"]}}"), unlocated, NONE);
        // Two contexts: the region or a time window; a location region with an address: both must hold.
        assertCells(rule(both, ACOP_ALL, nearMunich + ",{\"actw\":[\"* * * * * * 2001\"]}"), granted, ALL);
        assertCells(rule(both, ACOP_ALL, "{\"aclr\":{\"accr\":[48.1374, 11.5755, 10000]},\"acip\":{\"ipv4\":[\"10.0.0.0/8\"]}}"),
                granted, NONE);
    }

    @Test
    void ts0004_7_3_3_15_dynamicDecisionWhereNoRuleGrants() {
        try (DecisionPointServer das = new DecisionPointServer()) {
            Reply created = cse.create("/cse-in", 34, "{\"m2m:dac\":{\"dae\":true,\"dap\":[\"" + das.url() + "\"]}}").send();
            assertEquals(201, created.status(), created.text());
            String dac = created.json().path("m2m:dac").path("ri").asText();
            String ownerOnly = rule(q(owner), ACOP_ALL, null);
            das.granting(rule(q(granted), 2 + DISCOVERY_BIT, null), "600000");
            assertCells(ownerOnly, dac, granted, EnumSet.of(Op.RETRIEVE, Op.CHILD_LIST, Op.DISCOVERY));
            assertCells(ownerOnly, dac, other, NONE);
            das.granting(rule(q(granted), ACOP_ALL, null), null);
            assertCells(ownerOnly, dac, granted, ALL);
            das.refusing();
            assertCells(ownerOnly, dac, granted, NONE);
            // A rule that grants decides alone: the decision point is not asked.
            assertCells(rule(q(granted), 2, null), dac, granted, EnumSet.of(Op.RETRIEVE, Op.CHILD_LIST));
            Reply disabled = cse.put("/" + dac, "{\"m2m:dac\":{\"dae\":false}}").send();
            assertEquals(200, disabled.status(), disabled.text());
            das.granting(rule(q(granted), ACOP_ALL, null), null);
            assertCells(ownerOnly, dac, granted, NONE);
        }
    }

    @Test
    void ts0004_7_3_3_15_groupMembersInAcor() {
        String team = group(q(granted));
        assertCells(rule(q(team), ACOP_ALL, null), granted, ALL);
        assertCells(rule(q(team), ACOP_ALL, null), other, NONE);
        assertCells(rule(q(team), 2 + DISCOVERY_BIT, null), granted, EnumSet.of(Op.RETRIEVE, Op.CHILD_LIST, Op.DISCOVERY));
        // The group by its SP-relative ID, its member by the structured ID of the member's AE.
        String byStructuredId = group(q("cse-in/" + nameOf(other)));
        assertCells(rule(q("/id-in/" + byStructuredId), ACOP_ALL, null), other, ALL);
        assertCells(rule(q("/id-in/" + byStructuredId), ACOP_ALL, null), granted, NONE);
    }

    @Test
    void ts0004_7_3_3_15_groupMembershipChangesWhatDiscoveryAndChildListsShow() {
        String team = group(q(granted));
        String readable = governed(acp(rule(q(team), 2 + DISCOVERY_BIT, null)))[0];
        String hidden = governed(acp(rule(q(group(q(other))), ACOP_ALL, null)))[0];
        for (String rcn : List.of("4", "5", "6", "8")) {
            String asMember = cse.get("/" + open + "?rcn=" + rcn).from(granted).send().text();
            assertTrue(asMember.contains(nameOf(readable)), "rcn " + rcn + ": " + asMember);
            assertFalse(asMember.contains(nameOf(hidden)), "rcn " + rcn + ": " + asMember);
            String asNonMember = cse.get("/" + open + "?rcn=" + rcn).from(owner).send().text();
            assertFalse(asNonMember.contains(nameOf(readable)), "rcn " + rcn + ": " + asNonMember);
        }
        assertTrue(discoveredNames(granted, "ty=3").contains(nameOf(readable)));
        assertFalse(discoveredNames(granted, "ty=3").contains(nameOf(hidden)));
        // Leaving the group takes the privilege away at once.
        Reply left = cse.put("/" + team, "{\"m2m:grp\":{\"mid\":[]}}").send();
        assertEquals(200, left.status(), left.text());
        assertFalse(discoveredNames(granted, "ty=3").contains(nameOf(readable)));
        assertDenied(cse.get("/" + readable).from(granted).send());
        String children = cse.get("/" + open + "?rcn=4").from(granted).send().text();
        assertFalse(children.contains(nameOf(readable)), children);
    }

    @Test
    void ts0004_7_3_3_15_withoutAcpiTheDefaultPolicyDecides() {
        assertCells(null, owner, ALL);
        assertCells(null, granted, NONE);
        assertCells(null, OneM2MClient.ADMIN, ALL);
    }

    @Test
    void ts0004_7_3_3_15_oncePoliciesGovernTheOwnerHasOnlyWhatTheyGrant() {
        assertCells(rule(q(granted), ACOP_ALL, null), owner, NONE);
        assertCells(rule(q(granted), ACOP_ALL, null), OneM2MClient.ADMIN, ALL);
    }

    @Test
    void ts0004_7_3_3_15_anyRuleOfAnyPolicyGrants() {
        String readOnly = acp(rule(q(granted), 2, null));
        String updateOnly = acp(rule(q(granted), 4, null) + "," + rule(q(other), ACOP_ALL, null));
        String c = container(open, OneM2MClient.unique("c"), readOnly + "\",\"" + updateOnly);
        assertEquals(200, cse.get("/" + c).from(granted).send().status());
        assertEquals(200, cse.put("/" + c, "{\"m2m:cnt\":{\"lbl\":[\"x\"]}}").from(granted).send().status());
        assertDenied(cse.delete("/" + c).from(granted).send());
        assertEquals(200, cse.delete("/" + c).from(other).send().status());
    }

    @Test
    void ts0004_7_3_3_15_aPolicyThatNoLongerExistsGrantsNothing() {
        String acp = acp(rule(q(granted), ACOP_ALL, null));
        String c = container(open, OneM2MClient.unique("c"), acp);
        assertEquals(200, cse.get("/" + c).from(granted).send().status());
        assertEquals(200, cse.delete("/" + acp).from(owner).send().status());
        assertDenied(cse.get("/" + c).from(granted).send());
        assertFalse(discoveredNames(granted, "ty=3").contains(nameOf(c)));
    }

    // ---- the custodian (cstn, Release 4) ----

    @Test
    void ts0001_9_6_1_3_2_r4_withoutAcpiTheCustodianMayDoEverything() {
        assertCellsOn(custodied(granted), granted, ALL);
        assertCellsOn(custodied("/id-in/" + granted), granted, ALL);
        assertCellsOn(custodied(other), granted, NONE);
        assertCellsOn(custodied(granted), OneM2MClient.ADMIN, ALL);
    }

    @Test
    void ts0001_9_6_1_3_2_r4_aCustodianTakesTheCreatorsPlace() {
        assertCellsOn(custodied(granted), owner, NONE);
        // Named at creation: the creator has no rights on it from the start.
        Reply r = cse.create("/" + open, 3, "{\"m2m:cnt\":{\"cstn\":\"" + granted + "\"}}").from(owner).header("X-M2M-RVI", "4").send();
        assertEquals(201, r.status(), r.text());
        assertEquals(granted, r.json().path("m2m:cnt").path("cstn").asText());
        String c = r.json().path("m2m:cnt").path("ri").asText();
        assertDenied(cse.get("/" + c).from(owner).send());
        assertCellsOn(c, granted, ALL);
    }

    @Test
    void ts0001_9_6_1_3_2_r4_theCustodianIsNoDefaultWherePoliciesGovern() {
        String c = governed(acp(rule(q(other), 2, null)))[0];
        setCustodian(c, granted, owner, 403);
        Reply r = cse.put("/" + c, "{\"m2m:cnt\":{\"cstn\":\"" + granted + "\"}}").header("X-M2M-RVI", "4").send();
        assertEquals(200, r.status(), r.text());
        assertDenied(cse.get("/" + c).from(granted).send());
        assertEquals(200, cse.get("/" + c).from(other).send().status());
    }

    @Test
    void ts0001_9_6_1_3_2_r4_onlyTheCustodyHolderChangesTheCustodian() {
        String c = governed(null)[0];
        setCustodian(c, granted, other, 403); // no rights on it at all
        setCustodian(c, granted, owner, 200); // the creator, while none is named
        setCustodian(c, other, owner, 403);   // the creator no longer
        setCustodian(c, other, granted, 200); // the custodian hands it on
        assertDenied(cse.get("/" + c).from(granted).send());
        assertEquals(200, cse.get("/" + c).from(other).send().status());
        // Removing the custodian gives the creator its rights back.
        Reply removed = cse.put("/" + c, "{\"m2m:cnt\":{\"cstn\":null}}").from(other).header("X-M2M-RVI", "4").send();
        assertEquals(200, removed.status(), removed.text());
        assertTrue(removed.json().path("m2m:cnt").path("cstn").isMissingNode(), removed.text());
        assertEquals(200, cse.get("/" + c).from(owner).send().status());
        assertDenied(cse.get("/" + c).from(other).send());
    }

    @Test
    void ts0001_9_6_2_r4_thePolicysCustodianHasItsSelfPrivileges() {
        Reply created = cse.create("/" + owner, 1, "{\"m2m:acp\":{\"cstn\":\"" + granted + "\",\"pv\":{\"acr\":[]},\"pvs\":{\"acr\":["
                + rule(q(other), 2, null) + "]}}}").from(owner).header("X-M2M-RVI", "4").send();
        assertEquals(201, created.status(), created.text());
        String acp = created.json().path("m2m:acp").path("ri").asText();
        assertEquals(200, cse.get("/" + acp).from(other).send().status(), "pvs still grant");
        assertDenied(cse.put("/" + acp, "{\"m2m:acp\":{\"lbl\":[\"x\"]}}").from(other).send());
        assertDenied(cse.get("/" + acp).from(owner).send()); // its creator has what pvs give it: nothing
        assertEquals(200, cse.get("/" + acp).from(granted).send().status());
        assertEquals(200, cse.put("/" + acp, "{\"m2m:acp\":{\"pvs\":{\"acr\":[" + rule(q(granted), 2, null) + "]}}}").from(granted)
                .send().status());
        assertTrue(discoveredNames(granted, owner, "ty=1").contains(nameOf(acp)), "discovery shows the custodian its policy");
        assertFalse(discoveredNames(other, owner, "ty=1").contains(nameOf(acp)));
        // The policy's custodian may use it to govern resources it has custody of.
        String c = custodied(granted);
        Reply governedByIt = cse.put("/" + c, "{\"m2m:cnt\":{\"acpi\":[\"" + acp + "\"]}}").from(granted).send();
        assertEquals(200, governedByIt.status(), governedByIt.text());
        assertEquals(200, cse.delete("/" + acp).from(granted).send().status());
    }

    @Test
    void ts0001_9_6_1_3_2_r4_discoveryAndChildListsShowWhatTheCustodianHolds() {
        String[] c = governed(null);
        setCustodian(c[0], granted, owner, 200);
        String mine = contentInstanceOf(c[0], granted);
        assertTrue(discoveredNames(granted, "ty=3").contains(nameOf(c[0])));
        List<String> instances = discoveredNames(granted, "ty=4");
        assertTrue(instances.contains(nameOf(c[1])), "the owner's instance takes its container's custodian: " + instances);
        assertTrue(instances.contains(nameOf(mine)), instances.toString());
        assertFalse(discoveredNames(owner, "ty=3").contains(nameOf(c[0])), "the creator no longer sees it");
        assertFalse(discoveredNames(owner, "ty=4").contains(nameOf(c[1])), "nor its own instance in it");
        Reply children = cse.get("/" + c[0] + "?rcn=6").from(granted).send();
        assertEquals(200, children.status(), children.text());
        assertEquals(2, children.json().path("m2m:rrl").path("rrf").size(), children.text());
        // Partial retrieve answers the custodian what it asks for, a Release 4 originator only.
        Reply partial = cse.get("/" + c[0] + "?atrl=cstn+ty").from(granted).header("X-M2M-RVI", "4").send();
        assertEquals(200, partial.status(), partial.text());
        assertEquals(granted, partial.json().path("m2m:cnt").path("cstn").asText(), partial.text());
        assertDenied(cse.get("/" + c[0] + "?atrl=cstn").from(owner).header("X-M2M-RVI", "4").send());
        assertTrue(cse.get("/" + c[0]).from(granted).send().json().path("m2m:cnt").path("cstn").isMissingNode(),
                "a Release 3 originator does not see it");
    }

    @Test
    void ts0004_7_4_14_3_2_r4_theGroupsCustodianFansOut() {
        String c = custodied(granted);
        Reply g = cse.create("/" + owner, 9, "{\"m2m:grp\":{\"mt\":3,\"mnm\":5,\"mid\":[\"" + c + "\"],\"cstn\":\"" + granted + "\"}}")
                .header("X-M2M-RVI", "4").send();
        assertEquals(201, g.status(), g.text());
        String grp = g.json().path("m2m:grp").path("ri").asText();
        Reply fanned = cse.get("/" + grp + "/fopt").from(granted).send();
        assertEquals(200, fanned.status(), fanned.text());
        assertTrue(fanned.text().contains("\"rsc\":2000"), fanned.text());
        assertDenied(cse.get("/" + grp + "/fopt").from(owner).send());
    }

    @Test
    void ts0001_8_1_2_r4_theCustodianIsARelease4AttributeAndAnId() {
        String c = governed(null)[0];
        assertBadRequest(cse.put("/" + c, "{\"m2m:cnt\":{\"cstn\":\"" + granted + "\"}}").from(owner).send(), "cstn");
        assertBadRequest(cse.create("/" + open, 3, "{\"m2m:cnt\":{\"cstn\":\"" + granted + "\"}}").from(owner).send(), "cstn");
        assertBadRequest(cse.put("/" + c, "{\"m2m:cnt\":{\"cstn\":\"two words\"}}").from(owner).header("X-M2M-RVI", "4").send(), "cstn");
        assertBadRequest(cse.put("/" + c, "{\"m2m:cnt\":{\"cstn\":7}}").from(owner).header("X-M2M-RVI", "4").send(), "cstn");
        assertBadRequest(cse.create("/" + c, 4, "{\"m2m:cin\":{\"con\":\"x\",\"cstn\":\"" + granted + "\"}}").from(owner)
                .header("X-M2M-RVI", "4").send(), "cstn");
        assertEquals(200, cse.get("/" + c).from(owner).send().status(), "nothing was changed");
    }

    /** A fresh {@code open / c} without acpi whose creator (the owner) made {@code custodian} its custodian. */
    private String custodied(String custodian) {
        String c = governed(null)[0];
        setCustodian(c, custodian, owner, 200);
        return c;
    }

    private void setCustodian(String c, String custodian, String who, int status) {
        Reply r = cse.put("/" + c, "{\"m2m:cnt\":{\"cstn\":\"" + custodian + "\"}}").from(who).header("X-M2M-RVI", "4").send();
        assertEquals(status, r.status(), r.text());
        if (status == 200) {
            assertEquals(custodian, r.json().path("m2m:cnt").path("cstn").asText(), r.text());
        } else {
            assertEquals(4103, r.rsc(), r.text());
        }
    }

    private String contentInstanceOf(String container, String who) {
        Reply r = cse.create("/" + container, 4, "{\"m2m:cin\":{\"con\":\"v\"}}").from(who).send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:cin").path("ri").asText();
    }

    // ---- accessControlObjectDetails: which children a Create may make ----

    @Test
    void ts0003_7_1_5_acodLimitsCreateToItsChildTypesAndLeavesTheOtherOperations() {
        Set<Op> allButCreate = EnumSet.complementOf(EnumSet.of(Op.CREATE));
        // The matrix's Create makes a contentInstance (ty 4) in a container (ty 3).
        assertCells(withAcod(rule(q(granted), ACOP_ALL, null), "[{\"chty\":[4]}]"), granted, ALL);
        assertCells(withAcod(rule(q(granted), ACOP_ALL, null), "[{\"chty\":[3,28]}]"), granted, allButCreate);
        assertCells(withAcod(rule(q(granted), ACOP_ALL, null), "[{\"ty\":3,\"chty\":[4]}]"), granted, ALL);
        assertCells(withAcod(rule(q(granted), ACOP_ALL, null), "[{\"ty\":2,\"chty\":[4]}]"), granted, allButCreate);
        assertCells(withAcod(rule(q(granted), ACOP_ALL, null), "[{\"ty\":2,\"chty\":[3]},{\"ty\":3,\"chty\":[4]}]"), granted, ALL);
        // acod narrows its own rule only: another rule without it still grants the Create.
        assertCells(withAcod(rule(q(granted), ACOP_ALL, null), "[{\"chty\":[3]}]") + "," + rule(q(granted), 1, null), granted, ALL);
        assertCells(withAcod(rule(q(granted), ACOP_ALL, null), "[{\"chty\":[4]}]"), other, NONE);
    }

    @Test
    void ts0003_7_1_5_acodAllowsOnlyTheChildTypesItLists() {
        String c = governed(acp(withAcod(rule(q(granted), 1 + 2, null), "[{\"ty\":3,\"chty\":[3]}]")))[0];
        Reply allowed = cse.create("/" + c, 3, "{\"m2m:cnt\":{}}").from(granted).send();
        assertEquals(201, allowed.status(), allowed.text());
        assertDenied(cse.create("/" + c, 4, "{\"m2m:cin\":{\"con\":\"x\"}}").from(granted).send());
        assertDenied(cse.create("/" + c, 23, "{\"m2m:sub\":{\"nu\":[\"" + granted + "\"],\"su\":\"" + granted + "\"}}").from(granted).send());
        // Once created, the child's own acpi (none: the default policy) decides, not the parent's acod.
        String child = allowed.json().path("m2m:cnt").path("ri").asText();
        assertEquals(200, cse.get("/" + child).from(granted).send().status());
    }

    @Test
    void ts0003_7_1_5_acodSpecializationIsTheFlexContainerTheCreateMakes() {
        String c = governed(acp(withAcod(rule(q(granted), 1, null), "[{\"spty\":{\"cnd\":\"" + BINARY_SWITCH + "\"},\"chty\":[28]}]")))[0];
        Reply sw = cse.create("/" + c, 28, "{\"cod:binSh\":{\"cnd\":\"" + BINARY_SWITCH + "\",\"state\":true}}").from(granted).send();
        assertEquals(201, sw.status(), sw.text());
        assertDenied(cse.create("/" + c, 28, "{\"cod:tempe\":{\"cnd\":\"org.onem2m.common.moduleclass.temperature\",\"curT0\":20.5}}")
                .from(granted).send());
        assertDenied(cse.create("/" + c, 3, "{\"m2m:cnt\":{}}").from(granted).send());
    }

    @Test
    void ts0003_7_1_5_acodDoesNotNarrowDiscoveryNorChildLists() {
        // A rule with acod grants discovery and retrieve as one without (res_objd applies to Creates only); a rule
        // that grants Create only, whatever its acod, shows nothing.
        String shown = governed(acp(withAcod(rule(q(granted), 2 + DISCOVERY_BIT, null), "[{\"ty\":2,\"chty\":[3]}]")))[0];
        String createOnly = governed(acp(withAcod(rule(q(granted), 1, null), "[{\"ty\":3,\"chty\":[4]}]")))[0];
        List<String> found = discoveredNames(granted, "ty=3");
        assertTrue(found.contains(nameOf(shown)), found.toString());
        assertFalse(found.contains(nameOf(createOnly)), found.toString());
        String children = cse.get("/" + open + "?rcn=6").from(granted).send().text();
        assertTrue(children.contains(nameOf(shown)), children);
        assertFalse(children.contains(nameOf(createOnly)), children);
    }

    @Test
    void ts0004_7_4_14_3_2_aFanOutCreateMatchesAcodOfMacpWithTheMembersType() {
        String member = governed(acp(rule(q(granted), 1, null)))[0];
        String fits = acp(withAcod(rule(q(granted), 1, null), "[{\"ty\":3,\"chty\":[4]}]"));
        String misfits = acp(withAcod(rule(q(granted), 1, null), "[{\"ty\":2,\"chty\":[4]}]"));
        String cin = "{\"m2m:cin\":{\"con\":\"fan\"}}";
        Reply created = cse.create("/" + membersGroup(member, fits) + "/fopt", 4, cin).from(granted).send();
        assertEquals(200, created.status(), created.text());
        assertEquals(2001, created.json().path("m2m:agr").path("m2m:rsp").get(0).path("rsc").asInt(), created.text());
        assertDenied(cse.create("/" + membersGroup(member, misfits) + "/fopt", 4, cin).from(granted).send());
        assertDenied(cse.create("/" + membersGroup(member, fits) + "/fopt", 3, "{\"m2m:cnt\":{}}").from(granted).send());
    }

    @Test
    void ts0004_6_3_5_27_acodIsStoredAndAnsweredAsGiven() {
        Reply r = createAcp("{\"m2m:acp\":{\"pv\":{\"acr\":[" + withAcod(rule(q(granted), 1, null),
                "[{\"ty\":2,\"spty\":{\"cnd\":\"" + BINARY_SWITCH + "\"},\"chty\":[28]}]") + "]},\"pvs\":{\"acr\":["
                + rule(q(owner), ACOP_ALL, null) + "]}}}");
        assertEquals(201, r.status(), r.text());
        JsonNode acod = r.json().path("m2m:acp").path("pv").path("acr").get(0).path("acod").get(0);
        assertEquals(2, acod.path("ty").asInt(), r.text());
        assertEquals(BINARY_SWITCH, acod.path("spty").path("cnd").asText(), r.text());
        assertEquals(28, acod.path("chty").get(0).asInt(), r.text());
        String xml = "<m2m:acp xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"><pv><acr><acor>" + granted + "</acor><acop>1</acop>"
                + "<acod><ty>3</ty><chty>4 3</chty></acod></acr></pv><pvs><acr><acor>" + owner + "</acor><acop>63</acop></acr></pvs></m2m:acp>";
        Reply fromXml = cse.method("POST", "/" + owner).from(owner).body(xml.getBytes(StandardCharsets.UTF_8), "application/xml;ty=1").send();
        assertEquals(201, fromXml.status(), fromXml.text());
        JsonNode x = fromXml.json().path("m2m:acp").path("pv").path("acr").get(0).path("acod").get(0);
        assertEquals(3, x.path("ty").asInt(), fromXml.text());
        assertEquals(List.of(4, 3), List.of(x.path("chty").get(0).asInt(), x.path("chty").get(1).asInt()), fromXml.text());
        Reply asXml = cse.get("/" + fromXml.json().path("m2m:acp").path("ri").asText()).header("Accept", "application/xml").send();
        assertTrue(asXml.text().contains("<acod><ty>3</ty><chty>4 3</chty></acod>"), asXml.text());
    }

    @Test
    void ts0004_6_3_5_27_badObjectDetailsAreBadRequests() {
        String pvs = "\"pvs\":{\"acr\":[" + rule(q(owner), ACOP_ALL, null) + "]}";
        assertBadRequest(createAcp("{\"m2m:acp\":{\"pv\":{\"acr\":[" + withAcod(rule(q(granted), 1, null), "[{\"ty\":3}]") + "]}," + pvs + "}}"),
                "pv.acr[0].acod[0] needs chty");
        assertBadRequest(createAcp("{\"m2m:acp\":{\"pv\":{\"acr\":[" + withAcod(rule(q(granted), 1, null), "[{\"chty\":[999]}]") + "]}," + pvs + "}}"),
                "pv.acr[0].acod[0].chty");
        assertBadRequest(createAcp("{\"m2m:acp\":{\"pv\":{\"acr\":[" + withAcod(rule(q(granted), 1, null), "[{\"spty\":{\"mgd\":7},\"chty\":[13]}]")
                + "]}," + pvs + "}}"), "pv.acr[0].acod[0].spty.mgd");
        String acp = acp(rule(q(granted), 2, null));
        assertBadRequest(cse.put("/" + acp, "{\"m2m:acp\":{\"pv\":{\"acr\":[" + withAcod(rule(q(granted), 1, null), "[{\"chty\":\"4\"}]")
                + "]}}}").from(owner).send(), "pv.acr[0].acod[0].chty must be a list");
    }

    // ---- contentInstances take their container's decision ----

    @Test
    void ts0004_7_3_3_15_contentInstancesInheritTheirContainersPolicy() {
        String[] governed = governed(acp(rule(q(granted), 2, null)));
        String c = governed[0];
        String cin = governed[1];
        assertEquals(200, cse.get("/" + cin).from(granted).send().status());
        assertEquals(200, cse.get("/" + c + "/la").from(granted).send().status());
        assertEquals(200, cse.get("/" + c + "/ol").from(granted).send().status());
        assertDenied(cse.delete("/" + cin).from(granted).send());
        assertDenied(cse.get("/" + cin).from(other).send());
        assertFalse(discoveredNames(granted, "ty=4").contains(nameOf(cin)), "R does not grant discovery");

        String[] deletable = governed(acp(rule(q(granted), 8 + DISCOVERY_BIT, null)));
        String deleter = deletable[0];
        String cin2 = deletable[1];
        assertDenied(cse.get("/" + cin2).from(granted).send());
        assertDenied(cse.get("/" + deleter + "/la").from(granted).send());
        assertTrue(discoveredNames(granted, "ty=4").contains(nameOf(cin2)));
        assertEquals(200, cse.delete("/" + cin2).from(granted).send().status());
    }

    @Test
    void ts0004_7_3_3_15_contentInstancesFollowTheirContainersAcpiWhenItChanges() {
        String[] governed = governed(acp(rule(q(granted), 2, null)));
        String c = governed[0];
        String cin = governed[1];
        assertFalse(discoveredNames(granted, "ty=4").contains(nameOf(cin)));
        String discoverable = acp(rule(q(granted), 2 + DISCOVERY_BIT, null));
        assertEquals(200, cse.put("/" + c, "{\"m2m:cnt\":{\"acpi\":[\"" + discoverable + "\"]}}").from(owner).send().status());
        assertTrue(discoveredNames(granted, "ty=4").contains(nameOf(cin)));
        assertTrue(discoveredNames(granted, "ty=3").contains(nameOf(c)));
        // Removing acpi hands the container and its instances back to the default policy: the owner's only.
        assertEquals(200, cse.put("/" + c, "{\"m2m:cnt\":{\"acpi\":null}}").from(owner).send().status());
        assertFalse(discoveredNames(granted, "ty=4").contains(nameOf(cin)));
        assertDenied(cse.get("/" + cin).from(granted).send());
        assertEquals(200, cse.get("/" + cin).from(owner).send().status());
        assertTrue(discoveredNames(owner, "ty=4").contains(nameOf(cin)));
    }

    // ---- discovery and child lists never leak ----

    @Test
    void ts0004_7_3_3_17_discoveryLimitCountsOnlyWhatMayBeDiscovered() {
        String denied = acp(rule(q(granted), 2, null));
        String allowed = acp(rule(q(granted), DISCOVERY_BIT, null));
        // Structured-name order puts the denied ones first: a limit applied before access control would find nothing.
        for (int i = 0; i < 3; i++) {
            container(open, "a" + i + "-" + System.nanoTime(), denied);
        }
        String b = container(open, "b-" + System.nanoTime(), allowed);
        Reply r = cse.get("/" + open + "?fu=1&ty=3&lim=1").from(granted).send();
        assertEquals(200, r.status(), r.text());
        assertEquals(List.of(nameOf(b)), names(r.json().path("m2m:uril")));
        assertEquals(List.of(nameOf(b)), discoveredNames(granted, "ty=3"));
    }

    @Test
    void ts0004_7_3_3_15_childListsLeaveOutWhatMayNotBeRetrieved() {
        String readable = governed(acp(rule(q(granted), 2, null)))[0];
        String hidden = governed(acp(rule(q(other), ACOP_ALL, null)))[0];
        String unowned = container(open, OneM2MClient.unique("u"), null);
        for (String rcn : List.of("4", "5", "6", "8")) {
            Reply r = cse.get("/" + open + "?rcn=" + rcn).from(granted).send();
            assertEquals(200, r.status(), r.text());
            String body = r.text();
            assertTrue(body.contains(nameOf(readable)), "rcn " + rcn + ": " + body);
            assertFalse(body.contains(nameOf(hidden)), "rcn " + rcn + ": " + body);
            assertFalse(body.contains(nameOf(unowned)), "rcn " + rcn + ": " + body);
        }
        Reply asOwner = cse.get("/" + open + "?rcn=6").from(owner).send();
        assertTrue(asOwner.text().contains(nameOf(unowned)), asOwner.text());
        assertFalse(asOwner.text().contains(nameOf(hidden)), asOwner.text());
        Reply asAdmin = cse.get("/" + open + "?rcn=6").send();
        assertTrue(asAdmin.text().contains(nameOf(hidden)), asAdmin.text());
    }

    // ---- acpi itself ----

    @Test
    void ts0004_7_3_3_15_updatingAcpiNeedsUpdateInTheSelfPrivileges() {
        String pvOnly = acp(rule(q(granted), ACOP_ALL, null));
        String c = container(open, OneM2MClient.unique("c"), pvOnly);
        String replacement = acp(rule(q(granted), 2, null));
        // U in pv allows updating other attributes, not acpi.
        assertEquals(200, cse.put("/" + c, "{\"m2m:cnt\":{\"lbl\":[\"x\"]}}").from(granted).send().status());
        assertDenied(cse.put("/" + c, "{\"m2m:cnt\":{\"acpi\":[\"" + replacement + "\"]}}").from(granted).send());
        // The owner holds pvs U (but nothing in pv).
        assertDenied(cse.put("/" + c, "{\"m2m:cnt\":{\"lbl\":[\"y\"]}}").from(owner).send());
        assertEquals(200, cse.put("/" + c, "{\"m2m:cnt\":{\"acpi\":[\"" + replacement + "\"]}}").from(owner).send().status());
        assertDenied(cse.put("/" + c, "{\"m2m:cnt\":{\"lbl\":[\"z\"]}}").from(granted).send());

        String selfManaged = cse.create("/" + owner, 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[]},\"pvs\":{\"acr\":["
                + rule(q(granted), 4, null) + "]}}}").from(owner).send().json().path("m2m:acp").path("ri").asText();
        String c2 = container(open, OneM2MClient.unique("c"), selfManaged);
        assertEquals(200, cse.put("/" + c2, "{\"m2m:cnt\":{\"acpi\":[\"" + replacement + "\"]}}").from(granted).send().status());
    }

    @Test
    void ts0004_7_3_3_15_withoutAcpiTheDefaultPolicyDecidesWhoSetsIt() {
        String c = container(open, OneM2MClient.unique("c"), null);
        String acp = acp(rule(q(granted), 2, null));
        assertDenied(cse.put("/" + c, "{\"m2m:cnt\":{\"acpi\":[\"" + acp + "\"]}}").from(granted).send());
        assertEquals(200, cse.put("/" + c, "{\"m2m:cnt\":{\"acpi\":[\"" + acp + "\"]}}").from(owner).send().status());
        assertEquals(200, cse.get("/" + c).from(granted).send().status());
    }

    @Test
    void ts0001_9_6_1_3_2_acpiMustBeTheOnlyAttributeOfItsUpdate() {
        String acp = acp(rule(q(granted), 2, null));
        String c = container(open, OneM2MClient.unique("c"), null);
        assertBadRequest(cse.put("/" + c, "{\"m2m:cnt\":{\"acpi\":[\"" + acp + "\"],\"lbl\":[\"x\"]}}").from(owner).send(), "only attribute");
    }

    @Test
    void ts0004_7_3_3_15_acpiMustNameExistingPolicies() {
        String c = container(open, OneM2MClient.unique("c"), null);
        assertBadRequest(cse.put("/" + c, "{\"m2m:cnt\":{\"acpi\":[\"acpMissing\"]}}").from(owner).send(), "acpMissing");
        assertBadRequest(cse.put("/" + c, "{\"m2m:cnt\":{\"acpi\":[\"" + open + "\"]}}").from(owner).send(), "not the resourceID of an accessControlPolicy");
        assertBadRequest(cse.create("/" + open, 3, "{\"m2m:cnt\":{\"acpi\":[\"acpMissing\"]}}").from(owner).send(), "acpMissing");
        assertBadRequest(cse.create("/cse-in", 2, "{\"m2m:ae\":{\"api\":\"Nx\",\"rr\":false,\"srv\":[\"3\"],\"acpi\":[\"acpMissing\"]}}")
                .from("C" + OneM2MClient.unique("reg")).send(), "acpMissing");
        assertBadRequest(cse.create("/" + c, 4, "{\"m2m:cin\":{\"con\":\"x\",\"acpi\":[]}}").from(owner).send(), "unknown attribute acpi");
    }

    // ---- the accessControlPolicy resource ----

    @Test
    void ts0004_7_4_2_aPolicyIsGovernedByItsSelfPrivileges() {
        String acp = cse.create("/" + owner, 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[" + rule(q(granted), ACOP_ALL, null) + "]},\"pvs\":{\"acr\":["
                + rule(q(owner), ACOP_ALL, null) + "," + rule(q(other), 2, null) + "]}}}").from(owner).send().json().path("m2m:acp").path("ri").asText();
        // pv names granted, but a policy's own access goes through pvs only.
        assertDenied(cse.get("/" + acp).from(granted).send());
        Reply read = cse.get("/" + acp).from(other).send();
        assertEquals(200, read.status(), read.text());
        assertEquals(1, read.json().path("m2m:acp").path("ty").asInt());
        assertDenied(cse.put("/" + acp, "{\"m2m:acp\":{\"lbl\":[\"x\"]}}").from(other).send());
        assertDenied(cse.delete("/" + acp).from(other).send());
        assertFalse(discoveredNames(other, owner, "ty=1").contains(nameOf(acp)), "pvs R does not grant discovery");
        assertEquals(200, cse.put("/" + acp, "{\"m2m:acp\":{\"pvs\":{\"acr\":[" + rule(q(owner), ACOP_ALL, null) + ","
                + rule(q(other), 2 + DISCOVERY_BIT, null) + "]}}}").from(owner).send().status());
        assertTrue(discoveredNames(other, owner, "ty=1").contains(nameOf(acp)));
        assertEquals(200, cse.delete("/" + acp).from(owner).send().status());
    }

    @Test
    void ts0004_7_4_2_createAnswersThePolicyAsStored() {
        Reply r = cse.create("/" + owner, 1, "{\"m2m:acp\":{\"rn\":\"p\",\"pv\":{\"acr\":[{\"acor\":[\"all\"],\"acop\":2,"
                + "\"acco\":[{\"actw\":[\"* * 8-17 * * 1-5 *\"],\"acip\":{\"ipv4\":[\"10.0.0.0/8\"]}}]}]},"
                + "\"pvs\":{\"acr\":[{\"acor\":[\"" + owner + "\"],\"acop\":63}]}}}").from(owner).send();
        assertEquals(201, r.status(), r.text());
        JsonNode acp = r.json().path("m2m:acp");
        assertEquals("* * 8-17 * * 1-5 *", acp.path("pv").path("acr").get(0).path("acco").get(0).path("actw").get(0).asText());
        assertEquals(63, acp.path("pvs").path("acr").get(0).path("acop").asInt());
        assertTrue(acp.path("acpi").isMissingNode());
        assertEquals(201, cse.create("/cse-in", 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[]},\"pvs\":{\"acr\":["
                + rule(q(owner), ACOP_ALL, null) + "]}}}").send().status());
        assertDenied(cse.create("/cse-in", 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[]},\"pvs\":{\"acr\":["
                + rule(q(owner), ACOP_ALL, null) + "]}}}").from(owner).send());
        assertEquals(4108, cse.create("/" + open, 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[]},\"pvs\":{\"acr\":["
                + rule(q(owner), ACOP_ALL, null) + "]}}}").from(owner).send().rsc());
    }

    @Test
    void ts0004_8_3_aPolicyInXmlKeepsItsScheduleEntriesApart() {
        String xml = "<m2m:acp xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"><pv><acr><acor>" + granted + " all</acor><acop>2</acop>"
                + "<acco><actw>* * * * * * *</actw><actw>* * 1 * * * *</actw><acip><ipv4>127.0.0.1 10.0.0.0/8</ipv4></acip></acco>"
                + "</acr></pv><pvs><acr><acor>" + owner + "</acor><acop>63</acop><acaf>false</acaf></acr></pvs></m2m:acp>";
        Reply created = cse.method("POST", "/" + owner).from(owner).body(xml.getBytes(StandardCharsets.UTF_8),
                "application/xml;ty=1").send();
        assertEquals(201, created.status(), created.text());
        String ri = created.json().path("m2m:acp").path("ri").asText();
        JsonNode acr = created.json().path("m2m:acp").path("pv").path("acr").get(0);
        assertEquals("* * 1 * * * *", acr.path("acco").get(0).path("actw").get(1).asText());
        assertEquals(2, acr.path("acop").asInt());
        assertEquals("10.0.0.0/8", acr.path("acco").get(0).path("acip").path("ipv4").get(1).asText());
        Reply asXml = cse.get("/" + ri).header("Accept", "application/xml").send();
        assertTrue(asXml.text().contains("<actw>* * * * * * *</actw><actw>* * 1 * * * *</actw>"), asXml.text());
    }

    @Test
    void ts0004_7_4_2_badPolicyShapesAreBadRequests() {
        String pvs = "\"pvs\":{\"acr\":[" + rule(q(owner), ACOP_ALL, null) + "]}";
        assertBadRequest(createAcp("{\"m2m:acp\":{" + pvs + "}}"), "pv is missing");
        assertBadRequest(createAcp("{\"m2m:acp\":{\"pv\":{\"acr\":[]}}}"), "pvs is missing");
        assertBadRequest(createAcp("{\"m2m:acp\":{\"pv\":{\"acr\":[]},\"pvs\":{\"acr\":[]}}}"), "pvs must hold at least one rule");
        assertBadRequest(createAcp("{\"m2m:acp\":{\"pv\":[]," + pvs + "}}"), "pv must be an object");
        assertBadRequest(createAcp("{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acor\":[\"x\"],\"acop\":64}]}," + pvs + "}}"), "acop must be an integer 1-63");
        assertBadRequest(createAcp("{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acop\":2}]}," + pvs + "}}"), "needs acor");
        assertBadRequest(createAcp("{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acor\":[\"x\"],\"acop\":2,\"acco\":[{\"actw\":[\"* * *\"]}]}]}," + pvs + "}}"),
                "7 fields");
        assertBadRequest(createAcp("{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acor\":[\"x\"],\"acop\":2,\"acco\":[{\"acip\":{\"ipv4\":[\"300.1.1.1\"]}}]}]},"
                + pvs + "}}"), "300.1.1.1");
        assertBadRequest(createAcp("{\"m2m:acp\":{\"pv\":{\"acr\":[]}," + pvs + ",\"acpi\":[]}}"), "unknown attribute acpi");
        assertBadRequest(createAcp("{\"m2m:acp\":{\"pv\":{\"acr\":[]}," + pvs + ",\"adri\":[\"x\"],\"apri\":[\"y\"]}}"),
                "never present together");
        Reply r = cse.put("/" + acp(rule(q(granted), 2, null)), "{\"m2m:acp\":{\"pvs\":{\"acr\":[]}}}").from(owner).send();
        assertBadRequest(r, "pvs must hold at least one rule");
        assertBadRequest(createAcp("{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acor\":[\"x\"],\"acop\":2,\"acco\":[{\"aclr\":{\"accc\":[\"de\"]}}]}]},"
                + pvs + "}}"), "pv.acr[0].acco[0].aclr.accc holds de");
        assertBadRequest(createAcp("{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acor\":[\"x\"],\"acop\":2,\"acco\":[{\"aclr\":{\"accr\":[0,0,-5]}}]}]},"
                + pvs + "}}"), "pv.acr[0].acco[0].aclr.accr has a negative radius");
    }

    // ---- roles and tokens (TS-0003 7.3.2, 7.4; TS-0004 7.4.40, 7.4.41) ----

    @Test
    void ts0004_7_3_3_15_aRoleIdInAcorGrantsTheHolderOfARoleResource() {
        String role = roleId();
        assertEquals(201, createRole(role, granted, -3600, 3600).status());
        assertCells(rule(q(role), ACOP_ALL, null), granted, ALL, Proof.rids(role));
        assertCells(rule(q(role), 2 + DISCOVERY_BIT, null), granted, EnumSet.of(Op.RETRIEVE, Op.CHILD_LIST, Op.DISCOVERY),
                Proof.rids(role));
    }

    @Test
    void ts0003_7_4_3_aRoleIdWithoutProofGrantsNothing() {
        String role = roleId();
        assertEquals(201, createRole(role, granted, -3600, 3600).status());
        String expired = roleId();
        assertEquals(201, createRole(expired, other, -7200, -3600).status());
        assertCells(rule(q(role), ACOP_ALL, null), other, NONE, Proof.rids(role));
        assertCells(rule(q(role), ACOP_ALL, null), granted, NONE);
        assertCells(rule(q(roleId()), ACOP_ALL, null), granted, NONE, Proof.rids(roleId()));
        assertCells(rule(q(expired), ACOP_ALL, null), other, NONE, Proof.rids(expired));
    }

    @Test
    void ts0003_7_4_2_2_onlyTheAuthorizationAuthorityAssignsRoles() {
        // Whoever may create under the CSEBase, only the administrator assigns roles (RoleTypeTest shows the check itself).
        assertDenied(cse.create("/cse-in", 31, roleJson(roleId(), granted, -60, 3600)).from(granted).send());
        assertBadRequest(cse.create("/cse-in", 31, roleJson("Not A Role", granted, -60, 3600)).send(), "rlid");
        assertBadRequest(cse.create("/cse-in", 31, roleJson(roleId(), granted, 60, -60)).send(), "tkna");
        assertBadRequest(cse.create("/cse-in", 31, "{\"m2m:rol\":{\"rlid\":\"" + roleId() + "\"}}").send(), "is missing");
    }

    @Test
    void ts0003_7_3_2_5_aTokenCarryingTheRoleGrantsItsHolder() {
        String role = roleId();
        JsonNode token = issueToken("\"tkhd\":\"" + granted + "\",\"tkps\":{\"pm\":[{\"rids\":[\"" + role + "\"]}]}");
        String jwt = token.path("tkob").asText();
        assertEquals(3, jwt.split("\\.").length, "a JWS in compact serialization");
        assertEquals(granted, token.path("tkhd").asText());
        assertCells(rule(q(role), ACOP_ALL, null), granted, ALL, Proof.token(jwt));
        assertCells(rule(q(role), ACOP_ALL, null), granted, ALL, Proof.tids(token.path("tkid").asText()));
        // Another originator presenting the same token is refused: it is not the holder.
        assertCells(rule(q(role), ACOP_ALL, null), other, NONE, Proof.token(jwt));
    }

    @Test
    void ts0003_7_3_2_5_tokenPrivilegesHoldOnTheirResourcesOnly() {
        String[] governed = governed(acp(rule(q("Cnobody"), ACOP_ALL, null)));
        String c = governed[0];
        String cin = governed[1];
        String elsewhere = governed(acp(rule(q("Cnobody"), ACOP_ALL, null)))[0];
        String jwt = issueToken("\"tkhd\":\"" + granted + "\",\"tkps\":{\"pm\":[{\"ris\":[\"" + c + "\"],\"pv\":{\"acr\":["
                + rule(q(granted), 2 + DISCOVERY_BIT, null) + "]}}]}").path("tkob").asText();
        Proof proof = Proof.token(jwt);
        assertEquals(200, proof.on(cse.get("/" + c)).from(granted).send().status());
        assertEquals(200, proof.on(cse.get("/" + cin)).from(granted).send().status(), "the instance takes the container's decision");
        assertDenied(proof.on(cse.put("/" + c, "{\"m2m:cnt\":{\"lbl\":[\"x\"]}}")).from(granted).send());
        assertDenied(proof.on(cse.get("/" + elsewhere)).from(granted).send());
        assertDenied(cse.get("/" + c).from(granted).send());
        // Discovery and child lists with the token show what it grants, and nothing else.
        List<String> found = discoveredNames(granted, open, "ty=3", proof);
        assertTrue(found.contains(nameOf(c)), found.toString());
        assertFalse(found.contains(nameOf(elsewhere)), found.toString());
        assertTrue(discoveredNames(granted, open, "ty=4", proof).contains(nameOf(cin)));
        assertFalse(discoveredNames(granted, open, "ty=3").contains(nameOf(c)), "without the token");
        String children = proof.on(cse.get("/" + open + "?rcn=6")).from(granted).send().text();
        assertTrue(children.contains(nameOf(c)), children);
        assertFalse(children.contains(nameOf(elsewhere)), children);
    }

    @Test
    void ts0003_7_3_2_3_badTokensAreRefusedWithTheReason() throws Exception {
        String c = governed(acp(rule("\"all\"", ACOP_ALL, null)))[0];
        JsonNode expired = issueToken("\"tkhd\":\"" + granted + "\",\"tknb\":\"" + timestamp(-7200) + "\",\"tkna\":\""
                + timestamp(-3600) + "\"");
        assertRefused(Proof.token(expired.path("tkob").asText()), c, "expired");
        JsonNode early = issueToken("\"tkhd\":\"" + granted + "\",\"tknb\":\"" + timestamp(3600) + "\",\"tkna\":\"" + timestamp(7200) + "\"");
        assertRefused(Proof.token(early.path("tkob").asText()), c, "not valid before");
        JsonNode elsewhere = issueToken("\"tkhd\":\"" + granted + "\",\"tkau\":[\"//other.example.net/id-x\"]");
        assertRefused(Proof.token(elsewhere.path("tkob").asText()), c, "meant for //other.example.net/id-x");
        JsonNode others = issueToken("\"tkhd\":\"" + other + "\"");
        assertRefused(Proof.token(others.path("tkob").asText()), c, "held by " + other);
        String[] parts = others.path("tkob").asText().split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace(other, granted);
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertRefused(Proof.token(forged), c, "does not verify");
        assertRefused(Proof.token(signedByAnotherKey(others.path("tkis").asText())), c, "does not verify");
        assertRefused(Proof.tids("unknown" + System.nanoTime() + "@keel.example.net"), c, "no <token> of this CSE");
        assertRefused(Proof.ltids("ltunknown"), c, "did not assign");
        Reply malformed = Proof.token("not-a-jwt").on(cse.get("/" + c)).from(granted).send();
        assertBadRequest(malformed, "no JWT");
        // The same request without the bad token is granted: the policy says all.
        assertEquals(200, cse.get("/" + c).from(granted).send().status());
    }

    @Test
    void ts0003_7_3_2_3_theResponseAssignsLocalTokenIdsTheNextRequestsMayUse() throws Exception {
        String role = roleId();
        JsonNode token = issueToken("\"tkhd\":\"" + granted + "\",\"tkps\":{\"pm\":[{\"rids\":[\"" + role + "\"]}]}");
        String c = governed(acp(rule(q(role), 2, null)))[0];
        Reply r = Proof.token(token.path("tkob").asText()).on(cse.get("/" + c)).from(granted).send();
        assertEquals(200, r.status(), r.text());
        String ati = r.header("X-M2M-ATI");
        JsonNode assignment = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ati).path("ltia").get(0);
        assertEquals(token.path("tkid").asText(), assignment.path("tkid").asText(), ati);
        String lti = assignment.path("lti").asText();
        assertEquals(200, cse.get("/" + c + "?ltids=" + lti).from(granted).send().status());
        assertDenied(cse.get("/" + c + "?ltids=" + lti).from(other).send());
        assertEquals(null, cse.get("/" + c + "?ltids=" + lti).from(granted).send().header("X-M2M-ATI"), "no token, no ATI");
    }

    @Test
    void ts0004_7_4_41_tokenResources() throws Exception {
        assertDenied(cse.create("/cse-in", 32, "{\"m2m:tk\":{\"tkhd\":\"" + granted + "\"}}").from(granted).send());
        assertBadRequest(cse.create("/cse-in", 32, "{\"m2m:tk\":{\"tknm\":\"x\"}}").send(), "tkhd");
        JsonNode issued = issueToken("\"tkhd\":\"" + granted + "\",\"tknm\":\"kitchen\"");
        // A token issued here may be stored again, as a token repository holds it; its claims are read from it.
        Reply stored = cse.create("/cse-in", 32, "{\"m2m:tk\":{\"tkid\":\"" + issued.path("tkid").asText() + "\",\"tkob\":\""
                + issued.path("tkob").asText() + "\"}}").send();
        assertEquals(201, stored.status(), stored.text());
        assertEquals("kitchen", stored.json().path("m2m:tk").path("tknm").asText());
        assertEquals(granted, stored.json().path("m2m:tk").path("tkhd").asText());
        assertBadRequest(cse.create("/cse-in", 32, "{\"m2m:tk\":{\"tkhd\":\"Csomeone\",\"tkob\":\"" + issued.path("tkob").asText()
                + "\"}}").send(), "tkhd differs");
        assertBadRequest(cse.create("/cse-in", 32, "{\"m2m:tk\":{\"tkob\":\"" + signedByAnotherKey(issued.path("tkis").asText())
                + "\"}}").send(), "does not verify");
        // Its claims are the token's: an Update may not change them (TS-0004 table 7.4.41.1-3: NP).
        assertEquals(4000, cse.put("/" + issued.path("ri").asText(), "{\"m2m:tk\":{\"tknm\":\"y\"}}").send().rsc());
    }

    /** How a request proves roles and tokens: query fields (rids, tids, ltids) and the Authorization header (tokens). */
    private record Proof(String query, String authorization) {
        static final Proof NONE = new Proof(null, null);

        static Proof rids(String roleId) {
            return new Proof("rids=" + roleId, null);
        }

        static Proof token(String jwt) {
            return new Proof(null, jwt);
        }

        static Proof tids(String tokenId) {
            return new Proof("tids=" + tokenId, null);
        }

        static Proof ltids(String localTokenId) {
            return new Proof("ltids=" + localTokenId, null);
        }

        String path(String path) {
            return query == null ? path : path + (path.contains("?") ? "&" : "?") + query;
        }

        OneM2MClient.Call on(OneM2MClient.Call call) {
            return authorization == null ? call : call.header("Authorization", authorization);
        }

        @Override
        public String toString() {
            return query != null ? query : authorization != null ? "a token" : "no proof";
        }
    }

    private void assertRefused(Proof proof, String target, String reasonPart) {
        Reply r = proof.on(cse.get(proof.path("/" + target))).from(granted).send();
        assertDenied(r);
        assertTrue(r.json().path("m2m:dbg").asText().contains(reasonPart), r.text());
    }

    private static String roleId() {
        return "r" + System.nanoTime() + "@keel.example.net";
    }

    private static String timestamp(long secondsFromNow) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC)
                .format(java.time.Instant.now().plusSeconds(secondsFromNow));
    }

    private static String roleJson(String roleId, String holder, long nbf, long naf) {
        return "{\"m2m:rol\":{\"rlid\":\"" + roleId + "\",\"tkis\":\"" + OneM2MClient.ADMIN + "\",\"tkhd\":\"" + holder
                + "\",\"tknb\":\"" + timestamp(nbf) + "\",\"tkna\":\"" + timestamp(naf) + "\"}}";
    }

    /** A {@code <role>} the administrator (the Authorization Authority) creates. */
    private Reply createRole(String roleId, String holder, long nbf, long naf) {
        return cse.create("/cse-in", 31, roleJson(roleId, holder, nbf, naf)).send();
    }

    /** A {@code <token>} the CSE issues on the administrator's request; the attributes are the inside of m2m:tk. */
    private JsonNode issueToken(String attributes) {
        Reply r = cse.create("/cse-in", 32, "{\"m2m:tk\":{" + attributes + "}}").send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:tk");
    }

    /** A token with the claims this CSE issues, for {@code granted}, signed with a key it does not know. */
    private String signedByAnotherKey(String issuer) throws Exception {
        com.nimbusds.jwt.JWTClaimsSet claims = new com.nimbusds.jwt.JWTClaimsSet.Builder().jwtID("x" + System.nanoTime()
                + "@keel.example.net").issuer(issuer).claim("azp", granted).claim("tkvr", "1")
                .notBeforeTime(new java.util.Date(System.currentTimeMillis() - 60_000))
                .expirationTime(new java.util.Date(System.currentTimeMillis() + 3_600_000)).build();
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(
                com.nimbusds.jose.JWSAlgorithm.HS256).type(com.nimbusds.jose.JOSEObjectType.JWT).build(), claims);
        jwt.sign(new com.nimbusds.jose.crypto.MACSigner(new com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator(256).generate()));
        return jwt.serialize();
    }

    // ---- helpers ----

    /**
     * Creates {@code open / c} governed by the rules (none: no acpi), with a contentInstance in it, then asserts every
     * operation of {@link Op} for {@code who}: allowed when in {@code allowed}, else 4103 (or left out of the lists).
     */
    private void assertCells(String rules, String who, Set<Op> allowed) {
        assertCells(rules, null, who, allowed, Proof.NONE);
    }

    /** The same, each request carrying the proof (role IDs, tokens, token IDs). */
    private void assertCells(String rules, String who, Set<Op> allowed, Proof proof) {
        assertCells(rules, null, who, allowed, proof);
    }

    /** The same, with {@code c} linking the dynamicAuthorizationConsultation {@code dac} (null: none) by daci. */
    private void assertCells(String rules, String dac, String who, Set<Op> allowed) {
        assertCells(rules, dac, who, allowed, Proof.NONE);
    }

    private void assertCells(String rules, String dac, String who, Set<Op> allowed, Proof proof) {
        assertCellsOn(governed(rules == null ? null : acp(rules), dac)[0], "rules " + rules + ", originator " + who + ", " + proof + ", ",
                who, allowed, proof);
    }

    /** The same for a container made otherwise (one with a custodian), which the cells may delete. */
    private void assertCellsOn(String c, String who, Set<Op> allowed) {
        assertCellsOn(c, "custodied " + c + ", originator " + who + ", ", who, allowed, Proof.NONE);
    }

    private void assertCellsOn(String c, String cell, String who, Set<Op> allowed, Proof proof) {
        String name = nameOf(c);
        for (Op op : Op.values()) {
            boolean expected = allowed.contains(op);
            switch (op) {
                case RETRIEVE -> assertOutcome(cell + op, expected, 200, proof.on(cse.get(proof.path("/" + c))).from(who).send());
                case UPDATE -> assertOutcome(cell + op, expected, 200, proof.on(cse.put(proof.path("/" + c), "{\"m2m:cnt\":{\"lbl\":[\"touched\"]}}")).from(who).send());
                case CREATE -> assertOutcome(cell + op, expected, 201, proof.on(cse.create(proof.path("/" + c), 4, "{\"m2m:cin\":{\"con\":\"w\"}}")).from(who).send());
                case DISCOVERY -> assertEquals(expected, discoveredNames(who, open, "ty=3", proof).contains(name), cell + op);
                case CHILD_LIST -> {
                    Reply r = proof.on(cse.get(proof.path("/" + open + "?rcn=6"))).from(who).send();
                    if (r.status() == 200) {
                        assertEquals(expected, names(r.json().path("m2m:rrl").path("rrf"), "val").contains(name), cell + op + ": " + r.text());
                    } else {
                        assertFalse(expected, cell + op + ": " + r.text());
                        assertDenied(r);
                    }
                }
                case NOTIFY -> assertOutcome(cell + op, expected, 405, proof.on(cse.method("POST", proof.path("/" + c)))
                        .json("{\"m2m:sgn\":{\"sur\":\"/id-in/sub0\",\"nev\":{\"net\":1}}}").from(who).send());
                case DELETE -> assertOutcome(cell + op, expected, 200, proof.on(cse.delete(proof.path("/" + c))).from(who).send());
            }
        }
    }

    private static void assertOutcome(String cell, boolean allowed, int status, Reply r) {
        if (allowed) {
            assertEquals(status, r.status(), cell + ": " + r.text());
        } else {
            assertEquals(403, r.status(), cell + ": " + r.text());
            assertEquals(4103, r.rsc(), cell);
        }
    }

    private static void assertDenied(Reply r) {
        assertEquals(403, r.status(), r.text());
        assertEquals(4103, r.rsc(), r.text());
    }

    private static void assertBadRequest(Reply r, String reasonPart) {
        assertEquals(400, r.status(), r.text());
        assertEquals(4000, r.rsc(), r.text());
        assertTrue(r.json().path("m2m:dbg").asText().contains(reasonPart), r.text());
    }

    /** One accessControlRule; {@code acor} is the JSON of the list's items, {@code context} one acco item or null. */
    private static String rule(String acor, int acop, String context) {
        return "{\"acor\":[" + acor + "],\"acop\":" + acop + (context == null ? "" : ",\"acco\":[" + context + "]") + "}";
    }

    /** The rule with accessControlObjectDetails (the JSON list) added. */
    private static String withAcod(String rule, String acod) {
        return rule.substring(0, rule.length() - 1) + ",\"acod\":" + acod + "}";
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }

    /** A policy under the owner's AE with the given pv rules; only the owner holds its pvs. */
    private String acp(String rules) {
        Reply r = createAcp("{\"m2m:acp\":{\"pv\":{\"acr\":[" + rules + "]},\"pvs\":{\"acr\":[" + rule(q(owner), ACOP_ALL, null) + "]}}}");
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:acp").path("ri").asText();
    }

    /**
     * A group under the owner's AE with these members (the inside of the mid list); the admin creates it, since only
     * an originator that may retrieve every member may (5105).
     */
    private String group(String members) {
        Reply r = cse.create("/" + owner, 9, "{\"m2m:grp\":{\"mnm\":5,\"mid\":[" + members + "]}}").send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:grp").path("ri").asText();
    }

    /** A group of containers (mt 3) the admin creates under the owner's AE, its fanOutPoint governed by {@code macp}. */
    private String membersGroup(String member, String macp) {
        Reply r = cse.create("/" + owner, 9, "{\"m2m:grp\":{\"mt\":3,\"mnm\":5,\"mid\":[\"" + member + "\"],\"macp\":[\"" + macp + "\"]}}").send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:grp").path("ri").asText();
    }

    private Reply createAcp(String body) {
        return cse.create("/" + owner, 1, body).from(owner).send();
    }

    /** A container the owner creates; {@code acpi} is the inside of the acpi list's quotes, or null for none. */
    private String container(String parent, String rn, String acpi) {
        String attrs = "\"rn\":\"" + rn + "\"" + (acpi == null ? "" : ",\"acpi\":[\"" + acpi + "\"]");
        Reply r = cse.create("/" + parent, 3, "{\"m2m:cnt\":{" + attrs + "}}").from(owner).send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:cnt").path("ri").asText();
    }

    /**
     * {@code open / c / i}, then c governed by {@code acpi} (null: none): the owner adds the instance while the default
     * policy still lets it, then sets acpi.
     *
     * @return the ri of c and of i
     */
    private String[] governed(String acpi) {
        return governed(acpi, null);
    }

    private String[] governed(String acpi, String dac) {
        String c = container(open, OneM2MClient.unique("c"), null);
        if (dac != null) {
            Reply linked = cse.put("/" + c, "{\"m2m:cnt\":{\"daci\":[\"" + dac + "\"]}}").from(owner).send();
            assertEquals(200, linked.status(), linked.text());
        }
        String cin = contentInstance(c);
        if (acpi != null) {
            Reply r = cse.put("/" + c, "{\"m2m:cnt\":{\"acpi\":[\"" + acpi + "\"]}}").from(owner).send();
            assertEquals(200, r.status(), r.text());
        }
        return new String[] {c, cin};
    }

    private String contentInstance(String container) {
        Reply r = cse.create("/" + container, 4, "{\"m2m:cin\":{\"con\":\"v\"}}").from(owner).send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:cin").path("ri").asText();
    }

    /** The last segment of each discovered resource's structured address, from {@code open}. */
    private List<String> discoveredNames(String who, String query) {
        return discoveredNames(who, open, query);
    }

    private List<String> discoveredNames(String who, String root, String query) {
        return discoveredNames(who, root, query, Proof.NONE);
    }

    private List<String> discoveredNames(String who, String root, String query, Proof proof) {
        Reply r = proof.on(cse.get(proof.path("/" + root + "?fu=1&" + query))).from(who).send();
        if (r.status() == 403) {
            return List.of();
        }
        assertEquals(200, r.status(), r.text());
        return names(r.json().path("m2m:uril"));
    }

    private static List<String> names(JsonNode uris) {
        List<String> out = new ArrayList<>();
        uris.forEach(u -> out.add(u.asText().substring(u.asText().lastIndexOf('/') + 1)));
        return out;
    }

    private static List<String> names(JsonNode refs, String field) {
        List<String> out = new ArrayList<>();
        refs.forEach(ref -> out.add(ref.path(field).asText().substring(ref.path(field).asText().lastIndexOf('/') + 1)));
        return out;
    }

    /** The resourceName of a resource, as the admin sees it. */
    private String nameOf(String ri) {
        return cse.get("/" + ri).send().json().elements().next().path("rn").asText();
    }
}
