package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.NotificationReceiver.Received;
import io.keel.it.OneM2MClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A notification target removing itself from a subscription through its virtual ntsr (TS-0004 7.4.33), under the
 * policy that governs it: a notificationTargetPolicy (7.4.31) named by the subscription's
 * notificationTargetMgmtPolicyRef (7.4.30), with policyDeletionRules (7.4.32), or a default one. The subscription's
 * creator and the target are AEs whose notifications reach real HTTP receivers.
 */
class NotificationTargetPolicyIT extends KeelIT {
    private NotificationReceiver creatorInbox;
    private NotificationReceiver targetInbox;
    private String creator;
    private String target;
    private String sub;
    private String otherTarget;
    private String container;
    private final List<String> policies = new ArrayList<>();

    @BeforeEach
    void setUp() {
        creatorInbox = new NotificationReceiver();
        targetInbox = new NotificationReceiver();
        creator = cse.registerAe("C" + OneM2MClient.unique("ntpCreator"), OneM2MClient.unique("ntpCreatorAe"));
        assertEquals(200, cse.put("/" + creator, "{\"m2m:ae\":{\"poa\":[\"" + creatorInbox.url() + "\"]}}").from(creator)
                .send().status());
        target = cse.registerNotifiableAe(targetInbox.url(), creator);
        Reply cnt = cse.create("/" + creator, 3, "{\"m2m:cnt\":{}}").from(creator).send();
        assertEquals(201, cnt.status(), cnt.text());
        container = cnt.json().path("m2m:cnt").path("ri").asText();
        otherTarget = creatorInbox.url("/copy");
        Reply created = cse.create("/" + cnt.json().path("m2m:cnt").path("ri").asText(), 23, "{\"m2m:sub\":{\"nu\":[\""
                + target + "\",\"" + otherTarget + "\"],\"enc\":{\"net\":[3]}}}").from(creator).send();
        assertEquals(201, created.status(), created.text());
        sub = created.json().path("m2m:sub").path("ri").asText();
        assertTrue(targetInbox.next().sgn().path("vrq").asBoolean(), "the target was verified");
    }

    @AfterEach
    void tearDown() {
        for (String p : policies) {
            cse.delete("/" + p).send();
        }
        creatorInbox.close();
        targetInbox.close();
    }

    /** A notificationTargetPolicy under the CSEBase, made by {@code by}; deleted after the test. */
    private String policy(String by, String attributes) {
        Reply r = cse.create("/cse-in", 26, "{\"m2m:ntp\":{" + attributes + "}}").from(by).send();
        assertEquals(201, r.status(), r.text());
        String ri = r.json().path("m2m:ntp").path("ri").asText();
        policies.add(ri);
        return ri;
    }

    /** The policy referenced for the target by a notificationTargetMgmtPolicyRef of the subscription. */
    private void governedBy(String policy) {
        Reply ref = cse.create("/" + sub, 25, "{\"m2m:ntpr\":{\"ntu\":[\"" + target + "\"],\"npi\":\"" + policy + "\"}}")
                .from(creator).send();
        assertEquals(201, ref.status(), ref.text());
    }

    private Reply leave(String originator) {
        return cse.delete("/" + sub + "/ntsr").from(originator).send();
    }

    private List<String> targets() {
        Reply r = cse.get("/" + sub).from(creator).send();
        assertEquals(200, r.status(), r.text());
        List<String> nu = new ArrayList<>();
        r.json().path("m2m:sub").path("nu").forEach(n -> nu.add(n.asText()));
        return nu;
    }

    @Test
    void ts0004_7_4_33_2_4_acceptRemovesTheTargetFromNu() {
        governedBy(policy(OneM2MClient.ADMIN, "\"acn\":1,\"plbl\":\"open\""));
        Reply r = leave(target);
        assertEquals(2002, r.rsc(), r.text());
        assertEquals(List.of(otherTarget), targets());
        creatorInbox.expectNothing(Duration.ofMillis(300));
    }

