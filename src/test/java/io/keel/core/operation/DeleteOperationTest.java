package io.keel.core.operation;

import static io.keel.core.operation.CoreFixture.ADMIN;
import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.RecordingOutbound;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResultContent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delete (TS-0004 7.3.3.8, 7.3.3.12): the resource and its subtree, la/ol (7.4.6) and the container's counters. */
class DeleteOperationTest {
    private final CoreFixture cse = new CoreFixture();

    DeleteOperationTest() {
        cse.ae("Cae1", "app1");
        cse.container("cnt1", "Cae1", "box");
        cse.instance("cin1", "cnt1", "i1", "first");   // 5 bytes
        cse.instance("cin2", "cnt1", "i2", "second");  // 6 bytes
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private RequestPrimitive delete(String to, String from) {
        return cse.request(Operation.DELETE, to, from);
    }

    /** A member deleted from this CSE, alone or with its parent, leaves mid and cnm drops (TS-0004 7.4.13.1). */
    @Test
    void ts0004_7_4_13_aDeletedMemberLeavesTheGroupsThatNameIt() {
        cse.container("cnt2", "Cae1", "other");
        cse.container("cnt3", "Cae1", "third");
        ResponsePrimitive created = cse.send(cse.create("cse-in/app1", "Cae1", ResourceTypes.GROUP, map("m2m:grp",
                map("rn", "team", "mnm", 5, "mid", List.of("cnt1", "cse-in/app1/other", "/id-in/cnt3", "/id-mn/remote")))));
        assertRsc(ResponseStatusCode.CREATED, created);
        String grp = (String) body(created, "m2m:grp").get("ri");

        assertRsc(ResponseStatusCode.DELETED, cse.send(delete("cse-in/app1/box", "Cae1")));
        assertEquals(List.of("cse-in/app1/other", "/id-in/cnt3", "/id-mn/remote"), cse.tree.stored(grp).get("mid"));
        assertEquals(3L, cse.tree.stored(grp).get("cnm"));

        assertRsc(ResponseStatusCode.DELETED, cse.send(delete("cse-in/app1/third", "Cae1")));
        assertRsc(ResponseStatusCode.DELETED, cse.send(delete("cnt2", "Cae1")));
        assertEquals(List.of("/id-mn/remote"), cse.tree.stored(grp).get("mid"), "members of other CSEs stay");
        assertEquals(1L, cse.tree.stored(grp).get("cnm"));
    }

    @Test
    void ts0004_7_4_13_membersInADeletedSubtreeLeaveTheGroupsOutsideIt() {
        cse.ae("Cae2", "app2");
        cse.container("cnt9", "Cae2", "box");
        cse.tree.stored("Cae2").origin = "Cae1"; // Cae1 may read and delete the other AE's container and the AE
        cse.tree.stored("cnt9").origin = "Cae1";
        ResponsePrimitive created = cse.send(cse.create("cse-in/app1", "Cae1", ResourceTypes.GROUP, map("m2m:grp",
                map("rn", "team", "mnm", 5, "mid", List.of("cnt1", "cnt9")))));
        String grp = (String) body(created, "m2m:grp").get("ri");

        assertRsc(ResponseStatusCode.DELETED, cse.send(delete("cse-in/app2", "Cae1")));

        assertEquals(List.of("cnt1"), cse.tree.stored(grp).get("mid"));
        assertEquals(1L, cse.tree.stored(grp).get("cnm"));
    }

    @Test
    void ts0004_7_3_3_8_aDeleteRemovesTheResourceAndItsSubtree() {
        ResponsePrimitive rsp = cse.send(delete("cse-in/app1/box", "Cae1"));

        assertRsc(ResponseStatusCode.DELETED, rsp);
        assertNull(rsp.content);
        assertNull(cse.tree.stored("cnt1"));
        assertNull(cse.tree.stored("cin1"));
        assertNull(cse.tree.stored("cin2"));
        assertNotNull(cse.tree.stored("Cae1"));
    }

    @Test
    void ts0004_7_3_3_12_rcn1OfADeleteAnswersTheDeletedResource() {
        RequestPrimitive req = delete("cse-in/app1/box/i1", "Cae1");
        req.resultContent = ResultContent.ATTRIBUTES;

        ResponsePrimitive rsp = cse.send(req);

        assertRsc(ResponseStatusCode.DELETED, rsp);
        assertEquals("first", body(rsp, "m2m:cin").get("con"));
        assertNull(cse.tree.stored("cin1"));
    }

    @Test
    void ts0004_7_4_27_2_4_deletingLaDeletesTheNewestInstanceAndTheContainerCountsDown() {
        ResponsePrimitive rsp = cse.send(delete("cse-in/app1/box/la", "Cae1"));

        assertRsc(ResponseStatusCode.DELETED, rsp);
        assertNull(cse.tree.stored("cin2"));
        assertNotNull(cse.tree.stored("cin1"));
        assertEquals(1L, cse.tree.stored("cnt1").get("cni"));
        assertEquals(5L, cse.tree.stored("cnt1").get("cbs"));
    }

    @Test
    void ts0004_7_4_28_2_4_deletingOlDeletesTheOldestInstance() {
        ResponsePrimitive rsp = cse.send(delete("cnt1/ol", "Cae1"));

        assertRsc(ResponseStatusCode.DELETED, rsp);
        assertNull(cse.tree.stored("cin1"));
        assertNotNull(cse.tree.stored("cin2"));
        assertEquals(1L, cse.tree.stored("cnt1").get("cni"));
        assertEquals(6L, cse.tree.stored("cnt1").get("cbs"));
    }

    @Test
    void ts0004_7_4_27_2_4_deletingLaOfAnEmptyContainerIs4004() {
        cse.container("cnt2", "Cae1", "empty");
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.NOT_FOUND, cse.send(delete("cse-in/app1/empty/la", "Cae1")));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_3_2_4_theCseBaseCannotBeDeleted4005() {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, cse.send(delete("cse-in", ADMIN)));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_3_3_15_aDeleteWithoutDeletePrivilegeIs4103() {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, cse.send(delete("cse-in/app1/box", "Cstranger")));
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, cse.send(delete("cse-in/app1/box/la", "Cstranger")));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_7_2_4_instancesOfAContainerWithDisrCannotBeDeleted4005() {
        cse.tree.stored("cnt1").attributes.put("disr", true);
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, cse.send(delete("cse-in/app1/box/i1", "Cae1")));
        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, cse.send(delete("cse-in/app1/box/la", "Cae1")));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_8_2_4_deletingASubscribedResourceTellsTheSubscriberItsSubscriptionEnded() throws Exception {
        cse.send(cse.create("cse-in/app1/box", "Cae1", ResourceTypes.SUBSCRIPTION, map("m2m:sub",
                map("rn", "sub", "nu", List.of("Cae1"), "su", "http://listener.example/ended"))));
        assertNotNull(cse.tree.findByStructuredName("cse-in/app1/box/sub"));

        assertRsc(ResponseStatusCode.DELETED, cse.send(delete("cse-in/app1/box", "Cae1")));

        assertNull(cse.tree.findByStructuredName("cse-in/app1/box/sub"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (cse.outbound.sent().isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        RecordingOutbound.Sent notice = cse.outbound.sent().get(0);
        assertEquals("http://listener.example/ended", notice.url());
        Map<?, ?> sgn = (Map<?, ?>) ((Map<?, ?>) notice.request().content).get("m2m:sgn");
        assertTrue((Boolean) sgn.get("sud"));
    }

    @Test
    void ts0004_7_3_3_12_aDeleteIsAnswered2002WithoutContentByDefault() {
        ResponsePrimitive rsp = cse.send(delete("cse-in/app1/box/i1", "Cae1"));

        assertRsc(ResponseStatusCode.DELETED, rsp);
        assertNull(rsp.content);
    }

    @Test
    void ts0004_7_3_3_8_deletingAChildUpdatesItsParentsAttributes() {
        assertRsc(ResponseStatusCode.DELETED, cse.send(delete("cse-in/app1/box/i1", "Cae1")));

        assertNull(cse.tree.stored("cin1"));
        assertEquals(1L, cse.tree.stored("cnt1").get("cni"));
        assertEquals(6L, cse.tree.stored("cnt1").get("cbs"));
    }

    @Test
    void ts0004_7_3_2_1_aDeleteDoesNotTakeRcn9() {
        RequestPrimitive req = delete("cse-in/app1/box", "Cae1");
        req.resultContent = io.keel.primitive.ResultContent.MODIFIED_ATTRIBUTES;

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(req));
        assertNotNull(cse.tree.stored("cnt1"));
    }
}
