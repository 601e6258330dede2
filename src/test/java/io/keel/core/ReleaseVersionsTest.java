package io.keel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResponseTypeValue;
import io.keel.primitive.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests of every release Keel serves (TS-0004 7.3.2.1, 7.2.1.2; TS-0001 8.1.2, 9.6.5): a request without rvi is
 * a Release 1 request, answered without rvi and vsi; each originator sees only the attributes and response codes of
 * its release; and the CSEBase, which no request may change (TS-0004 7.4.3.2).
 */
class ReleaseVersionsTest {
    private CoreFixture core;
    private NonBlockingRequests nonBlocking;
    private Dispatcher dispatcher;

    @BeforeEach
    void wire() {
        core = new CoreFixture();
        nonBlocking = core.nonBlocking(1, 10);
        dispatcher = new Dispatcher(core.store, core.router, core.types, core.ctx, core.clock, nonBlocking, o -> { });
        core.ae("Cae1");
        core.ae("Cstranger");
        Resource cb = core.store.tree.stored("id-in");
        cb.attributes.put("srv", List.of("1", "2", "2a", "3", "4", "5"));
        cb.attributes.put("csz", List.of("application/json"));
        core.store.reads = 0;
        core.store.writes = 0;
    }

    @AfterEach
    void close() {
        nonBlocking.close();
        core.close();
    }

