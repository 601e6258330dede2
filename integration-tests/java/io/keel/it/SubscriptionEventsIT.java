package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.NotificationReceiver.Received;
import io.keel.it.OneM2MClient.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event types beyond 1–4 (TS-0004 table 6.3.4.2.19-1): Retrieve of a container with no child resource (5) and
 * Blocking_Update (7, TS-0004 7.5.1.2.19, 7.3.2.9), and which notificationContentType fits which event type (TS-0001
 * table 9.6.8-4), each checked at a real HTTP receiver on loopback.
 */
class SubscriptionEventsIT extends KeelIT {
    private NotificationReceiver receiver;
    private String ae;
    private String cnt;

    @BeforeEach
    void setUp() {
        receiver = new NotificationReceiver();
        ae = cse.registerAe("C" + OneM2MClient.unique("evt"), OneM2MClient.unique("eventsAe"));
        Reply c = cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"data\"}}").from(ae).send();
        assertEquals(201, c.status(), c.text());
        cnt = c.json().path("m2m:cnt").path("ri").asText();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    private Reply subscribe(String target, String attributes) {
        return cse.create("/" + target, 23, "{\"m2m:sub\":{" + attributes + "}}").from(ae).send();
    }

    private String nu() {
        return "\"nu\":[\"" + receiver.url() + "\"]";
    }

    /** An AE receiving at the receiver's {@code path}, which answers the verification request at once. */
    private String subscriberAe(String path) {
        return cse.registerNotifiableAe(receiver.url(path), ae);
    }

    /** The Blocking_Update subscription of the container, its verification request answered. */
    private String blockingSubscription(String enc) {
        String subscriber = subscriberAe("/blocking");
        Reply sub = subscribe(cnt, "\"nu\":[\"" + subscriber + "\"],\"enc\":" + enc);
        assertEquals(201, sub.status(), sub.text());
        assertEquals(2, sub.json().path("m2m:sub").path("nct").asInt(), "modified attributes (TS-0001 table 9.6.8-4)");
        assertTrue(receiver.next().sgn().path("vrq").asBoolean());
        return subscriber;
    }

    private JsonNode container() {
        Reply r = cse.get("/" + cnt).from(ae).send();
        assertEquals(200, r.status(), r.text());
        return r.json().path("m2m:cnt");
    }

    @Test
    void ts0004_6_3_4_2_19_retrieveWithChildResourcesOfAContainerWithoutContentInstanceNotifies() {
        Reply sub = subscribe(cnt, nu() + ",\"enc\":{\"net\":[5]}");
        assertEquals(201, sub.status(), sub.text());
        assertEquals(1, sub.json().path("m2m:sub").path("nct").asInt(), "all attributes by default");

        assertEquals(200, cse.get("/" + cnt).from(ae).send().status());
        receiver.expectNothing(Duration.ofMillis(300)); // attributes only: no child resource was asked for
        Reply children = cse.get("/" + cnt + "?rcn=8").from(ae).send();
        assertEquals(200, children.status(), children.text());
        JsonNode sgn = receiver.next().sgn();
        assertEquals(5, sgn.path("nev").path("net").asInt(), sgn.toString());
        assertEquals(cnt, sgn.path("nev").path("rep").path("m2m:cnt").path("ri").asText(), sgn.toString());
        assertEquals("/id-in/" + sub.json().path("m2m:sub").path("ri").asText(), sgn.path("sur").asText());

        assertEquals(201, cse.create("/" + cnt, 4, "{\"m2m:cin\":{\"con\":\"x\"}}").from(ae).send().status());
        assertEquals(200, cse.get("/" + cnt + "?rcn=4").from(ae).send().status());
        receiver.expectNothing(Duration.ofMillis(300)); // a contentInstance is present now
    }

    /** Each refused before anything is stored or any target asked (TS-0004 7.4.8.2.1 Recv-6.4). */
    @Test
    void ts0004_7_4_8_2_1_anNctThatDoesNotFitTheEventTypeOrAnEventTypeTheResourceNeverRaisesIs4000() {
        for (String bad : List.of("\"enc\":{\"net\":[5]},\"nct\":2", "\"enc\":{\"net\":[3]},\"nct\":4", "\"enc\":{\"net\":[1]},\"nct\":5",
                "\"enc\":{\"net\":[2]},\"nct\":2")) {
            Reply r = subscribe(cnt, nu() + "," + bad);
            assertEquals(4000, r.rsc(), bad + " → " + r.text());
            String dbg = r.json().path("m2m:dbg").asText();
            assertTrue(dbg.contains("nct") && dbg.contains("notificationEventType"), dbg);
        }
        Reply onAnAe = subscribe(ae, nu() + ",\"enc\":{\"net\":[5]}");
        assertEquals(4000, onAnAe.rsc(), onAnAe.text());
        assertTrue(onAnAe.json().path("m2m:dbg").asText().contains("m2m:ae"), onAnAe.text());
        Reply childType = subscribe(cnt, nu() + ",\"enc\":{\"net\":[3],\"chty\":[2]}");
        assertEquals(4000, childType.rsc(), childType.text());
        assertTrue(childType.json().path("m2m:dbg").asText().contains("chty 2"), childType.text());
        Reply children = cse.get("/" + cnt + "?rcn=6&ty=23").from(ae).send();
        assertEquals(0, children.json().path("m2m:cnt").path("ch").size(), children.text());
        receiver.expectNothing(Duration.ofMillis(200));
    }

