package io.keel.core.location;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.operation.CoreFixture;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.store.LocationWatches;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code <locationPolicy>} (TS-0004 7.4.10) on the core with a fake store: geofence judging from the state the store
 * keeps, the periodic tracker, the Location Server port (a fake one on the test class path), and the latest known
 * position.
 */
class LocationPolicyTest {
    private static final String AREA = "[[[139, 35], [140, 35], [140, 36], [139, 36], [139, 35]]]";
    private final CoreFixture cse = CoreFixture.withLocationServer(new FakeLocationServer());
    /** The tracker's time: the CSE's clock is the real one, so this starts now and the tests move it on. */
    private Instant now = Instant.now();
    private LocationTracker tracker;

    @BeforeEach
    void setUp() {
        cse.ae("Cdev", "dev");
        tracker = new LocationTracker(cse.identity, cse.store, cse.types, cse.notifications.events(), () -> now, 0);
        cse.types.container().beforeLatestRetrieveWith(tracker::beforeLatestRetrieve); // as the CSE wires it
        FakeLocationServer.ANSWERS.clear();
        FakeLocationServer.REQUESTS.clear();
    }

    @AfterEach
    void close() {
        tracker.close();
        cse.close();
    }

    private void moveTo(String crd) {
        RequestPrimitive req = cse.update("cse-in/dev", "Cdev", map("m2m:ae", map("loc", map("typ", 1, "crd", crd))));
        req.releaseVersionIndicator = "4";
        assertRsc(ResponseStatusCode.UPDATED, cse.send(req));
    }

    private List<Resource> instances(Resource policy) {
        return cse.tree.children((String) policy.get("loi"), ResourceTypes.CONTENT_INSTANCE);
    }

    private static String con(Resource cin) {
        return (String) cin.get("con");
    }

    @Test
    void ts0001_9_6_10_eachPositionIsExactlyOneEvent() {
        assertEquals(GeofenceEvent.INSIDE, GeofenceEvent.of(null, true));
        assertEquals(GeofenceEvent.OUTSIDE, GeofenceEvent.of(null, false));
        assertEquals(GeofenceEvent.ENTERING, GeofenceEvent.of(false, true));
        assertEquals(GeofenceEvent.LEAVING, GeofenceEvent.of(true, false));
        assertEquals(GeofenceEvent.INSIDE, GeofenceEvent.of(true, true));
        assertEquals(GeofenceEvent.OUTSIDE, GeofenceEvent.of(false, false));
    }

    /**
     * Whether the last position was inside is what the store keeps, not the CSE's memory: after a restart (here: the
     * stored state as a previous run left it) the next position inside the area is an Entering.
     */
    @Test
    void ts0001_9_6_10_enteringIsJudgedFromTheStoredState() {
        Resource p = PolicyRequests.created(cse, "los", 2, "lot", "Cdev", "lit", 2, "gta", map("typ", 3, "crd", AREA), "gec", 1);
        LocationWatches.Watch w = cse.store.locations.of(p.ri);
        assertNull(w.inside(), "nothing judged yet");
        cse.store.locations.put(w.judged(false)); // outside, as the store says after a restart
        moveTo("[139.5, 35.5]");
        assertEquals(List.of("{\"gec\":1,\"typ\":1,\"crd\":\"[139.5, 35.5]\"}"), instances(p).stream().map(LocationPolicyTest::con).toList());
        assertTrue(cse.store.locations.of(p.ri).inside());
        moveTo("[139.6, 35.6]");
        assertEquals(1, instances(p).size(), "inside → inside is no Entering");
    }

    @Test
    void ts0004_7_4_10_2_1_theTrackerFixesTheCurrentLocEveryPeriod() {
        moveTo("[1, 2]");
        Resource p = PolicyRequests.created(cse, "los", 2, "lot", "Cdev", "lou", List.of("PT10S"));
        assertEquals(1, instances(p).size(), "the position at creation");
        assertEquals(0, tracker.track(), "not due yet");
        now = now.plusSeconds(3600);
        assertEquals(1, tracker.track());
        assertEquals(2, instances(p).size());
        assertEquals(0, tracker.track(), "the next one is due a period later");
    }

