package io.keel.core.operation;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code <pollingChannel>} (TS-0004 7.4.21.2) and its {@code <pollingChannelURI>} (7.4.22.2), through the dispatcher;
 * the fixture's polling timeout is 2 s.
 */
class PollingChannelTest {
    private final CoreFixture cse = new CoreFixture();

    PollingChannelTest() {
        cse.ae("Cae1", "app1");
        cse.ae("Cae2", "app2");
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private void channel() {
        cse.add("pch1", "Cae1", ResourceTypes.POLLING_CHANNEL, "pch").origin = "Cae1";
    }

    @Test
    void ts0004_7_4_21_2_1_onlyTheAeItselfCreatesItsPollingChannel() {
        ResponsePrimitive other = cse.send(cse.create("cse-in/app1", "Cae2", ResourceTypes.POLLING_CHANNEL, map("m2m:pch", map())));
        ResponsePrimitive itself = cse.send(cse.create("cse-in/app1", "Cae1", ResourceTypes.POLLING_CHANNEL, map("m2m:pch", map())));

        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, other);
        assertRsc(ResponseStatusCode.CREATED, itself);
        assertEquals(1, cse.tree.children("Cae1", ResourceTypes.POLLING_CHANNEL).size());
    }

    @Test
    void ts0004_7_4_21_2_2_anotherOriginatorCannotRetrieveUpdateOrDeleteTheChannel4103() {
        channel();
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, cse.send(cse.request(Operation.RETRIEVE, "cse-in/app1/pch", "Cae2")));
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                cse.send(cse.update("cse-in/app1/pch", "Cae2", map("m2m:pch", map("lbl", List.of("x"))))));
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, cse.send(cse.request(Operation.DELETE, "cse-in/app1/pch", "Cae2")));
        assertEquals("pch1", cse.tree.findByStructuredName("cse-in/app1/pch").ri);
        assertRsc(ResponseStatusCode.OK, cse.send(cse.request(Operation.RETRIEVE, "cse-in/app1/pch", "Cae1")));
    }

    @Test
    void ts0004_7_4_22_2_1_nothingIsCreatedUnderPcu4005() {
        channel();

        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1/pch/pcu", "Cae1", ResourceTypes.CONTAINER, map("m2m:cnt", map())));

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, rsp);
    }

    @Test
    void ts0004_7_4_22_2_2_onlyTheCreatorOfTheChannelPolls4103() {
        channel();

        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, cse.send(cse.request(Operation.RETRIEVE, "cse-in/app1/pch/pcu", "Cae2")));
    }

    @Test
    void ts0004_7_4_22_2_2_aPollWithNothingQueuedIs4008AtItsRequestExpirationTimestamp() throws Exception {
        channel();
        RequestPrimitive early = cse.request(Operation.RETRIEVE, "cse-in/app1/pch/pcu", "Cae1");
        early.requestExpirationTimestamp = Instant.now().plusMillis(300);
        RequestPrimitive late = cse.request(Operation.RETRIEVE, "cse-in/app1/pch/pcu", "Cae1");
        late.requestExpirationTimestamp = Instant.now().plusMillis(3_000);

        long start = System.nanoTime();
        CompletableFuture<ResponsePrimitive> soon = cse.sendAsync(early);
        CompletableFuture<ResponsePrimitive> waiting = cse.sendAsync(late);

        assertRsc(ResponseStatusCode.REQUEST_TIMEOUT, soon.get(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start < 1_500_000_000L, "not held until the CSE's polling timeout");
        Thread.sleep(2_300 - (System.nanoTime() - start) / 1_000_000);
        assertFalse(waiting.isDone(), "held beyond the CSE's polling timeout, until its own expiration");
        assertRsc(ResponseStatusCode.REQUEST_TIMEOUT, waiting.get(5, TimeUnit.SECONDS));
    }

    @Test
    void ts0004_7_4_22_2_3_pcuCannotBeUpdated4005() {
        channel();

        ResponsePrimitive rsp = cse.send(cse.update("cse-in/app1/pch/pcu", "Cae1", map("m2m:pch", map("lbl", List.of("x")))));

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, rsp);
    }
}
