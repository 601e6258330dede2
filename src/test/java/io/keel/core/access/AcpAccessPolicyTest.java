package io.keel.core.access;

import io.keel.core.access.token.TokenSettings;
import io.keel.core.access.token.TokenAuthority;
import io.keel.core.geo.RegisteredLocations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.Clock;
import io.keel.core.CseIdentity;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.routing.Router;
import io.keel.core.store.InMemoryTree;
import io.keel.core.store.Visibility;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Access decisions (TS-0004 7.3.3.15, TS-0001 9.6.1.3.2): the privileged originators, the default for resources
 * without accessControlPolicyIDs, pv rules for those with, pvs for policies themselves, the parent's decision for a
 * contentInstance, acpi changes, fan-out through a group, and the visibility predicate discovery applies.
 */
class AcpAccessPolicyTest {
    private static final CseIdentity CSE = new CseIdentity("id-in", "cse-in", "keel.example.net", 1, "CAdmin",
            List.of("C*"), 3600, 100, 1000, List.of());
    private final InMemoryTree tree = new InMemoryTree();
    private final AcpAccessPolicy access = new AcpAccessPolicy(CSE, new TypeRegistry(), new Router(CSE, new TypeRegistry()), new Clock(),
            new RegisteredLocations(CSE), new TokenAuthority(TokenSettings.none(CSE), null));

    AcpAccessPolicyTest() {
        tree.add("id-in", null, ResourceTypes.CSE_BASE, "cse-in").origin = "id-in";
        add("Cae1", "id-in", ResourceTypes.AE, "cse-in/Cae1", "Cae1");
        add("Cae2", "id-in", ResourceTypes.AE, "cse-in/Cae2", "Cae2");
        // No acpi: the default decides.
        add("open", "Cae1", ResourceTypes.CONTAINER, "cse-in/Cae1/open", "Cae1");
        add("guest", "Cae1", ResourceTypes.CONTAINER, "cse-in/Cae1/guest", "Cguest");
        add("cinOpen", "open", ResourceTypes.CONTENT_INSTANCE, "cse-in/Cae1/open/cin", "Cae1");
        // Policies.
        policy("acpShared", "cse-in/Cae1/shared",
                List.of(rule(List.of("Cae2"), 2), rule(List.of("Cw*"), 6), rule(List.of("all"), 32)),
                List.of(rule(List.of("Cpolicy"), 6)));
        policy("acpMembers", "cse-in/Cae1/members", List.of(rule(List.of("Cmember"), 2)), List.of(rule(List.of("CAdmin"), 63)));
        // Governed by acpShared.
        add("guarded", "Cae1", ResourceTypes.CONTAINER, "cse-in/Cae1/guarded", "Cae1").attributes.put("acpi", List.of("acpShared"));
        add("cinGuarded", "guarded", ResourceTypes.CONTENT_INSTANCE, "cse-in/Cae1/guarded/cin", "Cae1");
        add("orphaned", "Cae1", ResourceTypes.CONTAINER, "cse-in/Cae1/orphaned", "Cae1").attributes.put("acpi", List.of("acpGone"));
        Resource grp = add("grp", "Cae1", ResourceTypes.GROUP, "cse-in/Cae1/grp", "Cae1");
        grp.attributes.put("acpi", List.of("acpShared"));
        grp.attributes.put("macp", List.of("acpMembers"));
        add("grpNoMacp", "Cae1", ResourceTypes.GROUP, "cse-in/Cae1/grp2", "Cae1").attributes.put("acpi", List.of("acpShared"));
    }

    /** A container governed by a policy naming domains and an absolute ID in acor. */
    private void governedByDomains() {
        policy("acpDomains", "cse-in/Cae1/domains", List.of(rule(List.of("//keel.example.net"), 2), rule(List.of("//*.other.net"), 4),
                rule(List.of("//keel.example.net/id-in/Cabs"), 8)), List.of(rule(List.of("CAdmin"), 63)));
        add("byDomain", "Cae1", ResourceTypes.CONTAINER, "cse-in/Cae1/byDomain", "Cae1").attributes.put("acpi", List.of("acpDomains"));
    }