    @Test
    void ts0004_7_5_1_2_19_anUpdateTheSubscriberAcceptsIsApplied() {
        blockingSubscription("{\"net\":[7],\"atr\":[\"lbl\"]}");

        Reply update = cse.put("/" + cnt, "{\"m2m:cnt\":{\"lbl\":[\"accepted\"]}}").from(ae).send();

        assertEquals(200, update.status(), update.text());
        Received asked = receiver.next();
        assertEquals("/blocking", asked.target());
        JsonNode nev = asked.sgn().path("nev");
        assertEquals(7, nev.path("net").asInt(), asked.text());
        assertEquals("accepted", nev.path("rep").path("m2m:cnt").path("lbl").get(0).asText(), asked.text());
        assertEquals(ae, asked.sgn().path("cr").asText(), "the subscriber is not the creator");
        assertEquals("accepted", container().path("lbl").get(0).asText());
    }

    @Test
    void ts0004_7_3_2_9_anUpdateTheSubscriberRefusesIsNotApplied() {
        blockingSubscription("{\"net\":[7]}");
        receiver.answering(4005);

        Reply refused = cse.put("/" + cnt, "{\"m2m:cnt\":{\"lbl\":[\"refused\"],\"mni\":3}}").from(ae).send();

        assertEquals(4127, refused.rsc(), refused.text()); // OPERATION_DENIED_BY_REMOTE_ENTITY
        assertEquals(7, receiver.next().sgn().path("nev").path("net").asInt());
        JsonNode stored = container();
        assertTrue(stored.path("lbl").isMissingNode(), stored.toString());
        assertTrue(stored.path("mni").isMissingNode(), stored.toString());
    }

    @Test
    void ts0004_7_4_8_2_1_aSecondBlockingUpdateSubscriptionIs4124() {
        String subscriber = blockingSubscription("{\"net\":[7]}");

        Reply second = subscribe(cnt, "\"nu\":[\"" + subscriber + "\"],\"enc\":{\"net\":[7],\"atr\":[\"lbl\"]}");

        assertEquals(4124, second.rsc(), second.text());
        receiver.expectNothing(Duration.ofMillis(300)); // refused before its target was asked
    }

    /** Another Update of the resource waits for the blocked one (TS-0001 table 9.6.8-3): it sees that Update applied. */
    @Test
    void ts0001_9_6_8_anotherUpdateWaitsForTheBlockedOne() throws Exception {
        blockingSubscription("{\"net\":[7],\"atr\":[\"lbl\"]}");
        receiver.slow(1000);

        CompletableFuture<Reply> blocked = OwnThread.supply(
                () -> cse.put("/" + cnt, "{\"m2m:cnt\":{\"lbl\":[\"first\"]}}").from(ae).send());
        receiver.next(); // the subscriber is deciding now
        Reply other = cse.put("/" + cnt, "{\"m2m:cnt\":{\"mni\":7}}").from(ae).send();

        assertEquals(200, blocked.get().status());
        assertEquals(200, other.status(), other.text());
        assertEquals("first", other.json().path("m2m:cnt").path("lbl").get(0).asText(), other.text());
    }

    /** A Delete of the resource waits for the blocked Update too (TS-0001 table 9.6.8-3): the Update is applied first. */
    @Test
    void ts0001_9_6_8_aDeleteWaitsForTheBlockedUpdate() throws Exception {
        blockingSubscription("{\"net\":[7]}");
        receiver.slow(1000);

        CompletableFuture<Reply> blocked = OwnThread.supply(
                () -> cse.put("/" + cnt, "{\"m2m:cnt\":{\"lbl\":[\"before-delete\"]}}").from(ae).send());
        receiver.next(); // the subscriber is deciding now
        Reply delete = cse.delete("/" + cnt).from(ae).send();

        Reply update = blocked.get();
        assertEquals(200, update.status(), "not 404: the Delete waited for it; " + update.text());
        assertEquals(200, delete.status(), delete.text());
        assertEquals(404, cse.get("/" + cnt).from(ae).send().status());
    }

    /**
     * operationMonitor (TS-0004 table 6.3.5.57-1, 6.3.5.13): each request of the monitored originator to the container,
     * a refused one too, is notified with its operation and originator.
     */
    @Test
    void ts0004_6_3_5_57_requestsOfAMonitoredOriginatorAreNotified() {
        String other = cse.registerAe("C" + OneM2MClient.unique("mon"), OneM2MClient.unique("monitoredAe"));
        Reply sub = subscribe(cnt, nu() + ",\"enc\":{\"om\":[{\"or\":\"" + other + "\"}]}");
        assertEquals(201, sub.status(), sub.text());
        assertEquals(1, sub.json().path("m2m:sub").path("nct").asInt(), sub.text());

        assertEquals(200, cse.get("/" + cnt).from(ae).send().status());
        receiver.expectNothing(Duration.ofMillis(300)); // another originator
        Reply refused = cse.put("/" + cnt, "{\"m2m:cnt\":{\"lbl\":[\"x\"]}}").from(other).send();
        assertEquals(4103, refused.rsc(), refused.text());

        JsonNode nev = receiver.next().sgn().path("nev");
        assertEquals(3, nev.path("om").path("op").asInt(), nev.toString());
        assertEquals(other, nev.path("om").path("or").asText(), nev.toString());
        assertEquals(cnt, nev.path("rep").path("m2m:cnt").path("ri").asText(), nev.toString());
        Reply both = subscribe(cnt, nu() + ",\"enc\":{\"net\":[1],\"om\":[{\"ops\":4}]}");
        assertEquals(4000, both.rsc(), both.text());
    }
}
