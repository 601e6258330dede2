package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Subscription attributes beyond the basic ones (TS-0004 7.4.8.1, 7.5.1), each checked at a real HTTP receiver on
 * loopback: notificationStatsEnable/notificationStatsInfo (Release 4), the creator element and verification (7.5.1.2.3,
 * 7.5.1.2.4; TS-0001 10.2.10.7).
 */
class SubscriptionAttributesIT extends KeelIT {
    /** A URL nothing listens on: a Notify to it gets no response. */
    private static final String NOWHERE = "http://127.0.0.1:9/nowhere";
    private NotificationReceiver receiver;
    private String ae;
    private String aeName;
    private String cnt;

    @BeforeEach
    void setUp() {
        receiver = new NotificationReceiver();
        aeName = OneM2MClient.unique("satAe");
        ae = cse.registerAe("C" + OneM2MClient.unique("sat"), aeName);
        Reply c = cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"data\"}}").from(ae).send();
        assertEquals(201, c.status(), c.text());
        cnt = c.json().path("m2m:cnt").path("ri").asText();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    private String subscribe(String attributes) {
        Reply r = cse.create("/" + cnt, 23, "{\"m2m:sub\":{" + attributes + "}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:sub").path("ri").asText();
    }

    private void instance() {
        instance("x");
    }

