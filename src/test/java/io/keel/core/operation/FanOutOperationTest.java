package io.keel.core.operation;

import static io.keel.core.operation.CoreFixture.ADMIN;
import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.RequestType;
import io.keel.primitive.Operation;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests to a group's fanOutPoint (TS-0004 7.4.14): each member gets the request; the answers are aggregated. */
class FanOutOperationTest {
    private final CoreFixture cse = new CoreFixture();

    FanOutOperationTest() {
        cse.ae("Cae1", "app1");
        cse.container("cnt1", "Cae1", "box1");
        cse.container("cnt2", "Cae1", "box2");
        cse.instance("cin1", "cnt1", "i1", "one");
        cse.instance("cin2", "cnt2", "i2", "two");
        Resource grp = cse.add("grp1", "Cae1", ResourceTypes.GROUP, "team");
        grp.attributes.put("mt", (long) ResourceTypes.CONTAINER);
        grp.attributes.put("mnm", 10L);
        grp.attributes.put("mid", List.of("cnt1", "cnt2"));
        grp.attributes.put("cnm", 2L);
    }

    @AfterEach
    void close() {
        cse.close();
    }

    /** The m2m:rsp entries of an m2m:agr, by the member (fr) that answered. */
    private static Map<Object, Map<?, ?>> byMember(ResponsePrimitive rsp) {
        List<?> answers = (List<?>) body(rsp, "m2m:agr").get("m2m:rsp");
        Map<Object, Map<?, ?>> out = new java.util.TreeMap<>(Comparator.comparing(Object::toString));
        answers.forEach(a -> out.put(((Map<?, ?>) a).get("fr"), (Map<?, ?>) a));
        return out;
    }

    @Test
    void ts0004_7_4_14_2_5_eachMemberIsRetrievedAndAnswersInTheAggregate() {
        ResponsePrimitive rsp = cse.send(cse.request(Operation.RETRIEVE, "cse-in/app1/team/fopt", ADMIN));

        assertRsc(ResponseStatusCode.OK, rsp);
        Map<Object, Map<?, ?>> answers = byMember(rsp);
        assertEquals(List.of("cnt1", "cnt2"), List.copyOf(answers.keySet()));
        for (String member : List.of("cnt1", "cnt2")) {
            assertEquals(2000, answers.get(member).get("rsc"));
            assertEquals(member, ((Map<?, ?>) ((Map<?, ?>) answers.get(member).get("pc")).get("m2m:cnt")).get("ri"));
        }
    }

    @Test
    void ts0004_7_4_14_2_4_thePathAfterFoptIsAppendedToEachMember() {
        ResponsePrimitive rsp = cse.send(cse.request(Operation.RETRIEVE, "cse-in/app1/team/fopt/la", ADMIN));

        Map<Object, Map<?, ?>> answers = byMember(rsp);
        assertEquals("one", ((Map<?, ?>) ((Map<?, ?>) answers.get("cnt1").get("pc")).get("m2m:cin")).get("con"));
        assertEquals("two", ((Map<?, ?>) ((Map<?, ?>) answers.get("cnt2").get("pc")).get("m2m:cin")).get("con"));
    }