    @Test
    void ts0004_7_4_10_2_1_networkBasedAsksTheLocationServer() {
        Resource p = PolicyRequests.created(cse, "los", 1, "lot", "dev1@operator.example", "aid", "app@operator.example", "lou", List.of("PT1M"));
        assertEquals(FakeLocationServer.DERIVED, p.get("lor"), "derived from lot when not given");
        FakeLocationServer.ANSWERS.add(new NetworkLocationSource.Position(139.7, 35.6));
        now = now.plusSeconds(3600);
        assertEquals(1, tracker.track());
        assertEquals("{\"typ\":1,\"crd\":\"[139.7, 35.6]\"}", con(instances(p).get(0)));
        NetworkLocationSource.Request asked = FakeLocationServer.REQUESTS.get(0);
        assertEquals("dev1@operator.example", asked.target());
        assertEquals("app@operator.example", asked.requester(), "authID goes as the requester");
        assertFalse(asked.lastKnown());
        assertEquals("2000", cse.tree.find(p.ri).get("lost"));
    }

    /** TS-0004 7.4.10.2.1 step 6: a failure goes to locationStatus; with rlkl the last known location is asked once. */
    @Test
    void ts0004_7_4_10_2_1_aFailedPositioningIsStoredInLocationStatus() {
        Resource failing = PolicyRequests.created(cse, "los", 1, "lot", "dev1@operator.example", "lor", "http://ls.example.net");
        FakeLocationServer.ANSWERS.add(new NetworkLocationSource.Failure("POL0002", "not authorized"));
        now = now.plusSeconds(60);
        tracker.track();
        assertEquals("POL0002", cse.tree.find(failing.ri).get("lost"));
        assertEquals(0, instances(failing).size());

        Resource lastKnown = PolicyRequests.created(cse, "los", 1, "lot", "dev2@operator.example", "lor", "http://ls.example.net", "rlkl", true);
        FakeLocationServer.ANSWERS.add(new NetworkLocationSource.Failure("5103", "no fix"));
        FakeLocationServer.ANSWERS.add(new NetworkLocationSource.Position(2.35, 48.85));
        now = now.plusSeconds(60);
        tracker.track();
        assertTrue(FakeLocationServer.REQUESTS.get(FakeLocationServer.REQUESTS.size() - 1).lastKnown());
        assertEquals(1, instances(lastKnown).size());
    }

    @Test
    void aPositionOutOfRangeFromTheLocationServerIsAFailure() {
        Resource p = PolicyRequests.created(cse, "los", 1, "lot", "dev3@operator.example");
        FakeLocationServer.ANSWERS.add(new NetworkLocationSource.Position(200, 95));
        now = now.plusSeconds(60);
        assertEquals(1, tracker.track());
        assertEquals("5000", cse.tree.find(p.ri).get("lost"));
        assertEquals(0, instances(p).size());
    }

    @Test
    void ts0004_7_4_10_2_1_networkBasedWithoutTargetOrServerIs4000() {
        assertRsc(ResponseStatusCode.BAD_REQUEST, PolicyRequests.policy(cse, "los", 1, "lot", "dev1@operator.example", "lor", "http://elsewhere.example"));
        assertRsc(ResponseStatusCode.BAD_REQUEST, PolicyRequests.policy(cse, "los", 1, "lor", "http://ls.example.net"));
        assertRsc(ResponseStatusCode.BAD_REQUEST, PolicyRequests.policy(cse, "los", 1, "lot", "dev1@elsewhere.example"));
    }

    @Test
    void latestPositionOfAnEntityComesFromItsPolicies() {
        assertTrue(cse.store.read(tx -> LatestPositions.of(tx, "Cdev")).isEmpty());
        PolicyRequests.created(cse, "los", 2, "lot", "Cdev");
        moveTo("[139.5, 35.5]");
        moveTo("[139.6, 35.6]");
        LatestPositions.Latest latest = cse.store.read(tx -> LatestPositions.of(tx, "Cdev")).orElseThrow();
        assertEquals("[139.6, 35.6]", latest.loc().get("crd"));
        assertEquals(139.6, latest.geometry().getCoordinate().x);
    }