    @Test
    void ts0004_7_4_33_2_4_rejectIs4103AndKeepsTheTarget() {
        governedBy(policy(OneM2MClient.ADMIN, "\"acn\":2,\"plbl\":\"closed\""));
        Reply r = leave(target);
        assertEquals(4103, r.rsc(), r.text());
        assertTrue(r.text().contains("rejects"), r.text());
        assertEquals(List.of(target, otherTarget), targets());
    }

    @Test
    void ts0004_7_4_33_2_4_seekAuthorizationAsksTheCreatorAndRemovesWhenItAgrees() {
        governedBy(policy(OneM2MClient.ADMIN, "\"acn\":3,\"plbl\":\"ask\""));
        Reply r = leave(target);
        assertEquals(2002, r.rsc(), r.text());
        Received asked = creatorInbox.next();
        JsonNode sgn = asked.sgn();
        assertTrue(sgn.path("tra").asBoolean(), asked.text());
        assertEquals(target, sgn.path("ntt").asText(), asked.text());
        assertTrue(sgn.path("sur").asText().endsWith("/" + sub), asked.text());
        assertEquals(List.of(otherTarget), targets());
    }

    @Test
    void ts0004_7_4_33_2_4_seekAuthorizationRefusedByTheCreatorKeepsTheTarget() {
        governedBy(policy(OneM2MClient.ADMIN, "\"acn\":3,\"plbl\":\"ask\""));
        creatorInbox.answering(4103);
        Reply r = leave(target);
        assertEquals(4103, r.rsc(), r.text());
        assertTrue(creatorInbox.next().sgn().path("tra").asBoolean());
        assertEquals(List.of(target, otherTarget), targets());
    }

    @Test
    void ts0004_7_4_33_2_4_informTellsTheCreatorAndLeavesTheRemovalToIt() {
        governedBy(policy(OneM2MClient.ADMIN, "\"acn\":4,\"plbl\":\"tell\""));
        Reply r = leave(target);
        assertEquals(4103, r.rsc(), r.text());
        JsonNode sgn = creatorInbox.next().sgn();
        assertTrue(sgn.path("trr").asBoolean(), sgn.toString());
        assertEquals(target, sgn.path("ntt").asText());
        assertEquals(List.of(target, otherTarget), targets());
    }

    @Test
    void ts0004_7_4_33_2_4_withoutAnyPolicyTheCseDefaultAccepts() {
        Reply r = leave(target);
        assertEquals(2002, r.rsc(), r.text());
        assertEquals(List.of(otherTarget), targets());
    }

    /** The service provider's "Default" policy (made by the admin originator) applies where no reference names one. */
    @Test
    void ts0004_7_4_33_2_4_theServiceProvidersDefaultPolicyAppliesWhereNoReferenceNamesOne() {
        policy(OneM2MClient.ADMIN, "\"acn\":2,\"plbl\":\"Default\"");
        assertEquals(4103, leave(target).rsc());
        assertEquals(List.of(target, otherTarget), targets());
        // A reference naming another policy for the target wins over the default.
        governedBy(policy(OneM2MClient.ADMIN, "\"acn\":1,\"plbl\":\"specific\""));
        assertEquals(2002, leave(target).rsc());
        assertEquals(List.of(otherTarget), targets());
    }

    @Test
    void ts0004_7_4_32_theActionAppliesOnlyWhileTheDeletionRulesHold() {
        String never = policy(OneM2MClient.ADMIN, "\"acn\":1,\"plbl\":\"feb30\"");
        Reply rules = cse.create("/" + never, 27, "{\"m2m:pdr\":{\"dr\":{\"tod\":[\"* * * 30 2 * *\"]}}}").send();
        assertEquals(201, rules.status(), rules.text());
        assertEquals(2, rules.json().path("m2m:pdr").path("drr").asInt(), "OR by default");
        governedBy(never);
        Reply refused = leave(target);
        assertEquals(4103, refused.rsc(), refused.text());
        assertEquals(List.of(target, otherTarget), targets());
        // A second group, OR-ed with the first, that always holds: now the action applies.
        assertEquals(200, cse.put("/" + never, "{\"m2m:ntp\":{\"rrs\":2}}").send().status());
        assertEquals(201, cse.create("/" + never, 27, "{\"m2m:pdr\":{\"dr\":{\"tod\":[\"* * * * * * *\"]}}}").send().status());
        assertEquals(2002, leave(target).rsc());
        assertEquals(List.of(otherTarget), targets());
    }

