package io.keel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResponseTypeValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What this CSE sends on its own to an entity of another CSE (issue 13 item 4) leaves like a forwarded request: a
 * request addressed (To) to that entity's ID, From this CSE's SP-relative CSE-ID (or the originator's, SP-relative),
 * through the next hop (TS-0004 7.3.2.6) — notifications and their verification (7.5.1.2.2, 7.5.1.2.3), non-blocking
 * results (7.3.3.9.2), a Notify to a remote AE, and group members of another CSE (7.4.14).
 */
class RemoteTargetsTest {

    private CoreFixture core;
    private NonBlockingRequests nonBlocking;
    private Dispatcher dispatcher;

    @BeforeEach
    void wire() {
        core = new CoreFixture(CoreFixture.MN);
        nonBlocking = core.nonBlocking(2, 10);
        dispatcher = core.forwardingDispatcher(nonBlocking);
        core.ae("Cae1");
    }

    @AfterEach
    void close() {
        nonBlocking.close();
        core.close();
    }

    private static RequestPrimitive request(Operation op, String to, String from) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = op;
        req.to = to;
        req.from = from;
        req.requestIdentifier = "rqi-" + op;
        req.releaseVersionIndicator = "3";
        return req;
    }

    private static RequestPrimitive create(String to, int ty, String root, Map<String, Object> attributes) {
        RequestPrimitive req = request(Operation.CREATE, to, "Cae1");
        req.resourceType = ty;
        req.content = Map.of(root, attributes);
        return req;
    }

    private ResponsePrimitive handle(RequestPrimitive req) {
        try {
            return dispatcher.handle(req).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the dispatcher did not answer", e);
        }
    }

    private RecordingOutbound.Sent nextForwarded() throws InterruptedException {
        RecordingOutbound.Sent sent = core.outbound.next();
        assertNotNull(sent, "nothing was sent");
        assertNotNull(sent.hop(), "sent to " + sent.url() + " rather than through a next hop");
        return sent;
    }

    @Test
    void ts0004_7_5_1_2_2_aNotificationForAnAeOfAnotherCseIsANotifyToItsIdThroughTheNextHop() throws Exception {
        assertEquals(ResponseStatusCode.CREATED, handle(create("cse-mn/Cae1", 3, "m2m:cnt", Map.of("rn", "box"))).responseStatusCode);
        assertEquals(ResponseStatusCode.CREATED, handle(create("cse-mn/Cae1/box", 23, "m2m:sub",
                Map.of("rn", "s", "nu", List.of("/id-asn/Cae9"), "enc", Map.of("net", List.of(3))))).responseStatusCode);

        RecordingOutbound.Sent vrq = nextForwarded();
        assertEquals(Operation.NOTIFY, vrq.request().operation);
        assertEquals("/id-asn/Cae9", vrq.request().to, "the verification request (7.5.1.2.3) goes to the target too");
        assertEquals("/id-mn", vrq.request().from);
        assertEquals("http://in.example:8080", vrq.url(), "no remoteCSE for /id-asn here: the registrar is the next hop");
        assertEquals("Bearer to-the-registrar", vrq.hop().authorization());
        assertEquals(Boolean.TRUE, ((Map<?, ?>) ((Map<?, ?>) vrq.request().content).get("m2m:sgn")).get("vrq"));

        assertEquals(ResponseStatusCode.CREATED, handle(create("cse-mn/Cae1/box", 4, "m2m:cin", Map.of("con", "x"))).responseStatusCode);

        RecordingOutbound.Sent n = nextForwarded();
        assertEquals(Operation.NOTIFY, n.request().operation);
        assertEquals("/id-asn/Cae9", n.request().to);
        assertEquals("/id-mn", n.request().from);
        Map<?, ?> sgn = (Map<?, ?>) ((Map<?, ?>) n.request().content).get("m2m:sgn");
        assertTrue(String.valueOf(sgn.get("nev")).contains("m2m:cin"), "the notification carries the event: " + sgn);
    }

    @Test
    void ts0004_7_4_8_2_1_aRemoteTargetThatRefusesVerificationFailsTheSubscription() throws Exception {
        assertEquals(ResponseStatusCode.CREATED, handle(create("cse-mn/Cae1", 3, "m2m:cnt", Map.of("rn", "box"))).responseStatusCode);
        core.outbound.answerWith(ResponseStatusCode.TARGET_NOT_REACHABLE);

        ResponsePrimitive rsp = handle(create("cse-mn/Cae1/box", 23, "m2m:sub", Map.of("rn", "s", "nu", List.of("/id-asn/Cae9"))));

        assertEquals(ResponseStatusCode.SUBSCRIPTION_VERIFICATION_INITIATION_FAILED, rsp.responseStatusCode);
    }

    @Test
    void ts0004_7_3_3_9_2_theResultOfANonBlockingRequestGoesToARemoteNotificationTargetThroughTheNextHop() throws Exception {
        RequestPrimitive req = request(Operation.RETRIEVE, "cse-mn/Cae1", "Cae1");
        req.responseType = ResponseTypeValue.NON_BLOCKING_REQUEST_ASYNCH;
        req.responseTypeNotificationUris = List.of("/id-asn/Cae9");

        assertEquals(ResponseStatusCode.ACCEPTED_NON_BLOCKING_REQUEST_ASYNCH, handle(req).responseStatusCode);

        RecordingOutbound.Sent n = nextForwarded();
        assertEquals(Operation.NOTIFY, n.request().operation);
        assertEquals("/id-asn/Cae9", n.request().to);
        assertEquals("/id-mn", n.request().from);
        Map<?, ?> rsp = (Map<?, ?>) ((Map<?, ?>) n.request().content).get("m2m:rsp");
        assertEquals(2000, ((Number) rsp.get("rsc")).intValue());
    }

    @Test
    void ts0004_7_3_3_9_2_theResultGoesToARemoteOriginatorWhenTheRequestNamesNoNotificationTarget() throws Exception {
        RequestPrimitive req = request(Operation.RETRIEVE, "cse-mn", "/id-asn/Cae9");
        req.originatorAuthenticated = true;
        req.responseType = ResponseTypeValue.NON_BLOCKING_REQUEST_ASYNCH;

        assertEquals(ResponseStatusCode.ACCEPTED_NON_BLOCKING_REQUEST_ASYNCH, handle(req).responseStatusCode);

        RecordingOutbound.Sent n = nextForwarded();
        assertEquals("/id-asn/Cae9", n.request().to);
        assertEquals(Operation.NOTIFY, n.request().operation);
    }

    @Test
    void ts0004_7_4_6_2_5_aNotifyToAnAeOfAnotherCseIsForwardedFromItsOriginatorSpRelative() throws Exception {
        RequestPrimitive req = request(Operation.NOTIFY, "/id-asn/Cae9", "Cae1");
        req.content = Map.of("m2m:sgn", Map.of("nev", Map.of("rep", Map.of("m2m:cin", Map.of("con", "x")), "net", 3)));

        assertEquals(ResponseStatusCode.OK, handle(req).responseStatusCode);

        RecordingOutbound.Sent n = nextForwarded();
        assertEquals("/id-asn/Cae9", n.request().to);
        assertEquals("/id-mn/Cae1", n.request().from);
    }

    @Test
    void ts0004_7_4_14_aFanOutReachesAMemberOfAnotherCseThroughForwarding() throws Exception {
        core.outbound.answer = r -> new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:cnt", Map.of("rn", "far")));
        ResponsePrimitive created = handle(create("cse-mn/Cae1", 9, "m2m:grp",
                Map.of("rn", "g", "mt", 3, "mnm", 10, "mid", List.of("/id-in/cse-in/far"))));
        assertEquals(ResponseStatusCode.CREATED, created.responseStatusCode);

        ResponsePrimitive rsp = handle(request(Operation.RETRIEVE, "cse-mn/Cae1/g/fopt", "Cae1"));

        assertEquals(ResponseStatusCode.OK, rsp.responseStatusCode);
        RecordingOutbound.Sent sent = lastForwarded();
        assertEquals("/id-in/cse-in/far", sent.request().to);
        assertEquals("/id-mn/Cae1", sent.request().from, "the member's CSE sees who asks");
        List<?> members = (List<?>) ((Map<?, ?>) ((Map<?, ?>) rsp.content).get("m2m:agr")).get("m2m:rsp");
        assertEquals(1, members.size());
        assertEquals("/id-in/cse-in/far", ((Map<?, ?>) members.get(0)).get("fr"));
    }

    private RecordingOutbound.Sent lastForwarded() {
        List<RecordingOutbound.Sent> all = core.outbound.sent();
        return all.get(all.size() - 1);
    }

    // --- member validation (TS-0004 7.4.13.2.1) ----------------------------------------------------------------------

    private ResponsePrimitive group(long csy, String... members) {
        return handle(create("cse-mn/Cae1", 9, "m2m:grp",
                Map.of("rn", "g", "mt", 3, "csy", csy, "mnm", 10, "mid", List.of(members))));
    }

    private static Map<?, ?> grp(ResponsePrimitive rsp) {
        return (Map<?, ?>) ((Map<?, ?>) rsp.content).get("m2m:grp");
    }

    @Test
    void ts0004_7_4_13_2_1_aMemberOfAnotherCseIsRetrievedAsTheOriginatorToValidateItsType() throws Exception {
        core.outbound.answer = r -> new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:cnt", Map.of("rn", "far", "ty", 3)));

        ResponsePrimitive rsp = group(1, "/id-in/cse-in/far");

        assertEquals(ResponseStatusCode.CREATED, rsp.responseStatusCode, String.valueOf(rsp.content));
        assertEquals(true, grp(rsp).get("mtv"));
        RecordingOutbound.Sent retrieve = nextForwarded();
        assertEquals(Operation.RETRIEVE, retrieve.request().operation);
        assertEquals("/id-in/cse-in/far", retrieve.request().to);
        assertEquals("/id-mn/Cae1", retrieve.request().from, "the member's CSE judges the originator's access");
    }

    @Test
    void ts0004_7_4_13_2_1_aRemoteMemberOfAnotherTypeFollowsTheConsistencyStrategy() {
        core.outbound.answer = r -> new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:cin", Map.of("rn", "c", "ty", 4)));

        assertEquals(ResponseStatusCode.GROUP_MEMBER_TYPE_INCONSISTENT, group(2, "/id-in/cse-in/c").responseStatusCode);
        ResponsePrimitive abandoned = group(1, "/id-in/cse-in/c");
        assertEquals(ResponseStatusCode.CREATED, abandoned.responseStatusCode);
        assertEquals(List.of(), grp(abandoned).get("mid"), "ABANDON_MEMBER drops it");
        assertEquals(true, grp(abandoned).get("mtv"));
    }

    @Test
    void ts0004_7_4_13_2_1_aRemoteMemberTheOriginatorMayNotRetrieveIs5105() {
        core.outbound.answerWith(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE); // the member's CSE refuses the originator

        assertEquals(ResponseStatusCode.RECEIVER_HAS_NO_PRIVILEGE, group(1, "/id-in/cse-in/far").responseStatusCode);

        core.outbound.answerWith(ResponseStatusCode.RECEIVER_HAS_NO_PRIVILEGE); // a CSE on the way said so already
        assertEquals(ResponseStatusCode.RECEIVER_HAS_NO_PRIVILEGE, group(1, "/id-in/cse-in/far").responseStatusCode);
    }

    @Test
    void ts0004_7_4_13_2_1_anUnreachableRemoteMemberIsKeptAndTheGroupNotValidated() {
        core.outbound.answerWith(ResponseStatusCode.TARGET_NOT_REACHABLE);

        ResponsePrimitive rsp = group(2, "/id-in/cse-in/far");

        assertEquals(ResponseStatusCode.CREATED, rsp.responseStatusCode);
        assertEquals(List.of("/id-in/cse-in/far"), grp(rsp).get("mid"));
        assertEquals(false, grp(rsp).get("mtv"));
    }

    @Test
    void ts0004_7_4_13_2_3_anUpdateOfTheMembersValidatesRemoteOnesToo() {
        core.outbound.answer = r -> new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:cnt", Map.of("rn", "far", "ty", 3)));
        assertEquals(ResponseStatusCode.CREATED, group(2).responseStatusCode);
        core.outbound.answer = r -> new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:ae", Map.of("rn", "a", "ty", 2)));
        RequestPrimitive update = request(Operation.UPDATE, "cse-mn/Cae1/g", "Cae1");
        update.content = Map.of("m2m:grp", Map.of("mid", List.of("/id-in/cse-in/a")));

        assertEquals(ResponseStatusCode.GROUP_MEMBER_TYPE_INCONSISTENT, handle(update).responseStatusCode);
    }
}
