package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.NotificationReceiver.Received;
import io.keel.it.OneM2MClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions and notifications over the HTTP client binding (TS-0009 5.1, 6.1 use cases 1 and 4; TS-0004 7.4.8,
 * 7.5.1), each checked at a real HTTP receiver on loopback.
 */
class SubscriptionIT extends KeelIT {
    private NotificationReceiver receiver;
    private String ae;
    private String cnt;

    @BeforeEach
    void setUp() {
        receiver = new NotificationReceiver();
        ae = cse.registerAe("C" + OneM2MClient.unique("sub"), OneM2MClient.unique("subAe"));
        Reply c = cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"data\"}}").from(ae).send();
        assertEquals(201, c.status(), c.text());
        cnt = c.json().path("m2m:cnt").path("ri").asText();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    /** Creates a subscription and returns its ri (a URL target gets no verification request, TS-0001 10.2.10.2). */
    private String subscribe(String target, String attributes) {
        Reply r = cse.create("/" + target, 23, "{\"m2m:sub\":{" + attributes + "}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
        assertEquals(2001, r.rsc());
        return r.json().path("m2m:sub").path("ri").asText();
    }

    private String nu() {
        return "\"nu\":[\"" + receiver.url() + "\"]";
    }

    /** An AE as notification target, which is verified (TS-0004 7.4.8.2.1), receiving at the receiver's {@code path}. */
    private String listener(String path) {
        return cse.registerNotifiableAe(receiver.url(path), ae);
    }

    private Reply instance(String con) {
        return cse.create("/" + cnt, 4, "{\"m2m:cin\":{\"con\":\"" + con + "\"}}").from(ae).send();
    }

    /**
     * A subscription has accessControlPolicyIDs (TS-0004 7.4.8.1): the policies it names govern it; without them the
     * default policy applies (TS-0001 9.6.1.3.2), not the policies of the resource it subscribes to.
     */
    @Test
    void ts0004_7_4_8_1_aSubscriptionIsGovernedByItsOwnAcpi() {
        String reader = cse.registerAe("C" + OneM2MClient.unique("reader"), OneM2MClient.unique("readerAe"));
        Reply acp = cse.create("/" + ae, 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acor\":[\"" + reader + "\",\"" + ae
                + "\"],\"acop\":63}]},\"pvs\":{\"acr\":[{\"acor\":[\"" + ae + "\"],\"acop\":63}]}}}").from(ae).send();
        assertEquals(201, acp.status(), acp.text());
        String policy = acp.json().path("m2m:acp").path("ri").asText();
        Reply governed = cse.put("/" + cnt, "{\"m2m:cnt\":{\"acpi\":[\"" + policy + "\"]}}").from(ae).send();
        assertEquals(200, governed.status(), governed.text());
        assertEquals(200, cse.get("/" + cnt).from(reader).send().status(), "the policy lets the reader read the container");

        String plain = subscribe(cnt, nu());
        assertEquals(4103, cse.get("/" + plain).from(reader).send().rsc(), "no acpi: only its creator");
        String shared = subscribe(cnt, nu() + ",\"acpi\":[\"" + policy + "\"]");
        Reply read = cse.get("/" + shared).from(reader).send();
        assertEquals(200, read.status(), read.text());
        assertEquals(policy, read.json().path("m2m:sub").path("acpi").path(0).asText());
        Reply wrongPolicy = cse.create("/" + cnt, 23, "{\"m2m:sub\":{" + nu() + ",\"acpi\":[\"" + cnt + "\"]}}").from(ae).send();
        assertEquals(4000, wrongPolicy.rsc(), wrongPolicy.text());
        receiver.expectNothing(Duration.ofMillis(200));
    }

    @Test
    void ts0001_10_2_10_2_noVerificationRequestGoesToAUrlTarget() {
        Reply r = cse.create("/" + cnt, 23, "{\"m2m:sub\":{" + nu() + ",\"enc\":{\"net\":[3]}}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
        receiver.expectNothing(Duration.ofMillis(300));
        instance("first");
        Received first = receiver.next();
        assertFalse(first.sgn().path("vrq").asBoolean(), first.text());
        assertEquals("first", first.sgn().path("nev").path("rep").path("m2m:cin").path("con").asText(), first.text());
    }

    @Test
    void ts0004_7_4_8_2_1_anAeTargetIsVerifiedWithTheHeadersAndBodyOf7_5_1_2_3() {
        String listener = listener("/ae");
        Reply r = cse.create("/" + cnt, 23, "{\"m2m:sub\":{\"rn\":\"verified\",\"nu\":[\"" + listener + "\"]}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
        String ri = r.json().path("m2m:sub").path("ri").asText();
        Received vrq = receiver.next();
        assertEquals("POST", vrq.method());
        assertEquals("/ae", vrq.target());
        assertEquals("/id-in", vrq.header("X-M2M-Origin"));
        assertEquals("3", vrq.header("X-M2M-RVI"));
        assertTrue(vrq.header("X-M2M-RI") != null && !vrq.header("X-M2M-RI").isEmpty());
        // TS-0009 6.4.3: the media type exactly, no ty and no charset parameter on a Notify.
        assertEquals("application/json", vrq.header("Content-Type"));
        assertEquals("127.0.0.1:" + receiver.url().split(":")[2].split("/")[0], vrq.header("Host"));
        JsonNode sgn = vrq.sgn();
        assertTrue(sgn.path("vrq").asBoolean());
        assertEquals("/id-in/" + ri, sgn.path("sur").asText());
        assertEquals(ae, sgn.path("cr").asText());
        // The notifications go elsewhere than to the originator: the CSE records the creator (TS-0004 7.4.8.2.1).
        assertEquals(ae, r.json().path("m2m:sub").path("cr").asText());
        assertEquals(1, r.json().path("m2m:sub").path("nct").asInt());
    }

    @Test
    void ts0004_7_4_8_2_1_failedVerificationIs5204AndStoresNothing() {
        String listener = listener("/ae");
        receiver.answering(4000);
        Reply r = cse.create("/" + cnt, 23, "{\"m2m:sub\":{\"rn\":\"refused\",\"nu\":[\"" + listener + "\"]}}").from(ae).send();
        assertEquals(5204, r.rsc(), r.text());
        assertEquals(500, r.status());
        assertTrue(r.json().path("m2m:dbg").asText().contains("4000"), r.text());
        assertEquals(4004, cse.get("/cse-in/" + ae + "/data/refused").from(ae).send().rsc());
        assertTrue(receiver.next().sgn().path("vrq").asBoolean());
    }

    @Test
    void ts0004_7_4_8_2_1_targetRefusingTheCreatorIs4101() {
        String listener = listener("/ae");
        receiver.answering(4101);
        Reply r = cse.create("/" + cnt, 23, "{\"m2m:sub\":{\"rn\":\"noPrivilege\",\"nu\":[\"" + listener + "\"]}}").from(ae).send();
        assertEquals(4101, r.rsc(), r.text());
        assertEquals(4004, cse.get("/cse-in/" + ae + "/data/noPrivilege").from(ae).send().rsc());
        assertTrue(receiver.next().sgn().path("vrq").asBoolean());
        // An AE of this CSE as target: the creator needs Notify privilege on it, which by default only its owner has.
        String stranger = cse.registerAe("C" + OneM2MClient.unique("strg"), OneM2MClient.unique("strangerAe"));
        Reply toAe = cse.create("/" + cnt, 23, "{\"m2m:sub\":{\"nu\":[\"" + stranger + "\"]}}").from(ae).send();
        assertEquals(4101, toAe.rsc(), toAe.text());
        receiver.expectNothing(Duration.ofMillis(200));
    }

    @Test
    void ts0004_7_4_8_2_1_unreachableTargetIs5204() {
        String listener = listener("/ae");
        receiver.close();
        Reply r = cse.create("/" + cnt, 23, "{\"m2m:sub\":{\"nu\":[\"" + listener + "\"]}}").from(ae).send();
        assertEquals(5204, r.rsc(), r.text());
    }

    @Test
    void ts0004_7_4_8_2_1_subscriptionUnderAContentInstanceIs5203() {
        String cin = instance("x").json().path("m2m:cin").path("ri").asText();
        Reply r = cse.create("/" + cin, 23, "{\"m2m:sub\":{" + nu() + "}}").from(ae).send();
        assertEquals(5203, r.rsc(), r.text());
    }

    /** Each refused before any target is asked: the target is an AE, which would be verified. */
    @Test
    void ts0004_7_4_8_2_1_invalidCriteriaAre4000() {
        String listener = "\"nu\":[\"" + listener("/ae") + "\"]";
        for (String bad : List.of("\"enc\":{\"net\":[9]}", "\"enc\":{\"net\":[1],\"xyz\":1}", "\"nu\":[]",
                "\"enc\":{\"net\":[3],\"chty\":[2]}", "\"enc\":{\"net\":[8]}",
                "\"enc\":{\"net\":[3]},\"nct\":2", "\"bn\":{\"num\":-1}", "\"bn\":{\"dur\":\"30s\"}",
                "\"rl\":{\"mnn\":0,\"tww\":\"PT1S\"}", "\"rl\":{\"mnn\":1}", "\"pn\":3",
                "\"enc\":\"net\"", "\"exc\":0")) {
            String attributes = bad.startsWith("\"nu\"") ? bad : listener + "," + bad;
            Reply r = cse.create("/" + cnt, 23, "{\"m2m:sub\":{" + attributes + "}}").from(ae).send();
            assertEquals(4000, r.rsc(), bad + " → " + r.text());
        }
        Reply notAnAe = cse.create("/" + cnt, 23, "{\"m2m:sub\":{" + listener + ",\"enc\":{\"net\":[6]}}}").from(ae).send();
        assertEquals(4000, notAnAe.rsc(), notAnAe.text()); // net 6 concerns an <AE> only (TS-0001 table 9.6.8-3)
        for (String groupOnly : List.of("gpi", "nfu")) {
            // Set by a group-hosting CSE through a fanOutPoint only (TS-0001 10.2.7.10; GroupSubscriptionIT).
            Reply r = cse.create("/" + cnt, 23, "{\"m2m:sub\":{" + listener + ",\"" + groupOnly + "\":\"x\"}}").from(ae).send();
            assertEquals(4000, r.rsc(), r.text());
            assertTrue(r.json().path("m2m:dbg").asText().contains(groupOnly + " "), r.text());
        }
        receiver.expectNothing(Duration.ofMillis(200));
    }

    @Test
    void ts0004_7_5_1_2_2_childCreatedNotification() {
        String sub = subscribe(cnt, nu() + ",\"enc\":{\"net\":[3]}");
        long sent = System.nanoTime();
        Reply cin = instance("hello");
        assertEquals(201, cin.status(), cin.text());
        Received n = receiver.next(Duration.ofSeconds(5));
        JsonNode sgn = n.sgn();
        assertEquals(3, sgn.path("nev").path("net").asInt());
        assertEquals("hello", sgn.path("nev").path("rep").path("m2m:cin").path("con").asText());
        assertEquals("/id-in/" + sub, sgn.path("sur").asText());
        assertEquals(ae, sgn.path("cr").asText());
        assertEquals("/id-in", n.header("X-M2M-Origin"));
        System.out.printf("notification arrived %.1f ms after the create was sent%n", (n.nanos() - sent) / 1e6);
    }

    @Test
    void ts0004_7_5_1_2_2_updateNotificationWithModifiedAttributesAndAtr() {
        subscribe(cnt, nu() + ",\"enc\":{\"net\":[1],\"atr\":[\"lbl\"]},\"nct\":2");
        cse.put("/" + cnt, "{\"m2m:cnt\":{\"mni\":5}}").from(ae).send();
        receiver.expectNothing(Duration.ofMillis(300)); // mni is not in atr
        Reply u = cse.put("/" + cnt, "{\"m2m:cnt\":{\"lbl\":[\"a\"]}}").from(ae).send();
        assertEquals(200, u.status(), u.text());
        JsonNode rep = receiver.next().sgn().path("nev").path("rep").path("m2m:cnt");
        assertEquals("a", rep.path("lbl").get(0).asText());
        assertTrue(rep.path("mni").isMissingNode(), rep.toString());
        assertTrue(rep.path("rn").isMissingNode(), rep.toString());
    }

    @Test
    void ts0004_7_5_1_2_2_resourceIdContentAndChildTypeFilter() {
        subscribe(cnt, nu() + ",\"enc\":{\"net\":[3,4],\"chty\":[4]},\"nct\":3");
        cse.create("/" + cnt, 3, "{\"m2m:cnt\":{\"rn\":\"inner\"}}").from(ae).send();
        String cin = instance("v").json().path("m2m:cin").path("ri").asText();
        Received created = receiver.next();
        assertEquals(cin, created.sgn().path("nev").path("rep").path("m2m:uri").asText(), created.text());
        assertEquals(2002, cse.delete("/" + cin).from(ae).send().rsc());
        Received deleted = receiver.next();
        assertEquals(4, deleted.sgn().path("nev").path("net").asInt());
        assertEquals(cin, deleted.sgn().path("nev").path("rep").path("m2m:uri").asText());
    }

    @Test
    void ts0004_7_5_1_2_2_deletingTheParentNotifiesAndDeletesItsSubscriptions() {
        NotificationReceiver subscriber = new NotificationReceiver();
        try {
            String sub = subscribe(cnt, nu() + ",\"enc\":{\"net\":[2]},\"su\":\"" + subscriber.url("/su") + "\"");
            assertEquals(2002, cse.delete("/" + cnt).from(ae).send().rsc());
            Received deleted = receiver.next();
            assertEquals(2, deleted.sgn().path("nev").path("net").asInt());
            assertEquals(cnt, deleted.sgn().path("nev").path("rep").path("m2m:cnt").path("ri").asText());
            Received sud = subscriber.next();
            assertEquals("/su", sud.target());
            assertTrue(sud.sgn().path("sud").asBoolean(), sud.text());
            assertEquals("/id-in/" + sub, sud.sgn().path("sur").asText());
            assertEquals(4004, cse.get("/" + sub).from(ae).send().rsc());
        } finally {
            subscriber.close();
        }
    }

    @Test
    void ts0004_7_5_1_2_2_expirationCounterDeletesTheSubscription() {
        NotificationReceiver subscriber = new NotificationReceiver();
        try {
            String sub = subscribe(cnt, nu() + ",\"enc\":{\"net\":[3]},\"exc\":2,\"su\":\"" + subscriber.url("/su") + "\"");
            instance("1");
            receiver.next();
            // Counted once the receiver's answer is in, just after the receiver saw the notification.
            Eventually.holds(Duration.ofSeconds(5),
                    () -> cse.get("/" + sub).from(ae).send().json().path("m2m:sub").path("exc").asInt() == 1, "exc 2 → 1");
            instance("2");
            receiver.next();
            assertTrue(subscriber.next().sgn().path("sud").asBoolean());
            assertEquals(4004, cse.get("/" + sub).from(ae).send().rsc());
            instance("3");
            receiver.expectNothing(Duration.ofMillis(300));
        } finally {
            subscriber.close();
        }
    }

    @Test
    void ts0004_7_5_1_orderPreservedUnderABurstOf1000Creates() {
        subscribe(cnt, nu() + ",\"enc\":{\"net\":[3]}");
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            assertEquals(201, instance("n" + i).status());
        }
        List<Received> all = receiver.next(1000, Duration.ofSeconds(60));
        for (int i = 0; i < 1000; i++) {
            assertEquals("n" + i, all.get(i).sgn().path("nev").path("rep").path("m2m:cin").path("con").asText(), "position " + i);
        }
        System.out.printf("1000 creates and their 1000 notifications in %.0f ms%n", (System.nanoTime() - start) / 1e6);
    }

    @Test
    void ts0001_10_2_10_7_batchNotify() {
        subscribe(cnt, nu() + ",\"enc\":{\"net\":[3]},\"bn\":{\"num\":3}");
        instance("a");
        instance("b");
        receiver.expectNothing(Duration.ofMillis(300));
        instance("c");
        Received batch = receiver.next();
        JsonNode sgns = batch.json().path("m2m:agn").path("m2m:sgn");
        assertEquals(3, sgns.size(), batch.text());
        assertEquals("a", sgns.get(0).path("nev").path("rep").path("m2m:cin").path("con").asText());
        assertEquals("c", sgns.get(2).path("nev").path("rep").path("m2m:cin").path("con").asText());
    }

    @Test
    void ts0001_10_2_10_7_batchDurationSendsAnIncompleteBatch() {
        subscribe(cnt, nu() + ",\"enc\":{\"net\":[3]},\"bn\":{\"num\":10,\"dur\":\"PT1S\"}");
        long start = System.nanoTime();
        instance("only");
        Received batch = receiver.next(Duration.ofSeconds(5));
        assertEquals(1, batch.json().path("m2m:agn").path("m2m:sgn").size(), batch.text());
        assertTrue(batch.nanos() - start >= 900_000_000L, "sent before dur elapsed");
    }

    @Test
    void ts0001_9_6_8_latestNotifyWithBatchSendsTheNewestOnlyWithEventCategoryLatest() {
        subscribe(cnt, nu() + ",\"enc\":{\"net\":[3]},\"bn\":{\"num\":3},\"ln\":true");
        instance("a");
        instance("b");
        instance("c");
        Received batch = receiver.next();
        JsonNode sgns = batch.json().path("m2m:agn").path("m2m:sgn");
        assertEquals(1, sgns.size(), batch.text());
        assertEquals("c", sgns.get(0).path("nev").path("rep").path("m2m:cin").path("con").asText());
        assertEquals("4", batch.header("X-M2M-EC"));
    }

    @Test
    void ts0001_10_2_10_7_rateLimit() {
        subscribe(cnt, nu() + ",\"enc\":{\"net\":[3]},\"rl\":{\"mnn\":2,\"tww\":\"PT1S\"}");
        // The first window cannot start before the first instance is asked for (its notification is raised by it), so
        // the third notification, held for the next window, cannot arrive earlier than a window's length after this:
        // exact, however long the first delivery takes.
        long beforeFirst = System.nanoTime();
        for (String v : List.of("a", "b", "c", "d")) {
            instance(v);
        }
        List<Received> first = receiver.next(2, Duration.ofSeconds(5));
        List<Received> later = receiver.next(2, Duration.ofSeconds(5));
        assertTrue(later.get(0).nanos() - beforeFirst >= 1_000_000_000L, "the third went inside the window");
        List<String> order = new ArrayList<>();
        for (Received n : List.of(first.get(0), first.get(1), later.get(0), later.get(1))) {
            order.add(n.sgn().path("nev").path("rep").path("m2m:cin").path("con").asText());
        }
        assertEquals(List.of("a", "b", "c", "d"), order, "two per window, in order; none dropped");
    }

    @Test
    void ts0004_7_5_1_2_2_notificationInTheSerializationTheTargetAsksForWithoutTheIndication() {
        Reply r = cse.create("/" + cnt, 23, "{\"m2m:sub\":{\"nu\":[\"" + receiver.url("/xml?ct=xml") + "\"],\"enc\":{\"net\":[3]}}}")
                .from(ae).send();
        assertEquals(201, r.status(), r.text());
        instance("in-xml");
        Received n = receiver.next();
        assertEquals("/xml", n.target(), "the serialization indication is not sent");
        assertEquals("application/xml", n.header("Content-Type"));
        assertTrue(n.text().contains("<m2m:sgn") && n.text().contains("in-xml"), n.text());
    }

    @Test
    void ts0004_7_5_1_1_aeTargetGetsItsCszAndSrv() {
        String cborAe = cse.registerAe("C" + OneM2MClient.unique("cbor"), OneM2MClient.unique("cborAe"));
        Reply u = cse.put("/" + cborAe, "{\"m2m:ae\":{\"poa\":[\"" + receiver.url("/ae") + "\"],\"csz\":[\"cbor\"]}}")
                .from(cborAe).send();
        assertEquals(200, u.status(), u.text());
        // The admin may notify any AE; an AE would need Notify privilege on cborAe.
        Reply r = cse.create("/" + cnt, 23, "{\"m2m:sub\":{\"nu\":[\"" + cborAe + "\"],\"enc\":{\"net\":[3]}}}").send();
        assertEquals(201, r.status(), r.text());
        Received vrq = receiver.next();
        assertEquals("/ae", vrq.target());
        assertEquals("application/cbor", vrq.header("Content-Type"));
        assertTrue(vrq.sgn().path("vrq").asBoolean());
        instance("binary");
        Received n = receiver.next();
        assertEquals("binary", n.sgn().path("nev").path("rep").path("m2m:cin").path("con").asText());
    }

    @Test
    void ts0004_7_5_1_aHangingReceiverLeavesTheCseResponsive() {
        subscribe(cnt, nu() + ",\"enc\":{\"net\":[3]}");
        receiver.hanging();
        for (int i = 0; i < 20; i++) {
            instance("h" + i);
        }
        receiver.next(); // the first is held by the receiver
        long worst = 0;
        for (int i = 0; i < 20; i++) {
            long t = System.nanoTime();
            assertEquals(200, cse.get("/" + cnt).from(ae).send().status());
            assertEquals(201, instance("x" + i).status());
            worst = Math.max(worst, System.nanoTime() - t);
        }
        System.out.printf("retrieve+create while a receiver hangs: worst %.1f ms%n", worst / 1e6);
        assertTrue(worst < 2_000_000_000L, "the CSE stalled: " + worst / 1e6 + " ms");
    }

    @Test
    void ts0004_7_5_1_aRefusingReceiverLeavesTheCseResponsive() {
        subscribe(cnt, nu() + ",\"enc\":{\"net\":[3]}");
        receiver.close(); // connection refused from now on
        for (int i = 0; i < 20; i++) {
            assertEquals(201, instance("r" + i).status());
        }
        assertEquals(200, cse.get("/" + cnt).from(ae).send().status());
    }

    @Test
    void ts0004_7_3_3_9_notifyToAnAeGoesToItsPointOfAccess() {
        String target = cse.registerAe("C" + OneM2MClient.unique("ntfy"), OneM2MClient.unique("ntfyAe"));
        cse.put("/" + target, "{\"m2m:ae\":{\"poa\":[\"" + receiver.url("/poa") + "\"]}}").from(target).send();
        Reply r = cse.method("POST", "/" + target).json("{\"m2m:sgn\":{\"nev\":{\"net\":1},\"sur\":\"/x/y\"}}")
                .header("X-M2M-RI", "forwarded-1").send();
        assertEquals(200, r.status(), r.text());
        assertEquals(2000, r.rsc());
        assertEquals("forwarded-1", r.header("X-M2M-RI"));
        Received n = receiver.next();
        assertEquals("/poa", n.target());
        assertEquals("CAdmin", n.header("X-M2M-Origin"));
        assertEquals("forwarded-1", n.header("X-M2M-RI"));
        assertEquals("/x/y", n.sgn().path("sur").asText());
    }

    @Test
    void ts0004_7_3_3_9_notifyToAnAeWithoutPointOfAccessIs5103() {
        String target = cse.registerAe("C" + OneM2MClient.unique("nopoa"), OneM2MClient.unique("noPoaAe"));
        Reply r = cse.method("POST", "/" + target).json("{\"m2m:sgn\":{\"nev\":{\"net\":1}}}").send();
        assertEquals(5103, r.rsc(), r.text());
    }

    @Test
    void ts0004_7_3_3_9_notifyToTheCseBaseIsAccepted() {
        Reply r = cse.method("POST", "/cse-in").json("{\"m2m:sgn\":{\"vrq\":true,\"sur\":\"/other/sub1\"}}").send();
        assertEquals(2000, r.rsc(), r.text());
        Reply notANotification = cse.method("POST", "/cse-in").json("{\"m2m:cin\":{}}").send();
        assertEquals(4000, notANotification.rsc());
    }

    @Test
    void ts0004_7_5_1_subscriptionsAreChildrenWithRcn4() {
        String sub = subscribe(cnt, nu());
        JsonNode subs = cse.get("/" + cnt + "?rcn=4").from(ae).send().json().path("m2m:cnt").path("m2m:sub");
        assertEquals(sub, subs.get(0).path("ri").asText());
        assertNull(subs.get(1));
        assertFalse(subs.get(0).path("nu").isMissingNode());
    }
}
