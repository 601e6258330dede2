package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.NotificationReceiver.Received;
import io.keel.it.OneM2MClient.Reply;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Non-blocking requests and the request/result timing parameters (TS-0009 6.2.2.2 example 1, 6.4.11–6.4.15;
 * TS-0004 7.3.2.2–7.3.2.5, 7.4.12, 7.5.1.2.5).
 */
class NonBlockingRequestIT extends KeelIT {
    private NotificationReceiver receiver;
    private String ae;

    @BeforeEach
    void setUp() {
        receiver = new NotificationReceiver();
        ae = cse.registerAe("C" + OneM2MClient.unique("nb"), OneM2MClient.unique("nbAe"));
        cse.put("/" + ae, "{\"m2m:ae\":{\"poa\":[\"" + receiver.url("/poa") + "\"]}}").from(ae).send();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    private JsonNode requestWhenDone(String ri) {
        JsonNode[] req = new JsonNode[1];
        Eventually.holds(Duration.ofSeconds(10), () -> {
            req[0] = cse.get("/" + ri).from(ae).send().json().path("m2m:req");
            return req[0].path("rs").asInt() != 3;
        }, "the request " + ri + " to finish");
        return req[0];
    }

    @Test
    void ts0009_6_2_2_2_nonBlockingSynchAnswers1001WithTheRequestResource() {
        Reply r = cse.create("/" + ae + "?rt=1", 3, "{\"m2m:cnt\":{\"rn\":\"later\"}}").from(ae).send();
        assertEquals(202, r.status(), r.text());
        assertEquals(1001, r.rsc());
        String ri = r.json().path("m2m:uri").asText();
        assertTrue(r.header("Content-Location").endsWith(ri), r.header("Content-Location"));
        JsonNode req = requestWhenDone(ri);
        assertEquals(17, req.path("ty").asInt());
        assertEquals(1, req.path("rs").asInt(), req.toString());
        assertEquals(1, req.path("op").asInt());
        assertEquals(ae, req.path("org").asText());
        assertEquals(ae, req.path("tg").asText());
        assertEquals(1, req.path("mi").path("rt").path("rtv").asInt());
        assertEquals(2001, req.path("ors").path("rsc").asInt());
        assertEquals("later", req.path("ors").path("pc").path("m2m:cnt").path("rn").asText());
        assertEquals(200, cse.get("/" + ae + "/later").from(ae).send().status());
    }

    @Test
    void ts0004_7_3_2_5_aFailedRequestIsFailedWithItsResult() {
        Reply r = cse.create("/" + ae + "/missing?rt=1", 3, "{\"m2m:cnt\":{}}").from(ae).send();
        assertEquals(1001, r.rsc(), r.text());
        JsonNode req = requestWhenDone(r.json().path("m2m:uri").asText());
        assertEquals(2, req.path("rs").asInt());
        assertEquals(4004, req.path("ors").path("rsc").asInt());
    }

    @Test
    void ts0004_7_3_2_2_onlyTheOriginatorSeesItsRequest() {
        String ri = cse.create("/" + ae + "?rt=1", 3, "{\"m2m:cnt\":{}}").from(ae).send().json().path("m2m:uri").asText();
        String other = cse.registerAe("C" + OneM2MClient.unique("nbo"), OneM2MClient.unique("nbOther"));
        assertEquals(4103, cse.get("/" + ri).from(other).send().rsc());
        assertEquals(4005, cse.put("/" + ri, "{\"m2m:req\":{\"rs\":1}}").from(ae).send().rsc());
        assertEquals(4005, cse.create("/cse-in", 17, "{\"m2m:req\":{}}").send().rsc(), "only the CSE creates requests");
    }

    @Test
    void ts0009_6_4_11_asynchResultGoesToTheNotificationUris() {
        NotificationReceiver other = new NotificationReceiver();
        try {
            Reply r = cse.create("/" + ae + "?rt=2", 3, "{\"m2m:cnt\":{\"rn\":\"async\"}}").from(ae)
                    .header("X-M2M-RTU", receiver.url("/one") + "&" + other.url("/two")).header("X-M2M-RI", "async-1").send();
            assertEquals(202, r.status(), r.text());
            assertEquals(1002, r.rsc());
            for (NotificationReceiver target : new NotificationReceiver[] {receiver, other}) {
                Received n = target.next();
                assertEquals(target == receiver ? "/one" : "/two", n.target());
                assertEquals("POST", n.method());
                assertEquals("/id-in", n.header("X-M2M-Origin"));
                assertEquals("application/json", n.header("Content-Type"));
                JsonNode rsp = n.json().path("m2m:rsp");
                assertEquals(2001, rsp.path("rsc").asInt(), n.text());
                assertEquals("async-1", rsp.path("rqi").asText());
                assertEquals("async", rsp.path("pc").path("m2m:cnt").path("rn").asText());
            }
        } finally {
            other.close();
        }
    }

    @Test
    void ts0009_6_4_11_withoutRtuTheOriginatorGetsTheResultAndAnEmptyListSendsNone() {
        Reply r = cse.create("/" + ae + "?rt=2", 3, "{\"m2m:cnt\":{}}").from(ae).send();
        assertEquals(1002, r.rsc(), r.text());
        Received n = receiver.next();
        assertEquals("/poa", n.target());
        assertEquals(2001, n.json().path("m2m:rsp").path("rsc").asInt());
        Reply none = cse.create("/" + ae + "?rt=2", 3, "{\"m2m:cnt\":{}}").from(ae).header("X-M2M-RTU", "").send();
        assertEquals(1002, none.rsc(), none.text());
        receiver.expectNothing(Duration.ofMillis(800));
    }

    @Test
    void ts0009_6_4_15_operationExecutionTimeDelaysTheOperation() {
        Instant sent = Instant.now();
        Reply r = cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"delayed\"}}").from(ae).header("X-M2M-OET", "1500").send();
        assertEquals(201, r.status(), r.text());
        Instant ct = Times.parse(r.json().path("m2m:cnt").path("ct").asText());
        assertTrue(!ct.isBefore(sent.plusMillis(1400)), "created at " + ct + ", sent at " + sent);
    }