    private Resource add(String ri, String pi, int ty, String srn, String origin) {
        Resource r = tree.add(ri, pi, ty, srn);
        r.origin = origin;
        return r;
    }

    private static Map<String, Object> rule(List<String> acor, int acop) {
        return Map.of("acor", acor, "acop", (long) acop);
    }

    private void policy(String ri, String srn, List<Map<String, Object>> pv, List<Map<String, Object>> pvs) {
        Resource acp = add(ri, "Cae1", ResourceTypes.ACCESS_CONTROL_POLICY, srn, "Cae1");
        acp.attributes.put("pv", Map.of("acr", pv));
        acp.attributes.put("pvs", Map.of("acr", pvs));
    }

    private static RequestPrimitive from(String originator) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = Operation.RETRIEVE;
        req.from = originator;
        return req;
    }

    private boolean allows(String originator, Permission p, String ri) {
        return access.allows(tree, from(originator), p, tree.find(ri));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CAdmin", "id-in", "/id-in", "/id-in/CAdmin"})
    void ts0001_9_6_1_3_2_theAdminAndTheCseItselfMayDoEverything(String originator) {
        for (String ri : List.of("id-in", "Cae1", "guarded", "cinGuarded", "acpShared", "orphaned")) {
            for (Permission p : Permission.values()) {
                assertTrue(allows(originator, p, ri), originator + " " + p + " on " + ri);
            }
        }
    }

    @Test
    void ts0001_9_6_1_3_2_aRegisteredAeMayRetrieveTheCseBaseOnly() {
        assertTrue(allows("Cae2", Permission.RETRIEVE, "id-in"));
        assertTrue(allows("/id-in/Cae2", Permission.RETRIEVE, "id-in"), "in SP-relative form too");
        assertFalse(allows("Cae2", Permission.UPDATE, "id-in"));
        assertFalse(allows("Cae2", Permission.DELETE, "id-in"));
        assertFalse(allows("Cunregistered", Permission.RETRIEVE, "id-in"), "not registered: no AE resource");
    }

    @ParameterizedTest
    @EnumSource(Permission.class)
    void ts0001_9_6_1_3_2_withoutAcpiTheCreatorAndItsAeMayDoEverything(Permission p) {
        assertTrue(allows("Cguest", p, "guest"), "the creator");
        assertTrue(allows("Cae1", p, "guest"), "the AE it lives under");
        assertTrue(allows("Cae1", p, "Cae1"), "the AE itself");
    }

    @ParameterizedTest
    @EnumSource(Permission.class)
    void ts0004_7_3_3_15_withoutAcpiOthersMayDoNothing(Permission p) {
        assertFalse(allows("Cae2", p, "open"));
        assertFalse(allows("Cguest", p, "open"), "the creator of a sibling");
        assertFalse(allows("Cae2", p, "Cae1"), "another AE");
        assertFalse(access.allows(tree, from(null), p, tree.find("open")), "no originator");
    }

    @Test
    void ts0004_7_3_3_15_pvGrantsAnExactOriginatorItsOperationsOnly() {
        assertTrue(allows("Cae2", Permission.RETRIEVE, "guarded"));
        assertTrue(allows("/id-in/Cae2", Permission.RETRIEVE, "guarded"), "SP-relative originator of this CSE");
        assertFalse(allows("Cae2", Permission.UPDATE, "guarded"));
        assertFalse(allows("Cae2", Permission.DELETE, "guarded"));
        assertFalse(allows("Cae22", Permission.RETRIEVE, "guarded"), "exact means exact");
    }

    @Test
    void ts0004_7_3_3_15_pvGrantsByWildcardAndAll() {
        assertTrue(allows("Cworker", Permission.RETRIEVE, "guarded"));
        assertTrue(allows("Cworker", Permission.UPDATE, "guarded"));
        assertFalse(allows("Cworker", Permission.DELETE, "guarded"), "acop 6 is retrieve and update");
        assertFalse(allows("Cxworker", Permission.RETRIEVE, "guarded"), "Cw* does not match Cxworker");
        assertTrue(allows("Canyone", Permission.DISCOVERY, "guarded"), "all");
        assertFalse(allows("Canyone", Permission.RETRIEVE, "guarded"), "all, but discovery only");
    }

    @Test
    void ts0001_9_6_1_3_2_withAcpiTheOwnerHasOnlyWhatThePoliciesGrant() {
        assertFalse(allows("Cae1", Permission.RETRIEVE, "guarded"), "the policy replaces the default");
        assertFalse(allows("Cae1", Permission.DELETE, "guarded"));
    }

    @Test
    void ts0001_9_6_2_1_aDomainNamesEveryOriginatorOfItsServiceProvider() {
        governedByDomains();
        assertTrue(allows("Cae2", Permission.RETRIEVE, "byDomain"), "an AE of this SP");
        assertTrue(allows("/id-mn/Cx", Permission.RETRIEVE, "byDomain"), "an AE of another CSE of this SP");
        assertTrue(allows("//keel.example.net/id-in/Cae2", Permission.RETRIEVE, "byDomain"), "absolute, this SP");
        assertFalse(allows("//elsewhere.net/id-x/Cae2", Permission.RETRIEVE, "byDomain"), "another SP");
        assertFalse(allows("Cae2", Permission.UPDATE, "byDomain"), "//*.other.net is not this SP");
        assertTrue(allows("//iot.other.net/id-x/Cy", Permission.UPDATE, "byDomain"), "a domain with a wildcard");
    }

    @Test
    void ts0001_9_6_2_1_anAcorEntryInAbsoluteFormNamesTheOriginatorInAnyForm() {
        governedByDomains();
        assertTrue(allows("Cabs", Permission.DELETE, "byDomain"));
        assertTrue(allows("/id-in/Cabs", Permission.DELETE, "byDomain"));
        assertTrue(allows("//keel.example.net/id-in/Cabs", Permission.DELETE, "byDomain"));
        assertFalse(allows("Cabsent", Permission.DELETE, "byDomain"));
    }

    @Test
    void ts0004_7_3_3_15_aPolicyThatNoLongerExistsGrantsNothing() {
        assertFalse(allows("Cae1", Permission.RETRIEVE, "orphaned"));
        assertFalse(allows("Cae2", Permission.RETRIEVE, "orphaned"));
        assertTrue(allows("CAdmin", Permission.RETRIEVE, "orphaned"));
    }

    @Test
    void ts0001_9_6_7_aContentInstanceTakesItsContainersDecision() {
        assertTrue(allows("Cae2", Permission.RETRIEVE, "cinGuarded"), "granted by the container's policy");
        assertFalse(allows("Cae2", Permission.DELETE, "cinGuarded"));
        assertFalse(allows("Cae1", Permission.RETRIEVE, "cinGuarded"), "the container's policy does not name Cae1");
        assertTrue(allows("Cae1", Permission.RETRIEVE, "cinOpen"), "the owner of a container without acpi");
        assertFalse(allows("Cae2", Permission.RETRIEVE, "cinOpen"));
    }

    @Test
    void ts0001_9_6_2_0_anAccessControlPolicyIsGovernedByItsSelfPrivileges() {
        assertTrue(allows("Cpolicy", Permission.RETRIEVE, "acpShared"));
        assertTrue(allows("Cpolicy", Permission.UPDATE, "acpShared"));
        assertFalse(allows("Cpolicy", Permission.DELETE, "acpShared"));
        assertFalse(allows("Cae2", Permission.RETRIEVE, "acpShared"), "pv governs what the policy governs, not the policy");
        assertFalse(allows("Cae1", Permission.UPDATE, "acpShared"), "the AE it lives under has only what pvs grants");
    }

    @Test
    void ts0001_9_6_1_3_2_changingAcpiNeedsUpdateInTheSelfPrivilegesOfTheCurrentPolicies() {
        assertTrue(access.allowsAcpiChange(tree, from("Cpolicy"), tree.find("guarded")));
        assertFalse(access.allowsAcpiChange(tree, from("Cworker"), tree.find("guarded")),
                "update in pv allows changing the resource, not its policies");
        assertFalse(access.allowsAcpiChange(tree, from("Cae1"), tree.find("guarded")));
        assertTrue(access.allowsAcpiChange(tree, from("CAdmin"), tree.find("guarded")));
        assertFalse(access.allowsAcpiChange(tree, from(null), tree.find("guarded")));
    }

    @Test
    void ts0001_9_6_1_3_2_withoutAcpiTheDefaultDecidesWhoMaySetOne() {
        assertTrue(access.allowsAcpiChange(tree, from("Cae1"), tree.find("open")));
        assertFalse(access.allowsAcpiChange(tree, from("Cae2"), tree.find("open")));
    }

    @Test
    void ts0004_7_4_14_2_membersAccessControlPolicyIdsDecideTheFanOut() {
        assertTrue(access.allowsFanOut(tree, from("Cmember"), Permission.RETRIEVE, tree.find("grp")));
        assertFalse(access.allowsFanOut(tree, from("Cmember"), Permission.UPDATE, tree.find("grp")));
        assertFalse(access.allowsFanOut(tree, from("Cae2"), Permission.RETRIEVE, tree.find("grp")),
                "macp, not the group's acpi, decides");
        assertTrue(access.allowsFanOut(tree, from("CAdmin"), Permission.DELETE, tree.find("grp")));
    }

    @Test
    void ts0004_7_4_14_2_withoutMacpTheGroupsAcpiDecidesTheFanOut() {
        assertTrue(access.allowsFanOut(tree, from("Cae2"), Permission.RETRIEVE, tree.find("grpNoMacp")));
        assertFalse(access.allowsFanOut(tree, from("Cmember"), Permission.RETRIEVE, tree.find("grpNoMacp")));
    }

    @Test
    void ts0004_7_3_3_15_visibleListsThePoliciesGrantingTheRequesterAndItsOwnSubtree() {
        Visibility v = access.visible(tree, from("Cae2"), Permission.RETRIEVE);

        assertEquals(new Visibility(false, "Cae2", List.of("cse-in/Cae2"), true, List.of("acpShared"), List.of(),
                ResourceTypes.ACCESS_CONTROL_POLICY).withCustody(custody("Cae2")), v);
    }

    @Test
    void ts0004_7_3_3_15_visibleListsPoliciesWhoseSelfPrivilegesGrant() {
        Visibility v = access.visible(tree, from("Cpolicy"), Permission.RETRIEVE);

        assertEquals(new Visibility(false, "Cpolicy", List.of(), true, List.of(), List.of("acpShared"),
                ResourceTypes.ACCESS_CONTROL_POLICY).withCustody(custody("Cpolicy")), v);
    }

    @Test
    void ts0004_7_3_3_15_visibleIsPerPermission() {
        assertEquals(List.of("acpShared"), access.visible(tree, from("Canyone"), Permission.DISCOVERY).granting());
        assertEquals(List.of(), access.visible(tree, from("Canyone"), Permission.RETRIEVE).granting());
        assertEquals(List.of("acpShared"), access.visible(tree, from("Cworker"), Permission.UPDATE).granting());
    }

    @Test
    void ts0004_7_3_3_15_theAdminSeesEverythingAndNoOriginatorNothing() {
        assertEquals(Visibility.EVERYTHING, access.visible(tree, from("CAdmin"), Permission.DISCOVERY));
        assertEquals(Visibility.EVERYTHING, access.visible(tree, from("/id-in"), Permission.RETRIEVE));
        Visibility none = access.visible(tree, from(null), Permission.RETRIEVE);
        assertFalse(none.everything());
        assertEquals(List.of(), none.subtrees());
        assertEquals(List.of(), none.granting());
        assertEquals(List.of(), none.selfGranting());
        assertFalse(none.policiesExist(), "nothing is granted by a policy, so only ownership decides, and it owns nothing");
    }

    @Test
    void ts0004_7_3_3_15_withoutAnyPolicyOnlyOwnershipDecidesVisibility() {
        InMemoryTree bare = new InMemoryTree();
        bare.add("id-in", null, ResourceTypes.CSE_BASE, "cse-in");
        bare.add("Cae1", "id-in", ResourceTypes.AE, "cse-in/Cae1").origin = "Cae1";

        assertEquals(new Visibility(false, "Cae1", List.of("cse-in/Cae1"), false, List.of(), List.of(),
                ResourceTypes.ACCESS_CONTROL_POLICY).withCustody(custody("Cae1")), access.visible(bare, from("Cae1"), Permission.RETRIEVE));
    }

    private static Visibility.Custody custody(String ae) {
        return new Visibility.Custody("cstn", List.of(ae, "/id-in/" + ae, "//keel.example.net/id-in/" + ae),
                new TypeRegistry().inheritingAccessControl());
    }

    private void setCustodian(String ri, String custodian) {
        Resource r = tree.find(ri);
        r.attributes.put("cstn", custodian);
        tree.update(r);
    }

    /** guest (created by Cguest under Cae1, no acpi) and its contentInstance, in the custody of Ccustodian. */
    private void custodied(String custodian) {
        setCustodian("guest", custodian);
        add("cinGuest", "guest", ResourceTypes.CONTENT_INSTANCE, "cse-in/Cae1/guest/cin", "Cguest");
    }

    @ParameterizedTest
    @EnumSource(Permission.class)
    void ts0001_9_6_1_3_2_r4_withoutAcpiTheCustodianMayDoEverything(Permission p) {
        custodied("Ccustodian");

        assertTrue(allows("Ccustodian", p, "guest"));
        assertTrue(allows("/id-in/Ccustodian", p, "guest"), "SP-relative originator");
        assertTrue(allows("Ccustodian", p, "cinGuest"), "a contentInstance takes its parent's decision");
    }

    @ParameterizedTest
    @EnumSource(Permission.class)
    void ts0001_9_6_1_3_2_r4_aCustodianTakesTheCreatorsPlace(Permission p) {
        custodied("Ccustodian");

        assertFalse(allows("Cguest", p, "guest"), "the creator");
        assertFalse(allows("Cae1", p, "guest"), "the AE it lives under");
        assertFalse(allows("Cguest", p, "cinGuest"));
        assertTrue(allows("CAdmin", p, "guest"), "the admin still");
    }

    @Test
    void ts0001_9_6_1_3_2_r4_aCustodianNamedInAnyFormOfThisCse() {
        custodied("//keel.example.net/id-in/Ccustodian");

        assertTrue(allows("Ccustodian", Permission.UPDATE, "guest"));
        assertFalse(allows("Cother", Permission.UPDATE, "guest"));
    }

    @Test
    void ts0001_9_6_1_3_2_r4_theCustodianIsNoDefaultWherePoliciesGovern() {
        setCustodian("guarded", "Ccustodian");

        assertFalse(allows("Ccustodian", Permission.RETRIEVE, "guarded"), "acpi decides");
        assertTrue(allows("Cae2", Permission.RETRIEVE, "guarded"));
    }

    @ParameterizedTest
    @EnumSource(Permission.class)
    void ts0001_9_6_2_r4_thePolicysCustodianHasItsSelfPrivileges(Permission p) {
        assertFalse(allows("Ccustodian", p, "acpShared"), "before: pvs alone");
        setCustodian("acpShared", "Ccustodian");

        assertTrue(allows("Ccustodian", p, "acpShared"));
        assertEquals(p == Permission.RETRIEVE || p == Permission.UPDATE, allows("Cpolicy", p, "acpShared"), "pvs still grant");
        assertFalse(allows("Cae1", p, "acpShared"), "its creator has no right a policy does not give it");
    }

    @Test
    void ts0001_9_6_1_3_2_r4_theCustodyHolderMayChangeTheCustodian() {
        Resource guest = tree.find("guest");
        assertTrue(access.allowsCustodianChange(tree, from("Cguest"), guest), "the creator while none is named");
        assertFalse(access.allowsCustodianChange(tree, from("Cae1"), guest), "the AE it lives under is not its creator");

        custodied("Ccustodian");
        guest = tree.find("guest");
        assertTrue(access.allowsCustodianChange(tree, from("Ccustodian"), guest));
        assertFalse(access.allowsCustodianChange(tree, from("Cguest"), guest), "the creator no longer");
        assertTrue(access.allowsCustodianChange(tree, from("CAdmin"), guest));
        assertFalse(access.allowsCustodianChange(tree, from(null), guest));
    }
}
