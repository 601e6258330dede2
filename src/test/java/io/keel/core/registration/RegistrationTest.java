package io.keel.core.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.Clock;
import io.keel.core.CseIdentity;
import io.keel.core.RecordingOutbound;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.FakeStore;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The registree side of CSE registration (TS-0001 10.2.2.7, TS-0004 7.4.4.2.1 Originator): what an MN sends its
 * registrar, the local {@code <remoteCSE>} it keeps, retries while the registrar cannot be reached, and idempotence.
 */
class RegistrationTest {
    private static final String REGISTRAR = "http://10.0.0.1:8080";
    private static final CseIdentity MN = new CseIdentity("id-mn", "cse-mn", "keel.example.net", 2, "CAdmin",
            List.of("C*"), 3600, 100, 1000, List.of("http://10.0.0.2:8080"),
            new CseIdentity.Registrar(REGISTRAR, "id-in", "cse-in", "Basic bW46c2VjcmV0"));
    private final FakeStore store = new FakeStore();
    private final RecordingOutbound outbound = new RecordingOutbound();
    private Registration registration;

    RegistrationTest() {
        Resource cb = store.tree.add("id-mn", null, ResourceTypes.CSE_BASE, "cse-mn");
        cb.attributes.put("csi", "/id-mn");
    }

    @AfterEach
    void close() {
        if (registration != null) {
            registration.close();
        }
    }

    /** The registrar as Keel answers: the create with {@code created}, the update with 2004, the CSEBase with 2000. */
    private Function<RequestPrimitive, ResponsePrimitive> registrar(ResponseStatusCode created) {
        return req -> switch (req.operation) {
            case CREATE -> new ResponsePrimitive(created, null);
            case UPDATE -> new ResponsePrimitive(ResponseStatusCode.UPDATED, null);
            case RETRIEVE -> new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:cb", cseBase()));
            default -> new ResponsePrimitive(ResponseStatusCode.BAD_REQUEST, null);
        };
    }

    private static Map<String, Object> cseBase() {
        Map<String, Object> cb = new LinkedHashMap<>();
        cb.put("rn", "cse-in");
        cb.put("ri", "id-in");
        cb.put("cst", 1);
        cb.put("csi", "/id-in");
        cb.put("poa", List.of("http://127.0.0.1:8080"));
        cb.put("srv", List.of("3", "4"));
        cb.put("csz", List.of("json"));
        return cb;
    }

    private Registration started(long firstRetry) {
        registration = new Registration(MN, store, outbound, new Clock(), firstRetry, 4 * firstRetry);
        registration.start();
        return registration;
    }

    private void awaitRegistered() throws Exception {
        registration.registered().get(5, TimeUnit.SECONDS);
    }

    @Test
    @SuppressWarnings("unchecked")
    void ts0001_10_2_2_7_theRegistreeCreatesItsRemoteCseOnTheRegistrarWithItsOwnCseIdAndCredentials() throws Exception {
        outbound.answer = registrar(ResponseStatusCode.CREATED);
        started(10);
        awaitRegistered();

        RecordingOutbound.Sent create = outbound.sent().get(0);
        assertEquals(Operation.CREATE, create.request().operation);
        assertEquals(REGISTRAR, create.url());
        assertEquals("/id-in/cse-in", create.request().to);
        assertEquals("/id-mn", create.request().from);
        assertEquals(16, create.request().resourceType);
        assertEquals("Basic bW46c2VjcmV0", create.hop().authorization(), "keel.registrar.authorization");
        Map<String, Object> csr = (Map<String, Object>) ((Map<String, Object>) create.request().content).get("m2m:csr");
        assertEquals("/id-mn", csr.get("csi"));
        assertEquals("/id-mn/cse-mn", csr.get("cb"));
        assertEquals(2L, csr.get("cst"));
        assertEquals(true, csr.get("rr"));
        assertEquals(List.of("http://10.0.0.2:8080"), csr.get("poa"));
        assertTrue(((List<?>) csr.get("srv")).contains("3"));
        assertNotNull(csr.get("csz"));
        RecordingOutbound.Sent retrieve = outbound.sent().get(1);
        assertEquals(Operation.RETRIEVE, retrieve.request().operation);
        assertEquals(REGISTRAR, retrieve.url());
        assertEquals("/id-in/cse-in", retrieve.request().to);
    }

