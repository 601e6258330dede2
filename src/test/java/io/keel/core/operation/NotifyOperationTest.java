package io.keel.core.operation;

import static io.keel.core.operation.CoreFixture.ADMIN;
import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.keel.core.RecordingOutbound;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Notify received (TS-0004 7.3.3.9.1, 7.3.3.9.2): the CSEBase takes it, an AE gets it passed on (pointOfAccess or pollingChannel,
 * 7.4.21/7.4.22), other resources take none.
 */
class NotifyOperationTest {
    private static final Map<String, Object> NOTIFICATION = map("m2m:sgn",
            map("nev", map("rep", map("m2m:cin", map("con", "21"))), "sur", "/id-other/sub1"));
    private final CoreFixture cse = new CoreFixture();

    NotifyOperationTest() {
        cse.ae("Cae1", "app1");
        cse.container("cnt1", "Cae1", "box");
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private RequestPrimitive notify(String to, String from, Object content) {
        RequestPrimitive req = cse.request(Operation.NOTIFY, to, from);
        req.content = content;
        return req;
    }

    @Test
    void ts0004_7_3_3_9_2_aNotificationToTheCseBaseIsTaken2000() {
        ResponsePrimitive rsp = cse.send(notify("cse-in", ADMIN, NOTIFICATION));

        assertRsc(ResponseStatusCode.OK, rsp);
        assertEquals(List.of(), cse.outbound.sent());
    }

    @Test
    void ts0004_7_3_3_9_2_aNotifyToTheCseBaseWithoutANotificationIs4000() {
        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(notify("cse-in", ADMIN, map("m2m:rsp", map("rsc", 2000)))));
    }