    /** The target's registered location (Release 4 loc, set by the admin originator): a point [longitude, latitude]. */
    private void targetAt(String lonLat) {
        Reply r = cse.put("/" + target, "{\"m2m:ae\":{\"loc\":{\"typ\":1,\"crd\":\"" + lonLat + "\"}}}")
                .header("X-M2M-RVI", "4").send();
        assertEquals(200, r.status(), r.text());
    }

    @Test
    void ts0004_7_4_32_locationRegionsHoldForATargetInsideThem() {
        String near = policy(OneM2MClient.ADMIN, "\"acn\":1,\"plbl\":\"munich\"");
        // Within 10 km of Munich's centre, or anywhere in Austria.
        Reply rules = cse.create("/" + near, 27, "{\"m2m:pdr\":{\"dr\":{\"lr\":[{\"accr\":[48.1374, 11.5755, 10000]},"
                + "{\"accc\":[\"AT\"]}]}}}").send();
        assertEquals(201, rules.status(), rules.text());
        assertEquals("AT", rules.json().path("m2m:pdr").path("dr").path("lr").path(1).path("accc").path(0).asText());
        governedBy(near);
        // TS-0003 F.2.1: where the target is not known, the rules do not hold.
        Reply unknown = leave(target);
        assertEquals(4103, unknown.rsc(), unknown.text());
        targetAt("[13.405, 52.52]"); // Berlin
        Reply outside = leave(target);
        assertEquals(4103, outside.rsc(), outside.text());
        assertTrue(outside.json().path("m2m:dbg").asText().contains("do not allow the removal"), outside.text());
        assertEquals(List.of(target, otherTarget), targets());
        targetAt("[16.37, 48.21]"); // Vienna
        assertEquals(2002, leave(target).rsc());
        assertEquals(List.of(otherTarget), targets());
    }

    @Test
    void ts0004_7_4_32_withAndEveryRegionMustHoldTheTarget() {
        String both = policy(OneM2MClient.ADMIN, "\"acn\":1,\"plbl\":\"both\"");
        assertEquals(201, cse.create("/" + both, 27, "{\"m2m:pdr\":{\"drr\":1,\"dr\":{\"tod\":[\"* * * * * * *\"],"
                + "\"lr\":[{\"accc\":[\"DE\"]},{\"accr\":[48.1374, 11.5755, 10000]}]}}}").send().status());
        governedBy(both);
        targetAt("[13.405, 52.52]"); // Berlin: in Germany, not near Munich
        assertEquals(4103, leave(target).rsc());
        targetAt("[11.58, 48.14]");
        assertEquals(2002, leave(target).rsc());
    }

    @Test
    void ts0004_7_4_33_2_4_onlyANotificationTargetMayLeave() {
        String stranger = cse.registerAe("C" + OneM2MClient.unique("stranger"), OneM2MClient.unique("strangerAe"));
        Reply r = leave(stranger);
        assertEquals(4103, r.rsc(), r.text());
        assertTrue(r.text().contains("not a notification target"), r.text());
        assertEquals(List.of(target, otherTarget), targets());
    }

    @Test
    void ts0004_7_4_33_2_1_to_3_ntsrIsNeitherCreatedRetrievedNorUpdated() {
        assertEquals(4005, cse.get("/" + sub + "/ntsr").from(target).send().rsc());
        assertEquals(4005, cse.put("/" + sub + "/ntsr", "{\"m2m:sub\":{\"nu\":[]}}").from(target).send().rsc());
        assertEquals(4005, cse.create("/" + sub + "/ntsr", 3, "{\"m2m:cnt\":{}}").from(target).send().rsc());
    }

    @Test
    void ts0004_7_4_33_2_4_theLastTargetLeavingEndsTheSubscription() {
        assertEquals(2002, leave(target).rsc());
        Reply alone = cse.delete("/" + sub + "/ntsr").from(creator).send();
        assertEquals(4103, alone.rsc(), "the URL target is not the creator: " + alone.text());
        assertEquals(200, cse.put("/" + sub, "{\"m2m:sub\":{\"nu\":[\"" + creator + "\"]}}").from(creator).send().status());
        assertEquals(2002, cse.delete("/" + sub + "/ntsr").from(creator).send().rsc());
        assertEquals(4004, cse.get("/" + sub).from(creator).send().rsc());
    }

