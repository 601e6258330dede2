package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * pollingChannel (TS-0009 5.1: an AE that is no HTTP server; TS-0004 7.4.21, 7.4.22): requests for the AE wait in
 * its channel, it fetches them with a long-polling Retrieve of pcu and answers with a Notify carrying m2m:rsp.
 */
class PollingChannelIT extends KeelIT {
    private String ae;
    private String pcu;

    @BeforeEach
    void pollingAe() {
        ae = cse.registerAe("C" + OneM2MClient.unique("poll"), OneM2MClient.unique("pollAe"));
        Reply pch = cse.create("/" + ae, 15, "{\"m2m:pch\":{\"rn\":\"pch\"}}").from(ae).send();
        assertEquals(201, pch.status(), pch.text());
        pcu = "/" + ae + "/pch/pcu";
    }

    /** Fetches the next request through pcu; answers it with the given rsc; returns the request. */
    private JsonNode pollAndAnswer(int rsc) {
        Reply polled = cse.get(pcu).from(ae).send();
        assertEquals(200, polled.status(), polled.text());
        JsonNode rqp = polled.json().path("m2m:rqp");
        assertEquals(5, rqp.path("op").asInt(), polled.text());
        Reply answered = cse.method("POST", pcu).from(ae)
                .json("{\"m2m:rsp\":{\"rsc\":" + rsc + ",\"rqi\":\"" + rqp.path("rqi").asText() + "\",\"rvi\":\"3\"}}").send();
        assertEquals(2000, answered.rsc(), answered.text());
        return rqp;
    }

    @Test
    void ts0009_5_1_subscriptionVerificationAndNotificationThroughThePollingChannel() throws Exception {
        String other = cse.registerAe("C" + OneM2MClient.unique("src"), OneM2MClient.unique("srcAe"));
        String cnt = cse.create("/" + other, 3, "{\"m2m:cnt\":{}}").from(other).send().json().path("m2m:cnt").path("ri").asText();
        CompletableFuture<Reply> subscribing = OwnThread.supply(() ->
                cse.create("/" + cnt, 23, "{\"m2m:sub\":{\"nu\":[\"" + ae + "\"],\"enc\":{\"net\":[3]}}}").send());
        JsonNode vrq = pollAndAnswer(2000);
        assertTrue(vrq.path("pc").path("m2m:sgn").path("vrq").asBoolean(), vrq.toString());
        assertEquals("/id-in", vrq.path("fr").asText());
        Reply sub = subscribing.get(20, TimeUnit.SECONDS);
        assertEquals(201, sub.status(), sub.text());

        cse.create("/" + cnt, 4, "{\"m2m:cin\":{\"con\":\"polled\"}}").from(other).send();
        JsonNode n = pollAndAnswer(2000);
        assertEquals("polled", n.path("pc").path("m2m:sgn").path("nev").path("rep").path("m2m:cin").path("con").asText());
    }

    @Test
    void ts0004_7_3_3_9_notifyToAPollingAeReturnsItsAnswer() throws Exception {
        CompletableFuture<Reply> notifying = OwnThread.supply(() ->
                cse.method("POST", "/" + ae).json("{\"m2m:sgn\":{\"nev\":{\"net\":1},\"sur\":\"/id-in/s\"}}")
                        .header("X-M2M-RI", "through-pcu").send());
        JsonNode request = pollAndAnswer(2000);
        assertEquals("through-pcu", request.path("rqi").asText());
        assertEquals("CAdmin", request.path("fr").asText());
        Reply r = notifying.get(20, TimeUnit.SECONDS);
        assertEquals(2000, r.rsc(), r.text());
    }

    @Test
    void ts0004_7_4_22_2_2_aQueuedRequestWaitsForTheNextPoll() throws Exception {
        CompletableFuture<Reply> notifying = OwnThread.supply(() ->
                cse.method("POST", "/" + ae).json("{\"m2m:sgn\":{\"nev\":{\"net\":1}}}").send());
        Thread.sleep(500); // queued before anybody polls
        pollAndAnswer(4101);
        assertEquals(4101, notifying.get(20, TimeUnit.SECONDS).rsc());
    }

