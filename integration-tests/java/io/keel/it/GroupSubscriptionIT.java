package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.NotificationReceiver.Received;
import io.keel.it.OneM2MClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions made through a group's fanOutPoint (TS-0004 7.4.14.2.3, 7.5.1.2.6; TS-0001 10.2.7.10, 10.2.7.11): the
 * members' subscriptions get groupID (gpi), and with a notificationForwardingURI (nfu) the group as their
 * notificationURI, so that their notifications come to the group-hosting CSE and reach the subscriber aggregated.
 *
 * <p>Each test has an AE owning three containers, a group of them, and a real HTTP receiver as the subscriber.
 */
class GroupSubscriptionIT extends KeelIT {
    private NotificationReceiver receiver;
    private String ae;
    private final List<String> containers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        receiver = new NotificationReceiver();
        ae = cse.registerAe("C" + OneM2MClient.unique("gsub"), OneM2MClient.unique("gsubAe"));
        containers.clear();
        for (String rn : List.of("c1", "c2", "c3")) {
            Reply c = cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"" + rn + "\"}}").from(ae).send();
            assertEquals(201, c.status(), c.text());
            containers.add(c.json().path("m2m:cnt").path("ri").asText());
        }
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    /** A group of the three containers, with {@code extra} attributes (",\"nar\":{…}"); returns its ri. */
    private String group(String extra) {
        Reply g = cse.create("/" + ae, 9, "{\"m2m:grp\":{\"mt\":3,\"mnm\":5,\"mid\":[\"" + String.join("\",\"", containers)
                + "\"]" + extra + "}}").from(ae).send();
        assertEquals(201, g.status(), g.text());
        return g.json().path("m2m:grp").path("ri").asText();
    }

    private Reply subscribeThrough(String grp, String attributes) {
        return cse.create("/" + grp + "/fopt", 23, "{\"m2m:sub\":{" + attributes + "}}").from(ae).send();
    }

    /** The member subscriptions of an m2m:agr, each as its member answered. */
    private static List<JsonNode> created(Reply agr) {
        assertEquals(2000, agr.rsc(), agr.text());
        List<JsonNode> subs = new ArrayList<>();
        for (JsonNode rsp : agr.json().path("m2m:agr").path("m2m:rsp")) {
            assertEquals(2001, rsp.path("rsc").asInt(), rsp.toString());
            subs.add(rsp.path("pc").path("m2m:sub"));
        }
        return subs;
    }

    private String aggregating() {
        return "\"rn\":\"watch\",\"enc\":{\"net\":[3]},\"nu\":[\"" + receiver.url() + "\"],\"nfu\":\"" + receiver.url() + "\"";
    }

    private void instance(String cnt, String con) {
        Reply cin = cse.create("/" + cnt, 4, "{\"m2m:cin\":{\"con\":\"" + con + "\"}}").from(ae).send();
        assertEquals(201, cin.status(), cin.text());
    }

    private static Set<String> contents(JsonNode sgns) {
        Set<String> con = new HashSet<>();
        sgns.forEach(s -> con.add(s.path("nev").path("rep").path("m2m:cin").path("con").asText()));
        return con;
    }

    @Test
    void ts0004_7_4_14_2_3_throughFoptWithNfuEachMemberNotifiesTheGroupAndHasItsGpi() {
        String grp = group("");
        List<JsonNode> subs = created(subscribeThrough(grp, aggregating()));
        assertEquals(3, subs.size());
        for (JsonNode sub : subs) {
            // TS-0001 10.2.7.10: gpi is the group; nu an address of the group-hosting CSE; nfu the subscriber's.
            assertEquals("/id-in/" + grp, sub.path("gpi").asText(), sub.toString());
            assertEquals(List.of("/id-in/" + grp), List.of(sub.path("nu").path(0).asText()), sub.toString());
            assertEquals(1, sub.path("nu").size(), sub.toString());
            assertEquals(receiver.url(), sub.path("nfu").asText(), sub.toString());
            Reply stored = cse.get("/" + sub.path("ri").asText()).from(ae).send();
            assertEquals("/id-in/" + grp, stored.json().path("m2m:sub").path("gpi").asText(), stored.text());
        }
        // TS-0001 table 9.6.8-2: gpi finds the subscriptions made through the group (an attribute condition).
        Reply found = cse.get("/" + ae + "?fu=1&ty=23&gpi=" + java.net.URLEncoder.encode("/id-in/" + grp,
                java.nio.charset.StandardCharsets.UTF_8)).from(ae).send();
        assertEquals(200, found.status(), found.text());
        Set<String> uris = new HashSet<>();
        found.json().path("m2m:uril").forEach(u -> uris.add(u.asText()));
        assertEquals(3, uris.size(), found.text());
        // The group was verified as their target (TS-0004 7.5.1.2.3) by the group-hosting CSE itself: nothing reaches
        // the subscriber until a member changes.
        receiver.expectNothing(Duration.ofMillis(300));
    }

    @Test
    void ts0004_7_5_1_2_6_memberNotificationsReachTheSubscriberAggregatedInOneAgn() {
        String grp = group(",\"nar\":{\"num\":3,\"dur\":\"PT30S\"}");
        List<JsonNode> subs = created(subscribeThrough(grp, aggregating()));
        for (int i = 0; i < 3; i++) {
            instance(containers.get(i), "v" + i);
        }
        Received n = receiver.next(Duration.ofSeconds(10));
        assertEquals("/notify", n.target());
        assertEquals("/id-in", n.header("X-M2M-Origin"), "the group-hosting CSE sends the aggregated notification");
        JsonNode sgns = n.json().path("m2m:agn").path("m2m:sgn");
        assertEquals(3, sgns.size(), n.text());
        assertEquals(Set.of("v0", "v1", "v2"), contents(sgns));
        Set<String> references = new HashSet<>();
        sgns.forEach(s -> references.add(s.path("sur").asText()));
        Set<String> memberSubs = new HashSet<>();
        subs.forEach(s -> memberSubs.add("/id-in/" + s.path("ri").asText()));
        assertEquals(memberSubs, references, "each notification names its member's subscription (TS-0001 10.2.10.7)");
        sgns.forEach(s -> assertEquals(receiver.url(), s.path("nfu").asText(), s.toString()));
        receiver.expectNothing(Duration.ofMillis(300));
    }

    @Test
    void ts0004_7_4_14_2_5_withoutNarTheGroupAggregatesCurrentNrOfMembers() {
        String grp = group("");
        created(subscribeThrough(grp, aggregating()));
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            instance(containers.get(i), "n" + i);
        }
        Received n = receiver.next(Duration.ofSeconds(10));
        JsonNode sgns = n.json().path("m2m:agn").path("m2m:sgn");
        assertEquals(Set.of("n0", "n1", "n2"), contents(sgns), n.text());
        assertTrue(Duration.ofNanos(n.nanos() - start).compareTo(Duration.ofSeconds(5)) < 0,
                "sent once cnm (3) notifications were in, not after the duration");
    }

    @Test
    void ts0004_7_5_1_2_6_aBatchShortOfItsNumberIsSentWhenTheDurationEnds() {
        String grp = group(",\"nar\":{\"num\":10,\"dur\":\"PT1S\"}");
        created(subscribeThrough(grp, aggregating()));
        long start = System.nanoTime();
        instance(containers.get(1), "alone");
        Received n = receiver.next(Duration.ofSeconds(10));
        long waited = Duration.ofNanos(n.nanos() - start).toMillis();
        assertTrue(waited >= 900, "sent after the duration, not before: " + waited + " ms");
        JsonNode sgns = n.json().path("m2m:agn").path("m2m:sgn");
        assertEquals(1, sgns.size(), n.text());
        assertEquals(Set.of("alone"), contents(sgns));
        // The next notification starts a new batch (TS-0004 7.5.1.2.6).
        instance(containers.get(2), "again");
        assertEquals(Set.of("again"), contents(receiver.next(Duration.ofSeconds(10)).json().path("m2m:agn").path("m2m:sgn")));
    }

    @Test
    void ts0001_10_2_7_10_withoutNfuTheMembersNotifyTheSubscriberDirectly() {
        String grp = group("");
        List<JsonNode> subs = created(subscribeThrough(grp, "\"enc\":{\"net\":[3]},\"nu\":[\"" + receiver.url() + "\"]"));
        for (JsonNode sub : subs) {
            assertEquals("/id-in/" + grp, sub.path("gpi").asText(), sub.toString());
            assertEquals(receiver.url(), sub.path("nu").path(0).asText(), sub.toString());
            assertTrue(sub.path("nfu").isMissingNode(), sub.toString());
        }
        instance(containers.get(0), "direct");
        Received n = receiver.next(Duration.ofSeconds(10));
        assertEquals("direct", n.sgn().path("nev").path("rep").path("m2m:cin").path("con").asText(), n.text());
        assertTrue(n.json().path("m2m:agn").isMissingNode(), n.text());
    }

    @Test
    void ts0004_7_4_14_2_3_badGpiOrNfuThroughFoptIs4000AndCreatesNoMemberSubscription() {
        String grp = group("");
        String nu = "\"nu\":[\"" + receiver.url() + "\"]";
        List<String[]> bad = List.of(
                new String[] {"nfu", "\"rn\":\"b1\"," + nu + ",\"nfu\":\"" + receiver.url("/other") + "\""},
                new String[] {"nfu", "\"rn\":\"b2\",\"nu\":[\"" + receiver.url() + "\",\"" + receiver.url("/2") + "\"],\"nfu\":\""
                        + receiver.url() + "\""},
                new String[] {"nfu", "\"rn\":\"b3\"," + nu + ",\"nfu\":7"},
                new String[] {"nfu", "\"rn\":\"b4\",\"nu\":[\"/id-in/" + grp + "\"],\"nfu\":\"/id-in/" + grp + "\""},
                new String[] {"gpi", "\"rn\":\"b5\"," + nu + ",\"gpi\":\"/id-in/someOtherGroup\""});
        for (String[] b : bad) {
            Reply r = subscribeThrough(grp, b[1]);
            assertEquals(4000, r.rsc(), b[1] + " → " + r.text());
            assertEquals(400, r.status());
            assertTrue(r.json().path("m2m:dbg").asText().contains(b[0]), r.text());
        }
        for (int i = 1; i <= 5; i++) {
            Reply members = cse.get("/" + grp + "/fopt/b" + i).from(ae).send();
            for (JsonNode rsp : members.json().path("m2m:agr").path("m2m:rsp")) {
                assertEquals(4004, rsp.path("rsc").asInt(), "no member got b" + i + ": " + members.text());
            }
        }
    }

    @Test
    void ts0001_table_9_6_8_2_gpiAndNfuAreSetThroughAGroupOnly() {
        String cnt = containers.get(0);
        String nu = "\"nu\":[\"" + receiver.url() + "\"]";
        Reply gpi = cse.create("/" + cnt, 23, "{\"m2m:sub\":{" + nu + ",\"gpi\":\"/id-in/grp1\"}}").from(ae).send();
        assertEquals(4000, gpi.rsc(), gpi.text());
        assertTrue(gpi.json().path("m2m:dbg").asText().contains("gpi"), gpi.text());
        Reply nfu = cse.create("/" + cnt, 23, "{\"m2m:sub\":{" + nu + ",\"nfu\":\"" + receiver.url() + "\"}}").from(ae).send();
        assertEquals(4000, nfu.rsc(), nfu.text());
        assertTrue(nfu.json().path("m2m:dbg").asText().contains("nfu"), nfu.text());

        String grp = group("");
        String sub = created(subscribeThrough(grp, aggregating())).get(0).path("ri").asText();
        Reply changeGpi = cse.put("/" + sub, "{\"m2m:sub\":{\"gpi\":\"/id-in/another\"}}").from(ae).send();
        assertEquals(4000, changeGpi.rsc(), changeGpi.text());
        assertTrue(changeGpi.json().path("m2m:dbg").asText().contains("gpi"), changeGpi.text());
        Reply changeNfu = cse.put("/" + sub, "{\"m2m:sub\":{\"nfu\":\"" + receiver.url("/x") + "\"}}").from(ae).send();
        assertEquals(4000, changeNfu.rsc(), changeNfu.text());
        assertTrue(changeNfu.json().path("m2m:dbg").asText().contains("nfu"), changeNfu.text());
        Reply stored = cse.get("/" + sub).from(ae).send();
        assertEquals(receiver.url(), stored.json().path("m2m:sub").path("nfu").asText(), stored.text());
        assertEquals("/id-in/" + grp, stored.json().path("m2m:sub").path("gpi").asText(), stored.text());
    }

    @Test
    void ts0004_7_5_1_2_6_aNotificationNotFromAMemberIs4103() {
        String grp = group("");
        String member = created(subscribeThrough(grp, aggregating())).get(0).path("ri").asText();
        // An outside subscription, and a forged notification of a member's one: neither comes from a member's host.
        Reply outside = cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"outside\"}}").from(ae).send();
        String other = outside.json().path("m2m:cnt").path("ri").asText();
        Reply otherSub = cse.create("/" + other, 23, "{\"m2m:sub\":{\"nu\":[\"" + receiver.url() + "\"]}}").from(ae).send();
        assertEquals(201, otherSub.status(), otherSub.text());
        for (String sur : List.of("/id-in/" + otherSub.json().path("m2m:sub").path("ri").asText(), "/id-in/" + member)) {
            Reply r = cse.method("POST", "/" + grp).header("Content-Type", "application/json").from(ae)
                    .json("{\"m2m:sgn\":{\"sur\":\"" + sur + "\",\"nfu\":\"" + receiver.url() + "\",\"nev\":{\"net\":3}}}").send();
            assertEquals(4103, r.rsc(), r.text());
            assertTrue(r.json().path("m2m:dbg").asText().contains("not of a subscription made through"), r.text());
        }
        receiver.expectNothing(Duration.ofMillis(300));
    }

    @Test
    void ts0001_10_2_7_10_updateAndDeleteThroughFoptReachEveryMemberSubscription() {
        String grp = group(",\"nar\":{\"num\":3,\"dur\":\"PT30S\"}");
        List<JsonNode> subs = created(subscribeThrough(grp, aggregating()));
        String moved = receiver.url("/moved");
        Reply update = cse.put("/" + grp + "/fopt/watch", "{\"m2m:sub\":{\"nu\":[\"" + moved + "\"],\"nfu\":\"" + moved + "\"}}")
                .from(ae).send();
        assertEquals(2000, update.rsc(), update.text());
        for (JsonNode rsp : update.json().path("m2m:agr").path("m2m:rsp")) {
            assertEquals(2004, rsp.path("rsc").asInt(), rsp.toString());
            JsonNode sub = rsp.path("pc").path("m2m:sub");
            assertEquals(moved, sub.path("nfu").asText(), sub.toString());
            assertEquals("/id-in/" + grp, sub.path("nu").path(0).asText(), "still the group: " + sub);
        }
        for (int i = 0; i < 3; i++) {
            instance(containers.get(i), "m" + i);
        }
        Received n = receiver.next(Duration.ofSeconds(10));
        assertEquals("/moved", n.target());
        assertEquals(3, n.json().path("m2m:agn").path("m2m:sgn").size(), n.text());

        Reply delete = cse.delete("/" + grp + "/fopt/watch").from(ae).send();
        assertEquals(2000, delete.rsc(), delete.text());
        for (JsonNode sub : subs) {
            assertEquals(4004, cse.get("/" + sub.path("ri").asText()).from(ae).send().rsc());
        }
        instance(containers.get(0), "after");
        receiver.expectNothing(Duration.ofMillis(500));
    }

    /**
     * nfu is where the notifications end up: each member's host verifies it as a notification target (TS-0004
     * 7.4.8.2.1, 7.5.1.2.3), so an AE named as nfu consents (or refuses: 4101) before any member's subscription is
     * stored; then it receives the aggregated notification at its pointOfAccess.
     */
    @Test
    void ts0004_7_5_1_2_3_anAeAsNfuIsVerifiedAndThenReceivesTheAgn() {
        String listener = cse.registerNotifiableAe(receiver.url("/ae"), ae);
        String grp = group(",\"nar\":{\"num\":2,\"dur\":\"PT30S\"}");
        String attributes = "\"enc\":{\"net\":[3]},\"nu\":[\"" + listener + "\"],\"nfu\":\"" + listener + "\"";
        created(subscribeThrough(grp, "\"rn\":\"toAe\"," + attributes));
        for (Received vrq : receiver.next(3, Duration.ofSeconds(10))) {
            assertEquals("/ae", vrq.target());
            assertTrue(vrq.sgn().path("vrq").asBoolean(), vrq.text());
            assertEquals(ae, vrq.sgn().path("cr").asText(), vrq.text());
        }
        instance(containers.get(0), "x");
        instance(containers.get(1), "y");
        Received n = receiver.next(Duration.ofSeconds(10));
        assertEquals("/ae", n.target());
        assertEquals(Set.of("x", "y"), contents(n.json().path("m2m:agn").path("m2m:sgn")), n.text());

        receiver.answering(4101);
        Reply refused = subscribeThrough(grp, "\"rn\":\"refused\"," + attributes);
        assertEquals(2000, refused.rsc(), refused.text());
        for (JsonNode rsp : refused.json().path("m2m:agr").path("m2m:rsp")) {
            assertEquals(4101, rsp.path("rsc").asInt(), refused.text());
        }
        Reply members = cse.get("/" + grp + "/fopt/refused").from(ae).send();
        for (JsonNode rsp : members.json().path("m2m:agr").path("m2m:rsp")) {
            assertEquals(4004, rsp.path("rsc").asInt(), "no member stored it: " + members.text());
        }
    }
}