    @Test
    void ts0004_7_4_30_2_1_aTargetGovernedTwiceIsAConflict() {
        String p = policy(OneM2MClient.ADMIN, "\"acn\":1,\"plbl\":\"one\"");
        governedBy(p);
        Reply twice = cse.create("/" + sub, 25, "{\"m2m:ntpr\":{\"ntu\":[\"" + target + "\"]}}").from(creator).send();
        assertEquals(4105, twice.rsc(), twice.text());
        Reply dangling = cse.create("/" + sub, 25, "{\"m2m:ntpr\":{\"ntu\":[\"" + otherTarget + "\"],\"npi\":\"nothing-here\"}}")
                .from(creator).send();
        assertEquals(4000, dangling.rsc(), dangling.text());
        assertTrue(dangling.text().contains("npi"), dangling.text());
        Reply noTargets = cse.create("/" + sub, 25, "{\"m2m:ntpr\":{\"npi\":\"" + p + "\"}}").from(creator).send();
        assertEquals(4000, noTargets.rsc(), noTargets.text());
    }

    @Test
    void ts0004_7_4_31_theAttributesOfAPolicyAreChecked() {
        Reply badAction = cse.create("/cse-in", 26, "{\"m2m:ntp\":{\"acn\":5}}").send();
        assertEquals(4000, badAction.rsc(), badAction.text());
        assertTrue(badAction.text().contains("acn"), badAction.text());
        assertEquals(4000, cse.create("/cse-in", 26, "{\"m2m:ntp\":{\"rrs\":3}}").send().rsc());
        assertEquals(4000, cse.create("/cse-in", 26, "{\"m2m:ntp\":{\"plbl\":\"two  spaces\"}}").send().rsc());
        String p = policy(OneM2MClient.ADMIN, "\"acn\":1,\"plbl\":\"checked\"");
        Reply created = cse.get("/" + p).send();
        assertEquals(OneM2MClient.ADMIN, created.json().path("m2m:ntp").path("cr").asText(), created.text());
        Reply update = cse.put("/" + p, "{\"m2m:ntp\":{\"acn\":2}}").send();
        assertEquals(4000, update.rsc(), "acn is NP on Update: " + update.text());
        assertEquals(4108, cse.create("/" + creator, 26, "{\"m2m:ntp\":{\"acn\":1}}").from(creator).send().rsc());
    }

    @Test
    void ts0004_7_4_32_2_1_aPolicyHoldsAtMostTwoRuleGroups() {
        String p = policy(OneM2MClient.ADMIN, "\"acn\":1,\"plbl\":\"rules\"");
        Reply badTime = cse.create("/" + p, 27, "{\"m2m:pdr\":{\"dr\":{\"tod\":[\"* * 25 * * * *\"]}}}").send();
        assertEquals(4000, badTime.rsc(), badTime.text());
        Reply region = cse.create("/" + p, 27, "{\"m2m:pdr\":{\"dr\":{\"lr\":[{\"accc\":[\"FR\"]},{\"accr\":[91,0,5]}]}}}").send();
        assertEquals(4000, region.rsc(), region.text());
        assertTrue(region.json().path("m2m:dbg").asText().contains("dr.lr[1].accr has latitude 91.0 outside -90..90"), region.text());
        assertEquals(201, cse.create("/" + p, 27, "{\"m2m:pdr\":{}}").send().status());
        Reply second = cse.create("/" + p, 27, "{\"m2m:pdr\":{}}").send();
        assertEquals(4000, second.rsc(), "a second group needs rrs: " + second.text());
        assertEquals(200, cse.put("/" + p, "{\"m2m:ntp\":{\"rrs\":1}}").send().status());
        assertEquals(201, cse.create("/" + p, 27, "{\"m2m:pdr\":{\"drr\":1}}").send().status());
        Reply third = cse.create("/" + p, 27, "{\"m2m:pdr\":{}}").send();
        assertEquals(4105, third.rsc(), third.text());
    }