    @Test
    void ts0009_6_4_14_requestExpiringBeforeItsExecutionTimeIs4008AndNothingHappens() {
        Reply r = cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"expired\"}}").from(ae)
                .header("X-M2M-OET", "3000").header("X-M2M-RET", "1000").send();
        assertEquals(4008, r.rsc(), r.text());
        assertEquals(504, r.status());
        // Non-blocking too: refused before a <request> is made for it (TS-0004 7.3.2.1).
        int requestsBefore = requestsOf(ae);
        Reply nb = cse.create("/" + ae + "?rt=1", 3, "{\"m2m:cnt\":{\"rn\":\"expiredToo\"}}").from(ae)
                .header("X-M2M-OET", "1500").header("X-M2M-RET", "500").send();
        assertEquals(4008, nb.rsc(), nb.text());
        assertEquals(504, nb.status());
        assertEquals(requestsBefore, requestsOf(ae), "no <request> was made");
        Reply resultTooEarly = cse.create("/" + ae + "?rt=1", 3, "{\"m2m:cnt\":{\"rn\":\"expiredToo\"}}").from(ae)
                .header("X-M2M-OET", "1500").header("X-M2M-RST", "500").send();
        assertEquals(4008, resultTooEarly.rsc(), resultTooEarly.text());
        assertEquals(requestsBefore, requestsOf(ae), "no <request> was made");
        assertEquals(4004, cse.get("/" + ae + "/expired").from(ae).send().rsc());
        assertEquals(4004, cse.get("/" + ae + "/expiredToo").from(ae).send().rsc());
    }

    @Test
    void ts0009_6_4_15_aPendingRequestRunsAtItsExecutionTime() {
        Reply r = cse.create("/" + ae + "?rt=1", 3, "{\"m2m:cnt\":{\"rn\":\"atOet\"}}").from(ae).header("X-M2M-OET", "1500").send();
        String ri = r.json().path("m2m:uri").asText();
        assertEquals(3, cse.get("/" + ri).from(ae).send().json().path("m2m:req").path("rs").asInt(), "pending until OET");
        assertEquals(4004, cse.get("/" + ae + "/atOet").from(ae).send().rsc());
        assertEquals(1, requestWhenDone(ri).path("rs").asInt());
        assertEquals(200, cse.get("/" + ae + "/atOet").from(ae).send().status());
    }

    @Test
    void ts0004_7_4_12_2_4_aPendingRequestCannotBeRecalledAndStillRuns() {
        Reply r = cse.create("/" + ae + "?rt=1", 3, "{\"m2m:cnt\":{\"rn\":\"notRecalled\"}}").from(ae).header("X-M2M-OET", "1500").send();
        String ri = r.json().path("m2m:uri").asText();
        Reply recall = cse.delete("/" + ri).from(ae).send();
        assertEquals(5220, recall.rsc(), recall.text());
        assertEquals(1, requestWhenDone(ri).path("rs").asInt());
        assertEquals(200, cse.get("/" + ae + "/notRecalled").from(ae).send().status());
        Reply deleted = cse.delete("/" + ri).from(ae).send();
        assertEquals(2002, deleted.rsc(), deleted.text());
    }

    @Test
    void ts0004_7_4_12_2_2_aNonBlockingRequestToARequestIs4000() {
        String ri = cse.create("/" + ae + "?rt=1", 3, "{\"m2m:cnt\":{}}").from(ae).send().json().path("m2m:uri").asText();
        requestWhenDone(ri);
        Reply retrieve = cse.get("/" + ri + "?rt=1").from(ae).send();
        assertEquals(4000, retrieve.rsc(), retrieve.text());
        Reply delete = cse.delete("/" + ri + "?rt=2").from(ae).send();
        assertEquals(4000, delete.rsc(), delete.text());
        Reply flex = cse.get("/" + ri + "?rt=4").from(ae).send();
        assertEquals(2000, flex.rsc(), flex.text());
        assertEquals(ae, flex.json().path("m2m:req").path("lbl").path(0).asText(), "labelled with its originator (7.3.2.2)");
    }

    @Test
    void ts0009_6_4_13_resultPersistenceAndResultExpirationSetTheRequestLifetime() {
        Instant now = Instant.now();
        Reply rp = cse.create("/" + ae + "?rt=1&rp=PT2M", 3, "{\"m2m:cnt\":{}}").from(ae).send();
        Instant et = Times.parse(cse.get("/" + rp.json().path("m2m:uri").asText()).from(ae).send().json().path("m2m:req").path("et").asText());
        assertTrue(et.isAfter(now.plusSeconds(100)) && et.isBefore(now.plusSeconds(140)), "et " + et);
        Reply rst = cse.create("/" + ae + "?rt=1", 3, "{\"m2m:cnt\":{}}").from(ae).header("X-M2M-RST", "30000").send();
        Instant et2 = Times.parse(cse.get("/" + rst.json().path("m2m:uri").asText()).from(ae).send().json().path("m2m:req").path("et").asText());
        assertTrue(et2.isAfter(now.plusSeconds(20)) && et2.isBefore(now.plusSeconds(40)), "et " + et2);
    }

    /** The <request> resources the originator can discover. */
    private int requestsOf(String originator) {
        Reply found = cse.get("/cse-in?fu=1&ty=17").from(originator).send();
        assertEquals(2000, found.rsc(), found.text());
        return found.json().path("m2m:uril").size();
    }

    @Test
    void ts0004_7_3_2_flexBlockingRunsBlockingAndNoResponseIsRefusedOverHttp() {
        Reply flex = cse.create("/" + ae + "?rt=4", 3, "{\"m2m:cnt\":{}}").from(ae).send();
        assertEquals(2001, flex.rsc(), flex.text());
        Reply none = cse.create("/" + ae + "?rt=5", 3, "{\"m2m:cnt\":{}}").from(ae).send();
        assertEquals(4000, none.rsc(), none.text());
    }
}
