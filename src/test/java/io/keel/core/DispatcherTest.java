package io.keel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.RequestType;
import io.keel.core.store.ResourceSearch;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResponseTypeValue;
import io.keel.primitive.ResultContent;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Receiver CSE's common actions (TS-0004 7.3.2): what every request must satisfy before it is routed, the
 * non-blocking hand-off, X-M2M-OET and X-M2M-RET, a To naming another CSE, and every outcome — a bug included — as
 * a response primitive that echoes rqi and rvi.
 */
class DispatcherTest {
    private CoreFixture core;
    private NonBlockingRequests nonBlocking;
    private Dispatcher dispatcher;
    private final List<RequestOutcome> outcomes = new ArrayList<>();

    @BeforeEach
    void wire() {
        core = new CoreFixture();
        nonBlocking = core.nonBlocking(2, 10);
        dispatcher = new Dispatcher(core.store, core.router, core.types, core.ctx, core.clock, nonBlocking, outcomes::add);
        core.notifications.deleteWith((tx, r) -> dispatcher.deletes().delete(tx, r, null, core.clock.now()));
        core.ae("Cae1");
        core.store.reads = 0;
        core.store.writes = 0;
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
        req.releaseVersionIndicator = "4";
        req.responseType = ResponseTypeValue.BLOCKING_REQUEST;
        return req;
    }