    /** A crossResourceSubscription of the creator over its container, notifying {@code nu}; its targets verified. */
    private String crossResourceSubscription(List<String> nu) {
        Reply r = cse.create("/" + creator, 48, "{\"m2m:crs\":{\"rrat\":[\"" + container + "\"],\"encs\":{\"encn\":[{\"net\":[3]}]},"
                + "\"twt\":1,\"tws\":\"PT1M\",\"nu\":[\"" + String.join("\",\"", nu) + "\"]}}").from(creator).send();
        assertEquals(201, r.status(), r.text());
        assertTrue(targetInbox.next().sgn().path("vrq").asBoolean(), "the target was verified");
        return r.json().path("m2m:crs").path("ri").asText();
    }

    private List<String> targetsOfCrs(String crs) {
        Reply r = cse.get("/" + crs).from(creator).send();
        assertEquals(200, r.status(), r.text());
        List<String> nu = new ArrayList<>();
        r.json().path("m2m:crs").path("nu").forEach(n -> nu.add(n.asText()));
        return nu;
    }

    /** A notificationTargetMgmtPolicyRef under a crossResourceSubscription (TS-0004 table 7.4.58.1-4). */
    private void crsGovernedBy(String crs, String policy) {
        Reply ref = cse.create("/" + crs, 25, "{\"m2m:ntpr\":{\"ntu\":[\"" + target + "\"],\"npi\":\"" + policy + "\"}}")
                .from(creator).send();
        assertEquals(201, ref.status(), ref.text());
        assertEquals(crs, ref.json().path("m2m:ntpr").path("pi").asText(), ref.text());
    }

    @Test
    void ts0004_7_4_58_1_acceptRemovesTheTargetFromACrossResourceSubscription() {
        String crs = crossResourceSubscription(List.of(target, otherTarget));
        crsGovernedBy(crs, policy(OneM2MClient.ADMIN, "\"acn\":1,\"plbl\":\"crsOpen\""));
        Reply r = cse.delete("/" + crs + "/ntsr").from(target).send();
        assertEquals(2002, r.rsc(), r.text());
        assertEquals(List.of(otherTarget), targetsOfCrs(crs));
        assertEquals(List.of(target, otherTarget), targets(), "the subscription's targets are its own");
    }

    @Test
    void ts0004_7_4_58_1_rejectKeepsTheTargetOfACrossResourceSubscription() {
        String crs = crossResourceSubscription(List.of(target, otherTarget));
        crsGovernedBy(crs, policy(OneM2MClient.ADMIN, "\"acn\":2,\"plbl\":\"crsClosed\""));
        Reply r = cse.delete("/" + crs + "/ntsr").from(target).send();
        assertEquals(4103, r.rsc(), r.text());
        assertTrue(r.text().contains("rejects"), r.text());
        assertEquals(List.of(target, otherTarget), targetsOfCrs(crs));
        Reply stranger = cse.delete("/" + crs + "/ntsr").from(OneM2MClient.ADMIN).send();
        assertEquals(4103, stranger.rsc(), "only a target leaves: " + stranger.text());
        assertEquals(4005, cse.get("/" + crs + "/ntsr").from(target).send().rsc());
    }

    @Test
    void ts0004_7_4_58_1_theLastTargetLeavingEndsTheCrossResourceSubscription() throws InterruptedException {
        String crs = crossResourceSubscription(List.of(target));
        String made = cse.get("/" + crs).from(creator).send().json().path("m2m:crs").path("rrats").path(0).asText();
        assertEquals(200, cse.get("/" + made).from(creator).send().status());
        Reply r = cse.delete("/" + crs + "/ntsr").from(target).send();
        assertEquals(2002, r.rsc(), r.text());
        assertEquals(4004, cse.get("/" + crs).from(creator).send().rsc());
        // TS-0004 7.4.58.2.4: the subscription it made goes with it, once its deletion has committed.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (cse.get("/" + made).from(creator).send().rsc() != 4004) {
            assertTrue(System.nanoTime() < deadline, "the subscription the crossResourceSubscription made is deleted");
            Thread.sleep(50);
        }
    }
}