    private void instance(String con) {
        Reply r = cse.create("/" + cnt, 4, "{\"m2m:cin\":{\"con\":\"" + con + "\"}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
    }

    private JsonNode sub(String ri) {
        Reply r = cse.get("/" + ri).from(ae).send();
        assertEquals(200, r.status(), r.text());
        return r.json().path("m2m:sub");
    }

    /** The nsi entry of a target: its rqs and rss as "rqs/rss", or "none". */
    private String counts(String ri, String target) {
        for (JsonNode e : sub(ri).path("nsi")) {
            if (e.path("tg").asText().equals(target)) {
                return e.path("rqs").asLong() + "/" + e.path("rss").asLong();
            }
        }
        return "none";
    }

    private void eventuallyCounts(String ri, String target, String expected) {
        Eventually.holds(Duration.ofSeconds(10), () -> counts(ri, target).equals(expected),
                "nsi of " + target + " reaching " + expected + " (now " + counts(ri, target) + ")");
    }

    @Test
    void ts0004_7_4_8_1_nseCountsRequestsSentAndResponsesReceivedPerTarget() {
        String url = receiver.url();
        String ri = subscribe("\"nu\":[\"" + url + "\",\"" + NOWHERE + "\"],\"enc\":{\"net\":[3]},\"nse\":true");
        assertEquals("0/0", counts(ri, url), "counting starts at zero for every target");
        assertEquals("0/0", counts(ri, NOWHERE));
        instance();
        instance();
        receiver.next(2, Duration.ofSeconds(5));
        eventuallyCounts(ri, url, "2/2");
        eventuallyCounts(ri, NOWHERE, "2/0");
        assertTrue(sub(ri).path("nse").asBoolean());
    }

    @Test
    void ts0004_7_4_8_2_3_nseOffKeepsTheCountsAndOnAgainResetsThem() {
        String url = receiver.url();
        String ri = subscribe("\"nu\":[\"" + url + "\"],\"enc\":{\"net\":[3]},\"nse\":true");
        instance();
        receiver.next();
        eventuallyCounts(ri, url, "1/1");
        Reply off = cse.put("/" + ri, "{\"m2m:sub\":{\"nse\":false}}").from(ae).send();
        assertEquals(200, off.status(), off.text());
        instance();
        receiver.next();
        receiver.expectNothing(Duration.ofMillis(500));
        assertEquals("1/1", counts(ri, url), "nothing is counted while nse is false, and the counts stay");
        Reply on = cse.put("/" + ri, "{\"m2m:sub\":{\"nse\":true}}").from(ae).send();
        assertEquals(200, on.status(), on.text());
        assertEquals("0/0", counts(ri, url), "turning nse on again starts the counts anew");
        instance();
        receiver.next();
        eventuallyCounts(ri, url, "1/1");
    }

    @Test
    void ts0004_7_4_8_2_3_aNewTargetIsCountedFromZeroAndARemovedOneIsNoLongerListed() {
        String url = receiver.url();
        String ri = subscribe("\"nu\":[\"" + NOWHERE + "\"],\"enc\":{\"net\":[3]},\"nse\":true");
        instance();
        eventuallyCounts(ri, NOWHERE, "1/0");
        Reply nu = cse.put("/" + ri, "{\"m2m:sub\":{\"nu\":[\"" + url + "\"]}}").from(ae).send();
        assertEquals(200, nu.status(), nu.text());
        assertEquals("none", counts(ri, NOWHERE));
        assertEquals("0/0", counts(ri, url));
    }

    @Test
    void ts0004_7_4_8_1_nsiIsReadOnly() {
        Reply r = cse.create("/" + cnt, 23, "{\"m2m:sub\":{\"nu\":[\"" + receiver.url() + "\"],\"nsi\":[]}}").from(ae).send();
        assertEquals(4000, r.rsc(), r.text());
        assertTrue(r.text().contains("nsi"), r.text());
        String ri = subscribe("\"nu\":[\"" + receiver.url() + "\"]");
        Reply u = cse.put("/" + ri, "{\"m2m:sub\":{\"nsi\":[]}}").from(ae).send();
        assertEquals(4000, u.rsc(), u.text());
        assertTrue(sub(ri).path("nsi").isMissingNode(), "no statistics without nse");
    }

    /** An AE named {@code rn} reached at {@code pointOfAccess}, to which the test's AE may send notifications. */
    private String listener(String rn, String pointOfAccess) {
        return cse.registerNotifiableAe(rn, pointOfAccess, ae);
    }

    @Test
    void ts0004_7_4_8_2_1_aStructuredIdOfAnAeIsVerifiedAndNotifiedWithTheCreator() {
        String rn = OneM2MClient.unique("lsnAe");
        listener(rn, receiver.url("/ae"));
        String ri = subscribe("\"nu\":[\"cse-in/" + rn + "\"],\"enc\":{\"net\":[3]}");
        JsonNode vrq = receiver.next().sgn();
        assertTrue(vrq.path("vrq").asBoolean());
        assertEquals(ae, vrq.path("cr").asText(), "a verification request carries the creator (TS-0004 7.5.1.2.3)");
        assertEquals(ae, sub(ri).path("cr").asText());
        instance();
        NotificationReceiver.Received n = receiver.next();
        assertEquals("/ae", n.target());
        assertEquals(ae, n.sgn().path("cr").asText(), "the subscription has a creator: its notifications carry it (TS-0001 10.2.10.7)");
    }

    @Test
    void ts0004_7_4_8_2_1_theOriginatorsOwnStructuredIdIsNotVerifiedAndRecordsNoCreator() {
        Reply poa = cse.put("/" + ae, "{\"m2m:ae\":{\"poa\":[\"" + receiver.url("/self") + "\"]}}").from(ae).send();
        assertEquals(200, poa.status(), poa.text());
        for (String self : new String[] {"cse-in/" + aeName, "/id-in/cse-in/" + aeName, ae}) {
            String ri = subscribe("\"nu\":[\"" + self + "\"],\"enc\":{\"net\":[3]}");
            assertTrue(sub(ri).path("cr").isMissingNode(), "nu is the originator (" + self + "): no creator (TS-0004 7.4.8.2.1)");
            instance();
            JsonNode sgn = receiver.next().sgn();
            assertTrue(sgn.path("vrq").isMissingNode(), "the originator itself is not verified: " + sgn);
            assertTrue(sgn.path("cr").isMissingNode(), "no creator, none in the notification (TS-0001 10.2.10.7): " + sgn);
            assertEquals(200, cse.delete("/" + ri).from(ae).send().status());
        }
    }

    @Test
    void ts0004_7_5_1_2_4_theDeletionNotificationCarriesSudAndSurOnly() {
        String rn = OneM2MClient.unique("lsnAe");
        listener(rn, receiver.url("/ae"));
        String ri = subscribe("\"nu\":[\"cse-in/" + rn + "\"],\"su\":\"" + receiver.url("/su") + "\"");
        receiver.next(); // the verification request
        assertEquals(200, cse.delete("/" + ri).from(ae).send().status());
        NotificationReceiver.Received deleted = receiver.next();
        assertEquals("/su", deleted.target());
        JsonNode sgn = deleted.sgn();
        assertTrue(sgn.path("sud").asBoolean());
        assertEquals("/id-in/" + ri, sgn.path("sur").asText());
        assertTrue(sgn.path("cr").isMissingNode(), "7.5.1.2.4 names sud and sur only: " + sgn);
    }

    @Test
    void ts0004_7_4_8_2_1_aTargetWhosePointOfAccessCannotBeReachedIs5204() {
        String rn = OneM2MClient.unique("lsnAe");
        listener(rn, NOWHERE);
        Reply r = cse.create("/" + cnt, 23, "{\"m2m:sub\":{\"rn\":\"unverified\",\"nu\":[\"cse-in/" + rn + "\"]}}").from(ae).send();
        assertEquals(5204, r.rsc(), r.text());
        assertTrue(r.text().contains("cse-in/" + rn), r.text());
        assertEquals(404, cse.get("/cse-in/" + aeName + "/data/unverified").from(ae).send().status(), "nothing is stored");
    }

    /** nsp is a positive integer (TS-0004 table 7.4.8.1-3), stored and updatable; what it decides is unit tested. */
    @Test
    void ts0004_7_4_8_1_notificationStoragePriorityIsAPositiveIntegerAndUpdatable() {
        Reply zero = cse.create("/" + cnt, 23, "{\"m2m:sub\":{\"nu\":[\"" + receiver.url() + "\"],\"nsp\":0}}").from(ae).send();
        assertEquals(4000, zero.rsc(), zero.text());
        assertTrue(zero.text().contains("nsp"), zero.text());
        String ri = subscribe("\"nu\":[\"" + receiver.url() + "\"],\"nsp\":3");
        assertEquals(3, sub(ri).path("nsp").asInt());
        Reply u = cse.put("/" + ri, "{\"m2m:sub\":{\"nsp\":7}}").from(ae).send();
        assertEquals(200, u.status(), u.text());
        assertEquals(7, sub(ri).path("nsp").asInt());
    }

    /**
     * preSubscriptionNotify (TS-0001 9.6.8, 10.2.10.7): the newest psn children, as the creation events they were, come
     * first, oldest first, then what happens next; psn cannot be updated (TS-0004 table 7.4.8.1-3: NP).
     */
    @Test
    void ts0001_10_2_10_7_preSubscriptionNotifySendsTheNewestPriorEventsFirst() {
        instance("1");
        instance("2");
        instance("3");
        String ri = subscribe("\"nu\":[\"" + receiver.url() + "\"],\"enc\":{\"net\":[3]},\"psn\":2");
        instance("4");
        StringBuilder cons = new StringBuilder();
        for (NotificationReceiver.Received n : receiver.next(3, Duration.ofSeconds(5))) {
            assertEquals(3, n.sgn().path("nev").path("net").asInt());
            cons.append(n.sgn().path("nev").path("rep").path("m2m:cin").path("con").asText());
        }
        assertEquals("234", cons.toString());
        receiver.expectNothing(Duration.ofMillis(300));
        Reply u = cse.put("/" + ri, "{\"m2m:sub\":{\"psn\":5}}").from(ae).send();
        assertEquals(4000, u.rsc(), u.text());
        assertTrue(u.text().contains("psn"), u.text());
    }

    @Test
    void ts0001_10_2_10_7_preSubscriptionNotifyOfAnUpdateSubscriptionHasNothingRetained() {
        instance("1");
        subscribe("\"nu\":[\"" + receiver.url() + "\"],\"psn\":3");
        receiver.expectNothing(Duration.ofMillis(500));
    }
}