    @Test
    void ts0001_10_2_2_7_theRegistreeKeepsALocalRemoteCseOfItsRegistrarFromItsCseBase() throws Exception {
        outbound.answer = registrar(ResponseStatusCode.CREATED);
        started(10);
        awaitRegistered();

        Resource csr = store.tree.stored("id-in");
        assertNotNull(csr, "the <remoteCSE> of the registrar, named by its CSE-ID");
        assertEquals(ResourceTypes.REMOTE_CSE, csr.ty);
        assertEquals("cse-mn/id-in", csr.srn);
        assertEquals("id-mn", csr.pi);
        assertEquals("/id-in", csr.get("csi"));
        assertEquals("/id-in/cse-in", csr.get("cb"));
        assertEquals(1L, csr.get("cst"));
        assertEquals(List.of(REGISTRAR, "http://127.0.0.1:8080"), csr.get("poa"),
                "the configured point of access first, then those the registrar gives");
        assertEquals(List.of("3", "4"), csr.get("srv"));
        assertEquals(true, csr.get("rr"));
    }

    @Test
    void ts0001_10_2_2_7_whileTheRegistrarIsUnreachableTheRegistreeTriesAgainWithBackOff() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Function<RequestPrimitive, ResponsePrimitive> up = registrar(ResponseStatusCode.CREATED);
        outbound.answer = req -> req.operation == Operation.CREATE && attempts.incrementAndGet() <= 3
                ? ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE, "connection refused")
                : up.apply(req);
        long started = System.nanoTime();
        started(20);
        awaitRegistered();

        assertEquals(4, attempts.get());
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(20 + 40 + 80),
                "the pause doubles: 20, 40, 80 ms");
        assertNotNull(store.tree.stored("id-in"));
    }

    @Test
    void ts0001_10_2_2_7_aRegistrationTheRegistrarAlreadyHasIsUpdatedNotDuplicated() throws Exception {
        outbound.answer = registrar(ResponseStatusCode.ORIGINATOR_HAS_ALREADY_REGISTERED);
        started(10);
        awaitRegistered();

        List<RecordingOutbound.Sent> sent = outbound.sent();
        assertEquals(List.of(Operation.CREATE, Operation.UPDATE, Operation.RETRIEVE),
                sent.stream().map(s -> s.request().operation).toList());
        RecordingOutbound.Sent update = sent.get(1);
        assertEquals(REGISTRAR, update.url());
        assertEquals("/id-in/cse-in/id-mn", update.request().to);
        assertEquals("/id-mn", update.request().from);
        assertTrue(String.valueOf(update.request().content).contains("http://10.0.0.2:8080"), "the poa, which may have changed");
        assertFalse(String.valueOf(update.request().content).contains("csi"), "csi and cst cannot be updated");
    }

    @Test
    void ts0001_10_2_2_7_aSecondStartUpdatesTheLocalRemoteCseInPlace() throws Exception {
        outbound.answer = registrar(ResponseStatusCode.CREATED);
        started(10);
        awaitRegistered();
        registration.close();
        Resource first = store.tree.stored("id-in");
        String ct = String.valueOf(first.ct);

        outbound.answer = registrar(ResponseStatusCode.ORIGINATOR_HAS_ALREADY_REGISTERED);
        started(10);
        awaitRegistered();

        assertEquals(1, store.tree.ofType(ResourceTypes.REMOTE_CSE).size(), "still one <remoteCSE>");
        assertEquals(ct, String.valueOf(store.tree.stored("id-in").ct), "the same resource, updated");
    }

    @Test
    void ts0001_10_2_2_7_aRefusalIsRetriedTooAndNothingIsStoredLocally() throws Exception {
        outbound.answerWith(ResponseStatusCode.SECURITY_ASSOCIATION_REQUIRED);
        started(10);

        Thread.sleep(200);
        assertFalse(registration.registered().isDone());
        assertTrue(outbound.sent().size() >= 2, "tried again: the registrar's administrator may add the credentials");
        assertNull(store.tree.stored("id-in"));
    }

    @Test
    void ts0001_10_2_2_7_theRegistrarMustBeTheCseConfigured() throws Exception {
        outbound.answer = req -> {
            if (req.operation == Operation.RETRIEVE) {
                Map<String, Object> cb = cseBase();
                cb.put("csi", "/id-elsewhere");
                return new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:cb", cb));
            }
            return new ResponsePrimitive(ResponseStatusCode.CREATED, null);
        };
        started(10);

        Thread.sleep(200);
        assertFalse(registration.registered().isDone());
        assertNull(store.tree.stored("id-in"));
    }

    @Test
    void aCseWithoutRegistrarSendsNothing() throws Exception {
        CseIdentity in = new CseIdentity("id-in", "cse-in", "keel.example.net", 1, "CAdmin", List.of("C*"), 3600, 100,
                1000, List.of("http://10.0.0.1:8080"));
        registration = new Registration(in, store, outbound, new Clock(), 10, 10);
        registration.start();

        assertNull(outbound.next(100));
    }

    private void registree(String csi, List<String> dcse) {
        Resource csr = store.tree.add(csi.substring(1), "id-mn", ResourceTypes.REMOTE_CSE, "cse-mn/" + csi.substring(1));
        csr.attributes.put("csi", csi);
        if (dcse != null) {
            csr.attributes.put("dcse", dcse);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void ts0004_7_4_4_2_1_theRegistrationCarriesTheCseIdsOfTheRegistreesAndTheirDescendants() throws Exception {
        registree("/id-asn1", List.of("/id-asn9"));
        registree("/id-asn2", null);
        outbound.answer = registrar(ResponseStatusCode.CREATED);
        started(10);
        awaitRegistered();

        Map<String, Object> csr = (Map<String, Object>) ((Map<String, Object>) outbound.sent().get(0).request().content).get("m2m:csr");
        assertEquals(List.of("/id-asn1", "/id-asn2", "/id-asn9"), csr.get("dcse"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void ts0004_7_4_4_2_1_aNewRegistreeIsAddedToTheDescendantCsesOnTheRegistrarAndALeavingOneRemoved() throws Exception {
        outbound.answer = registrar(ResponseStatusCode.CREATED);
        started(10);
        awaitRegistered();
        int before = outbound.sent().size();

        registree("/id-asn", null);
        registration.descendantsChanged();
        RecordingOutbound.Sent update = awaitSent(before);
        assertEquals(Operation.UPDATE, update.request().operation);
        assertEquals(REGISTRAR, update.url());
        assertEquals("/id-in/cse-in/id-mn", update.request().to);
        assertEquals("/id-mn", update.request().from);
        Map<String, Object> csr = (Map<String, Object>) ((Map<String, Object>) update.request().content).get("m2m:csr");
        assertEquals(List.of("/id-asn"), csr.get("dcse"));

        registration.descendantsChanged(); // nothing changed: nothing is sent
        Thread.sleep(200);
        assertEquals(before + 1, outbound.sent().size());

        store.tree.deleteSubtree(store.tree.find("id-asn"), java.util.Set.of());
        registration.descendantsChanged();
        csr = (Map<String, Object>) ((Map<String, Object>) awaitSent(before + 1).request().content).get("m2m:csr");
        assertTrue(csr.containsKey("dcse"));
        assertNull(csr.get("dcse"), "no registree left: the attribute is deleted");
    }

    private void markDeregistered() {
        store.tree.stored("id-mn").lbl.add("keel:deregistered-from:/id-in");
    }

    /** The registrar as Keel answers a de-registration. */
    private ResponsePrimitive deleting(RequestPrimitive req) {
        return req.operation == Operation.DELETE ? new ResponsePrimitive(ResponseStatusCode.DELETED, null)
                : registrar(ResponseStatusCode.CREATED).apply(req);
    }

    @Test
    void ts0004_7_4_4_2_4_afterTheAdministratorDeletedTheRegistrarsRemoteCseThisCseDeletesItsOwnOnTheRegistrar() throws Exception {
        outbound.answer = this::deleting;
        started(10);
        awaitRegistered();
        int before = outbound.sent().size();

        registration.deregistrationChanged(); // a delete of something else: nothing happens
        Thread.sleep(100);
        assertEquals(before, outbound.sent().size());

        markDeregistered(); // what RemoteCseType does when the administrator deletes the local <remoteCSE>
        registration.deregistrationChanged();
        registration.deregistered().get(5, TimeUnit.SECONDS);
        RecordingOutbound.Sent delete = awaitSent(before);
        assertEquals(Operation.DELETE, delete.request().operation);
        assertEquals(REGISTRAR, delete.url());
        assertEquals("/id-in/cse-in/id-mn", delete.request().to);
        assertEquals("/id-mn", delete.request().from);
        assertEquals("Basic bW46c2VjcmV0", delete.hop().authorization(), "with the registrar's credentials");

        registree("/id-asn", null);
        registration.descendantsChanged();
        Thread.sleep(200);
        assertEquals(before + 1, outbound.sent().size(), "a de-registered CSE tells the registrar nothing more");
    }

    @Test
    void ts0004_7_4_4_2_4_aDeregisteredCseDoesNotRegisterAtTheNextStartButMakesSureTheRegistrarLetItGo() throws Exception {
        markDeregistered();
        outbound.answer = req -> req.operation == Operation.DELETE ? new ResponsePrimitive(ResponseStatusCode.NOT_FOUND, null)
                : registrar(ResponseStatusCode.CREATED).apply(req);
        started(10);

        registration.deregistered().get(5, TimeUnit.SECONDS);
        Thread.sleep(100);
        assertEquals(List.of(Operation.DELETE), outbound.sent().stream().map(s -> s.request().operation).toList(),
                "4004: the registrar has no registration left, which is what de-registering wants");
        assertFalse(registration.registered().isDone());
        assertNull(store.tree.stored("id-in"));
    }

    @Test
    void ts0004_7_4_4_2_4_aFailedDeregistrationIsRetried() throws Exception {
        markDeregistered();
        AtomicInteger deletes = new AtomicInteger();
        outbound.answer = req -> deletes.incrementAndGet() < 3 ? new ResponsePrimitive(ResponseStatusCode.TARGET_NOT_REACHABLE, null)
                : new ResponsePrimitive(ResponseStatusCode.DELETED, null);
        started(10);

        registration.deregistered().get(5, TimeUnit.SECONDS);
        assertEquals(3, deletes.get());
    }

    @Test
    void reregisterClearsTheDeregistrationAndRegistersAgain() throws Exception {
        markDeregistered();
        outbound.answer = registrar(ResponseStatusCode.CREATED);
        registration = new Registration(MN, store, outbound, new Clock(), 10, 40, true, 0);
        registration.start();
        awaitRegistered();

        assertEquals(Operation.CREATE, outbound.sent().get(0).request().operation);
        assertEquals(List.of(), store.tree.stored("id-mn").lbl);
    }

    // --- the registration the registrar lost (TS-0001 10.2.2.7 after the fact) ---------------------------------------

    private static final String OWN_CSR = "/id-in/cse-in/id-mn";

    /** The registrar that answers the Retrieve of this CSE's {@code <remoteCSE>} with {@code own}, the rest as Keel. */
    private Function<RequestPrimitive, ResponsePrimitive> registrarWhoseCopyIs(java.util.function.Supplier<ResponseStatusCode> own) {
        Function<RequestPrimitive, ResponsePrimitive> rest = registrar(ResponseStatusCode.CREATED);
        return req -> req.operation == Operation.RETRIEVE && OWN_CSR.equals(req.to)
                ? ResponsePrimitive.error(own.get(), "as the test says") : rest.apply(req);
    }

    private List<String> sentSince(int index) {
        return outbound.sent().stream().skip(index).map(s -> s.request().operation + " " + s.request().to).toList();
    }

    @Test
    void ts0001_10_2_2_7_aCheckFindingTheRegistrationInPlaceSendsNothingElse() throws Exception {
        outbound.answer = registrarWhoseCopyIs(() -> ResponseStatusCode.OK);
        started(10);
        awaitRegistered();
        int before = outbound.sent().size();

        registration.check();

        assertEquals(List.of("RETRIEVE " + OWN_CSR), sentSince(before));
        RecordingOutbound.Sent check = outbound.sent().get(before);
        assertEquals(REGISTRAR, check.url());
        assertEquals("/id-mn", check.request().from, "as the creator of that <remoteCSE>");
        assertEquals("Basic bW46c2VjcmV0", check.hop().authorization());
    }

    @Test
    void ts0001_10_2_2_7_aRegistrationTheRegistrarLostIsMadeAgainWithoutARestart() throws Exception {
        outbound.answer = registrarWhoseCopyIs(() -> ResponseStatusCode.NOT_FOUND);
        started(10);
        awaitRegistered();
        int before = outbound.sent().size();

        registration.check();

        awaitSent(before + 2);
        assertEquals(List.of("RETRIEVE " + OWN_CSR, "CREATE /id-in/cse-in", "RETRIEVE /id-in/cse-in"), sentSince(before));
    }

    @Test
    void ts0001_10_2_2_7_theRegistrationIsCheckedEveryCheckInterval() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        outbound.answer = registrarWhoseCopyIs(() -> checks.incrementAndGet() == 1 ? ResponseStatusCode.NOT_FOUND : ResponseStatusCode.OK);
        registration = new Registration(MN, store, outbound, new Clock(), 10, 40, false, 10);
        registration.start();
        awaitRegistered();

        RecordingOutbound.Sent again = awaitSent(3);
        assertEquals("RETRIEVE " + OWN_CSR, sentSince(2).get(0), "the check, without anybody calling it");
        assertEquals(Operation.CREATE, again.request().operation, "the lost registration is made again");
    }

    @Test
    void ts0001_10_2_2_7_aCheckTheRegistrarCannotAnswerRegistersNothingAndIsLoggedOncePerOutage() throws Exception {
        AtomicInteger answer = new AtomicInteger(ResponseStatusCode.TARGET_NOT_REACHABLE.code());
        outbound.answer = registrarWhoseCopyIs(() -> answer.get() == 2000 ? ResponseStatusCode.OK : ResponseStatusCode.TARGET_NOT_REACHABLE);
        started(10);
        awaitRegistered();
        int before = outbound.sent().size();
        List<java.util.logging.LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.INFO.intValue()) {
                    logged.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(Registration.class.getName());
        log.addHandler(handler);
        try {
            registration.check();
            registration.check();
            registration.check();
            answer.set(2000);
            registration.check();
            answer.set(5103);
            registration.check();
        } finally {
            log.removeHandler(handler);
        }

        assertEquals(List.of("RETRIEVE " + OWN_CSR, "RETRIEVE " + OWN_CSR, "RETRIEVE " + OWN_CSR, "RETRIEVE " + OWN_CSR,
                "RETRIEVE " + OWN_CSR), sentSince(before), "no registration is attempted");
        assertEquals(List.of(java.util.logging.Level.WARNING, java.util.logging.Level.INFO, java.util.logging.Level.WARNING),
                logged.stream().map(java.util.logging.LogRecord::getLevel).toList(),
                "one warning per outage, and one line when it is over");
    }

    @Test
    void ts0004_7_4_4_2_4_aDeregisteredCseDoesNotCheckItsRegistration() throws Exception {
        outbound.answer = registrarWhoseCopyIs(() -> ResponseStatusCode.NOT_FOUND);
        started(10);
        awaitRegistered();
        int before = outbound.sent().size();
        markDeregistered();

        registration.check();

        assertEquals(List.of(), sentSince(before));
    }

    private RecordingOutbound.Sent awaitSent(int index) throws InterruptedException {
        long until = System.currentTimeMillis() + 5_000;
        while (outbound.sent().size() <= index && System.currentTimeMillis() < until) {
            Thread.sleep(10);
        }
        assertTrue(outbound.sent().size() > index, "nothing more was sent");
        return outbound.sent().get(index);
    }
}
