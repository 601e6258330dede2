package io.keel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.RequestType;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResponseTypeValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Non-blocking requests (TS-0004 7.3.2, 7.4.12 {@code <request>}; TS-0001 8.2.2): rt=1 and rt=2 are acknowledged at
 * once with the address of a stored {@code <request>}, which records the result when the request has run; rt=2 also
 * sends the result as a Notify with {@code m2m:rsp}. A request whose runner stopped is marked failed.
 */
class NonBlockingRequestsTest {
    private static final String RESULTS = "http://receiver.example:9000/results";
    private CoreFixture core;
    private final List<NonBlockingRequests> started = new ArrayList<>();

    @BeforeEach
    void wire() {
        core = new CoreFixture();
    }

    @AfterEach
    void close() {
        started.forEach(NonBlockingRequests::close);
        core.close();
    }

    private NonBlockingRequests start(int threads, int queue) {
        NonBlockingRequests nb = core.nonBlocking(threads, queue);
        started.add(nb);
        return nb;
    }

    private static RequestPrimitive request(ResponseTypeValue rt) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = Operation.CREATE;
        req.to = "cse-in/Cae1";
        req.from = "Cae1";
        req.requestIdentifier = "rqi-nb-1";
        req.resourceType = ResourceTypes.CONTAINER;
        req.content = Map.of("m2m:cnt", Map.of("rn", "box"));
        req.releaseVersionIndicator = "4";
        req.responseType = rt;
        return req;
    }

    /** What the request runs as: a future the test completes, and the request as the runner got it. */
    private static final class Execution implements Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> {
        final CompletableFuture<ResponsePrimitive> result = new CompletableFuture<>();
        final CompletableFuture<RequestPrimitive> ran = new CompletableFuture<>();

        @Override
        public CompletableFuture<ResponsePrimitive> apply(RequestPrimitive req) {
            ran.complete(req);
            return result;
        }
    }

    private static ResponsePrimitive created() {
        return new ResponsePrimitive(ResponseStatusCode.CREATED, Map.of("m2m:cnt", Map.of("rn", "box", "ri", "cnt123")));
    }

    private static String ri(ResponsePrimitive ack) {
        return (String) ((Map<?, ?>) ack.content).get("m2m:uri");
    }

    private static Map<?, ?> ors(Resource request) {
        return (Map<?, ?>) request.get("ors");
    }

    /** Lets what was accepted finish: the executor ends its work before close returns. */
    private static void drain(NonBlockingRequests nb) {
        nb.close(5_000);
    }

    @Test
    void ts0004_7_3_2_2_rt1IsAcknowledged1001WithTheAddressOfAPendingRequestResource() throws Exception {
        NonBlockingRequests nb = start(1, 10);
        RequestPrimitive req = request(ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH);
        Execution run = new Execution();

        ResponsePrimitive ack = nb.accept(req, run);

        assertEquals(ResponseStatusCode.ACCEPTED_NON_BLOCKING_REQUEST_SYNCH, ack.responseStatusCode);
        String ri = ri(ack);
        assertEquals("cse-in/" + ri, ack.contentLocation);
        Resource stored = core.store.tree.stored(ri);
        assertNotNull(stored, "the <request> is stored at the address the acknowledgement gives");
        assertEquals(ResourceTypes.REQUEST, stored.ty);
        assertEquals("id-in", stored.pi, "the <request> lives under the CSEBase");
        assertEquals(RequestType.PENDING, stored.get("rs"));
        assertEquals((long) Operation.CREATE.value(), stored.get("op"));
        assertEquals("cse-in/Cae1", stored.get("tg"));
        assertEquals("Cae1", stored.get("org"));
        assertEquals("rqi-nb-1", stored.get("rid"));
        assertEquals(Map.of("m2m:cnt", Map.of("rn", "box")), stored.get("pc"));
        assertEquals("Cae1", stored.origin, "the originator owns its <request>");
        assertEquals(List.of("Cae1"), stored.lbl, "labels: the originator's ID (table 7.3.2.2-1)");
        assertEquals(1001, ors(stored).get("rsc"), "accepted until the result is in (table 7.3.2.2-2)");
        assertEquals("rqi-nb-1", ors(stored).get("rqi"));
        assertNotNull(core.leases.of(ri), "claimed by this instance while it runs");
        assertEquals(ResponseTypeValue.BLOCKING_REQUEST, run.ran.get(5, TimeUnit.SECONDS).responseType,
                "the request itself runs as a blocking one");
    }

    @Test
    void ts0004_7_4_12_theResultGoesIntoTheRequestResourceAndTheLeaseIsReleased() throws Exception {
        NonBlockingRequests nb = start(1, 10);
        Execution run = new Execution();
        String ri = ri(nb.accept(request(ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH), run));
        run.ran.get(5, TimeUnit.SECONDS);
        long stBefore = core.store.tree.stored(ri).st;

        run.result.complete(created());
        drain(nb);

        Resource stored = core.store.tree.stored(ri);
        assertEquals(RequestType.COMPLETED, stored.get("rs"));
        Map<?, ?> ors = ors(stored);
        assertEquals(2001, ors.get("rsc"));
        assertEquals("rqi-nb-1", ors.get("rqi"));
        assertEquals("Cae1", ors.get("to"));
        assertEquals("/id-in", ors.get("fr"));
        assertEquals(Map.of("m2m:cnt", Map.of("rn", "box", "ri", "cnt123")), ors.get("pc"));
        assertEquals(stBefore + 1, stored.st, "the stateTag counts the change");
        assertNull(core.leases.of(ri));
        assertTrue(core.leases.released().contains(ri));
        assertTrue(core.outbound.sent().isEmpty(), "rt=1 sends nothing: the originator retrieves the <request>");
    }

    @Test
    void ts0004_7_4_12_aFailedRequestIsRecordedAsFailedWithItsError() throws Exception {
        NonBlockingRequests nb = start(1, 10);
        Execution run = new Execution();
        String ri = ri(nb.accept(request(ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH), run));
        run.ran.get(5, TimeUnit.SECONDS);

        run.result.complete(ResponsePrimitive.error(ResponseStatusCode.NOT_FOUND, "resource cse-in/Cae1 not found"));
        drain(nb);

        Resource stored = core.store.tree.stored(ri);
        assertEquals(RequestType.FAILED, stored.get("rs"));
        assertEquals(4004, ors(stored).get("rsc"));
        assertEquals(Map.of("m2m:dbg", "resource cse-in/Cae1 not found"), ors(stored).get("pc"));
        assertNull(core.leases.of(ri));
    }

    @Test
    void ts0004_7_4_12_aRequestThatBreaksIsRecordedAs5000WithoutTheExceptionsText() throws Exception {
        Logger log = Logger.getLogger(NonBlockingRequests.class.getName());
        Level level = log.getLevel();
        log.setLevel(Level.OFF);
        try {
            NonBlockingRequests nb = start(1, 10);
            Execution run = new Execution();
            String ri = ri(nb.accept(request(ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH), run));
            run.ran.get(5, TimeUnit.SECONDS);

            run.result.completeExceptionally(new IllegalStateException("secret-detail at jdbc:h2:/var/keel"));
            drain(nb);

            Resource stored = core.store.tree.stored(ri);
            assertEquals(RequestType.FAILED, stored.get("rs"));
            assertEquals(5000, ors(stored).get("rsc"));
            String dbg = String.valueOf(((Map<?, ?>) ors(stored).get("pc")).get("m2m:dbg"));
            assertFalse(dbg.contains("secret-detail") || dbg.contains("IllegalStateException"), dbg);
        } finally {
            log.setLevel(level);
        }
    }

    @Test
    void ts0004_7_4_12_aRunnerThatThrowsStillEndsTheRequestFailed() {
        Logger log = Logger.getLogger(NonBlockingRequests.class.getName());
        Level level = log.getLevel();
        log.setLevel(Level.OFF);
        try {
            NonBlockingRequests nb = start(1, 10);
            String ri = ri(nb.accept(request(ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH), r -> {
                throw new IllegalStateException("a bug");
            }));
            drain(nb);

            Resource stored = core.store.tree.stored(ri);
            assertEquals(RequestType.FAILED, stored.get("rs"), "not left pending for ever");
            assertEquals(5000, ors(stored).get("rsc"));
            assertNull(core.leases.of(ri), "the lease is released, not renewed for ever");
        } finally {
            log.setLevel(level);
        }
    }

    @Test
    void ts0004_7_3_2_rt2IsAcknowledged1002AndTheResultIsNotifiedAsM2mRsp() throws Exception {
        NonBlockingRequests nb = start(1, 10);
        RequestPrimitive req = request(ResponseTypeValue.NON_BLOCKING_REQUEST_ASYNCH);
        req.responseTypeNotificationUris = List.of(RESULTS);
        Execution run = new Execution();

        ResponsePrimitive ack = nb.accept(req, run);
        assertEquals(ResponseStatusCode.ACCEPTED_NON_BLOCKING_REQUEST_ASYNCH, ack.responseStatusCode);
        assertTrue(core.outbound.sent().isEmpty(), "nothing is sent before the request has run");
        run.ran.get(5, TimeUnit.SECONDS);
        run.result.complete(created());

        RecordingOutbound.Sent sent = core.outbound.next();
        assertNotNull(sent, "the result was not sent");
        assertEquals(RESULTS, sent.url());
        assertEquals(Operation.NOTIFY, sent.request().operation);
        assertEquals("/id-in", sent.request().from);
        Map<?, ?> rsp = (Map<?, ?>) ((Map<?, ?>) sent.request().content).get("m2m:rsp");
        assertEquals(2001, rsp.get("rsc"));
        assertEquals("rqi-nb-1", rsp.get("rqi"));
        assertEquals(Map.of("m2m:cnt", Map.of("rn", "box", "ri", "cnt123")), rsp.get("pc"));
        drain(nb);
        assertEquals(RequestType.COMPLETED, core.store.tree.stored(ri(ack)).get("rs"), "rt=2 also records the result");
        assertEquals(1, core.outbound.sent().size());
    }

    @Test
    void ts0004_7_3_2_rt2WithoutNotificationUrisNotifiesTheOriginator() throws Exception {
        core.ae("Cae1", "http://ae.example:8080/inbox");
        NonBlockingRequests nb = start(1, 10);
        RequestPrimitive req = request(ResponseTypeValue.NON_BLOCKING_REQUEST_ASYNCH);
        Execution run = new Execution();
        nb.accept(req, run);
        run.ran.get(5, TimeUnit.SECONDS);

        run.result.complete(ResponsePrimitive.error(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "no create privilege"));

        RecordingOutbound.Sent sent = core.outbound.next();
        assertNotNull(sent);
        assertEquals("http://ae.example:8080/inbox", sent.url(), "the originator AE's pointOfAccess");
        assertEquals(4103, ((Map<?, ?>) ((Map<?, ?>) sent.request().content).get("m2m:rsp")).get("rsc"));
    }

    @Test
    void ts0004_7_4_12_theRequestResourceLivesUntilTheResultPersistence() {
        NonBlockingRequests nb = start(1, 10);
        RequestPrimitive req = request(ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH);
        req.resultPersistence = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

        String ri = ri(nb.accept(req, new Execution()));

        assertEquals(req.resultPersistence, core.store.tree.stored(ri).et);
    }

    @Test
    void ts0004_7_4_12_aResultThatWouldExpireBeforeItIsAcceptedIs4000AndNothingIsStored() {
        NonBlockingRequests nb = start(1, 10);
        RequestPrimitive req = request(ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH);
        req.resultPersistence = Instant.now().minusSeconds(1);
        Execution run = new Execution();

        OneM2MException e = assertThrows(OneM2MException.class, () -> nb.accept(req, run));

        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(core.store.tree.ofType(ResourceTypes.REQUEST).isEmpty());
        assertFalse(run.ran.isDone(), "not run");
    }

    @Test
    void ts0004_7_3_2_aFullQueueIsRecorded5000InTheRequest() throws Exception {
        NonBlockingRequests nb = start(1, 1);
        CountDownLatch hold = new CountDownLatch(1);
        CompletableFuture<Void> busy = new CompletableFuture<>();
        Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> blocking = r -> {
            busy.complete(null);
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CompletableFuture.completedFuture(created());
        };
        try {
            nb.accept(request(ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH), blocking); // runs, held
            busy.get(5, TimeUnit.SECONDS);
            nb.accept(request(ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH), blocking); // waits in the queue
            assertEquals(1, nb.queued());

            String refused = ri(nb.accept(request(ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH), blocking));

            Resource stored = core.store.tree.stored(refused);
            assertEquals(RequestType.FAILED, stored.get("rs"));
            assertEquals(5000, ors(stored).get("rsc"));
            assertNull(core.leases.of(refused));
        } finally {
            hold.countDown();
        }
        drain(nb);
        long completed = core.store.tree.ofType(ResourceTypes.REQUEST).stream()
                .filter(r -> Long.valueOf(RequestType.COMPLETED).equals(r.get("rs"))).count();
        assertEquals(2, completed, "the two accepted requests ran");
    }

    /** A pending {@code <request>} as another instance stored it, claimed by that instance at {@code heartbeat}. */
    private Resource pending(String ri, ResponseTypeValue rt, List<String> nu, String instance, long heartbeatMicros) {
        Resource r = core.store.tree.add(ri, "id-in", ResourceTypes.REQUEST, "cse-in/" + ri);
        r.origin = "Cae1";
        r.attributes.put("op", 1L);
        r.attributes.put("tg", "cse-in/Cae1");
        r.attributes.put("org", "Cae1");
        r.attributes.put("rid", "rid-" + ri);
        Map<String, Object> rtMap = new LinkedHashMap<>();
        rtMap.put("rtv", rt.value());
        if (nu != null) {
            rtMap.put("nu", nu);
        }
        r.attributes.put("mi", Map.of("rt", rtMap, "rvi", "4"));
        r.attributes.put("rs", RequestType.PENDING);
        core.leases.claim(ri, instance, heartbeatMicros);
        return r;
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    @Test
    void ts0004_7_4_12_requestsOfAStoppedInstanceAreMarkedFailedAndRt2TargetsAreTold() throws Exception {
        NonBlockingRequests nb = start(1, 10);
        Instant longAgo = Instant.now().minusMillis(2 * CoreFixture.LEASE_MILLIS);
        pending("reqAsync", ResponseTypeValue.NON_BLOCKING_REQUEST_ASYNCH, List.of(RESULTS), "crashed", micros(longAgo));
        pending("reqSync", ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH, null, "crashed", micros(longAgo));

        assertEquals(2, nb.failAbandoned());

        for (String ri : List.of("reqAsync", "reqSync")) {
            Resource stored = core.store.tree.stored(ri);
            assertEquals(RequestType.FAILED, stored.get("rs"), ri);
            assertEquals(5000, ors(stored).get("rsc"), ri);
            assertEquals("rid-" + ri, ors(stored).get("rqi"), ri);
            assertNull(core.leases.of(ri), ri);
        }
        RecordingOutbound.Sent sent = core.outbound.next();
        assertNotNull(sent, "the rt=2 target was not told");
        assertEquals(RESULTS, sent.url());
        Map<?, ?> rsp = (Map<?, ?>) ((Map<?, ?>) sent.request().content).get("m2m:rsp");
        assertEquals(5000, rsp.get("rsc"));
        assertEquals("rid-reqAsync", rsp.get("rqi"));
        assertEquals(1, core.outbound.sent().size(), "the rt=1 request's originator retrieves its <request>");
    }

    @Test
    void ts0004_7_4_12_requestsOfALiveInstanceAndFinishedOnesAreLeftAlone() {
        NonBlockingRequests nb = start(1, 10);
        pending("reqAlive", ResponseTypeValue.NON_BLOCKING_REQUEST_ASYNCH, List.of(RESULTS), "alive", micros(Instant.now()));
        Resource done = pending("reqDone", ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH, null, "crashed", 0);
        done.attributes.put("rs", RequestType.COMPLETED);
        done.attributes.put("ors", Map.of("rsc", 2000));

        assertEquals(0, nb.failAbandoned());

        assertEquals(RequestType.PENDING, core.store.tree.stored("reqAlive").get("rs"));
        assertNotNull(core.leases.of("reqAlive"));
        assertEquals(RequestType.COMPLETED, core.store.tree.stored("reqDone").get("rs"));
        assertEquals(Map.of("rsc", 2000), core.store.tree.stored("reqDone").get("ors"));
        assertNull(core.leases.of("reqDone"), "the stale lease of a finished request is dropped");
        assertTrue(core.outbound.sent().isEmpty());
    }

    @Test
    void ts0004_7_4_12_anInstanceThatStopsLetsGoSoTheNextOneFailsItsRequestsAtOnce() throws Exception {
        NonBlockingRequests first = core.nonBlocking(1, 10);
        Execution never = new Execution();
        String ri = ri(first.accept(request(ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH), never));
        never.ran.get(5, TimeUnit.SECONDS);

        first.close(); // an orderly stop without drain: the request has not finished
        assertEquals(RequestType.PENDING, core.store.tree.stored(ri).get("rs"));

        start(1, 10); // another instance starting looks for abandoned requests
        assertEquals(RequestType.FAILED, core.store.tree.stored(ri).get("rs"));
        assertEquals(5000, ors(core.store.tree.stored(ri)).get("rsc"));
    }
}