    /** A {@code <node>} of this CSE with nodeID {@code ni}, at {@code crd} (null: no position). */
    private Resource node(String ri, String ni, String crd) {
        Resource n = cse.add(ri, CoreFixture.CSE_BASE, ResourceTypes.NODE, ri);
        n.attributes.put("ni", ni);
        if (crd != null) {
            n.attributes.put("loc", map("typ", 1L, "crd", crd));
        }
        return n;
    }

    /** The areaNwkDeviceInfo of a node, naming its neighbours (listOfNeighbors). */
    private void neighbours(String node, String devId, String... lnh) {
        Resource andi = cse.add(node + "-andi", node, ResourceTypes.MGMT_OBJ, "andi");
        andi.attributes.putAll(map("mgd", 1005L, "dvd", devId, "dvt", "sensor", "awi", "an1", "lnh", List.of(lnh)));
    }

    /** The device's AE runs on this node (its nodeLink); null: on none known. */
    private void runsOn(String node) {
        Resource ae = cse.tree.find("Cdev");
        if (node == null) {
            ae.attributes.remove("nl");
        } else {
            ae.attributes.put("nl", node);
        }
        cse.tree.update(ae);
    }

    private ResponsePrimitive retrieve(String to) {
        RequestPrimitive req = cse.request(io.keel.primitive.Operation.RETRIEVE, to, CoreFixture.ADMIN);
        req.releaseVersionIndicator = "4";
        return cse.send(req);
    }

    /**
     * TS-0004 7.4.10.2.1 step 5: the device's node (no position) reaches the MN's area network: one hop to a relay
     * without position, two hops to a sensor that has one (by devID), three to another; the closest with a position
     * gives it. A link named from either end counts.
     */
    @Test
    void ts0004_7_4_10_2_1_sharingBasedStoresTheClosestNodesPosition() {
        node("nDev", "dev-node", null);
        node("nRelay", "relay-node", null);
        node("nNear", "near-node", "[139.1, 35.1]");
        node("nFar", "far-node", "[2.35, 48.85]");
        neighbours("nDev", "dev-hw", "relay-node");
        neighbours("nNear", "near-hw", "relay-hw"); // names the relay by its devID: a link both ways
        neighbours("nRelay", "relay-hw");
        neighbours("nFar", "far-hw", "near-node");
        runsOn("nDev");
        Resource p = PolicyRequests.created(cse, "los", 3, "lot", "Cdev");
        assertEquals(List.of("{\"typ\":1,\"crd\":\"[139.1, 35.1]\"}"), instances(p).stream().map(LocationPolicyTest::con).toList());
        assertEquals("2000", cse.tree.find(p.ri).get("lost"));
    }

    /** TS-0004 7.4.10.2.1 step 5: no node with a position in reach: the Hosting CSE's own node's position. */
    @Test
    void ts0004_7_4_10_2_1_sharingBasedFallsBackToTheHostingCsesNode() {
        Resource p = PolicyRequests.created(cse, "los", 3, "lot", "Cdev");
        assertEquals("4004", p.get("lost"), "neither the originator's area network nor the CSE's node gives a position");
        assertEquals(0, instances(p).size());
        node("nMn", "mn-node", "[10, 50]").attributes.put("hcl", cse.identity.cseBaseRi());
        runsOn("nMn");
        Resource q = PolicyRequests.created(cse, "los", 3, "lot", "Cdev", "lou", List.of("PT10S"));
        assertEquals("[10, 50]", cse.tree.newestOrOldestChild((String) q.get("loi"), ResourceTypes.CONTENT_INSTANCE, true)
                .get("loc") instanceof java.util.Map<?, ?> loc ? loc.get("crd") : null);
        runsOn(null); // no topology at all
        now = now.plusSeconds(60);
        tracker.track();
        assertEquals(2, instances(q).size(), "the periodic fix falls back to the Hosting CSE's node");
    }

