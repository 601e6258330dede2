package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.it.NotificationReceiver.Received;
import io.keel.it.OneM2MClient.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code <locationPolicy>} (ty 10, TS-0004 7.4.10, TS-0001 9.6.10, 10.2.9) on the real WAR and database: the container
 * the CSE makes for it, device-based position fixes from the target's loc, geofence events, the Location Server that
 * is not there, the rules between attributes, and the deletion of the container with the policy.
 */
class LocationPolicyIT extends KeelIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The square 139..140 × 35..36 (longitude × latitude). */
    private static final String AREA = "{\"typ\":3,\"crd\":\"[[[139, 35], [140, 35], [140, 36], [139, 36], [139, 35]]]\"}";
    private NotificationReceiver receiver;
    private String ae;

    @BeforeEach
    void setUp() {
        receiver = new NotificationReceiver();
        ae = cse.registerAe("C" + OneM2MClient.unique("lcp"), OneM2MClient.unique("lcpAe"));
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    /** A Release 4 request from the AE (loc is a Release 4 attribute). */
    private OneM2MClient.Call r4(OneM2MClient.Call call) {
        return call.from(ae).header("X-M2M-RVI", "4");
    }

    /**
     * A policy made by the admin originator (creating below the CSEBase needs a privilege there); {@code DEVICE} in the
     * attributes stands for a device-based source whose target is the test's AE.
     */
    private Reply policy(String attributes) {
        String content = attributes.replace("DEVICE", "\"los\":2,\"lot\":\"" + ae + "\"");
        return cse.create("/cse-in", 10, "{\"m2m:lcp\":{" + content + "}}").header("X-M2M-RVI", "4").send();
    }

    /** A Release 4 request of the admin originator, who made the policies and so their containers. */
    private OneM2MClient.Call admin(OneM2MClient.Call call) {
        return call.header("X-M2M-RVI", "4");
    }

    private JsonNode created(String attributes) {
        Reply r = policy(attributes);
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:lcp");
    }

    /** The device reports where it is: an Update of its AE's loc. */
    private void moveTo(double lon, double lat) {
        Reply r = r4(cse.put("/" + ae, "{\"m2m:ae\":{\"loc\":{\"typ\":1,\"crd\":\"[" + lon + ", " + lat + "]\"}}}")).send();
        assertEquals(200, r.status(), r.text());
    }

    private void subscribe(String container, String path) {
        subscribe(container, path, 3);
    }

    private void subscribe(String container, String path, int net) {
        Reply r = admin(cse.create("/" + container, 23, "{\"m2m:sub\":{\"nu\":[\"" + receiver.url(path)
                + "\"],\"enc\":{\"net\":[" + net + "]}}}")).send();
        assertEquals(201, r.status(), r.text());
    }

    /** The content of the contentInstance a notification carries, parsed. */
    private static JsonNode content(Received n) {
        try {
            return JSON.readTree(n.sgn().path("nev").path("rep").path("m2m:cin").path("con").asText());
        } catch (java.io.IOException e) {
            throw new AssertionError(n.text(), e);
        }
    }

    private void refused(int rsc, String attributes, String named) {
        Reply r = policy(attributes);
        assertEquals(rsc, r.rsc(), attributes + " → " + r.text());
        assertTrue(r.text().contains(named), "the answer names " + named + ": " + r.text());
    }

    @Test
    void ts0004_7_4_10_2_1_createsTheContainerThatHoldsTheLocation() {
        String name = OneM2MClient.unique("track");
        JsonNode lcp = created("DEVICE,\"lon\":\"" + name + "\"");
        assertEquals(2, lcp.path("los").asInt());
        assertEquals(1, lcp.path("lit").asInt(), "a position fix by default");
        assertEquals("1000", lcp.path("lost").asText(), "no position yet");
        String loi = lcp.path("loi").asText();

        Reply cnt = admin(cse.get("/" + loi)).send();
        assertEquals(200, cnt.status(), cnt.text());
        assertEquals(name, cnt.json().path("m2m:cnt").path("rn").asText(), "named by lon");
        assertEquals(lcp.path("ri").asText(), cnt.json().path("m2m:cnt").path("li").asText(), "its locationID");
        assertEquals(200, admin(cse.get("/cse-in/" + name)).send().status());

        Reply taken = policy("DEVICE,\"lon\":\"" + name + "\"");
        assertEquals(4105, taken.rsc(), "TS-0001 10.2.9.6: a locationContainerName that exists " + taken.text());
        assertEquals(4103, r4(cse.get("/" + loi)).send().rsc(), "the container is the policy's originator's");
    }

    /** The container is governed by the policy's accessControlPolicyIDs: who may read the policy may read the location. */
    @Test
    void ts0004_7_4_10_2_1_theContainerIsGovernedLikeThePolicy() {
        Reply acp = admin(cse.create("/cse-in", 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acor\":[\"" + ae
                + "\"],\"acop\":34}]},\"pvs\":{\"acr\":[{\"acor\":[\"CAdmin\"],\"acop\":63}]}}}")).send();
        assertEquals(201, acp.status(), acp.text());
        moveTo(139.5, 35.5);
        JsonNode lcp = created("DEVICE,\"acpi\":[\"" + acp.json().path("m2m:acp").path("ri").asText() + "\"]");
        String loi = lcp.path("loi").asText();
        Reply read = r4(cse.get("/" + loi + "/la")).send();
        assertEquals(200, read.status(), read.text());
        assertEquals("[139.5, 35.5]", read.json().path("m2m:cin").path("loc").path("crd").asText());
        Reply found = r4(cse.get("/cse-in?fu=1&ty=4&lbl=none&fo=2&cty=application/json")).send();
        assertTrue(found.text().contains(loi), "its instances are discoverable by the AE: " + found.text());
    }

    @Test
    void ts0001_10_2_9_7_deviceBasedPositionsBecomeContentInstances() {
        moveTo(139.5, 35.5); // known before the policy: stored at once
        JsonNode lcp = created("DEVICE");
        String loi = lcp.path("loi").asText();
        assertEquals("2000", lcp.path("lost").asText());
        subscribe(loi, "/fix");

        moveTo(139.6, 35.6);
        moveTo(2.35, 48.85);
        List<Received> fixes = receiver.next(2, Duration.ofSeconds(5));
        assertEquals(1, content(fixes.get(0)).path("typ").asInt());
        assertEquals("[139.6, 35.6]", content(fixes.get(0)).path("crd").asText());
        assertEquals("[2.35, 48.85]", content(fixes.get(1)).path("crd").asText());
        assertEquals("application/json:0", fixes.get(1).sgn().path("nev").path("rep").path("m2m:cin").path("cnf").asText());

        JsonNode cnt = admin(cse.get("/" + loi)).send().json().path("m2m:cnt");
        assertEquals(3, cnt.path("cni").asInt(), "the position known at creation and the two reported");
        Reply latest = admin(cse.get("/" + loi + "/la")).send();
        assertEquals("[2.35, 48.85]", latest.json().path("m2m:cin").path("loc").path("crd").asText(), latest.text());
        receiver.expectNothing(Duration.ofMillis(200));
    }

    @Test
    void ts0001_10_2_9_7_aDeviceBasedPolicyFixesAgainEveryUpdatePeriod() {
        moveTo(10, 50);
        String loi = created("DEVICE,\"lou\":[\"PT1S\"]").path("loi").asText();
        Eventually.holds(Duration.ofSeconds(10), () -> admin(cse.get("/" + loi)).send().json().path("m2m:cnt").path("cni").asInt() >= 3,
                "two periodic fixes besides the one at creation");
    }

    /**
     * TS-0001 figure 9.6.10-1: a device moving out, in, in, out and in again of the area enters it twice and leaves it
     * once; each policy stores only the events of its geofenceEventCriteria.
     */
    @Test
    void ts0001_9_6_10_geofenceEventsOfTheirCriteriaReachTheSubscribers() {
        moveTo(138, 34); // outside, before the policies
        String entering = created("DEVICE,\"lit\":2,\"gta\":" + AREA + ",\"gec\":1").path("loi").asText();
        String leaving = created("DEVICE,\"lit\":2,\"gta\":" + AREA + ",\"gec\":2").path("loi").asText();
        String every = created("DEVICE,\"lit\":2,\"gta\":" + AREA).path("loi").asText();
        subscribe(entering, "/entering");
        subscribe(leaving, "/leaving");
        subscribe(every, "/every");

        moveTo(139.5, 35.5); // in
        moveTo(139.6, 35.6); // still in
        moveTo(141, 37); // out
        moveTo(140, 36); // in again: the area's corner counts as inside
        List<Received> all = receiver.next(7, Duration.ofSeconds(5));
        receiver.expectNothing(Duration.ofMillis(300));
        List<String> seen = all.stream().map(n -> n.target() + " " + content(n).path("gec").asInt() + " "
                + content(n).path("crd").asText()).sorted().toList();
        assertEquals(List.of(
                "/entering 1 [139.5, 35.5]", "/entering 1 [140.0, 36.0]",
                "/every 1 [139.5, 35.5]", "/every 1 [140.0, 36.0]", "/every 2 [141.0, 37.0]", "/every 3 [139.6, 35.6]",
                "/leaving 2 [141.0, 37.0]"), seen);
    }

    @Test
    void ts0004_7_4_10_2_1_networkBasedWithoutALocationServerIsRefused() {
        refused(4000, "\"los\":1,\"lot\":\"123456789@domain.com\",\"lor\":\"http://ls.example.net/location\"", "los");
    }

    @Test
    void ts0004_7_4_10_1_invalidCombinationsAreRefusedNamingTheAttribute() {
        refused(4000, "\"lit\":1", "los");
        refused(4000, "\"los\":4", "los");
        refused(4000, "DEVICE,\"lit\":2", "gta");
        refused(4000, "DEVICE,\"gec\":1", "gec");
        refused(4000, "DEVICE,\"gta\":" + AREA, "gta");
        refused(4000, "DEVICE,\"lit\":2,\"gta\":{\"typ\":1,\"crd\":\"[139, 35]\"}", "gta.typ");
        refused(4000, "DEVICE,\"lit\":2,\"gta\":" + AREA + ",\"gec\":5", "gec");
        refused(4000, "DEVICE,\"lor\":\"http://ls.example.net\"", "lor");
        refused(4000, "DEVICE,\"rlkl\":true", "rlkl");
        refused(4000, "DEVICE,\"lou\":[\"PT0S\",\"PT5S\"]", "lou");
        refused(4000, "\"los\":2,\"lot\":\"Cnobody\"", "lot");
        Reply loi = policy("DEVICE,\"loi\":\"x\"");
        assertEquals(4000, loi.rsc(), loi.text());
        String ri = created("DEVICE").path("ri").asText();
        Reply update = admin(cse.put("/" + ri, "{\"m2m:lcp\":{\"gec\":1}}")).send();
        assertEquals(4000, update.rsc(), "an Update is checked as a whole: " + update.text());
        Reply source = admin(cse.put("/" + ri, "{\"m2m:lcp\":{\"los\":1}}")).send();
        assertEquals(4000, source.rsc(), "los is set on Create only: " + source.text());
    }

    /**
     * The test's AE runs on a node without position whose areaNwkDeviceInfo names a gateway node at {@code crd} as its
     * neighbour.
     */
    private void behindAGatewayAt(String crd) {
        String gatewayId = OneM2MClient.unique("gw");
        Reply gateway = admin(cse.create("/cse-in", 14, "{\"m2m:nod\":{\"ni\":\"" + gatewayId
                + "\",\"loc\":{\"typ\":1,\"crd\":\"" + crd + "\"}}}")).send();
        assertEquals(201, gateway.status(), gateway.text());
        Reply device = admin(cse.create("/cse-in", 14, "{\"m2m:nod\":{\"ni\":\"" + OneM2MClient.unique("dev") + "\"}}")).send();
        assertEquals(201, device.status(), device.text());
        String deviceNode = device.json().path("m2m:nod").path("ri").asText();
        Reply andi = admin(cse.create("/" + deviceNode, 13, "{\"m2m:andi\":{\"mgd\":1005,\"dvd\":\"" + OneM2MClient.unique("hw") + "\",\"dvt\":\"sensor\","
                + "\"awi\":\"an-1\",\"lnh\":[\"" + gatewayId + "\"]}}")).send();
        assertEquals(201, andi.status(), andi.text());
        Reply nl = admin(cse.put("/" + ae, "{\"m2m:ae\":{\"nl\":\"" + deviceNode + "\"}}")).send();
        assertEquals(200, nl.status(), nl.text());
    }

    /**
     * TS-0004 7.4.10.2.1 step 5 (Sharing_based): the AE's node has no position; its areaNwkDeviceInfo names a neighbour
     * that has one, whose position is stored as the AE's.
     */
    @Test
    void ts0004_7_4_10_2_1_sharingBasedStoresTheClosestNodesPosition() {
        behindAGatewayAt("[139.25, 35.25]");
        JsonNode lcp = created("\"los\":3,\"lot\":\"" + ae + "\"");
        assertEquals("2000", lcp.path("lost").asText(), lcp.toString());
        Reply latest = admin(cse.get("/" + lcp.path("loi").asText() + "/la")).send();
        assertEquals(200, latest.status(), latest.text());
        assertEquals("[139.25, 35.25]", latest.json().path("m2m:cin").path("loc").path("crd").asText(), latest.text());
    }

    /**
     * TS-0003 annex F.2.1 step 2: the position a locationPolicy stored for the originator is what aclr judges; without
     * it the AE (no loc, its node no loc) is in no region.
     */
    @Test
    void ts0003_F_2_1_aclrJudgesThePositionALocationPolicyStored() {
        behindAGatewayAt("[11.5755, 48.1374]");
        Reply acp = admin(cse.create("/cse-in", 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acor\":[\"" + ae + "\"],\"acop\":2,"
                + "\"acco\":[{\"aclr\":{\"accr\":[48.1374, 11.5755, 10000]}}]}]},\"pvs\":{\"acr\":[{\"acor\":[\"CAdmin\"],"
                + "\"acop\":63}]}}}")).send();
        assertEquals(201, acp.status(), acp.text());
        Reply cnt = admin(cse.create("/cse-in", 3, "{\"m2m:cnt\":{\"acpi\":[\"" + acp.json().path("m2m:acp").path("ri").asText()
                + "\"]}}")).send();
        assertEquals(201, cnt.status(), cnt.text());
        String container = cnt.json().path("m2m:cnt").path("ri").asText();
        assertEquals(4103, r4(cse.get("/" + container)).send().rsc(), "where the AE is is not known yet");
        created("\"los\":3,\"lot\":\"" + ae + "\"");
        Reply read = r4(cse.get("/" + container)).send();
        assertEquals(200, read.status(), "the shared position is in the region: " + read.text());
    }

    @Test
    void ts0004_7_4_10_2_4_deletingThePolicyDeletesItsContainer() {
        moveTo(139.5, 35.5);
        JsonNode lcp = created("DEVICE");
        String loi = lcp.path("loi").asText();
        subscribe(loi, "/gone", 2);
        Reply deleted = admin(cse.delete("/" + lcp.path("ri").asText())).send();
        assertEquals(200, deleted.status(), deleted.text());
        assertEquals(4004, admin(cse.get("/" + loi)).send().rsc(), "the container went with the policy");
        Received n = receiver.next(Duration.ofSeconds(5));
        assertEquals(2, n.sgn().path("nev").path("net").asInt(), "the container's subscriber is told: " + n.text());
        moveTo(139.6, 35.6);
        receiver.expectNothing(Duration.ofMillis(200));
    }
}
