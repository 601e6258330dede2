package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.FilterUsage;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResponseTypeValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The same oneM2M scenarios over every binding: registration, CRUD, discovery, access control, non-blocking requests
 * and notifications, each written once against request and response primitives. An implementing test class says
 * how a primitive travels (HTTP, WebSocket, MQTT, CoAP) and how an AE of the test receives what the CSE sends it; the assertions are
 * what the originator sees in the response primitives.
 */
public interface PrimitiveScenarios {
    /** Numbers the scenarios' requests (rqi). */
    AtomicLong REQUESTS = new AtomicLong();

    /** Sends a request primitive over the binding under test; its response primitive. */
    ResponsePrimitive exchange(RequestPrimitive request) throws Exception;

    /** The resourceName of the CSEBase under test, e.g. {@code cse-in}. */
    default String cseName() {
        return "cse-in";
    }

    /**
     * The pointOfAccess an AE of the test registers with so that the CSE reaches it over this binding (e.g. an
     * {@code mqtt://} URL); empty when the binding reaches it otherwise (a WebSocket AE over its own connection).
     */
    List<String> aePointOfAccess(String originator);

    /**
     * The next request the CSE sent to the AE of this originator over the binding, which the subclass has answered
     * with 2000 OK; null when none came within the timeout. The AE's channel exists from its registration on.
     */
    RequestPrimitive requestReceivedBy(String originator, Duration timeout) throws Exception;

    // ---------------------------------------------------------------- primitives

    static RequestPrimitive request(Operation op, String to, String from) {
        RequestPrimitive r = new RequestPrimitive();
        r.operation = op;
        r.to = to;
        r.from = from;
        r.requestIdentifier = "scn-" + REQUESTS.incrementAndGet();
        r.releaseVersionIndicator = "3";
        return r;
    }

    private static RequestPrimitive create(String to, String from, int ty, String root, Map<String, Object> attributes) {
        RequestPrimitive r = request(Operation.CREATE, to, from);
        r.resourceType = ty;
        r.content = Map.of(root, attributes);
        return r;
    }

    private ResponsePrimitive send(RequestPrimitive r) throws Exception {
        ResponsePrimitive rsp = exchange(r);
        assertNotNull(rsp, "no response to " + r.requestIdentifier);
        assertEquals(r.requestIdentifier, rsp.requestIdentifier, "the response echoes rqi");
        return rsp;
    }

    private static Map<?, ?> resource(ResponsePrimitive rsp, String root) {
        assertTrue(rsp.content instanceof Map<?, ?> m && m.get(root) instanceof Map<?, ?>, root + " expected: " + rsp.content);
        return (Map<?, ?>) ((Map<?, ?>) rsp.content).get(root);
    }

    private static void assertStatus(ResponseStatusCode expected, ResponsePrimitive rsp) {
        assertEquals(expected, rsp.responseStatusCode, String.valueOf(rsp.content));
    }

    /** Registers an AE (TS-0004 7.4.5) reachable over this binding; its AE-ID. */
    default String registerAe(String originator) throws Exception {
        Map<String, Object> ae = new java.util.HashMap<>(Map.of("rn", "ae" + originator, "api", "Nkeel.scenario",
                "rr", true, "srv", List.of("3")));
        List<String> poa = aePointOfAccess(originator);
        if (!poa.isEmpty()) {
            ae.put("poa", poa); // an empty poa is invalid (TS-0004: at least one entry); none is what "no poa" is
        }
        ResponsePrimitive rsp = send(create(cseName(), originator, 2, "m2m:ae", ae));
        assertStatus(ResponseStatusCode.CREATED, rsp);
        return (String) resource(rsp, "m2m:ae").get("aei");
    }

    private String createContainer(String parent, String originator, String rn) throws Exception {
        ResponsePrimitive rsp = send(create(parent, originator, 3, "m2m:cnt", Map.of("rn", rn)));
        assertStatus(ResponseStatusCode.CREATED, rsp);
        return (String) resource(rsp, "m2m:cnt").get("ri");
    }