    /**
     * TS-0001 10.2.9.7, table 9.6.10-2 (lou): without a period, a network-based policy positions when the container's
     * latest is retrieved; the Retrieve answers with that position.
     */
    @Test
    void ts0001_10_2_9_7_withoutAPeriodTheRetrieveOfLatestPositions() {
        Resource p = PolicyRequests.created(cse, "los", 1, "lot", "dev1@operator.example");
        FakeLocationServer.ANSWERS.add(new NetworkLocationSource.Position(1, 2));
        now = now.plusSeconds(1);
        assertEquals(1, tracker.track(), "the positioning at creation");
        FakeLocationServer.ANSWERS.add(new NetworkLocationSource.Position(3, 4));
        ResponsePrimitive la = retrieve("cse-in/" + p.get("loi") + "/la");
        assertRsc(ResponseStatusCode.OK, la);
        assertEquals("{\"typ\":1,\"crd\":\"[3.0, 4.0]\"}", body(la, "m2m:cin").get("con"));
        assertEquals(2, instances(p).size());
        assertEquals(0, tracker.track(), "no period: nothing due");
        RequestPrimitive stranger = cse.request(io.keel.primitive.Operation.RETRIEVE, "cse-in/" + p.get("loi") + "/la", CoreFixture.STRANGER);
        int asked = FakeLocationServer.REQUESTS.size();
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, cse.send(stranger));
        assertEquals(asked, FakeLocationServer.REQUESTS.size(), "an originator that may not read it positions nothing");
    }

    /** With a period the Retrieve of latest reads what the periodic positioning stored. */
    @Test
    void ts0001_10_2_9_7_withAPeriodTheRetrieveOfLatestOnlyReads() {
        Resource p = PolicyRequests.created(cse, "los", 1, "lot", "dev1@operator.example", "lou", List.of("PT1H"));
        FakeLocationServer.ANSWERS.add(new NetworkLocationSource.Position(1, 2));
        now = now.plusSeconds(1);
        assertEquals(1, tracker.track());
        assertRsc(ResponseStatusCode.OK, retrieve("cse-in/" + p.get("loi") + "/la"));
        assertEquals(1, FakeLocationServer.REQUESTS.size());
    }

    /** TS-0001 table 9.6.10-2 (luec Location_Change): a position is stored only when it changed. */
    @Test
    void ts0004_6_3_4_2_56_locationChangeStoresOnlyChangedPositions() {
        Resource p = PolicyRequests.created(cse, "los", 1, "lot", "dev1@operator.example", "luec", 0);
        for (double[] at : new double[][] {{1, 2}, {1, 2}, {5, 6}, {5, 6}}) {
            FakeLocationServer.ANSWERS.add(new NetworkLocationSource.Position(at[0], at[1]));
            now = now.plusSeconds(1);
            assertEquals(1, tracker.track(), "asked at every round");
        }
        assertEquals(List.of("{\"typ\":1,\"crd\":\"[1.0, 2.0]\"}", "{\"typ\":1,\"crd\":\"[5.0, 6.0]\"}"),
                instances(p).stream().map(LocationPolicyTest::con).toList());
        FakeLocationServer.ANSWERS.add(new NetworkLocationSource.Position(7, 8));
        assertRsc(ResponseStatusCode.OK, retrieve("cse-in/" + p.get("loi") + "/la"));
        assertEquals(4, FakeLocationServer.REQUESTS.size(), "with luec the Retrieve of latest does not position");
    }

    /** TS-0003 annex F.2.1 step 2: the originator's position a policy retained is what its location regions judge. */
    @Test
    void ts0003_F_2_1_theLatestPolicyPositionIsTheOriginatorsLocation() {
        PolicyLocations locations = new PolicyLocations(new io.keel.core.geo.RegisteredLocations(cse.identity));
        assertNull(cse.store.read(tx -> locations.positionOf(tx.tree(), "Cdev")));
        node("nMn", "mn-node", "[10, 50]").attributes.put("hcl", cse.identity.cseBaseRi());
        PolicyRequests.created(cse, "los", 3, "lot", "Cdev");
        org.locationtech.jts.geom.Point p = cse.store.read(tx -> locations.positionOf(tx.tree(), "Cdev"));
        assertEquals(10, p.getX());
        assertEquals(50, p.getY());
        assertNull(cse.store.read(tx -> locations.positionOf(tx.tree(), CoreFixture.STRANGER)), "no policy of it");
    }

    @Test
    void theAnnouncedVariantIsLocationPolicyAnnc() {
        TypeRegistry types = cse.types;
        assertEquals("m2m:lcpA", types.get(10010).rootElement());
        assertTrue(types.get(ResourceTypes.REMOTE_CSE).childTypes().contains(10010));
    }
}
