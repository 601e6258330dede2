package io.keel.binding.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import io.keel.serialization.PrimitiveCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ConnectionTest {
    private final FakeFrames frames = new FakeFrames();
    private final ManualTimer timer = new ManualTimer();
    private final Connections registry = new Connections();
    private final List<RequestPrimitive> handled = new ArrayList<>();
    private final List<Integer> refused = new ArrayList<>();
    private ResponsePrimitive answer = new ResponsePrimitive(ResponseStatusCode.OK, null);

    private final Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> cse = req -> {
        handled.add(req);
        ResponsePrimitive rsp = new ResponsePrimitive(answer.responseStatusCode, answer.content);
        return CompletableFuture.completedFuture(rsp.echo(req));
    };

    private Connection connection(Subprotocol p, Admission admission) {
        return new Connection(p, frames, "192.0.2.7", admission, cse, refused::add, registry, timer);
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static RequestPrimitive notify(String rqi) {
        RequestPrimitive n = new RequestPrimitive();
        n.operation = Operation.NOTIFY;
        n.to = "CAE1";
        n.from = "/cse-in";
        n.requestIdentifier = rqi;
        n.releaseVersionIndicator = "3";
        n.content = Map.of("m2m:sgn", Map.of("vrq", true));
        return n;
    }

    private static byte[] response(String rqi, int rsc) {
        return json("{\"rsc\":" + rsc + ",\"rqi\":\"" + rqi + "\",\"rvi\":\"3\"}");
    }

    @Test
    void ts0020_5_1_aRequestFromTheClientIsHandledAndAnsweredOnTheSameConnection() {
        Connection c = connection(Subprotocol.JSON, Admission.OPEN);
        c.onMessage(json("{\"op\":2,\"to\":\"cse-in\",\"fr\":\"CAE1\",\"rqi\":\"r1\",\"rvi\":\"3\"}"), false);
        assertEquals(1, handled.size());
        assertEquals("ws", handled.get(0).binding);
        assertEquals("192.0.2.7", handled.get(0).originatorAddress);
        ResponsePrimitive rsp = frames.lastResponse(Serialization.JSON);
        assertEquals(ResponseStatusCode.OK, rsp.responseStatusCode);
        assertEquals("r1", rsp.requestIdentifier);
    }

    @Test
    void ts0020_table_6_2_2_9_1_cborRequestsAndResponsesTravelAsCbor() {
        Connection c = connection(Subprotocol.CBOR, Admission.OPEN);
        RequestPrimitive retrieve = new RequestPrimitive();
        retrieve.operation = Operation.RETRIEVE;
        retrieve.to = "cse-in";
        retrieve.from = "CAE1";
        retrieve.requestIdentifier = "c1";
        retrieve.releaseVersionIndicator = "3";
        c.onMessage(PrimitiveCodec.encode(retrieve, Serialization.CBOR), true);
        assertEquals("c1", frames.lastResponse(Serialization.CBOR).requestIdentifier);
    }

    @Test
    void ts0004_8_aMalformedMessageGets4000WithItsRqiAndTheConnectionStaysOpen() {
        Connection c = connection(Subprotocol.JSON, Admission.OPEN);
        c.onMessage(json("{\"op\":99,\"to\":\"cse-in\",\"fr\":\"CAE1\",\"rqi\":\"bad-1\",\"rvi\":\"3\"}"), false);
        ResponsePrimitive rsp = frames.lastResponse(Serialization.JSON);
        assertEquals(ResponseStatusCode.BAD_REQUEST, rsp.responseStatusCode);
        assertEquals("bad-1", rsp.requestIdentifier);
        c.onMessage(json("not json at all"), false);
        assertEquals(ResponseStatusCode.BAD_REQUEST, frames.lastResponse(Serialization.JSON).responseStatusCode);
        assertTrue(c.isOpen());
        assertEquals(List.of(4000, 4000), refused);
        assertTrue(handled.isEmpty());
    }

    @Test
    void ts0020_table_6_2_2_9_1_aBinaryFrameOnOneM2MJsonIsRefusedWith4000() {
        Connection c = connection(Subprotocol.JSON, Admission.OPEN);
        c.onMessage(json("{\"op\":2,\"to\":\"cse-in\",\"fr\":\"CAE1\",\"rqi\":\"b1\",\"rvi\":\"3\"}"), true);
        ResponsePrimitive rsp = frames.lastResponse(Serialization.JSON);
        assertEquals(ResponseStatusCode.BAD_REQUEST, rsp.responseStatusCode);
        assertEquals("b1", rsp.requestIdentifier);
        assertTrue(String.valueOf(rsp.content).contains("text frames"), String.valueOf(rsp.content));
        assertTrue(handled.isEmpty());
    }

    @Test
    void ts0009_7_1_aRequestItsConnectionsCredentialDoesNotAdmitIsRefused() {
        Connection c = connection(Subprotocol.JSON, req -> {
            throw new OneM2MException(ResponseStatusCode.ORIGINATOR_NOT_AUTHENTICATED, "not you");
        });
        c.onMessage(json("{\"op\":2,\"to\":\"cse-in\",\"fr\":\"CAE2\",\"rqi\":\"a1\",\"rvi\":\"3\"}"), false);
        assertEquals(ResponseStatusCode.ORIGINATOR_NOT_AUTHENTICATED, frames.lastResponse(Serialization.JSON).responseStatusCode);
        assertTrue(handled.isEmpty());
        assertNull(registry.of("CAE2"));
    }

    @Test
    void ts0020_6_4_theAeIdARegistrationOverTheConnectionGotReachesIt() {
        Connection c = connection(Subprotocol.JSON, Admission.OPEN);
        answer = new ResponsePrimitive(ResponseStatusCode.CREATED, Map.of("m2m:ae", Map.of("aei", "CAE-new")));
        c.onMessage(json("{\"op\":1,\"to\":\"cse-in\",\"fr\":\"C\",\"rqi\":\"reg\",\"rvi\":\"3\",\"ty\":2,"
                + "\"pc\":{\"m2m:ae\":{\"api\":\"Nx\",\"rr\":false,\"srv\":[\"3\"]}}}"), false);
        assertSame(c, registry.of("CAE-new"));
        assertNull(registry.of("C"));
    }

    @Test
    void ts0020_5_2_theOriginatorOfAnAcceptedRequestIsReachableOverTheConnectionARefusedOneIsNot() {
        Connection c = connection(Subprotocol.JSON, Admission.OPEN);
        answer = new ResponsePrimitive(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, null);
        c.onMessage(json("{\"op\":2,\"to\":\"cse-in\",\"fr\":\"CAE9\",\"rqi\":\"x\",\"rvi\":\"3\"}"), false);
        assertNull(registry.of("CAE9"));
        answer = new ResponsePrimitive(ResponseStatusCode.OK, null);
        c.onMessage(json("{\"op\":2,\"to\":\"cse-in\",\"fr\":\"CAE9\",\"rqi\":\"y\",\"rvi\":\"3\"}"), false);
        assertSame(c, registry.of("CAE9"));
    }

    @Test
    void ts0020_5_1_aRequestTheCseSendsIsAnsweredByTheResponseWithItsRqi() {
        Connection c = connection(Subprotocol.JSON, Admission.OPEN);
        CompletableFuture<ResponsePrimitive> first = c.request(notify("n1"), 5_000);
        CompletableFuture<ResponsePrimitive> second = c.request(notify("n2"), 5_000);
        RequestPrimitive sent = PrimitiveCodec.decodeRequest(frames.sent.get(0), Serialization.JSON, java.time.Instant.now());
        assertEquals(Operation.NOTIFY, sent.operation);
        assertEquals("n1", sent.requestIdentifier);
        c.onMessage(response("n2", 2000), false);
        assertTrue(second.isDone());
        assertFalse(first.isDone(), "each response completes its own request");
        c.onMessage(response("n1", 4004), false);
        assertEquals(ResponseStatusCode.NOT_FOUND, first.join().responseStatusCode);
        assertEquals(0, timer.scheduled(), "an answered request's timeout is cancelled");
        assertTrue(refused.isEmpty());
    }

    @Test
    void ts0020_6_5_aRequestNotAnsweredInTimeCompletesWith4008() {
        Connection c = connection(Subprotocol.XML, Admission.OPEN);
        CompletableFuture<ResponsePrimitive> pending = c.request(notify("t1"), 1234);
        assertEquals(List.of(1234L), timer.delays);
        timer.elapse();
        assertEquals(ResponseStatusCode.REQUEST_TIMEOUT, pending.join().responseStatusCode);
        c.onMessage(("<m2m:rsp xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"><rsc>2000</rsc><rqi>t1</rqi></m2m:rsp>")
                .getBytes(StandardCharsets.UTF_8), false);
        assertTrue(frames.sent.size() == 1, "a late response is dropped, not answered");
    }

    @Test
    void ts0020_6_3_aConnectionThatClosesCompletesWhatIsInFlightWith5103AndLeavesTheRegistry() {
        Connection c = connection(Subprotocol.JSON, Admission.OPEN);
        registry.bind("CAE1", c);
        CompletableFuture<ResponsePrimitive> pending = c.request(notify("l1"), 5_000);
        c.closed("close code 1006");
        assertEquals(ResponseStatusCode.TARGET_NOT_REACHABLE, pending.join().responseStatusCode);
        assertNull(registry.of("CAE1"));
        assertEquals(ResponseStatusCode.TARGET_NOT_REACHABLE, c.request(notify("l2"), 5_000).join().responseStatusCode);
    }

    @Test
    void ts0020_5_1_aRequestThatCannotBeWrittenCompletesWith5103() {
        Connection c = connection(Subprotocol.JSON, Admission.OPEN);
        frames.broken = true;
        assertEquals(ResponseStatusCode.TARGET_NOT_REACHABLE, c.request(notify("w1"), 5_000).join().responseStatusCode);
    }
}