    @Test
    void ts0004_7_2_1_1_aNotifyWithoutContentIs4000() {
        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(notify("cse-in", ADMIN, null)));
    }

    @Test
    void ts0004_7_3_3_9_aResourceThatTakesNoNotifyAnswers4005() {
        ResponsePrimitive rsp = cse.send(notify("cse-in/app1/box", "Cae1", NOTIFICATION));

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, rsp);
        assertEquals(List.of(), cse.outbound.sent());
    }

    @Test
    void ts0004_7_3_3_15_aNotifyWithoutNotifyPrivilegeIs4103() {
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, cse.send(notify("cse-in/app1", "Cstranger", NOTIFICATION)));
        assertEquals(List.of(), cse.outbound.sent());
    }

    @Test
    void ts0004_7_3_3_9_1_aNotifyToAnAeGoesToItsPointOfAccessAndItsAnswerComesBack() {
        cse.tree.stored("Cae1").attributes.put("poa", List.of("http://ae.example/notify"));
        cse.outbound.answer = r -> new ResponsePrimitive(ResponseStatusCode.OK, map("m2m:dbg", "thanks"));

        ResponsePrimitive rsp = cse.send(notify("cse-in/app1", ADMIN, NOTIFICATION));

        assertRsc(ResponseStatusCode.OK, rsp);
        assertEquals(map("m2m:dbg", "thanks"), rsp.content);
        RecordingOutbound.Sent sent = cse.outbound.sent().get(0);
        assertEquals("http://ae.example/notify", sent.url());
        assertEquals(ADMIN, sent.request().from);
        assertEquals(NOTIFICATION, sent.request().content);
    }

    @Test
    void ts0004_7_4_22_anAeAnswersARequestItPolledThroughPcu() throws Exception {
        cse.add("pch1", "Cae1", ResourceTypes.POLLING_CHANNEL, "pch").origin = "Cae1";
        RequestPrimitive forAe = notify("cse-in/app1", ADMIN, NOTIFICATION);
        CompletableFuture<ResponsePrimitive> waiting = cse.sendAsync(forAe);
        awaitQueued();
        assertFalse(waiting.isDone(), "the Notify waits for the AE's answer");

        ResponsePrimitive polled = cse.send(cse.request(Operation.RETRIEVE, "cse-in/app1/pch/pcu", "Cae1"));
        assertRsc(ResponseStatusCode.OK, polled);
        Map<?, ?> rqp = (Map<?, ?>) ((Map<?, ?>) polled.content).get("m2m:rqp");
        assertEquals(forAe.requestIdentifier, rqp.get("rqi"));
        assertEquals(NOTIFICATION, rqp.get("pc"));

        ResponsePrimitive answered = cse.send(notify("cse-in/app1/pch/pcu", "Cae1",
                map("m2m:rsp", map("rsc", 2000, "rqi", rqp.get("rqi"), "pc", map("m2m:dbg", "done")))));

        assertRsc(ResponseStatusCode.OK, answered);
        ResponsePrimitive relayed = waiting.get(5, TimeUnit.SECONDS);
        assertRsc(ResponseStatusCode.OK, relayed);
        assertEquals(map("m2m:dbg", "done"), relayed.content);
        assertEquals(List.of(), cse.outbound.sent(), "nothing went over HTTP");
    }

    @Test
    void ts0004_7_4_22_anAnswerThroughPcuThatNobodyWaitsForIs4004() {
        cse.add("pch1", "Cae1", ResourceTypes.POLLING_CHANNEL, "pch").origin = "Cae1";

        ResponsePrimitive rsp = cse.send(notify("cse-in/app1/pch/pcu", "Cae1", map("m2m:rsp", map("rsc", 2000, "rqi", "rq-unknown"))));

        assertRsc(ResponseStatusCode.NOT_FOUND, rsp);
    }

    @Test
    void ts0004_7_4_22_pcuTakesOnlyAResponse4000() {
        cse.add("pch1", "Cae1", ResourceTypes.POLLING_CHANNEL, "pch").origin = "Cae1";

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(notify("cse-in/app1/pch/pcu", "Cae1", NOTIFICATION)));
    }

    @Test
    void ts0004_7_4_22_pcuCannotBeDeleted4005() {
        cse.add("pch1", "Cae1", ResourceTypes.POLLING_CHANNEL, "pch").origin = "Cae1";

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, cse.send(cse.request(Operation.DELETE, "cse-in/app1/pch/pcu", "Cae1")));
        assertEquals("pch1", cse.tree.findByStructuredName("cse-in/app1/pch").ri);
    }

    private void awaitQueued() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (cse.pollingQueue.size() == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(5);
        }
        assertEquals(1, cse.pollingQueue.size(), "the request is queued in the pollingChannel");
    }

    @Test
    void ts0004_7_3_2_1_aNotifyWithResultContentIs4000() {
        RequestPrimitive req = notify("cse-in", ADMIN, NOTIFICATION);
        req.resultContent = io.keel.primitive.ResultContent.ATTRIBUTES;

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(req));
    }

    @Test
    void ts0009_annexB_aNotifyToAnAeGoesOverTheConnectionItHoldsOpenBeforeItsPointOfAccessAndItsPollingChannel() {
        cse.tree.stored("Cae1").attributes.put("aei", "Cae1");
        cse.tree.stored("Cae1").attributes.put("poa", List.of("http://ae.example/notify"));
        cse.add("pch1", "Cae1", ResourceTypes.POLLING_CHANNEL, "pch").origin = "Cae1";
        cse.outbound.reachable = url -> url.startsWith("http://") || url.startsWith("conn:");
        cse.outbound.connections = id -> id.equals("Cae1") ? "conn:Cae1" : null;
        AtomicInteger calls = new AtomicInteger();
        cse.outbound.answer = r -> calls.getAndIncrement() == 0
                ? new ResponsePrimitive(ResponseStatusCode.OK, null)
                : new ResponsePrimitive(ResponseStatusCode.TARGET_NOT_REACHABLE, null);

        assertRsc(ResponseStatusCode.OK, cse.send(notify("cse-in/app1", ADMIN, NOTIFICATION)));
        assertEquals(List.of("conn:Cae1"), cse.outbound.sent().stream().map(RecordingOutbound.Sent::url).toList());

        // The connection is lost: the pointOfAccess comes next, as for any unreachable point of access.
        calls.set(1);
        cse.outbound.answer = r -> calls.getAndIncrement() == 1
                ? new ResponsePrimitive(ResponseStatusCode.TARGET_NOT_REACHABLE, null)
                : new ResponsePrimitive(ResponseStatusCode.OK, null);
        assertRsc(ResponseStatusCode.OK, cse.send(notify("cse-in/app1", ADMIN, NOTIFICATION)));
        assertEquals(List.of("conn:Cae1", "conn:Cae1", "http://ae.example/notify"),
                cse.outbound.sent().stream().map(RecordingOutbound.Sent::url).toList());
    }

    @Test
    void ts0004_7_3_3_9_1_aNotifyToAnAeWithoutPointOfAccessIs5103() {
        ResponsePrimitive rsp = cse.send(notify("cse-in/app1", ADMIN, NOTIFICATION));

        assertRsc(ResponseStatusCode.TARGET_NOT_REACHABLE, rsp);
        assertEquals(List.of(), cse.outbound.sent());
    }

    @Test
    void ts0004_7_3_3_9_1_anUnreachableAddressIsFollowedByTheNextAndTheLastFailureIs5103() {
        cse.tree.stored("Cae1").attributes.put("poa", List.of("http://first.example/n", "http://second.example/n"));
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        cse.outbound.answer = r -> calls.getAndIncrement() == 0
                ? new ResponsePrimitive(ResponseStatusCode.TARGET_NOT_REACHABLE, null)
                : new ResponsePrimitive(ResponseStatusCode.OK, null);

        assertRsc(ResponseStatusCode.OK, cse.send(notify("cse-in/app1", ADMIN, NOTIFICATION)));
        assertEquals(List.of("http://first.example/n", "http://second.example/n"),
                cse.outbound.sent().stream().map(RecordingOutbound.Sent::url).toList());

        cse.outbound.answerWith(ResponseStatusCode.TARGET_NOT_REACHABLE);
        assertRsc(ResponseStatusCode.TARGET_NOT_REACHABLE, cse.send(notify("cse-in/app1", ADMIN, NOTIFICATION)));
    }
}
