package io.keel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.operation.GroupRevalidation;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A group created while a member of another CSE could not be reached has memberTypeValidated false; as soon as that
 * member can be reached, the hosting CSE validates the members again and applies the consistencyStrategy (TS-0004
 * 7.4.13.2.1, 7.4.13.2.3).
 */
class GroupRevalidationTest {
    private static final String FAR = "/id-in/cse-in/far";
    private static final String GROUP = "cse-mn/Cae1/g";

    private CoreFixture core;
    private NonBlockingRequests nonBlocking;
    private Dispatcher dispatcher;
    private GroupRevalidation revalidation;

    @BeforeEach
    void wire() {
        core = new CoreFixture(CoreFixture.MN);
        nonBlocking = core.nonBlocking(2, 10);
        dispatcher = core.forwardingDispatcher(nonBlocking);
        core.ae("Cae1");
        revalidation = new GroupRevalidation(core.ctx, dispatcher.deletes(), 0);
    }

    @AfterEach
    void close() {
        revalidation.close();
        nonBlocking.close();
        core.close();
    }

    private ResponsePrimitive handle(RequestPrimitive req) {
        try {
            return dispatcher.handle(req).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the dispatcher did not answer", e);
        }
    }

    private static RequestPrimitive request(Operation op, String to) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = op;
        req.to = to;
        req.from = "Cae1";
        req.requestIdentifier = "rqi-" + op;
        req.releaseVersionIndicator = "3";
        return req;
    }

    /** The member's CSE answers the Retrieve of the member as {@code answer} says; a Notify is accepted. */
    private void memberAnswers(Function<RequestPrimitive, ResponsePrimitive> answer) {
        core.outbound.answer = r -> r.operation == Operation.NOTIFY ? new ResponsePrimitive(ResponseStatusCode.OK, null) : answer.apply(r);
    }

    private void memberIs(int ty, String root) {
        memberAnswers(r -> new ResponsePrimitive(ResponseStatusCode.OK, Map.of(root, Map.of("rn", "far", "ty", ty))));
    }

    /** A group of containers (mt 3) created while its member on the IN cannot be reached. */
    private void unvalidatedGroup(long mt, long csy, String... members) {
        memberAnswers(r -> ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE, "connection refused"));
        RequestPrimitive create = request(Operation.CREATE, "cse-mn/Cae1");
        create.resourceType = 9;
        create.content = Map.of("m2m:grp", Map.of("rn", "g", "mt", mt, "csy", csy, "mnm", 10, "mid", List.of(members)));
        ResponsePrimitive created = handle(create);
        assertEquals(ResponseStatusCode.CREATED, created.responseStatusCode, String.valueOf(created.content));
        assertEquals(false, grp().get("mtv"));
    }

    private Map<?, ?> grp() {
        ResponsePrimitive rsp = handle(request(Operation.RETRIEVE, GROUP));
        assertEquals(ResponseStatusCode.OK, rsp.responseStatusCode, String.valueOf(rsp.content));
        return (Map<?, ?>) ((Map<?, ?>) rsp.content).get("m2m:grp");
    }

    private List<RecordingOutbound.Sent> retrievesOf(String member) {
        return core.outbound.sent().stream()
                .filter(s -> s.request().operation == Operation.RETRIEVE && member.equals(s.request().to)).toList();
    }

    @Test
    void ts0004_7_4_13_2_1_aMemberThatBecameReachableAndConformsMakesTheGroupValidated() {
        unvalidatedGroup(3, 1, FAR);
        Object lt = grp().get("lt");
        memberIs(3, "m2m:cnt");

        assertEquals(1, revalidation.revalidate());

        Map<?, ?> grp = grp();
        assertEquals(true, grp.get("mtv"));
        assertEquals(List.of(FAR), grp.get("mid"));
        assertEquals(3L, ((Number) grp.get("mt")).longValue());
        assertTrue(String.valueOf(grp.get("lt")).compareTo(String.valueOf(lt)) >= 0, "an update: lt moves on");
        RecordingOutbound.Sent retrieve = retrievesOf(FAR).get(1);
        assertEquals("/id-mn/Cae1", retrieve.request().from, "as the group's creator, whose access the member's CSE judges");
        assertEquals("http://in.example:8080", retrieve.url());

        assertEquals(0, revalidation.revalidate(), "validated: not looked at again");
        assertEquals(2, retrievesOf(FAR).size());
    }

    @Test
    void ts0004_7_4_13_2_1_abandonMemberRemovesTheMemberOfAnotherType() {
        unvalidatedGroup(3, 1, FAR);
        memberIs(2, "m2m:ae");

        assertEquals(1, revalidation.revalidate());

        Map<?, ?> grp = grp();
        assertEquals(List.of(), grp.get("mid"));
        assertEquals(0L, ((Number) grp.get("cnm")).longValue());
        assertEquals(true, grp.get("mtv"));
    }

    @Test
    void ts0004_7_4_13_2_1_abandonGroupDeletesTheGroup() {
        unvalidatedGroup(3, 2, FAR);
        memberIs(2, "m2m:ae");

        assertEquals(1, revalidation.revalidate());

        assertEquals(ResponseStatusCode.NOT_FOUND, handle(request(Operation.RETRIEVE, GROUP)).responseStatusCode);
    }

    @Test
    void ts0004_7_4_13_2_3_setMixedMakesTheGroupMixedAndItsSubscribersAreNotified() throws Exception {
        unvalidatedGroup(3, 3, FAR);
        RequestPrimitive sub = request(Operation.CREATE, GROUP);
        sub.resourceType = 23;
        sub.content = Map.of("m2m:sub", Map.of("rn", "s", "nu", List.of("/id-asn/Cae9"), "enc", Map.of("net", List.of(1))));
        assertEquals(ResponseStatusCode.CREATED, handle(sub).responseStatusCode);
        memberIs(2, "m2m:ae");
        int before = core.outbound.sent().size();

        assertEquals(1, revalidation.revalidate());

        Map<?, ?> grp = grp();
        assertEquals(0L, ((Number) grp.get("mt")).longValue(), "SET_MIXED");
        assertEquals(List.of(FAR), grp.get("mid"));
        assertEquals(true, grp.get("mtv"));
        RecordingOutbound.Sent notify = awaitNotify(before);
        assertEquals("/id-asn/Cae9", notify.request().to);
        assertTrue(String.valueOf(notify.request().content).contains("mtv=true"), String.valueOf(notify.request().content));
    }

    private RecordingOutbound.Sent awaitNotify(int after) throws InterruptedException {
        long until = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < until) {
            List<RecordingOutbound.Sent> sent = core.outbound.sent();
            for (RecordingOutbound.Sent s : sent.subList(after, sent.size())) {
                if (s.request().operation == Operation.NOTIFY) {
                    return s;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no notification was sent");
    }

    @Test
    void ts0004_7_4_13_2_1_whileTheMemberIsStillUnreachableNothingChanges() {
        unvalidatedGroup(3, 2, FAR);
        Map<?, ?> before = grp();

        assertEquals(0, revalidation.revalidate());

        assertEquals(before, grp());
        assertEquals(2, retrievesOf(FAR).size(), "tried again");
    }

    @Test
    void ts0004_7_4_13_2_1_aMemberGoneFromItsCseLeavesTheGroupAndOneTheCreatorMayNotRetrieveStaysUnvalidated() {
        String secret = "/id-in/cse-in/secret";
        unvalidatedGroup(3, 1, FAR, secret);
        memberAnswers(r -> ResponsePrimitive.error(FAR.equals(r.to) ? ResponseStatusCode.NOT_FOUND
                : ResponseStatusCode.RECEIVER_HAS_NO_PRIVILEGE, "as the test says"));

        assertEquals(1, revalidation.revalidate());

        Map<?, ?> grp = grp();
        assertEquals(List.of(secret), grp.get("mid"), "the one gone leaves; the other may become retrievable");
        assertEquals(1L, ((Number) grp.get("cnm")).longValue());
        assertEquals(false, grp.get("mtv"));
    }

    @Test
    void ts0004_7_4_13_2_1_aMixedGroupChecksNoTypeAndIsNotRetrievedAgain() {
        unvalidatedGroup(0, 1, FAR);

        assertEquals(0, revalidation.revalidate());

        assertEquals(List.of(), retrievesOf(FAR), "a mixed group retrieves no member");
    }

    @Test
    void aGroupDeletedWhileItsMembersAreRetrievedIsSkipped() {
        unvalidatedGroup(3, 1, FAR);
        core.outbound.forwardAnswer = r -> {
            core.outbound.forwardAnswer = null;
            assertEquals(ResponseStatusCode.DELETED, handle(request(Operation.DELETE, GROUP)).responseStatusCode);
            return CompletableFuture.completedFuture(new ResponsePrimitive(ResponseStatusCode.OK,
                    Map.of("m2m:cnt", Map.of("rn", "far", "ty", 3))));
        };

        assertEquals(0, revalidation.revalidate());

        assertEquals(ResponseStatusCode.NOT_FOUND, handle(request(Operation.RETRIEVE, GROUP)).responseStatusCode,
                "not brought back by an update");
    }
}
