package io.keel.core.operation;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.RecordingOutbound;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications sent to a group by the hosts of its members (TS-0004 7.5.1.2.6; TS-0001 10.2.7.11): validated,
 * aggregated per notificationForwardingURI and passed on as one m2m:agn. Here a member lives on {@code /id-mn}.
 */
class GroupNotificationsTest {
    private static final String SUBSCRIBER = "http://subscriber.example/n";
    private final CoreFixture cse = new CoreFixture();
    private final Resource group;

    GroupNotificationsTest() {
        cse.ae("Cae1", "app1");
        cse.container("cnt1", "Cae1", "box1");
        group = cse.add("grp1", "Cae1", ResourceTypes.GROUP, "team");
        group.attributes.put("mt", (long) ResourceTypes.CONTAINER);
        group.attributes.put("mnm", 10L);
        group.attributes.put("mid", List.of("cnt1", "/id-mn/cnt9"));
        group.attributes.put("cnm", 2L);
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private RequestPrimitive notify(String from, Map<String, Object> content) {
        RequestPrimitive n = cse.request(Operation.NOTIFY, "/id-in/grp1", from);
        n.content = content;
        n.originatorAuthenticated = true; // a CSE through its security association
        return n;
    }

    private static Map<String, Object> sgn(String sur, String con) {
        return map("nev", map("net", 3L, "rep", map("m2m:cin", map("con", con))), "sur", sur, "nfu", SUBSCRIBER);
    }

    private static List<?> aggregated(RecordingOutbound.Sent sent) {
        Map<?, ?> agn = (Map<?, ?>) ((Map<?, ?>) sent.request().content).get("m2m:agn");
        assertNotNull(agn, () -> "no m2m:agn: " + sent.request().content);
        return (List<?>) agn.get("m2m:sgn");
    }

    @Test
    void ts0004_7_5_1_2_6_notificationsUpToNarNumberLeaveAsOneAgnAndEachMemberGetsTheAnswer() throws Exception {
        group.attributes.put("nar", map("num", 2L, "dur", "PT60S"));
        CompletableFuture<ResponsePrimitive> first = cse.sendAsync(notify("/id-mn", map("m2m:sgn", sgn("/id-mn/sub9", "a"))));
        assertNull(cse.outbound.next(200), "held until the batch is full");
        assertFalse(first.isDone(), "the member is answered when the subscriber has been");
        CompletableFuture<ResponsePrimitive> second = cse.sendAsync(notify("/id-mn", map("m2m:sgn", sgn("/id-mn/sub9", "b"))));
        RecordingOutbound.Sent sent = cse.outbound.next();
        assertEquals(SUBSCRIBER, sent.url());
        assertEquals("/id-in", sent.request().from);
        assertEquals(2, aggregated(sent).size());
        assertRsc(ResponseStatusCode.OK, first.get(5, TimeUnit.SECONDS));
        assertRsc(ResponseStatusCode.OK, second.get(5, TimeUnit.SECONDS));
    }

    /**
     * A member's host sends again a notification it got no answer for (the group-hosting CSE stopped meanwhile): it is
     * aggregated once, and both Notifies get the subscriber's answer; one already sent is not sent again.
     */
    @Test
    void ts0004_7_5_1_2_6_aNotificationSentAgainByTheMembersHostIsAggregatedOnce() throws Exception {
        group.attributes.put("nar", map("num", 2L, "dur", "PT60S"));
        CompletableFuture<ResponsePrimitive> first = cse.sendAsync(notify("/id-mn", map("m2m:sgn", sgn("/id-mn/sub9", "a"))));
        CompletableFuture<ResponsePrimitive> again = cse.sendAsync(notify("/id-mn", map("m2m:sgn", sgn("/id-mn/sub9", "a"))));
        assertNull(cse.outbound.next(200), "still one notification in the batch");
        CompletableFuture<ResponsePrimitive> second = cse.sendAsync(notify("/id-mn", map("m2m:sgn", sgn("/id-mn/sub9", "b"))));
        RecordingOutbound.Sent sent = cse.outbound.next();
        assertEquals(2, aggregated(sent).size(), () -> "a once, b once: " + aggregated(sent));
        assertRsc(ResponseStatusCode.OK, first.get(5, TimeUnit.SECONDS));
        assertRsc(ResponseStatusCode.OK, again.get(5, TimeUnit.SECONDS));
        assertRsc(ResponseStatusCode.OK, second.get(5, TimeUnit.SECONDS));
        CompletableFuture<ResponsePrimitive> late = cse.sendAsync(notify("/id-mn", map("m2m:sgn", sgn("/id-mn/sub9", "b"))));
        assertRsc(ResponseStatusCode.OK, late.get(5, TimeUnit.SECONDS));
        assertNull(cse.outbound.next(300), "b was sent already");
    }

    @Test
    void ts0004_7_5_1_2_6_anAggregatedNotificationFromAMemberIsUnpackedNotNested() throws Exception {
        group.attributes.put("nar", map("num", 3L, "dur", "PT60S"));
        cse.sendAsync(notify("/id-mn", map("m2m:agn", map("m2m:sgn", List.of(sgn("/id-mn/sub9", "a"), sgn("/id-mn/sub9", "b"))))));
        cse.sendAsync(notify("/id-mn", map("m2m:sgn", sgn("/id-mn/sub9", "c"))));
        List<?> sgns = aggregated(cse.outbound.next());
        assertEquals(3, sgns.size());
        sgns.forEach(s -> assertTrue(((Map<?, ?>) s).containsKey("sur"), s.toString()));
    }

    @Test
    void ts0004_7_4_14_2_5_theDurationOrAnEarlierRequestExpirationEndsTheBatch() throws Exception {
        group.attributes.put("nar", map("num", 10L, "dur", "PT60S"));
        RequestPrimitive n = notify("/id-mn", map("m2m:sgn", sgn("/id-mn/sub9", "a")));
        n.requestExpirationTimestamp = Instant.now().plusMillis(300);
        CompletableFuture<ResponsePrimitive> answer = cse.sendAsync(n);
        RecordingOutbound.Sent sent = cse.outbound.next(3000);
        assertNotNull(sent, "sent by the member's request expiration, long before nar.dur");
        assertEquals(1, aggregated(sent).size());
        assertRsc(ResponseStatusCode.OK, answer.get(5, TimeUnit.SECONDS));
    }

    @Test
    void ts0004_7_5_1_2_6_onlyTheHostOfAMemberMayNotifyTheGroup() {
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                cse.send(notify("/id-other", map("m2m:sgn", sgn("/id-other/sub1", "a")))));
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                cse.send(notify("/id-other", map("m2m:sgn", sgn("/id-mn/sub9", "a")))));
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE,
                cse.send(notify("/id-other", map("m2m:sgn", map("vrq", true, "sur", "/id-other/sub1")))));
        assertTrue(cse.outbound.sent().isEmpty(), "nothing went on to a subscriber");
    }

    @Test
    void ts0001_10_2_7_11_aNotificationWithoutNfuIs4000AndAVerificationIsAnsweredAtOnce() {
        Map<String, Object> withoutNfu = map("nev", map("net", 3L), "sur", "/id-mn/sub9");
        ResponsePrimitive rsp = cse.send(notify("/id-mn", map("m2m:sgn", withoutNfu)));
        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertTrue(String.valueOf(rsp.content).contains("nfu"), String.valueOf(rsp.content));
        assertRsc(ResponseStatusCode.OK, cse.send(notify("/id-mn", map("m2m:sgn", map("vrq", true, "sur", "/id-mn/sub9")))));
        assertTrue(cse.outbound.sent().isEmpty(), "nothing went on to a subscriber");
    }

    /** A subscription of this CSE stored under {@code parent}, as one made through a group's fanOutPoint leaves it. */
    private void subscription(String ri, String parent, String gpi) {
        Resource sub = cse.add(ri, parent, ResourceTypes.SUBSCRIPTION, ri);
        sub.attributes.put("nu", List.of("/id-in/grp1"));
        sub.attributes.put("gpi", gpi);
        sub.attributes.put("nfu", SUBSCRIBER);
    }

    @Test
    void ts0004_7_5_1_2_6_aLocalMembersSubscriptionNotifiesTheGroupWhenItsGpiNamesIt() throws Exception {
        group.attributes.put("nar", map("num", 1L, "dur", "PT60S"));
        cse.container("cnt2", "Cae1", "box2");
        subscription("sub1", "cnt1", "/id-in/grp1");
        subscription("sub2", "cnt1", "/id-in/otherGroup");
        subscription("sub3", "cnt2", "/id-in/grp1"); // cnt2 is no member
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, cse.send(notify("/id-in", map("m2m:sgn", sgn("/id-in/sub2", "a")))));
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, cse.send(notify("/id-in", map("m2m:sgn", sgn("/id-in/sub3", "a")))));
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, cse.send(notify("/id-mn", map("m2m:sgn", sgn("/id-in/sub1", "a")))));
        assertTrue(cse.outbound.sent().isEmpty(), "nothing went on to a subscriber");
        assertRsc(ResponseStatusCode.OK, cse.send(notify("/id-in", map("m2m:sgn", sgn("/id-in/sub1", "a")))));
        assertEquals(1, aggregated(cse.outbound.next()).size());
    }

    @Test
    void ts0001_10_2_7_11_theMembersOfASubGroupNotifyTheOuterGroup() throws Exception {
        group.attributes.put("nar", map("num", 1L, "dur", "PT60S"));
        cse.container("cnt2", "Cae1", "box2");
        Resource inner = cse.add("grp2", "Cae1", ResourceTypes.GROUP, "inner");
        inner.attributes.put("mid", List.of("cnt2"));
        group.attributes.put("mid", List.of("cnt1", "grp2"));
        subscription("sub3", "cnt2", "/id-in/grp1");
        assertRsc(ResponseStatusCode.OK, cse.send(notify("/id-in", map("m2m:sgn", sgn("/id-in/sub3", "a")))));
        assertEquals(1, aggregated(cse.outbound.next()).size());
    }
}
