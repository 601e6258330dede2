package io.keel.core.operation;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.RequestType;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResponseTypeValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code <request>} (TS-0004 7.4.12.2) as its originator uses it, through the dispatcher. */
class RequestResourceTest {
    private final CoreFixture cse = new CoreFixture();

    RequestResourceTest() {
        cse.ae("Cae1", "app1");
    }

    @AfterEach
    void close() {
        cse.close();
    }

    /** A non-blocking Create of a container; with {@code later}, not run before it. Returns its {@code <request>}. */
    private Resource nonBlockingCreate(String rn, Instant later) {
        RequestPrimitive req = cse.create("cse-in/app1", "Cae1", ResourceTypes.CONTAINER, map("m2m:cnt", map("rn", rn)));
        req.responseType = ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH;
        req.operationExecutionTime = later;
        ResponsePrimitive ack = cse.send(req);
        assertRsc(ResponseStatusCode.ACCEPTED_NON_BLOCKING_REQUEST_SYNCH, ack);
        return cse.tree.stored((String) ((Map<?, ?>) ack.content).get("m2m:uri"));
    }

    private Resource completed(String rn) throws InterruptedException {
        Resource r = nonBlockingCreate(rn, null);
        Instant deadline = Instant.now().plusSeconds(5);
        while (cse.tree.stored(r.ri).getLong("rs", 0) == RequestType.PENDING && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertEquals(RequestType.COMPLETED, cse.tree.stored(r.ri).get("rs"));
        return r;
    }

    @Test
    void ts0004_7_4_12_2_1_aCreateOfARequestIs4005() {
        ResponsePrimitive rsp = cse.send(cse.create("cse-in", "Cae1", ResourceTypes.REQUEST,
                map("m2m:req", map("op", 2, "tg", "cse-in"))));

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, rsp);
        assertEquals(List.of(), cse.tree.ofType(ResourceTypes.REQUEST));
    }

    @Test
    void ts0004_7_4_12_2_2_aNonBlockingRequestToARequestIs4000() throws Exception {
        Resource r = completed("box");
        int before = cse.tree.ofType(ResourceTypes.REQUEST).size();

        for (Operation op : List.of(Operation.RETRIEVE, Operation.UPDATE, Operation.DELETE)) {
            for (ResponseTypeValue rt : List.of(ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH, ResponseTypeValue.NON_BLOCKING_REQUEST_ASYNCH)) {
                RequestPrimitive req = cse.request(op, "cse-in/" + r.rn, "Cae1");
                req.responseType = rt;
                if (op == Operation.UPDATE) {
                    req.content = map("m2m:req", map("lbl", List.of("x")));
                }
                assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(req));
            }
        }
        assertEquals(before, cse.tree.ofType(ResourceTypes.REQUEST).size(), "no <request> for them");
        assertNotNull(cse.tree.findByStructuredName("cse-in/" + r.rn), "the <request> is still there");
    }

    @Test
    void ts0004_7_4_12_2_2_aFlexBlockingRetrieveOfARequestIsAnsweredAsABlockingOne() throws Exception {
        Resource r = completed("box");
        RequestPrimitive req = cse.request(Operation.RETRIEVE, "cse-in/" + r.rn, "Cae1");
        req.responseType = ResponseTypeValue.FLEX_BLOCKING;

        ResponsePrimitive rsp = cse.send(req);

        assertRsc(ResponseStatusCode.OK, rsp);
        Map<String, Object> req17 = body(rsp, "m2m:req");
        assertEquals(RequestType.COMPLETED, req17.get("rs"));
        assertEquals(2001, ((Map<?, ?>) req17.get("ors")).get("rsc"));
    }

    @Test
    void ts0004_7_4_12_2_3_anUpdateOfARequestIs4005() throws Exception {
        Resource r = completed("box");

        ResponsePrimitive rsp = cse.send(cse.update("cse-in/" + r.rn, "Cae1", map("m2m:req", map("acpi", List.of("x")))));

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, rsp);
    }

    @Test
    void ts0004_7_4_12_2_4_aPendingRequestCannotBeRecalled5220AndStays() {
        Resource r = nonBlockingCreate("later", Instant.now().plus(Duration.ofHours(1)));

        ResponsePrimitive rsp = cse.send(cse.request(Operation.DELETE, "cse-in/" + r.rn, "Cae1"));

        assertRsc(ResponseStatusCode.UNABLE_TO_RECALL_REQUEST, rsp);
        assertEquals(RequestType.PENDING, cse.tree.stored(r.ri).get("rs"));
    }

    @Test
    void ts0004_7_4_12_2_4_aFinishedRequestIsDeletedByItsOriginator() throws Exception {
        Resource r = completed("box");

        assertRsc(ResponseStatusCode.DELETED, cse.send(cse.request(Operation.DELETE, "cse-in/" + r.rn, "Cae1")));

        assertNull(cse.tree.findByStructuredName("cse-in/" + r.rn));
    }
}
