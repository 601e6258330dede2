package io.keel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.operation.DeleteOperation;
import io.keel.core.registration.Registration;
import io.keel.core.resource.Resource;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The descendantCSEs the registrar has of this CSE follow every removal of a registree's {@code <remoteCSE>} here
 * (TS-0004 7.4.4.2.4, Recv-6.5), not only a Delete request: its expiry too (TS-0004 7.3.3.5), which the expiry
 * sweeper carries out without a request.
 */
class RegistreeRemovalTest {
    private static final CseIdentity MN = new CseIdentity("id-mn", "cse-mn", "keel.example.net", 2, "CAdmin",
            List.of("C*"), 3600, 100, 1000, List.of("http://10.0.0.2:8080"),
            new CseIdentity.Registrar("http://10.0.0.1:8080", "id-in", "cse-in", null));
    private final CoreFixture core = new CoreFixture(MN);
    private final DeleteOperation deletes = new DeleteOperation(core.ctx, req -> { throw new AssertionError("no request of its own: " + req.to); });
    private final ExpirySweeper sweeper = new ExpirySweeper(core.store, deletes, core.clock, 3_600_000);
    /** What the expiry index says has expired: what the test expired and is still there. */
    private final List<String> expired = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Registration registration;

    RegistreeRemovalTest() {
        core.store.expiry = (now, limit) -> expired.stream().map(core.store.tree::find)
                .filter(java.util.Objects::nonNull).limit(limit).toList();
    }

    @AfterEach
    void close() {
        sweeper.close();
        if (registration != null) {
            registration.close();
        }
        core.close();
    }

    private static ResponsePrimitive registrar(RequestPrimitive req) {
        return switch (req.operation) {
            case CREATE -> new ResponsePrimitive(ResponseStatusCode.CREATED, null);
            case UPDATE -> new ResponsePrimitive(ResponseStatusCode.UPDATED, null);
            case RETRIEVE -> new ResponsePrimitive(ResponseStatusCode.OK,
                    Map.of("m2m:cb", Map.of("rn", "cse-in", "csi", "/id-in", "cst", 1)));
            default -> new ResponsePrimitive(ResponseStatusCode.BAD_REQUEST, null);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> csr(RecordingOutbound.Sent sent) {
        return (Map<String, Object>) ((Map<String, Object>) sent.request().content).get("m2m:csr");
    }

    private void expire(Resource r) {
        r.et = Instant.now().minusSeconds(1);
        expired.add(r.ri);
    }

    @Test
    void ts0004_7_4_4_2_4_aRegistreeWhoseRemoteCseExpiredIsRemovedFromTheDescendantCsesOnTheRegistrar() throws Exception {
        Resource asn = core.remoteCse("/id-asn", List.of("http://10.0.0.3:8080"), List.of("3"), null);
        core.outbound.answer = RegistreeRemovalTest::registrar;
        registration = new Registration(MN, core.store, core.outbound, core.clock, 10, 40);
        core.ctx.onRemoteCseRemoved(registration::remoteCseRemoved); // as the CSE wires it
        registration.start();
        registration.registered().get(5, TimeUnit.SECONDS);
        assertEquals(List.of("/id-asn"), csr(core.outbound.next()).get("dcse"), "the registration carries the registree");
        core.outbound.next(); // the registrar's CSEBase

        expire(asn);
        assertEquals(1, sweeper.sweep());

        RecordingOutbound.Sent update = core.outbound.next();
        assertEquals(Operation.UPDATE, update.request().operation);
        assertEquals("/id-in/cse-in/id-mn", update.request().to);
        assertTrue(csr(update).containsKey("dcse"));
        assertNull(csr(update).get("dcse"), "no registree left: the attribute is deleted");
    }

    @Test
    void ts0004_7_4_4_2_4_eachTransactionRemovingARemoteCseIsReportedOnceAfterItsCommitAndNoOtherRemovalIs() {
        AtomicInteger reported = new AtomicInteger();
        core.ctx.onRemoteCseRemoved(reported::incrementAndGet);
        Resource ae = core.ae("Cae1");

        expire(ae);
        sweeper.sweep();
        assertEquals(0, reported.get(), "an AE is no registree");

        expire(core.remoteCse("/id-asn1", List.of(), List.of("3"), null));
        expire(core.remoteCse("/id-asn2", List.of(), List.of("3"), null));
        expire(core.ae("Cae2"));
        sweeper.sweep();
        assertEquals(1, reported.get(), "one batch, one transaction");
        assertNull(core.store.tree.find("id-asn1"));

        Resource asn3 = core.remoteCse("/id-asn3", List.of(), List.of("3"), null);
        try {
            core.store.write(tx -> {
                deletes.delete(tx, asn3, null, Instant.now());
                throw new IllegalStateException("rolled back");
            });
        } catch (IllegalStateException expected) {
            // the removal did not happen
        }
        assertEquals(1, reported.get(), "a rolled-back removal is none");

        core.store.write(tx -> deletes.delete(tx, asn3, null, Instant.now()));
        assertEquals(2, reported.get(), "a Delete as the request path does it");
    }
}