    private static RequestPrimitive request(Operation op, String to, String from, String release) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = op;
        req.to = to;
        req.from = from;
        req.requestIdentifier = "rqi-" + op;
        req.releaseVersionIndicator = release;
        req.responseType = ResponseTypeValue.BLOCKING_REQUEST;
        return req;
    }

    private ResponsePrimitive handle(RequestPrimitive req) {
        try {
            return dispatcher.handle(req).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the dispatcher did not answer", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(ResponsePrimitive rsp, String root) {
        return (Map<String, Object>) ((Map<String, Object>) rsp.content).get(root);
    }

    private static String dbg(ResponsePrimitive rsp) {
        return rsp.content instanceof Map<?, ?> m ? String.valueOf(m.get("m2m:dbg")) : null;
    }

    private ResponsePrimitive registerAe(String release, Map<String, Object> ae) {
        RequestPrimitive req = request(Operation.CREATE, "cse-in", "C", release);
        req.resourceType = ResourceTypes.AE;
        req.content = Map.of("m2m:ae", ae);
        return handle(req);
    }

    // ---- Release 1: no rvi ----

    @Test
    void ts0004_7_3_2_1_aRequestWithoutRviIsARelease1RequestAndIsServed() {
        RequestPrimitive req = request(Operation.RETRIEVE, "cse-in", "CAdmin", null);
        req.vendorInformation = "vendor-x";

        ResponsePrimitive rsp = handle(req);

        assertEquals(ResponseStatusCode.OK, rsp.responseStatusCode, String.valueOf(rsp.content));
        assertEquals("1", req.releaseVersionIndicator, "the receiver adds rvi 1");
        assertNull(rsp.releaseVersionIndicator, "a response to a Release 1 entity carries no rvi");
        assertNull(rsp.vendorInformation, "nor vsi");
        assertEquals("rqi-RETRIEVE", rsp.requestIdentifier);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "6", "2b", "3.0", ""})
    void ts0004_7_3_2_1_aReleaseKeelDoesNotServeIs4001BeforeAnythingIsLookedUp(String release) {
        ResponsePrimitive rsp = handle(request(Operation.RETRIEVE, "cse-in", "CAdmin", release));

        assertEquals(ResponseStatusCode.RELEASE_VERSION_NOT_SUPPORTED, rsp.responseStatusCode);
        assertTrue(dbg(rsp).contains("1, 2, 2a, 3, 4, 5"), dbg(rsp));
        assertEquals(0, core.store.reads);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2", "2a", "3", "4", "5"})
    void ts0004_7_3_2_1_everyReleaseFromOneToFiveIsServed(String release) {
        ResponsePrimitive rsp = handle(request(Operation.RETRIEVE, "cse-in/Cae1", "Cae1", release));

        assertEquals(ResponseStatusCode.OK, rsp.responseStatusCode);
        assertEquals(release.equals("1") ? null : release, rsp.releaseVersionIndicator);
    }

    // ---- what each release sees ----

    @Test
    void ts0001_8_1_2_aRelease1OriginatorSeesNoAttributeOfALaterRelease() {
        Map<String, Object> cb = body(handle(request(Operation.RETRIEVE, "cse-in", "CAdmin", null)), "m2m:cb");

        assertEquals("/id-in", cb.get("csi"));
        assertFalse(cb.containsKey("srv"), "srv came with Release 2a");
        assertFalse(cb.containsKey("csz"), "csz of the CSEBase came with Release 3");
        assertFalse(cb.containsKey("ctm"), "ctm came with Release 4");
    }

    @Test
    void ts0001_8_1_2_aRelease3OriginatorSeesSrvAndCszButNotTheRelease4CurrentTime() {
        Map<String, Object> cb = body(handle(request(Operation.RETRIEVE, "cse-in", "CAdmin", "3")), "m2m:cb");

        assertEquals(List.of("1", "2", "2a", "3", "4", "5"), cb.get("srv"));
        assertEquals(List.of("application/json"), cb.get("csz"));
        assertFalse(cb.containsKey("ctm"));
    }

    @Test
    void ts0004_7_4_3_aRelease4OriginatorSeesTheCseCurrentTime() {
        Map<String, Object> cb = body(handle(request(Operation.RETRIEVE, "cse-in", "CAdmin", "4")), "m2m:cb");

        Instant ctm = Timestamps.parse((String) cb.get("ctm"), "ctm");
        assertTrue(Duration.between(ctm, Instant.now()).abs().getSeconds() <= 2, "ctm " + ctm + " is not now");
    }

    @Test
    void ts0001_8_1_2_nestedRepresentationsAreShownAsTheReleaseKnowsThemToo() {
        Object content = Map.of("m2m:ae", Map.of("rn", "Cae1", "srv", List.of("3"),
                "m2m:cnt", List.of(Map.of("rn", "box", "disr", false))));

        Object fitted = new ReleaseView(core.types).fit(content, "1");

        assertEquals(Map.of("m2m:ae", Map.of("rn", "Cae1", "m2m:cnt", List.of(Map.of("rn", "box")))), fitted);
        assertEquals(content, new ReleaseView(core.types).fit(content, "3"), "disr and srv are Release 3 attributes");
    }

    @Test
    void ts0001_8_1_2_whatAReleaseKnowsWhollyIsSentAsItIsAndTheRestKeepsItsOrder() {
        Map<String, Object> box = new LinkedHashMap<>();
        box.put("rn", "box");
        box.put("disr", false);
        box.put("mni", 5);
        Map<String, Object> ae = new LinkedHashMap<>();
        ae.put("rn", "Cae1");
        ae.put("api", "Nx");
        ae.put("m2m:cnt", List.of(Map.of("rn", "first"), box));
        ae.put("rr", true);
        Object content = Map.of("m2m:ae", ae);
        ReleaseView view = new ReleaseView(core.types);

        Object fitted = view.fit(content, "2a");

        Map<?, ?> fittedAe = (Map<?, ?>) ((Map<?, ?>) fitted).get("m2m:ae");
        assertEquals(List.of("rn", "api", "m2m:cnt", "rr"), List.copyOf(fittedAe.keySet()));
        List<?> children = (List<?>) fittedAe.get("m2m:cnt");
        assertSame(((List<?>) ae.get("m2m:cnt")).get(0), children.get(0), "a child the release knows wholly is not copied");
        assertEquals(List.of("rn", "mni"), List.copyOf(((Map<?, ?>) children.get(1)).keySet()), "disr is Release 3");
        assertEquals(List.of("rn", "disr", "mni"), List.copyOf(box.keySet()), "the original is unchanged");
        assertSame(content, view.fit(content, "3"), "nothing for a Release 3 entity to lose: the same object");
    }

    @Test
    void ts0001_8_1_2_aNotificationIsShownAsItsReceiverKnowsIt() {
        Object sgn = Map.of("m2m:sgn", Map.of("nev", Map.of("rep", Map.of("m2m:cnt", Map.of("rn", "box", "disr", true)), "net", 3)));

        assertEquals(Map.of("m2m:sgn", Map.of("nev", Map.of("rep", Map.of("m2m:cnt", Map.of("rn", "box")), "net", 3))),
                new ReleaseView(core.types).fit(sgn, "2a"));
    }

    // ---- what each release may send ----

    @Test
    void ts0001_9_6_5_aRelease1AeRegistersWithoutSrv() {
        ResponsePrimitive rsp = registerAe(null, Map.of("api", "Nold", "rr", false));

        assertEquals(ResponseStatusCode.CREATED, rsp.responseStatusCode, String.valueOf(rsp.content));
        String aei = (String) body(rsp, "m2m:ae").get("aei");
        assertFalse(core.store.tree.find(aei).attributes.containsKey("srv"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "2a"})
    void ts0001_9_6_5_anAeOfARelease2RegistersWithoutSrvToo(String release) {
        assertEquals(ResponseStatusCode.CREATED, registerAe(release, Map.of("api", "Nold", "rr", false)).responseStatusCode);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "4", "5"})
    void ts0001_9_6_5_fromRelease3AnAeMustStateItsSrv(String release) {
        ResponsePrimitive rsp = registerAe(release, Map.of("api", "Nnew", "rr", false));

        assertEquals(ResponseStatusCode.BAD_REQUEST, rsp.responseStatusCode);
        assertTrue(dbg(rsp).contains("srv"), dbg(rsp));
    }

    @Test
    void ts0001_9_6_5_fromRelease3SrvCannotBeDeleted() {
        RequestPrimitive req = request(Operation.UPDATE, "cse-in/Cae1", "Cae1", "3");
        Map<String, Object> attrs = new java.util.HashMap<>();
        attrs.put("srv", null);
        req.content = Map.of("m2m:ae", attrs);

        ResponsePrimitive rsp = handle(req);

        assertEquals(ResponseStatusCode.BAD_REQUEST, rsp.responseStatusCode);
        assertEquals(List.of("3"), core.store.tree.find("Cae1").attributes.get("srv"));
    }

    @Test
    void ts0001_8_1_2_aRelease1RequestCannotSetAnAttributeOfALaterRelease() {
        ResponsePrimitive rsp = registerAe(null, Map.of("api", "Nold", "rr", false, "srv", List.of("1")));

        assertEquals(ResponseStatusCode.BAD_REQUEST, rsp.responseStatusCode);
        assertTrue(dbg(rsp).contains("srv") && dbg(rsp).contains("Release 2a"), dbg(rsp));
    }

    // ---- response codes ----

    @Test
    void ts0004_6_6_aResponseCodeUnknownToTheReleaseIsItsClassCode() {
        RequestPrimitive r1 = request(Operation.CREATE, "cse-in", "CAdmin", null);
        r1.resourceType = ResourceTypes.CONTENT_INSTANCE;
        r1.content = Map.of("m2m:cin", Map.of("con", "x"));
        RequestPrimitive r3 = request(Operation.CREATE, "cse-in", "CAdmin", "3");
        r3.resourceType = ResourceTypes.CONTENT_INSTANCE;
        r3.content = Map.of("m2m:cin", Map.of("con", "x"));

        assertEquals(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE, handle(r3).responseStatusCode);
        ResponsePrimitive old = handle(r1);
        assertEquals(ResponseStatusCode.BAD_REQUEST, old.responseStatusCode, "4108 came after Release 1");
        assertTrue(dbg(old).contains("m2m:cin"), dbg(old));
    }

    @Test
    void ts0004_6_6_everyCodeMapsToOneItsReleaseKnows() {
        for (ResponseStatusCode c : ResponseStatusCode.values()) {
            ResponseStatusCode r1 = c.forRelease("1");
            assertEquals(r1, r1.forRelease("1"), c + " maps to a Release 1 code");
            assertEquals(c.code() / 1000, r1.code() / 1000 == 5 && c.code() >= 6000 ? 6 : r1.code() / 1000, c + " keeps its class");
            assertEquals(c, c.forRelease(null));
            assertEquals(c, c.forRelease("5"));
        }
        assertEquals(ResponseStatusCode.ACCEPTED, ResponseStatusCode.ACCEPTED_NON_BLOCKING_REQUEST_SYNCH.forRelease("1"));
        assertEquals(ResponseStatusCode.ACCEPTED_NON_BLOCKING_REQUEST_SYNCH,
                ResponseStatusCode.ACCEPTED_NON_BLOCKING_REQUEST_SYNCH.forRelease("2"));
    }

    // ---- the CSEBase ----

    @ParameterizedTest
    @ValueSource(strings = {"CAdmin", "Cae1", "Cstranger"})
    void ts0004_7_4_3_2_3_anUpdateOfTheCseBaseIs4005WhoeverAsks(String originator) {
        RequestPrimitive req = request(Operation.UPDATE, "cse-in", originator, "3");
        req.content = Map.of("m2m:cb", Map.of("acpi", List.of("acp1")));

        ResponsePrimitive rsp = handle(req);

        assertEquals(ResponseStatusCode.OPERATION_NOT_ALLOWED, rsp.responseStatusCode);
        assertFalse(core.store.tree.find("id-in").attributes.containsKey("acpi"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CAdmin", "Cae1", "Cstranger"})
    void ts0004_7_4_3_2_4_aDeleteOfTheCseBaseIs4005WhoeverAsks(String originator) {
        ResponsePrimitive rsp = handle(request(Operation.DELETE, "cse-in", originator, "3"));

        assertEquals(ResponseStatusCode.OPERATION_NOT_ALLOWED, rsp.responseStatusCode);
        assertEquals(0, core.store.writes);
    }

    @Test
    void ts0004_7_4_7_2_3_anUpdateOfAContentInstanceIs4005BeforeAccessIsDecided() {
        core.store.tree.add("cnt1", "Cae1", ResourceTypes.CONTAINER, "cse-in/Cae1/box").origin = "Cae1";
        core.store.tree.add("cin1", "cnt1", ResourceTypes.CONTENT_INSTANCE, "cse-in/Cae1/box/i1").origin = "Cae1";
        RequestPrimitive req = request(Operation.UPDATE, "cse-in/Cae1/box/i1", "Cstranger", "3");
        req.content = Map.of("m2m:cin", Map.of("lbl", List.of("x")));

        assertEquals(ResponseStatusCode.OPERATION_NOT_ALLOWED, handle(req).responseStatusCode,
                "not 4103: the update is refused before access is decided");
    }
}