    private static RequestPrimitive createContainer(String to, String from) {
        RequestPrimitive req = request(Operation.CREATE, to, from);
        req.resourceType = ResourceTypes.CONTAINER;
        req.content = Map.of("m2m:cnt", Map.of("rn", "box"));
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

    @Test
    void ts0004_7_3_2_aRetrieveOfTheCseBaseIsAnswered2000WithItsRepresentation() {
        ResponsePrimitive rsp = handle(request(Operation.RETRIEVE, "cse-in", "CAdmin"));

        assertEquals(ResponseStatusCode.OK, rsp.responseStatusCode);
        Map<?, ?> cb = (Map<?, ?>) ((Map<?, ?>) rsp.content).get("m2m:cb");
        assertEquals("id-in", cb.get("ri"));
        assertEquals("/id-in", cb.get("csi"));
    }

    @Test
    void ts0004_7_3_2_1_aRequestWithoutOperationIs4000() {
        RequestPrimitive req = request(Operation.RETRIEVE, "cse-in", "CAdmin");
        req.operation = null;

        ResponsePrimitive rsp = handle(req);

        assertEquals(ResponseStatusCode.BAD_REQUEST, rsp.responseStatusCode);
        assertTrue(dbg(rsp).contains("operation"), dbg(rsp));
        assertEquals(0, core.store.reads + core.store.writes, "nothing is looked up");
    }

    @Test
    void ts0004_7_3_2_1_aRequestWithoutOriginatorIs4000() {
        ResponsePrimitive rsp = handle(createContainer("cse-in/Cae1", null));

        assertEquals(ResponseStatusCode.BAD_REQUEST, rsp.responseStatusCode);
        assertTrue(dbg(rsp).contains("X-M2M-Origin"), dbg(rsp));
        assertNull(core.store.tree.findByStructuredName("cse-in/Cae1/box"));
        assertEquals(0, core.store.reads + core.store.writes);
    }

    @Test
    void ts0001_10_2_2_2_anAeRegistrationMayComeWithoutOriginator() {
        RequestPrimitive req = request(Operation.CREATE, "cse-in", null);
        req.resourceType = ResourceTypes.AE;
        req.content = Map.of("m2m:ae", Map.of("rn", "newApp", "api", "Nkeel.example", "rr", false, "srv", List.of("4")));

        ResponsePrimitive rsp = handle(req);

        assertEquals(ResponseStatusCode.CREATED, rsp.responseStatusCode, String.valueOf(rsp.content));
        Resource ae = core.store.tree.findByStructuredName("cse-in/newApp");
        assertNotNull(ae, "the AE is registered");
        assertTrue(ae.ri.startsWith("C"), "the CSE assigned a C-stem: " + ae.ri);
    }

    @Test
    void ts0004_7_3_2_1_anOtherCreateWithoutOriginatorIsStill4000EvenOfAnUnknownType() {
        RequestPrimitive req = request(Operation.CREATE, "cse-in", null);
        req.resourceType = 9999;

        assertEquals(ResponseStatusCode.BAD_REQUEST, handle(req).responseStatusCode);
    }

    @Test
    void ts0004_7_3_2_1_responseTypeNoResponseIsRefused4000() {
        RequestPrimitive req = request(Operation.RETRIEVE, "cse-in", "CAdmin");
        req.responseType = ResponseTypeValue.NO_RESPONSE;

        ResponsePrimitive rsp = handle(req);

        assertEquals(ResponseStatusCode.BAD_REQUEST, rsp.responseStatusCode);
        assertTrue(dbg(rsp).contains("noResponse"), dbg(rsp));
        assertEquals(0, core.store.reads, "refused before it is routed");
    }

    @Test
    void ts0004_7_3_2_1_anExpiredRequestIs4008AndNothingIsExecuted() {
        RequestPrimitive req = createContainer("cse-in/Cae1", "Cae1");
        req.requestExpirationTimestamp = Instant.now().minusSeconds(1);
        int before = core.store.tree.size();

        ResponsePrimitive rsp = handle(req);

        assertEquals(ResponseStatusCode.REQUEST_TIMEOUT, rsp.responseStatusCode);
        assertEquals(before, core.store.tree.size(), "no container created");
        assertEquals(0, core.store.reads + core.store.writes, "nothing looked up, nothing written");
    }

    @Test
    void ts0004_7_3_2_1_anOperationExecutionTimeInTheFutureDelaysTheOperation() throws Exception {
        RequestPrimitive req = createContainer("cse-in/Cae1", "Cae1");
        req.operationExecutionTime = Instant.now().plusMillis(400);
        long started = System.nanoTime();

        CompletableFuture<ResponsePrimitive> answer = dispatcher.handle(req);

        assertFalse(answer.isDone(), "answered before the operation execution time");
        assertNull(core.store.tree.findByStructuredName("cse-in/Cae1/box"), "executed before the operation execution time");
        ResponsePrimitive rsp = answer.get(10, TimeUnit.SECONDS);
        long waitedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertEquals(ResponseStatusCode.CREATED, rsp.responseStatusCode, String.valueOf(rsp.content));
        assertTrue(waitedMillis >= 350, "executed after " + waitedMillis + " ms only");
        assertNotNull(core.store.tree.findByStructuredName("cse-in/Cae1/box"));
        assertEquals("rqi-CREATE", rsp.requestIdentifier);
    }

    @Test
    void ts0004_7_3_2_1_aRequestExpiringBeforeItsExecutionTimeIs4008AndNotExecuted() throws Exception {
        RequestPrimitive req = createContainer("cse-in/Cae1", "Cae1");
        req.operationExecutionTime = Instant.now().plusSeconds(60);
        req.requestExpirationTimestamp = Instant.now().plusSeconds(30);

        ResponsePrimitive rsp = dispatcher.handle(req).get(1, TimeUnit.SECONDS);

        assertEquals(ResponseStatusCode.REQUEST_TIMEOUT, rsp.responseStatusCode);
        assertNull(core.store.tree.findByStructuredName("cse-in/Cae1/box"));
        assertEquals(0, core.store.writes);
    }

    @ParameterizedTest
    @CsvSource({
            "/id-mn/cse-mn/app,              CSE /id-mn",
            "/id-mn,                         CSE /id-mn",
            "/id-mn/Cae1,                    CSE /id-mn",
            "//other.sp/id-in/cse-in,        service provider other.sp",
            "//other.sp/id-in,               service provider other.sp",
            "//other.sp,                     service provider other.sp"})
    void ts0004_7_3_2_6_anInCseKnowingNoMatchingRemoteCseAnswers4004WithTheReason(String to, String named) {
        ResponsePrimitive rsp = handle(request(Operation.RETRIEVE, to, "CAdmin"));

        assertEquals(ResponseStatusCode.NOT_FOUND, rsp.responseStatusCode);
        assertTrue(dbg(rsp).contains(named) && dbg(rsp).contains("not forwarded"), dbg(rsp));
    }

    @Test
    void ts0004_7_3_2_6_aCreateForAnotherCseIs4004AndStoresNothing() {
        int before = core.store.tree.size();

        ResponsePrimitive rsp = handle(createContainer("/id-mn/cse-mn", "Cae1"));

        assertEquals(ResponseStatusCode.NOT_FOUND, rsp.responseStatusCode);
        assertEquals(before, core.store.tree.size());
        assertEquals(0, core.store.writes);
    }

    @Test
    void ts0004_7_3_2_8_anAeRegistrationAddressedThroughThisCseToAnotherIs4000() {
        int before = core.store.tree.size();
        RequestPrimitive req = request(Operation.CREATE, "/id-mn/cse-mn", "Cnew");
        req.resourceType = ResourceTypes.AE;
        req.content = Map.of("m2m:ae", Map.of("rn", "newApp", "api", "Nkeel.example", "rr", false, "srv", List.of("4")));

        ResponsePrimitive rsp = handle(req);

        assertEquals(ResponseStatusCode.BAD_REQUEST, rsp.responseStatusCode);
        assertTrue(dbg(rsp).contains("registers"), dbg(rsp));
        assertEquals(before, core.store.tree.size());
    }

    @Test
    void ts0004_7_3_2_8_ourOwnSpAndCseIdMakeThisTheHostingCse() {
        assertEquals(ResponseStatusCode.OK, handle(request(Operation.RETRIEVE, "//keel.example.net/id-in/cse-in/Cae1", "Cae1")).responseStatusCode);
        assertEquals(ResponseStatusCode.OK, handle(request(Operation.RETRIEVE, "/id-in/Cae1", "Cae1")).responseStatusCode);
    }

    @Test
    void ts0004_7_3_2_theOperationsParametersAreCheckedBeforeRouting_aCreateWithoutTyToAMissingTargetIs4000() {
        RequestPrimitive req = request(Operation.CREATE, "cse-in/nothing/here", "CAdmin");
        req.content = Map.of("m2m:cnt", Map.of());

        ResponsePrimitive rsp = handle(req);

        assertEquals(ResponseStatusCode.BAD_REQUEST, rsp.responseStatusCode, dbg(rsp));
        assertTrue(dbg(rsp).contains("resource type"), dbg(rsp));
        assertEquals(0, core.store.reads, "refused before the target was looked up");
    }

    @Test
    void ts0004_7_3_2_theOperationsParametersAreCheckedBeforeRouting_aRetrieveWithABadRcnToAMissingTargetIs4000() {
        RequestPrimitive req = request(Operation.RETRIEVE, "/id-in/nothing", "CAdmin");
        req.resultContent = ResultContent.HIERARCHICAL_ADDRESS;

        assertEquals(ResponseStatusCode.BAD_REQUEST, handle(req).responseStatusCode);
    }

    @Test
    void ts0004_7_3_2_aWellFormedRequestForAMissingTargetIs4004() {
        RequestPrimitive req = createContainer("cse-in/nothing", "CAdmin");

        ResponsePrimitive rsp = handle(req);

        assertEquals(ResponseStatusCode.NOT_FOUND, rsp.responseStatusCode);
        assertEquals(1, core.store.reads);
        assertEquals(0, core.store.writes);
    }

    @Test
    void ts0004_7_3_2_aRetrieveIsRoutedAndAnsweredInOneReadTransaction() {
        ResponsePrimitive rsp = handle(request(Operation.RETRIEVE, "cse-in/Cae1", "Cae1"));

        assertEquals(ResponseStatusCode.OK, rsp.responseStatusCode);
        assertEquals(1, core.store.reads, "reads");
        assertEquals(0, core.store.writes, "writes");
    }

    @Test
    void ts0004_7_3_2_aCreateIsRoutedInOneReadTransactionAndStoredInOneWrite() {
        ResponsePrimitive rsp = handle(createContainer("cse-in/Cae1", "Cae1"));

        assertEquals(ResponseStatusCode.CREATED, rsp.responseStatusCode, String.valueOf(rsp.content));
        assertEquals(1, core.store.reads, "reads");
        assertEquals(1, core.store.writes, "writes");
        Resource box = core.store.tree.findByStructuredName("cse-in/Cae1/box");
        assertEquals(ResourceTypes.CONTAINER, box.ty);
        assertEquals("Cae1", box.origin);
    }

    @Test
    void ts0004_7_3_2_aBugIs5000WithoutItsMessageOrStackTrace() {
        Logger log = Logger.getLogger(Dispatcher.class.getName());
        Level level = log.getLevel();
        log.setLevel(Level.OFF); // the stack trace goes to the log; the test keeps it out of the build output
        try {
            core.store.search = (ResourceSearch) Proxy.newProxyInstance(ResourceSearch.class.getClassLoader(),
                    new Class<?>[] {ResourceSearch.class}, (proxy, method, args) -> {
                        throw new IllegalStateException("secret-detail of the database at jdbc:h2:/var/keel");
                    });
            RequestPrimitive req = request(Operation.RETRIEVE, "cse-in/Cae1", "Cae1");
            req.resultContent = ResultContent.ATTRIBUTES_AND_CHILD_RESOURCES;

            ResponsePrimitive rsp = handle(req);

            assertEquals(ResponseStatusCode.INTERNAL_SERVER_ERROR, rsp.responseStatusCode);
            String dbg = dbg(rsp);
            assertNotNull(dbg);
            assertFalse(dbg.contains("secret-detail") || dbg.contains("jdbc") || dbg.contains("IllegalStateException")
                    || dbg.contains("\tat ") || dbg.contains("io.keel"), dbg);
            assertTrue(dbg.contains("rqi-RETRIEVE"), "the dbg names the request to find it in the log: " + dbg);
            assertEquals("rqi-RETRIEVE", rsp.requestIdentifier);
        } finally {
            log.setLevel(level);
        }
    }

    @Test
    void ts0004_7_3_2_aBugInAWriteIs5000AndTheWriteIsRolledBack() {
        Logger log = Logger.getLogger(Dispatcher.class.getName());
        Level level = log.getLevel();
        log.setLevel(Level.OFF);
        core.store.policyIndex = null; // the create needs the port: the fake throws inside the write transaction
        try {
            ResponsePrimitive rsp = handle(createContainer("cse-in/Cae1", "Cae1"));

            assertEquals(ResponseStatusCode.INTERNAL_SERVER_ERROR, rsp.responseStatusCode);
            assertFalse(dbg(rsp).contains("policyIndex"), dbg(rsp));
            assertNull(core.store.tree.findByStructuredName("cse-in/Cae1/box"), "the failed write left nothing");
        } finally {
            log.setLevel(level);
        }
    }

    @Test
    void ts0004_7_2_1_2_rqiRviAndVsiAreEchoed() {
        RequestPrimitive req = request(Operation.RETRIEVE, "cse-in/Cae1", "Cae1");
        req.requestIdentifier = "my-request-42";
        req.releaseVersionIndicator = "3";
        req.vendorInformation = "vendor-x";

        ResponsePrimitive rsp = handle(req);

        assertEquals("my-request-42", rsp.requestIdentifier);
        assertEquals("3", rsp.releaseVersionIndicator);
        assertEquals("vendor-x", rsp.vendorInformation);
    }

    @Test
    void ts0004_7_2_1_2_errorsEchoRqiAndRviToo() {
        RequestPrimitive req = request(Operation.RETRIEVE, "cse-in/nothing", "Cae1");
        req.requestIdentifier = "lost-1";
        req.releaseVersionIndicator = "2a";

        ResponsePrimitive rsp = handle(req);

        assertEquals(ResponseStatusCode.NOT_FOUND, rsp.responseStatusCode);
        assertEquals("lost-1", rsp.requestIdentifier);
        assertEquals("2a", rsp.releaseVersionIndicator);
    }

    @Test
    void ts0004_7_3_2_theOutcomeIsToldOncePerRequestWhateverItsEnd() {
        handle(request(Operation.RETRIEVE, "cse-in/Cae1", "Cae1"));
        assertEquals(1, outcomes.size());
        assertEquals(2000, outcomes.get(0).rsc());
        assertEquals("retrieve", outcomes.get(0).operation());
        assertEquals(ResourceTypes.AE, outcomes.get(0).resourceType());

        RequestPrimitive noOp = request(Operation.RETRIEVE, "cse-in", "Cae1");
        noOp.operation = null;
        handle(noOp);
        assertEquals(2, outcomes.size());
        assertEquals(4000, outcomes.get(1).rsc());

        handle(request(Operation.DELETE, "/id-mn/x", "Cae1"));
        assertEquals(3, outcomes.size());
        assertEquals(4004, outcomes.get(2).rsc());
        assertEquals("delete", outcomes.get(2).operation());
    }

    @Test
    void ts0004_7_3_2_aDelayedRequestIsToldOnceWhenItIsAnswered() throws Exception {
        RequestPrimitive req = request(Operation.RETRIEVE, "cse-in/Cae1", "Cae1");
        req.operationExecutionTime = Instant.now().plusMillis(200);

        CompletableFuture<ResponsePrimitive> answer = dispatcher.handle(req);
        assertEquals(0, outcomes.size(), "told before it was answered");
        answer.get(10, TimeUnit.SECONDS);

        assertEquals(1, outcomes.size());
    }

    @Test
    void ts0004_7_3_2_2_aNonBlockingRequestIsAcknowledged1001AndRunsLater() {
        RequestPrimitive req = request(Operation.RETRIEVE, "cse-in/Cae1", "Cae1");
        req.responseType = ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH;

        ResponsePrimitive ack = handle(req);

        assertEquals(ResponseStatusCode.ACCEPTED_NON_BLOCKING_REQUEST_SYNCH, ack.responseStatusCode);
        assertEquals("rqi-RETRIEVE", ack.requestIdentifier);
        String requestRi = (String) ((Map<?, ?>) ack.content).get("m2m:uri");
        nonBlocking.close(5_000); // lets the request finish
        Resource stored = core.store.tree.stored(requestRi);
        assertEquals(ResourceTypes.REQUEST, stored.ty);
        assertEquals(RequestType.COMPLETED, stored.get("rs"));
        assertEquals(2000, ((Map<?, ?>) stored.get("ors")).get("rsc"));
        assertEquals(1, outcomes.size(), "one request, one outcome: its acknowledgement");
        assertEquals(1001, outcomes.get(0).rsc());
    }

    @Test
    void ts0004_7_3_2_2_aNonBlockingRequestFailingTheCommonChecksIsNotAccepted() {
        RequestPrimitive req = request(Operation.RETRIEVE, "cse-in/Cae1", null);
        req.responseType = ResponseTypeValue.NON_BLOCKING_REQUEST_ASYNCH;

        ResponsePrimitive rsp = handle(req);

        assertEquals(ResponseStatusCode.BAD_REQUEST, rsp.responseStatusCode);
        assertTrue(core.store.tree.ofType(ResourceTypes.REQUEST).isEmpty(), "no <request> stored");
    }

    @ParameterizedTest
    @CsvSource({"sqi", "da", "prpi"})
    void ts0004_7_3_2_1_aParameterThisCseDoesNotSupportIs5001AndNothingRuns(String parameter) {
        RequestPrimitive req = createContainer("cse-in/Cae1", "Cae1");
        switch (parameter) {
            case "sqi" -> req.semanticQueryIndicator = true;
            case "da" -> req.deliveryAggregation = true;
            default -> req.primitiveProfileIdentifier = "prp-1";
        }

        ResponsePrimitive rsp = handle(req);

        assertEquals(ResponseStatusCode.NOT_IMPLEMENTED, rsp.responseStatusCode, dbg(rsp));
        assertNull(core.store.tree.findByStructuredName("cse-in/Cae1/box"));
        assertEquals(0, core.store.reads + core.store.writes, "refused before anything is looked up");
    }

    /**
     * Tokens that cannot be used refuse the request (TS-0003 7.3.2.3 step 7.1.4): this CSE has no signing key, so it
     * accepts no token (4103), and a token ID or Local-Token-ID names none (4103); a role ID nobody proved grants
     * nothing, and the owner needs none.
     */
    @ParameterizedTest
    @CsvSource({"tokens, ORIGINATOR_HAS_NO_PRIVILEGE", "tids, ORIGINATOR_HAS_NO_PRIVILEGE", "ltids, ORIGINATOR_HAS_NO_PRIVILEGE", "rids, CREATED",
            "tqi, CREATED"})
    void ts0003_7_3_2_3_tokensAndRoleIdsOfARequest(String parameter, ResponseStatusCode expected) {
        RequestPrimitive req = createContainer("cse-in/Cae1", "Cae1");
        switch (parameter) {
            case "tokens" -> req.tokens.add("eyJ0b2tlbiI6MX0");
            case "tids" -> req.tokenIds.add("token-1@keel.example.net");
            case "ltids" -> req.localTokenIds.add("lt1");
            case "rids" -> req.roleIds.add("role1@keel.example.net");
            default -> req.tokenRequestIndicator = true;
        }

        ResponsePrimitive rsp = handle(req);

        assertEquals(expected, rsp.responseStatusCode, dbg(rsp));
        assertEquals(expected == ResponseStatusCode.CREATED, core.store.tree.findByStructuredName("cse-in/Cae1/box") != null);
    }

    /**
     * Authorization signatures and relationships are understood (TS-0003 7.3.2.2, 7.3.2.3, 7.3.2.7): asi goes to a
     * decision point, auri marks the tokens carried, aus prove possession where a token's holder is to move; a request
     * whose access needs none of them is performed as without them.
     */
    @Test
    void ts0003_7_3_2_authorizationSignatureParametersAreNo5001() {
        RequestPrimitive req = createContainer("cse-in/Cae1", "Cae1");
        req.authorizationSignatureIndicator = true;
        req.authorizationRelationshipIndicator = true;
        req.authorizationSignatures.add("i6watmQQQ1y3GB-VsWq5fJKzQcBB4jRfH1bfJFj0JtFVtLotttzYyA");

        ResponsePrimitive rsp = handle(req);

        assertEquals(ResponseStatusCode.CREATED, rsp.responseStatusCode, dbg(rsp));
        assertNull(rsp.authorizationSignatureRequestInformation, "no token was issued asking for signatures");
    }

    @Test
    void ts0004_7_3_2_1_anIndicatorSetToFalseAsksForNothingAndPasses() {
        RequestPrimitive req = createContainer("cse-in/Cae1", "Cae1");
        req.authorizationSignatureIndicator = false;
        req.semanticQueryIndicator = false;
        req.deliveryAggregation = false;
        req.tokenRequestIndicator = false;

        assertEquals(ResponseStatusCode.CREATED, handle(req).responseStatusCode);
    }

    @Test
    void ts0004_7_3_3_2_aGroupRequestIdentifierAddressingTheSameTargetAgainIs4104() {
        RequestPrimitive first = request(Operation.RETRIEVE, "cse-in/Cae1", "Cae1");
        first.groupRequestIdentifier = "gid-1";
        assertEquals(ResponseStatusCode.OK, handle(first).responseStatusCode);

        RequestPrimitive again = request(Operation.RETRIEVE, "/id-in/Cae1", "Cae1"); // the same target in another form
        again.groupRequestIdentifier = "gid-1";
        ResponsePrimitive rsp = handle(again);

        assertEquals(ResponseStatusCode.GROUP_REQUEST_IDENTIFIER_EXISTS, rsp.responseStatusCode);
        assertTrue(dbg(rsp).contains("gid-1"), dbg(rsp));
    }

    @Test
    void ts0004_7_3_3_2_theSameGroupRequestIdentifierToAnotherTargetProceedsAndIsRecordedToo() {
        RequestPrimitive first = request(Operation.RETRIEVE, "cse-in/Cae1", "Cae1");
        first.groupRequestIdentifier = "gid-2";
        assertEquals(ResponseStatusCode.OK, handle(first).responseStatusCode);

        RequestPrimitive other = request(Operation.RETRIEVE, "cse-in", "Cae1");
        other.groupRequestIdentifier = "gid-2";
        assertEquals(ResponseStatusCode.OK, handle(other).responseStatusCode, "another target");
        RequestPrimitive otherAgain = request(Operation.RETRIEVE, "cse-in", "Cae1");
        otherAgain.groupRequestIdentifier = "gid-2";
        assertEquals(ResponseStatusCode.GROUP_REQUEST_IDENTIFIER_EXISTS, handle(otherAgain).responseStatusCode);
    }

    @Test
    void ts0004_7_3_3_2_theCheckComesAfterExistenceAndBeforeAuthorization() {
        core.ae("Cother");
        RequestPrimitive missing = request(Operation.RETRIEVE, "cse-in/nothing", "Cae1");
        missing.groupRequestIdentifier = "gid-3";
        assertEquals(ResponseStatusCode.NOT_FOUND, handle(missing).responseStatusCode);

        RequestPrimitive denied = request(Operation.RETRIEVE, "cse-in/Cae1", "Cother");
        denied.groupRequestIdentifier = "gid-3";
        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, handle(denied).responseStatusCode, "recorded, then refused");
        RequestPrimitive deniedAgain = request(Operation.RETRIEVE, "cse-in/Cae1", "Cother");
        deniedAgain.groupRequestIdentifier = "gid-3";
        assertEquals(ResponseStatusCode.GROUP_REQUEST_IDENTIFIER_EXISTS, handle(deniedAgain).responseStatusCode,
                "Recv-6.2.1 comes before Recv-6.3");
    }