    /** A list as JSON and CBOR carry it, or as XML's xs:list text. */
    private static List<String> items(Object value) {
        if (value instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value).trim().split("\\s+"));
    }

    private static String unique(String prefix) {
        return prefix + System.nanoTime();
    }

    // ---------------------------------------------------------------- scenarios

    @Test
    default void ts0004_7_4_5_anAeRegistersAndReadsItself() throws Exception {
        String ae = registerAe("C" + unique("reg"));
        ResponsePrimitive rsp = send(request(Operation.RETRIEVE, ae, ae));
        assertStatus(ResponseStatusCode.OK, rsp);
        assertEquals(ae, resource(rsp, "m2m:ae").get("aei"));
    }

    @Test
    default void ts0004_7_4_6_and_7_4_7_createRetrieveUpdateDelete() throws Exception {
        String ae = registerAe("C" + unique("crud"));
        String cnt = createContainer(ae, ae, "data");
        ResponsePrimitive cin = send(create(cnt, ae, 4, "m2m:cin", Map.of("cnf", "text/plain:0", "con", "21.5")));
        assertStatus(ResponseStatusCode.CREATED, cin);

        ResponsePrimitive read = send(request(Operation.RETRIEVE, cnt, ae));
        assertStatus(ResponseStatusCode.OK, read);
        assertEquals("1", String.valueOf(resource(read, "m2m:cnt").get("cni")));
        ResponsePrimitive latest = send(request(Operation.RETRIEVE, cseName() + "/ae" + ae + "/data/la", ae));
        assertStatus(ResponseStatusCode.OK, latest);
        assertEquals("21.5", resource(latest, "m2m:cin").get("con"));

        RequestPrimitive update = request(Operation.UPDATE, cnt, ae);
        update.content = Map.of("m2m:cnt", Map.of("lbl", List.of("room/b12")));
        ResponsePrimitive updated = send(update);
        assertStatus(ResponseStatusCode.UPDATED, updated);
        assertEquals(List.of("room/b12"), items(resource(updated, "m2m:cnt").get("lbl")));

        assertStatus(ResponseStatusCode.DELETED, send(request(Operation.DELETE, cnt, ae)));
        assertStatus(ResponseStatusCode.NOT_FOUND, send(request(Operation.RETRIEVE, cnt, ae)));
    }

    @Test
    default void ts0004_7_3_3_17_discoveryByType() throws Exception {
        String ae = registerAe("C" + unique("disc"));
        String a = createContainer(ae, ae, "a");
        String b = createContainer(ae, ae, "b");
        RequestPrimitive find = request(Operation.RETRIEVE, ae, ae);
        find.filterCriteria().filterUsage = FilterUsage.DISCOVERY;
        find.filterCriteria().resourceTypes.add(3);
        ResponsePrimitive rsp = send(find);
        assertStatus(ResponseStatusCode.OK, rsp);
        List<String> uril = items(((Map<?, ?>) rsp.content).get("m2m:uril"));
        assertEquals(2, uril.size(), String.valueOf(rsp.content));
        String found = String.valueOf(uril);
        assertTrue(found.contains(cseName() + "/ae" + ae + "/a") || found.contains(a), found);
        assertTrue(found.contains(cseName() + "/ae" + ae + "/b") || found.contains(b), found);
    }

    @Test
    default void ts0004_7_3_3_15_anotherOriginatorHasNoPrivilege() throws Exception {
        String owner = registerAe("C" + unique("owner"));
        String other = registerAe("C" + unique("other"));
        String cnt = createContainer(owner, owner, "private");
        assertStatus(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, send(request(Operation.RETRIEVE, cnt, other)));
        assertStatus(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, send(request(Operation.DELETE, cnt, other)));
        assertStatus(ResponseStatusCode.OK, send(request(Operation.RETRIEVE, cnt, owner)));
    }

    @Test
    default void ts0004_7_3_2_2_aNonBlockingRequestIsAcceptedAndItsResultKept() throws Exception {
        String ae = registerAe("C" + unique("nbr"));
        RequestPrimitive r = create(ae, ae, 3, "m2m:cnt", Map.of("rn", "later"));
        r.responseType = ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH;
        ResponsePrimitive accepted = send(r);
        assertStatus(ResponseStatusCode.ACCEPTED_NON_BLOCKING_REQUEST_SYNCH, accepted);
        String requestResource = String.valueOf(((Map<?, ?>) accepted.content).get("m2m:uri"));
        Eventually.holds(Duration.ofSeconds(10), () -> {
            try {
                ResponsePrimitive req = send(request(Operation.RETRIEVE, requestResource, ae));
                return req.responseStatusCode == ResponseStatusCode.OK
                        && "1".equals(String.valueOf(resource(req, "m2m:req").get("rs"))); // COMPLETED
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, "the <request> completes");
        assertStatus(ResponseStatusCode.OK, send(request(Operation.RETRIEVE, cseName() + "/ae" + ae + "/later", ae)));
    }

    @Test
    default void ts0004_7_5_1_theAeIsNotifiedOverThisBinding() throws Exception {
        String ae = registerAe("C" + unique("notified"));
        String cnt = createContainer(ae, ae, "watched");
        ResponsePrimitive sub = send(create(cnt, ae, 23, "m2m:sub", Map.of("rn", "s", "nu", List.of(ae),
                "enc", Map.of("net", List.of(3)))));
        assertStatus(ResponseStatusCode.CREATED, sub);
        assertStatus(ResponseStatusCode.CREATED, send(create(cnt, ae, 4, "m2m:cin", Map.of("con", "hello"))));

        RequestPrimitive notify = requestReceivedBy(ae, Duration.ofSeconds(10));
        assertNotNull(notify, "the AE received no Notify");
        assertEquals(Operation.NOTIFY, notify.operation);
        Map<?, ?> sgn = (Map<?, ?>) ((Map<?, ?>) notify.content).get("m2m:sgn");
        assertNotNull(sgn, String.valueOf(notify.content));
        Map<?, ?> rep = (Map<?, ?>) ((Map<?, ?>) sgn.get("nev")).get("rep");
        assertEquals("hello", ((Map<?, ?>) rep.get("m2m:cin")).get("con"));
    }
}