    @Test
    void ts0004_7_4_22_2_2_pollWithNothingQueuedTimesOut() {
        long start = System.nanoTime();
        Reply r = cse.get(pcu).from(ae).send();
        assertEquals(4008, r.rsc(), r.text());
        assertTrue(System.nanoTime() - start >= 1_500_000_000L, "answered before the polling timeout");
    }

    @Test
    void ts0004_7_4_22_2_2_aPollWithNothingQueuedIs4008AtItsOwnExpiration() {
        long start = System.nanoTime();
        Reply r = cse.get(pcu).from(ae).header("X-M2M-RET", "400").send();
        assertEquals(4008, r.rsc(), r.text());
        assertTrue(System.nanoTime() - start < 1_400_000_000L, "held beyond its request expiration timestamp");
    }

    @Test
    void ts0004_7_4_21_onlyTheAeUsesItsChannel() {
        String stranger = cse.registerAe("C" + OneM2MClient.unique("str"), OneM2MClient.unique("strAe"));
        assertEquals(4103, cse.get(pcu).from(stranger).send().rsc());
        assertEquals(4103, cse.create("/" + stranger, 15, "{\"m2m:pch\":{}}").from(ae).send().rsc());
        assertEquals(4105, cse.create("/" + ae, 15, "{\"m2m:pch\":{}}").from(ae).send().rsc());
        assertEquals(4005, cse.put(pcu, "{\"m2m:pch\":{}}").from(ae).send().rsc());
        assertEquals(4005, cse.delete(pcu).from(ae).send().rsc());
        Reply unknown = cse.method("POST", pcu).from(ae).json("{\"m2m:rsp\":{\"rsc\":2000,\"rqi\":\"nobody-waits\"}}").send();
        assertEquals(4004, unknown.rsc(), unknown.text());
    }

    /**
     * A pollingChannel serves its AE only, whatever the policies say (TS-0004 7.4.21.2.2–7.4.21.2.4, 7.4.22.2.2): another
     * AE granted everything on the polling AE by a policy still gets 4103 for the channel and its pcu.
     */
    @Test
    void ts0004_7_4_21_onlyItsAeUsesAPollingChannelWhateverThePoliciesSay() {
        String other = cse.registerAe("C" + OneM2MClient.unique("nosy"), OneM2MClient.unique("nosyAe"));
        Reply acp = cse.create("/" + ae, 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acor\":[\"" + other + "\",\"" + ae
                + "\"],\"acop\":63}]},\"pvs\":{\"acr\":[{\"acor\":[\"" + ae + "\"],\"acop\":63}]}}}").from(ae).send();
        assertEquals(201, acp.status(), acp.text());
        Reply governed = cse.put("/" + ae, "{\"m2m:ae\":{\"acpi\":[\"" + acp.json().path("m2m:acp").path("ri").asText() + "\"]}}")
                .from(ae).send();
        assertEquals(200, governed.status(), governed.text());
        assertEquals(200, cse.get("/" + ae).from(other).send().status(), "the policy grants the other AE the AE itself");
        String pch = "/" + ae + "/pch";
        assertEquals(4103, cse.get(pch).from(other).send().rsc());
        assertEquals(4103, cse.put(pch, "{\"m2m:pch\":{\"lbl\":[\"x\"]}}").from(other).send().rsc());
        assertEquals(4103, cse.get(pcu).from(other).send().rsc());
        assertEquals(4103, cse.method("POST", pcu).from(other)
                .json("{\"m2m:rsp\":{\"rsc\":2000,\"rqi\":\"x\",\"rvi\":\"3\"}}").send().rsc());
        assertEquals(4103, cse.delete(pch).from(other).send().rsc());
        assertEquals(200, cse.get(pch).from(ae).send().status(), "the AE still uses it");
    }
}