    @Test
    void ts0004_7_2_2_2_aTypeKeelDoesNotImplementIs5001OnlyAfterExistenceAndAuthorization() {
        core.ae("Cother");
        int delivery = 6;
        RequestPrimitive missing = createContainer("cse-in/Cae1/nothing", "Cae1");
        missing.resourceType = delivery;
        assertEquals(ResponseStatusCode.NOT_FOUND, handle(missing).responseStatusCode, "Recv-6.2 first");

        RequestPrimitive denied = createContainer("cse-in/Cae1", "Cother");
        denied.resourceType = delivery;
        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, handle(denied).responseStatusCode, "then Recv-6.3");

        RequestPrimitive allowed = createContainer("cse-in/Cae1", "Cae1");
        allowed.resourceType = delivery;
        assertEquals(ResponseStatusCode.NOT_IMPLEMENTED, handle(allowed).responseStatusCode, "then Recv-6.4 (7.3.3.3)");
    }

    @Test
    void ts0004_7_3_2_1_aCreateWithAResourceTypeNoReleaseDefinesIs4000BeforeAnyLookup() {
        RequestPrimitive req = createContainer("cse-in/Cae1/nothing", "Cae1");
        req.resourceType = 55;

        ResponsePrimitive rsp = handle(req);

        assertEquals(ResponseStatusCode.BAD_REQUEST, rsp.responseStatusCode);
        assertEquals(0, core.store.reads);
    }

    // --- TS-0004 7.3.2.1: who may be the originator outside a security association -----------------------------------

    @Test
    void ts0004_7_3_2_1_anAeIdNoAeRegisteredHereHasIs4106BeforeTheTargetIsLookedFor() {
        for (String from : List.of("Cunknown", "Sunknown", "/id-mn/Cae9", "//other.sp/id-mn/Cae9")) {
            ResponsePrimitive rsp = handle(request(Operation.RETRIEVE, "cse-in/nothing", from));

            assertEquals(ResponseStatusCode.ORIGINATOR_NOT_AUTHENTICATED, rsp.responseStatusCode, from);
            assertTrue(dbg(rsp).contains(from), dbg(rsp));
        }
    }

    @Test
    void ts0004_7_3_2_1_aRegisteredAeGivingItsAeIdInAnotherFormThanTheStemIs4000() {
        for (String from : List.of("/id-in/Cae1", "//keel.example.net/id-in/Cae1")) {
            ResponsePrimitive rsp = handle(request(Operation.RETRIEVE, "cse-in/Cae1", from));

            assertEquals(ResponseStatusCode.BAD_REQUEST, rsp.responseStatusCode, from);
            assertTrue(dbg(rsp).contains("AE-ID-Stem"), dbg(rsp));
        }
        assertEquals(ResponseStatusCode.OK, handle(request(Operation.RETRIEVE, "cse-in/Cae1", "Cae1")).responseStatusCode);
    }

    @Test
    void ts0004_7_3_2_1_aCseIdAsOriginatorWithoutSecurityAssociationIs4107() {
        for (String from : List.of("/id-mn", "/id-in", "//other.sp/id-mn")) {
            ResponsePrimitive rsp = handle(request(Operation.RETRIEVE, "cse-in", from));

            assertEquals(ResponseStatusCode.SECURITY_ASSOCIATION_REQUIRED, rsp.responseStatusCode, from);
        }
    }

    @Test
    void ts0004_7_3_2_1_anAuthenticatedOriginatorIsLeftToAccessControl() {
        RequestPrimitive req = request(Operation.RETRIEVE, "cse-in/Cae1", "Cunknown");
        req.originatorAuthenticated = true;

        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, handle(req).responseStatusCode);
    }

    @ParameterizedTest
    @CsvSource({"/id-mn/Cae9", "//keel.example.net/id-mn/Cae9", "/Sae9"})
    void ts0004_7_3_2_1_anAeOfAnotherCseForwardedThroughASecurityAssociationReachesAccessControl(String from) {
        RequestPrimitive req = request(Operation.RETRIEVE, "cse-in/Cae1", from);
        req.originatorAuthenticated = true;

        // Not 4106: the originator check passes, and the policies (here the default one) judge the SP-relative ID.
        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, handle(req).responseStatusCode);
        req.originatorAuthenticated = false;
        assertEquals(ResponseStatusCode.ORIGINATOR_NOT_AUTHENTICATED, handle(req).responseStatusCode);
    }

    @Test
    void ts0004_7_3_2_1_aNonBlockingRequestOfAnUnregisteredOriginatorIsNotAccepted() {
        RequestPrimitive req = request(Operation.RETRIEVE, "cse-in/Cae1", "Cunknown");
        req.responseType = ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH;

        ResponsePrimitive rsp = handle(req);

        assertEquals(ResponseStatusCode.ORIGINATOR_NOT_AUTHENTICATED, rsp.responseStatusCode);
        assertTrue(core.store.tree.ofType(ResourceTypes.REQUEST).isEmpty(), "no <request> stored");
    }

    @Test
    void ts0004_7_3_2_3_theAcknowledgementCarriesRqiAndItsOriginatingTimestamp() {
        RequestPrimitive req = request(Operation.RETRIEVE, "cse-in/Cae1", "Cae1");
        req.responseType = ResponseTypeValue.NON_BLOCKING_REQUEST_ASYNCH;
        Instant before = Instant.now().minusMillis(1);

        ResponsePrimitive ack = handle(req);

        assertEquals(ResponseStatusCode.ACCEPTED_NON_BLOCKING_REQUEST_ASYNCH, ack.responseStatusCode);
        assertEquals("rqi-RETRIEVE", ack.requestIdentifier);
        assertNotNull(ack.originatingTimestamp, "an acknowledgement says when it was built");
        assertTrue(ack.originatingTimestamp.isAfter(before));
        assertNotNull(((Map<?, ?>) ack.content).get("m2m:uri"), "the reference to the <request>");
    }

    @Test
    void ts0004_7_3_3_12_aResponseWhoseSerializationTheRequestLeavesOpenIsInTheOriginatorsCsz() {
        core.store.tree.stored("Cae1").attributes.put("csz", List.of("xml", "json"));
        RequestPrimitive open = request(Operation.RETRIEVE, "cse-in/Cae1", "Cae1");
        open.responseSerializationOpen = true;
        RequestPrimitive chosen = request(Operation.RETRIEVE, "cse-in/Cae1", "Cae1");

        assertEquals(io.keel.primitive.Serialization.XML, handle(open).serialization);
        assertNull(handle(chosen).serialization, "the request's own choice (Accept, its body) stands");
    }
}
