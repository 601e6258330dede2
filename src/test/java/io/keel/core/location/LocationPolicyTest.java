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
        FakeLocationServer.ANSWERS.clear();
        FakeLocationServer.REQUESTS.clear();
    }

    @AfterEach
    void close() {
        tracker.close();
        cse.close();
    }

    private ResponsePrimitive policy(Object... attributes) {
        RequestPrimitive req = cse.create("cse-in", CoreFixture.ADMIN, ResourceTypes.LOCATION_POLICY, map("m2m:lcp", map(attributes)));
        req.releaseVersionIndicator = "4";
        return cse.send(req);
    }

    private Resource created(Object... attributes) {
        ResponsePrimitive rsp = policy(attributes);
        assertRsc(ResponseStatusCode.CREATED, rsp);
        return cse.tree.find((String) body(rsp, "m2m:lcp").get("ri"));
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
        Resource p = created("los", 2, "lot", "Cdev", "lit", 2, "gta", map("typ", 3, "crd", AREA), "gec", 1);
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
        Resource p = created("los", 2, "lot", "Cdev", "lou", List.of("PT10S"));
        assertEquals(1, instances(p).size(), "the position at creation");
        assertEquals(0, tracker.track(), "not due yet");
        now = now.plusSeconds(3600);
        assertEquals(1, tracker.track());
        assertEquals(2, instances(p).size());
        assertEquals(0, tracker.track(), "the next one is due a period later");
    }

    @Test
    void ts0004_7_4_10_2_1_networkBasedAsksTheLocationServer() {
        Resource p = created("los", 1, "lot", "dev1@operator.example", "aid", "app@operator.example", "lou", List.of("PT1M"));
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
        Resource failing = created("los", 1, "lot", "dev1@operator.example", "lor", "http://ls.example.net");
        FakeLocationServer.ANSWERS.add(new NetworkLocationSource.Failure("POL0002", "not authorized"));
        now = now.plusSeconds(60);
        tracker.track();
        assertEquals("POL0002", cse.tree.find(failing.ri).get("lost"));
        assertEquals(0, instances(failing).size());

        Resource lastKnown = created("los", 1, "lot", "dev2@operator.example", "lor", "http://ls.example.net", "rlkl", true);
        FakeLocationServer.ANSWERS.add(new NetworkLocationSource.Failure("5103", "no fix"));
        FakeLocationServer.ANSWERS.add(new NetworkLocationSource.Position(2.35, 48.85));
        now = now.plusSeconds(60);
        tracker.track();
        assertTrue(FakeLocationServer.REQUESTS.get(FakeLocationServer.REQUESTS.size() - 1).lastKnown());
        assertEquals(1, instances(lastKnown).size());
    }

    @Test
    void aPositionOutOfRangeFromTheLocationServerIsAFailure() {
        Resource p = created("los", 1, "lot", "dev3@operator.example");
        FakeLocationServer.ANSWERS.add(new NetworkLocationSource.Position(200, 95));
        now = now.plusSeconds(60);
        assertEquals(1, tracker.track());
        assertEquals("5000", cse.tree.find(p.ri).get("lost"));
        assertEquals(0, instances(p).size());
    }

    @Test
    void ts0004_7_4_10_2_1_networkBasedWithoutTargetOrServerIs4000() {
        assertRsc(ResponseStatusCode.BAD_REQUEST, policy("los", 1, "lor", "http://ls.example.net"));
        assertRsc(ResponseStatusCode.BAD_REQUEST, policy("los", 1, "lot", "dev1@elsewhere.example"));
    }

    @Test
    void latestPositionOfAnEntityComesFromItsPolicies() {
        assertTrue(cse.store.read(tx -> LatestPositions.of(tx, "Cdev")).isEmpty());
        created("los", 2, "lot", "Cdev");
        moveTo("[139.5, 35.5]");
        moveTo("[139.6, 35.6]");
        LatestPositions.Latest latest = cse.store.read(tx -> LatestPositions.of(tx, "Cdev")).orElseThrow();
        assertEquals("[139.6, 35.6]", latest.loc().get("crd"));
        assertEquals(139.6, latest.geometry().getCoordinate().x);
    }

    @Test
    void theAnnouncedVariantIsLocationPolicyAnnc() {
        TypeRegistry types = cse.types;
        assertEquals("m2m:lcpA", types.get(10010).rootElement());
        assertTrue(types.get(ResourceTypes.REMOTE_CSE).childTypes().contains(10010));
    }
}
