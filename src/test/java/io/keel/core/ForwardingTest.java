package io.keel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.RequestType;
import io.keel.primitive.ContentStatus;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResponseTypeValue;
import io.keel.primitive.ResultContent;
import io.keel.primitive.Serialization;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retargeting (TS-0004 7.3.2.6, 7.3.2.8): a request whose To names another CSE goes to the matching remoteCSE, else
 * to the registrar of an MN/ASN, through {@link Outbound#forward}, and the next hop's answer comes back unchanged.
 */
class ForwardingTest {
    private static final CseIdentity IN = CoreFixture.CSE;
    private static final CseIdentity MN = CoreFixture.MN;
    private static final CseIdentity LONELY_MN = new CseIdentity("id-mn", "cse-mn", "keel.example.net", 2, "CAdmin",
            List.of("C*", "S*"), 3600, 100, 1000, List.of());

    private CoreFixture core;
    private NonBlockingRequests nonBlocking;
    private Dispatcher dispatcher;

    private void wire(CseIdentity cse, long timeoutMillis) {
        core = new CoreFixture(cse);
        nonBlocking = core.nonBlocking(2, 10);
        Forwarding forwarding = new Forwarding(cse, core.outbound, core.clock, timeoutMillis, "Bearer to-registrees");
        dispatcher = new Dispatcher(core.store, core.router, core.types, core.ctx, core.clock, nonBlocking, o -> { }, forwarding);
        core.ae("Cae1");
    }

    @AfterEach
    void close() {
        if (nonBlocking != null) {
            nonBlocking.close();
            core.close();
        }
    }

    private static RequestPrimitive request(Operation op, String to, String from) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = op;
        req.to = to;
        req.from = from;
        req.requestIdentifier = "rqi-" + op;
        req.releaseVersionIndicator = "3";
        req.vendorInformation = "vendor-x";
        return req;
    }

    private ResponsePrimitive handle(RequestPrimitive req) {
        try {
            return dispatcher.handle(req).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the dispatcher did not answer", e);
        }
    }

    private static String dbg(ResponsePrimitive rsp) {
        return rsp.content instanceof Map<?, ?> m ? String.valueOf(m.get("m2m:dbg")) : null;
    }

    // --- the next hop ----------------------------------------------------------------------------------------------

    @Test
    void ts0004_7_3_2_6_aRequestForACseWithARemoteCseGoesToItsPointOfAccessWithTheToUnchanged() throws Exception {
        wire(IN, 5_000);
        core.remoteCse("/id-mn", List.of("http://mn.example:8081"), List.of("3", "4"), null);
        RequestPrimitive req = request(Operation.RETRIEVE, "/id-mn/cse-mn/app", "Cae1");
        req.resultContent = ResultContent.ATTRIBUTES_AND_CHILD_RESOURCE_REFERENCES;

        assertEquals(ResponseStatusCode.OK, handle(req).responseStatusCode);

        RecordingOutbound.Sent sent = core.outbound.next();
        assertEquals("http://mn.example:8081", sent.url());
        assertEquals("/id-mn/cse-mn/app", sent.request().to);
        assertEquals("rqi-RETRIEVE", sent.request().requestIdentifier);
        assertEquals(ResultContent.ATTRIBUTES_AND_CHILD_RESOURCE_REFERENCES, sent.request().resultContent);
        assertEquals("3", sent.request().releaseVersionIndicator);
        assertEquals("Bearer to-registrees", sent.hop().authorization());
    }

    @Test
    void ts0020_5_2_aRegistreeHoldingItsConnectionOpenIsReachedOverIt() throws Exception {
        wire(IN, 5_000);
        core.remoteCse("/id-mn", List.of("http://unreachable.example:8081"), List.of("3"), null);
        core.outbound.reachable = url -> url.startsWith("http://") || url.startsWith("ws-connection:");
        core.outbound.connections = id -> id.equals("/id-mn") ? "ws-connection:/id-mn" : null;

        assertEquals(ResponseStatusCode.OK, handle(request(Operation.RETRIEVE, "/id-mn/cse-mn", "Cae1")).responseStatusCode);

        RecordingOutbound.Sent sent = core.outbound.next();
        assertEquals("ws-connection:/id-mn", sent.url(), "the connection comes before the point of access");
        assertEquals("/id-mn/cse-mn", sent.request().to);
    }

    @Test
    void ts0020_5_2_aRegistreeWhoseConnectionIsClosedIsReachedAtItsPointOfAccess() throws Exception {
        wire(IN, 5_000);
        core.remoteCse("/id-mn", List.of("http://mn.example:8081"), List.of("3"), null);
        core.outbound.connections = id -> id.equals("/id-mn") ? "ws-connection:/id-mn" : null;
        core.outbound.open = id -> false;

        assertEquals(ResponseStatusCode.OK, handle(request(Operation.RETRIEVE, "/id-mn/cse-mn", "Cae1")).responseStatusCode);

        assertEquals("http://mn.example:8081", core.outbound.next().url());
    }

    @Test
    void ts0020_5_2_aRegistreeWithOnlyAClosedConnectionGetsItsRequestThereFor5103() throws Exception {
        wire(IN, 5_000);
        core.remoteCse("/id-mn", List.of(), List.of("3"), null);
        core.outbound.connections = id -> id.equals("/id-mn") ? "ws-connection:/id-mn" : null;
        core.outbound.open = id -> false;

        handle(request(Operation.RETRIEVE, "/id-mn/cse-mn", "Cae1"));

        assertEquals("ws-connection:/id-mn", core.outbound.next().url(), "the binding answers why it is not reachable");
    }

    @Test
    void ts0004_7_3_2_8_anAbsoluteToWithinOurServiceProviderIsForwardedToo() throws Exception {
        wire(IN, 5_000);
        core.remoteCse("/id-mn", List.of("http://mn.example:8081"), List.of("3"), null);

        assertEquals(ResponseStatusCode.OK, handle(request(Operation.DELETE, "//keel.example.net/id-mn/cse-mn/app", "Cae1"))
                .responseStatusCode);

        RecordingOutbound.Sent sent = core.outbound.next();
        assertEquals("http://mn.example:8081", sent.url());
        assertEquals("//keel.example.net/id-mn/cse-mn/app", sent.request().to, "retargeting keeps the To");
    }

    @Test
    void ts0004_7_3_2_6_aCseAmongTheDescendantCsesOfARemoteCseIsReachedThroughIt() throws Exception {
        wire(IN, 5_000);
        core.remoteCse("/id-mn", List.of("http://mn.example:8081"), List.of("3"), List.of("/id-asn"));

        assertEquals(ResponseStatusCode.OK, handle(request(Operation.RETRIEVE, "/id-asn/cse-asn", "Cae1")).responseStatusCode);

        assertEquals("http://mn.example:8081", core.outbound.next().url());
    }

    @Test
    void ts0004_7_3_2_6_anMnCseWithoutMatchingRemoteCseForwardsToItsRegistrarWithTheRegistrarCredential() throws Exception {
        wire(MN, 5_000);

        assertEquals(ResponseStatusCode.OK, handle(request(Operation.RETRIEVE, "/id-in/cse-in", "Cae1")).responseStatusCode);

        RecordingOutbound.Sent sent = core.outbound.next();
        assertEquals("http://in.example:8080", sent.url());
        assertEquals("Bearer to-the-registrar", sent.hop().authorization());
        assertEquals("/id-mn/Cae1", sent.request().from, "a CSE-relative originator leaves its registrar SP-relative");
    }

    @Test
    void ts0004_7_3_2_6_aRemoteCseForTheTargetWinsOverTheRegistrar() throws Exception {
        wire(MN, 5_000);
        core.remoteCse("/id-asn", List.of("http://asn.example:8082"), List.of("3"), null);

        handle(request(Operation.RETRIEVE, "/id-asn/cse-asn", "Cae1"));

        RecordingOutbound.Sent sent = core.outbound.next();
        assertEquals("http://asn.example:8082", sent.url());
        assertEquals("Bearer to-registrees", sent.hop().authorization());
    }

    @Test
    void ts0004_7_3_2_6_anMnCseWithoutRegistrarAnswers5103AndAnInCseWithoutMatch4004() {
        wire(LONELY_MN, 5_000);
        ResponsePrimitive mn = handle(request(Operation.RETRIEVE, "/id-in/cse-in", "Cae1"));
        assertEquals(ResponseStatusCode.TARGET_NOT_REACHABLE, mn.responseStatusCode);
        close();

        wire(IN, 5_000);
        ResponsePrimitive in = handle(request(Operation.RETRIEVE, "/id-xx/cse-xx", "Cae1"));
        assertEquals(ResponseStatusCode.NOT_FOUND, in.responseStatusCode);
        assertTrue(core.outbound.sent().isEmpty());
    }

    @Test
    void ts0004_7_3_2_6_aCseIdWithAWildcardMatchesNoRemoteCse() {
        wire(IN, 5_000);
        core.remoteCse("/id-mn", List.of("http://mn.example:8081"), List.of("3"), null);

        assertEquals(ResponseStatusCode.NOT_FOUND, handle(request(Operation.RETRIEVE, "/id-*/cse-mn", "Cae1")).responseStatusCode);
        assertTrue(core.outbound.sent().isEmpty());
    }

    // --- what the request carries ----------------------------------------------------------------------------------

    @Test
    void ts0004_7_3_2_6_theFromIsMadeSpRelativeAndAbsoluteOnlyByAnInCseLeavingItsServiceProvider() {
        assertEquals("/id-in/Cae1", Forwarding.forwardedFrom("Cae1", IN, false));
        assertEquals("/id-in/CAdmin", Forwarding.forwardedFrom("CAdmin", IN, false));
        // TS-0001 table 7.2-1: an S-AE-ID-Stem is unique in the service provider, its SP-relative form is /S...
        assertEquals("/Sapp", Forwarding.forwardedFrom("Sapp", IN, false));
        assertEquals("/id-asn/Cx", Forwarding.forwardedFrom("/id-asn/Cx", IN, false), "already SP-relative: unchanged");
        assertEquals("//keel.example.net/id-in/Cae1", Forwarding.forwardedFrom("Cae1", IN, true));
        assertEquals("//keel.example.net/id-asn/Cx", Forwarding.forwardedFrom("/id-asn/Cx", IN, true));
        assertEquals("/id-mn/Cae1", Forwarding.forwardedFrom("Cae1", MN, true), "only an IN-CSE speaks to another SP");
    }

    @Test
    void ts0004_7_3_2_6_aReleaseOneNextHopGetsNoRviAndNoVsi() throws Exception {
        wire(IN, 5_000);
        core.remoteCse("/id-old", List.of("http://old.example:8083"), null, null);

        handle(request(Operation.RETRIEVE, "/id-old/cse-old", "Cae1"));

        RecordingOutbound.Sent sent = core.outbound.next();
        assertNull(sent.request().releaseVersionIndicator);
        assertNull(sent.request().vendorInformation);
    }

    @Test
    void ts0004_7_3_2_6_theAnswerOfTheNextHopComesBackUnchanged() {
        wire(IN, 5_000);
        core.remoteCse("/id-mn", List.of("http://mn.example:8081"), List.of("3"), null);
        core.outbound.answer = r -> {
            ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.OK,
                    Map.of("m2m:cnt", Map.of("ri", "cnt1", "rn", "box", "cni", 7)));
            rsp.contentStatus = ContentStatus.PARTIAL_CONTENT;
            rsp.contentOffset = 11;
            return rsp;
        };

        ResponsePrimitive rsp = handle(request(Operation.RETRIEVE, "/id-mn/cse-mn/box", "Cae1"));

        assertEquals(ResponseStatusCode.OK, rsp.responseStatusCode);
        assertEquals(Map.of("m2m:cnt", Map.of("ri", "cnt1", "rn", "box", "cni", 7)), rsp.content);
        assertEquals(ContentStatus.PARTIAL_CONTENT, rsp.contentStatus);
        assertEquals(11, rsp.contentOffset);
        assertEquals("rqi-RETRIEVE", rsp.requestIdentifier);
    }

    @Test
    void ts0004_7_3_2_6_anErrorOfTheNextHopComesBackAsItsOwn() {
        wire(IN, 5_000);
        core.remoteCse("/id-mn", List.of("http://mn.example:8081"), List.of("3"), null);
        core.outbound.answer = r -> ResponsePrimitive.error(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "far side says no");

        ResponsePrimitive rsp = handle(request(Operation.UPDATE, "/id-mn/cse-mn/box", "Cae1"));

        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, rsp.responseStatusCode);
        assertEquals("far side says no", dbg(rsp));
    }

    @Test
    void ts0009_6_4_4_aResourceCreatedOnAnotherCseIsLocatedByItsSpRelativeId() {
        wire(IN, 5_000);
        core.remoteCse("/id-mn", List.of("http://mn.example:8081"), List.of("3"), null);
        core.outbound.answer = r -> new ResponsePrimitive(ResponseStatusCode.CREATED, Map.of("m2m:cnt", Map.of("ri", "cnt9")));
        RequestPrimitive req = request(Operation.CREATE, "/id-mn/cse-mn", "Cae1");
        req.resourceType = ResourceTypes.CONTAINER;
        req.content = Map.of("m2m:cnt", Map.of("rn", "box"));

        ResponsePrimitive rsp = handle(req);

        assertEquals(ResponseStatusCode.CREATED, rsp.responseStatusCode);
        assertEquals("/id-mn/cnt9", rsp.contentLocation);
    }

    // --- times, timeouts, loops ------------------------------------------------------------------------------------

    @Test
    void ts0004_7_3_2_6_anUnreachableNextHopIs5103() {
        wire(IN, 5_000);
        core.remoteCse("/id-mn", List.of("http://mn.example:8081"), List.of("3"), null);
        core.outbound.answerWith(ResponseStatusCode.TARGET_NOT_REACHABLE);

        assertEquals(ResponseStatusCode.TARGET_NOT_REACHABLE,
                handle(request(Operation.RETRIEVE, "/id-mn/cse-mn", "Cae1")).responseStatusCode);
    }

    @Test
    void ts0004_7_3_2_6_anUnreachablePointOfAccessIsFollowedByTheNextReachableOneInOrder() throws Exception {
        wire(IN, 5_000);
        core.remoteCse("/id-mn", List.of("http://down.example:8081", "mqtt://broker.example", "http://up.example:8081"),
                List.of("3"), null);
        core.outbound.forwardAnswer = r -> CompletableFuture.completedFuture(core.outbound.sent().size() == 1
                ? ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE, "connection refused")
                : new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:cb", Map.of("rn", "cse-mn"))));

        ResponsePrimitive rsp = handle(request(Operation.RETRIEVE, "/id-mn/cse-mn", "Cae1"));

        assertEquals(ResponseStatusCode.OK, rsp.responseStatusCode);
        assertEquals(List.of("http://down.example:8081", "http://up.example:8081"),
                core.outbound.sent().stream().map(RecordingOutbound.Sent::url).toList(),
                "the unreachable one first, then the next this CSE has a binding for");
        assertEquals("rqi-RETRIEVE", core.outbound.sent().get(1).request().requestIdentifier, "the same request again");
    }

    @Test
    void ts0004_7_3_2_6_whenNoPointOfAccessIsReachableTheAnswerIsTheLast5103() {
        wire(IN, 5_000);
        core.remoteCse("/id-mn", List.of("http://a.example:8081", "http://b.example:8081"), List.of("3"), null);
        core.outbound.forwardAnswer = r -> CompletableFuture.completedFuture(ResponsePrimitive.error(
                ResponseStatusCode.TARGET_NOT_REACHABLE, "refused by attempt " + core.outbound.sent().size()));

        ResponsePrimitive rsp = handle(request(Operation.RETRIEVE, "/id-mn/cse-mn", "Cae1"));

        assertEquals(ResponseStatusCode.TARGET_NOT_REACHABLE, rsp.responseStatusCode);
        assertEquals(2, core.outbound.sent().size());
        assertTrue(dbg(rsp).contains("attempt 2"), dbg(rsp));
    }

    @Test
    void ts0004_7_3_2_6_aTimeoutOrAnErrorAnswerOfAPointOfAccessIsTheAnswerNoOtherIsTried() {
        wire(IN, 5_000);
        core.remoteCse("/id-mn", List.of("http://a.example:8081", "http://b.example:8081"), List.of("3"), null);
        for (ResponseStatusCode rsc : List.of(ResponseStatusCode.REQUEST_TIMEOUT, ResponseStatusCode.NOT_FOUND)) {
            int before = core.outbound.sent().size();
            core.outbound.answerWith(rsc);

            assertEquals(rsc, handle(request(Operation.RETRIEVE, "/id-mn/cse-mn", "Cae1")).responseStatusCode);
            assertEquals(before + 1, core.outbound.sent().size(), "sent once for " + rsc);
        }
    }

    @Test
    void ts0004_7_3_2_6_aNextHopThatDoesNotAnswerEndsAtTheForwardingTimeoutHoldingNoThread() throws Exception {
        wire(IN, 100);
        core.remoteCse("/id-mn", List.of("http://mn.example:8081"), List.of("3"), null);
        core.outbound.forwardAnswer = r -> new CompletableFuture<>(); // never answers
        long started = System.nanoTime();

        CompletableFuture<ResponsePrimitive> answer = dispatcher.handle(request(Operation.RETRIEVE, "/id-mn/cse-mn", "Cae1"));

        assertTrue(!answer.isDone(), "the caller's thread is not held");
        ResponsePrimitive rsp = answer.get(5, TimeUnit.SECONDS);
        assertEquals(ResponseStatusCode.REQUEST_TIMEOUT, rsp.responseStatusCode);
        assertEquals(100, core.outbound.next().hop().timeoutMillis());
        assertTrue(System.nanoTime() - started < 3_000_000_000L);
    }

    @Test
    void ts0004_7_3_2_6_theNextHopGetsNoMoreTimeThanTheRequestExpirationTimeLeaves() throws Exception {
        wire(IN, 60_000);
        core.remoteCse("/id-mn", List.of("http://mn.example:8081"), List.of("3"), null);
        RequestPrimitive req = request(Operation.RETRIEVE, "/id-mn/cse-mn", "Cae1");
        req.requestExpirationTimestamp = Instant.now().plusSeconds(2);

        handle(req);

        RecordingOutbound.Sent sent = core.outbound.next();
        assertTrue(sent.hop().timeoutMillis() <= 2_000, "timeout " + sent.hop().timeoutMillis());
        assertEquals(req.requestExpirationTimestamp, sent.request().requestExpirationTimestamp, "RET is carried");
    }

    @Test
    void ts0004_7_3_2_6_anExpiredResultExpirationTimeIs4008AndNothingIsForwarded() {
        wire(IN, 5_000);
        core.remoteCse("/id-mn", List.of("http://mn.example:8081"), List.of("3"), null);
        RequestPrimitive req = request(Operation.RETRIEVE, "/id-mn/cse-mn", "Cae1");
        req.resultExpirationTimestamp = Instant.now().minusSeconds(1);

        assertEquals(ResponseStatusCode.REQUEST_TIMEOUT, handle(req).responseStatusCode);
        assertTrue(core.outbound.sent().isEmpty());
    }

    @Test
    void ts0004_7_3_2_6_anExpiredRequestExpirationTimeIs4008AndNothingIsForwarded() {
        wire(IN, 5_000);
        core.remoteCse("/id-mn", List.of("http://mn.example:8081"), List.of("3"), null);
        RequestPrimitive req = request(Operation.RETRIEVE, "/id-mn/cse-mn", "Cae1");
        req.requestExpirationTimestamp = Instant.now().minusSeconds(1);

        assertEquals(ResponseStatusCode.REQUEST_TIMEOUT, handle(req).responseStatusCode);
        assertTrue(core.outbound.sent().isEmpty());
    }

    @Test
    void ts0004_7_3_2_6_aFutureOperationExecutionTimeIsCarriedNotAwaitedByTheTransitCse() throws Exception {
        wire(IN, 1_000);
        core.remoteCse("/id-mn", List.of("http://mn.example:8081"), List.of("3"), null);
        RequestPrimitive req = request(Operation.RETRIEVE, "/id-mn/cse-mn", "Cae1");
        req.operationExecutionTime = Instant.now().plusSeconds(30);

        handle(req);

        RecordingOutbound.Sent sent = core.outbound.next(1_000);
        assertNotNull(sent, "forwarded at once");
        assertEquals(req.operationExecutionTime, sent.request().operationExecutionTime);
        assertTrue(sent.hop().timeoutMillis() > 30_000, "the next hop waits for OET, then has the timeout");
    }

    @Test
    void ts0004_7_3_2_6_aRequestComingBackToACseForwardingItEndsWithAnErrorNotPingPong() {
        wire(MN, 5_000);
        // The registrar, misconfigured, sends the request straight back (it came through an authenticated connection).
        core.outbound.forwardAnswer = r -> {
            RequestPrimitive back = r.copy();
            back.originatorAuthenticated = true;
            return dispatcher.handle(back);
        };

        ResponsePrimitive rsp = handle(request(Operation.RETRIEVE, "/id-xx/cse-xx", "Cae1"));

        assertEquals(ResponseStatusCode.TARGET_NOT_REACHABLE, rsp.responseStatusCode);
        assertTrue(dbg(rsp).contains("loop"), dbg(rsp));
        assertEquals(1, core.outbound.sent().size(), "sent once; when it came back it was refused, not sent again");
        // Once answered, the same request may be sent again.
        core.outbound.forwardAnswer = null;
        assertEquals(ResponseStatusCode.OK, handle(request(Operation.RETRIEVE, "/id-xx/cse-xx", "Cae1")).responseStatusCode);
    }

    // --- non-blocking ----------------------------------------------------------------------------------------------

    @Test
    void ts0004_7_3_2_2_aNonBlockingRequestForAnotherCseHasItsRequestHereAndIsForwardedBlocking() throws Exception {
        wire(IN, 5_000);
        core.remoteCse("/id-mn", List.of("http://mn.example:8081"), List.of("3"), null);
        core.outbound.answer = r -> new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:cnt", Map.of("ri", "cnt1")));
        RequestPrimitive req = request(Operation.RETRIEVE, "/id-mn/cse-mn/box", "Cae1");
        req.responseType = ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH;
        req.responseTypeNotificationUris = List.of("http://somewhere/else");

        ResponsePrimitive ack = handle(req);

        assertEquals(ResponseStatusCode.ACCEPTED_NON_BLOCKING_REQUEST_SYNCH, ack.responseStatusCode);
        RecordingOutbound.Sent sent = core.outbound.next();
        assertNull(sent.request().responseType, "the next hop answers with the result");
        assertNull(sent.request().responseTypeNotificationUris);
        String requestRi = (String) ((Map<?, ?>) ack.content).get("m2m:uri");
        long until = System.currentTimeMillis() + 5_000;
        Resource stored = core.store.tree.stored(requestRi);
        while (stored.getLong("rs", 0) != RequestType.COMPLETED && System.currentTimeMillis() < until) {
            Thread.sleep(20);
            stored = core.store.tree.stored(requestRi);
        }
        assertEquals(RequestType.COMPLETED, stored.getLong("rs", 0));
    }

    @Test
    void ts0004_7_3_2_6_theRequestGoesInTheOriginatorsSerialization() throws Exception {
        wire(IN, 5_000);
        core.remoteCse("/id-mn", List.of("http://mn.example:8081"), List.of("3"), null);
        RequestPrimitive req = request(Operation.UPDATE, "/id-mn/cse-mn/box", "Cae1");
        req.content = Map.of("m2m:cnt", Map.of("lbl", List.of("a")));
        req.contentSerialization = Serialization.XML;

        handle(req);

        assertEquals(Serialization.XML, core.outbound.next().serialization());
    }
}