    @Test
    void ts0004_7_4_14_3_2_aCreateThroughFoptCreatesUnderEveryMember() {
        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1/team/fopt", ADMIN, ResourceTypes.CONTENT_INSTANCE,
                map("m2m:cin", map("rn", "new", "con", "hello"))));

        assertRsc(ResponseStatusCode.OK, rsp);
        byMember(rsp).values().forEach(a -> assertEquals(2001, a.get("rsc")));
        assertEquals("hello", cse.tree.findByStructuredName("cse-in/app1/box1/new").get("con"));
        assertEquals("hello", cse.tree.findByStructuredName("cse-in/app1/box2/new").get("con"));
        assertEquals(2L, cse.tree.stored("cnt1").get("cni"));
        assertEquals(2L, cse.tree.stored("cnt2").get("cni"));
    }

    @Test
    void ts0004_7_4_14_2_1_belowFoptThePathDecidesWhatCanBeCreatedNotTheMemberType() {
        Resource ae2 = cse.ae("Cae2", "app2");
        cse.container("cnt3", "Cae2", "box");
        cse.container("cnt4", "Cae1", "box");
        Resource apps = cse.add("grp2", "Cae1", ResourceTypes.GROUP, "apps");
        apps.attributes.putAll(Map.of("mt", (long) ResourceTypes.AE, "mnm", 10L, "mid", List.of("Cae1", ae2.ri), "cnm", 2L));

        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1/apps/fopt/box", ADMIN, ResourceTypes.CONTENT_INSTANCE,
                map("m2m:cin", map("rn", "reading", "con", "21"))));

        assertRsc(ResponseStatusCode.OK, rsp);
        byMember(rsp).values().forEach(a -> assertEquals(2001, a.get("rsc")));
        assertEquals("21", cse.tree.findByStructuredName("cse-in/app1/box/reading").get("con"));
        assertEquals("21", cse.tree.findByStructuredName("cse-in/app2/box/reading").get("con"));
        assertRsc(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE, cse.send(cse.create("cse-in/app1/apps/fopt", ADMIN,
                ResourceTypes.CONTENT_INSTANCE, map("m2m:cin", map("con", "21")))));
    }

    @Test
    void ts0004_7_4_14_2_1_groupRequestTargetMembersLimitTheFanOut() {
        var req = cse.request(Operation.RETRIEVE, "cse-in/app1/team/fopt", ADMIN);
        req.groupRequestTargetMembers = List.of("cnt2");

        ResponsePrimitive rsp = cse.send(req);

        assertRsc(ResponseStatusCode.OK, rsp);
        assertEquals(List.of("cnt2"), List.copyOf(byMember(rsp).keySet()));
    }

    @Test
    void ts0004_7_4_14_2_1_aTargetMemberOfASubGroupIsReachedDirectly() {
        cse.container("cnt5", "Cae1", "box5");
        Resource sub = cse.add("grp3", "Cae1", ResourceTypes.GROUP, "sub");
        sub.attributes.putAll(Map.of("mt", (long) ResourceTypes.CONTAINER, "mnm", 10L, "mid", List.of("cnt5"), "cnm", 1L));
        cse.tree.stored("grp1").attributes.put("mt", 0L);
        cse.tree.stored("grp1").attributes.put("mid", List.of("cnt1", "grp3"));
        var req = cse.request(Operation.RETRIEVE, "cse-in/app1/team/fopt", ADMIN);
        req.groupRequestTargetMembers = List.of("cnt5");

        ResponsePrimitive rsp = cse.send(req);

        assertRsc(ResponseStatusCode.OK, rsp);
        assertEquals(List.of("cnt5"), List.copyOf(byMember(rsp).keySet()));
    }

    @Test
    void ts0004_7_4_14_2_1_aTargetMemberOutsideTheGroupIs4000() {
        var req = cse.create("cse-in/app1/team/fopt", ADMIN, ResourceTypes.CONTENT_INSTANCE, map("m2m:cin", map("con", "x")));
        req.groupRequestTargetMembers = List.of("cnt1", "cin1");

        ResponsePrimitive rsp = cse.send(req);

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        org.junit.jupiter.api.Assertions.assertTrue(String.valueOf(rsp.content).contains("cin1"), String.valueOf(rsp.content));
        assertEquals(1L, cse.tree.stored("cnt1").get("cni"), "nothing was created under any member");
    }

    @Test
    void ts0001_10_2_7_7_eachMembersOwnAccessControlApplies() {
        cse.tree.stored("grp1").origin = "Cstranger"; // the group is the stranger's, the members are not

        ResponsePrimitive rsp = cse.send(cse.request(Operation.RETRIEVE, "cse-in/app1/team/fopt", "Cstranger"));

        assertRsc(ResponseStatusCode.OK, rsp);
        byMember(rsp).values().forEach(a -> assertEquals(4103, a.get("rsc")));
    }

    @Test
    void ts0004_7_4_14_2_4_aGroupWithoutMembersIs4109() {
        cse.tree.stored("grp1").attributes.put("mid", List.of());

        assertRsc(ResponseStatusCode.NO_MEMBERS, cse.send(cse.request(Operation.RETRIEVE, "cse-in/app1/team/fopt", ADMIN)));
    }

    @Test
    void ts0004_7_4_14_2_1_aCreateOfATypeTheMemberTypeCannotHoldIs4108AndReachesNoMember() {
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1/team/fopt", ADMIN, ResourceTypes.GROUP,
                map("m2m:grp", map("rn", "sub", "mnm", 1, "mid", List.of("cin1")))));

        assertRsc(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE, rsp);
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_3_3_15_aFanOutWithoutPrivilegeOnTheGroupIs4103() {
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1/team/fopt", "Cstranger", ResourceTypes.CONTENT_INSTANCE,
                map("m2m:cin", map("con", "x"))));

        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, rsp);
        assertEquals(before, cse.snapshot());
    }

    /** TS-0004 7.4.14.2.5: a non-blocking group request is PARTIALLY_COMPLETED while some members have answered. */
    @Test
    void ts0004_7_4_14_2_5_aNonBlockingGroupRequestIsPartiallyCompletedUntilEveryMemberAnswered() throws Exception {
        Resource far = cse.ae("Cfar", "far");
        far.attributes.put("poa", List.of("http://far.example/n"));
        Resource mixed = cse.add("grp2", "Cae1", ResourceTypes.GROUP, "mixed");
        mixed.attributes.put("mt", 0L);
        mixed.attributes.put("mnm", 10L);
        mixed.attributes.put("mid", List.of("cnt1", "Cfar"));
        mixed.attributes.put("cnm", 2L);
        CountDownLatch farAnswers = new CountDownLatch(1);
        cse.outbound.answer = r -> {
            try {
                farAnswers.await(10, TimeUnit.SECONDS); // the AE behind Cfar takes its time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ResponsePrimitive(ResponseStatusCode.OK, null);
        };
        io.keel.primitive.RequestPrimitive notify = cse.request(Operation.NOTIFY, "cse-in/app1/mixed/fopt", ADMIN);
        notify.content = map("m2m:sgn", map("nev", map("net", 1L)));
        notify.responseType = io.keel.primitive.ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH;

        ResponsePrimitive ack = cse.send(notify);
        String request = (String) ((Map<?, ?>) ack.content).get("m2m:uri");

        assertEquals(RequestType.PARTIALLY_COMPLETED, rsWhenNot(request, RequestType.PENDING), "the container answered");
        farAnswers.countDown();
        assertEquals(RequestType.COMPLETED, rsWhenNot(request, RequestType.PARTIALLY_COMPLETED), "every member answered");
    }

    /** The request's status once it is no longer {@code from}, waiting up to 10 s. */
    private long rsWhenNot(String request, long from) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (cse.tree.stored(request).getLong("rs", 0) == from && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        return cse.tree.stored(request).getLong("rs", 0);
    }
}
