package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.NotificationReceiver.Received;
import io.keel.it.OneM2MClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Device triggers (TS-0001 8.3.3.2.1, TS-0004 9.2.1) that a network adapter delivers to the intake
 * {@code /.well-known/keel/triggers/<AE-ID>} (token keel.trigger.token, set for the ITs in the pom): the subscriptions
 * of the AE's {@code <AE>} with notificationEventType 6 are notified with the trigger payload (nct 4).
 */
class TriggerIT extends KeelIT {
    private static final String INTAKE = "/.well-known/keel/triggers/";
    private static final String TOKEN = "it-trigger-token";
    private NotificationReceiver inbox;
    private String ae;

    @BeforeEach
    void setUp() {
        inbox = new NotificationReceiver();
        ae = cse.registerAe("C" + OneM2MClient.unique("trg"), OneM2MClient.unique("triggeredAe"));
        assertEquals(200, cse.put("/" + ae, "{\"m2m:ae\":{\"poa\":[\"" + inbox.url() + "\"]}}").from(ae).send().status());
    }

    @AfterEach
    void tearDown() {
        inbox.close();
    }

    private String subscribeToTriggers() {
        Reply sub = cse.create("/" + ae, 23, "{\"m2m:sub\":{\"nu\":[\"" + ae + "\"],\"enc\":{\"net\":[6]}}}").from(ae).send();
        assertEquals(201, sub.status(), sub.text());
        assertEquals(4, sub.json().path("m2m:sub").path("nct").asInt(), "Trigger Payload is the default and only content type");
        return sub.json().path("m2m:sub").path("ri").asText();
    }

    private Reply trigger(String aeId, String body, String token) {
        OneM2MClient.Call call = cse.method("POST", INTAKE + aeId).header("Authorization", token == null ? null : "Bearer " + token);
        return (body == null ? call : call.json(body)).send();
    }

    @Test
    void ts0004_6_3_4_2_19_aTriggerForTheAeNotifiesItsNet6SubscriptionsWithTheTriggerPayload() {
        String sub = subscribeToTriggers();
        Reply r = trigger(ae, "{\"m2m:tgp\":{\"tpe\":3,\"tia\":\"cnt4711\",\"tipa\":[\"http://in.example.net:8080\"],"
                + "\"tio\":2,\"tirt\":3,\"tiae\":\"" + ae + "\",\"tist\":[\"json\"]}}", TOKEN);
        assertEquals(200, r.status(), r.text());
        assertEquals(2000, r.rsc());
        assertEquals(1, r.json().path("notified").asInt(), r.text());
        Received n = inbox.next();
        JsonNode sgn = n.sgn();
        assertEquals(6, sgn.path("nev").path("net").asInt(), n.text());
        assertTrue(sgn.path("sur").asText().endsWith("/" + sub), n.text());
        JsonNode tgp = sgn.path("nev").path("rep").path("m2m:tgp");
        assertEquals(3, tgp.path("tpe").asInt(), n.text());
        assertEquals("cnt4711", tgp.path("tia").asText());
        assertEquals("http://in.example.net:8080", tgp.path("tipa").path(0).asText());
        assertEquals(2, tgp.path("tio").asInt());
        assertEquals(3, tgp.path("tirt").asInt());
        assertEquals(ae, tgp.path("tiae").asText());
        assertEquals("json", tgp.path("tist").path(0).asText());
    }

    @Test
    void ts0004_9_2_1_aTriggerWithoutPayloadIsEstablishConnection() {
        subscribeToTriggers();
        Reply r = trigger(ae, null, TOKEN);
        assertEquals(200, r.status(), r.text());
        assertEquals(1, inbox.next().sgn().path("nev").path("rep").path("m2m:tgp").path("tpe").asInt());
    }

    @Test
    void ts0004_9_2_1_aBadTriggerPayloadIs4000NamingTheFieldAndNotifiesNobody() {
        subscribeToTriggers();
        Reply noOperation = trigger(ae, "{\"m2m:tgp\":{\"tpe\":3,\"tia\":\"cnt1\",\"tipa\":[\"http://in.example.net\"],\"tirt\":3}}", TOKEN);
        assertEquals(400, noOperation.status(), noOperation.text());
        assertEquals(4000, noOperation.rsc());
        assertTrue(noOperation.json().path("m2m:dbg").asText().contains("tio"), noOperation.text());
        Reply badPurpose = trigger(ae, "{\"m2m:tgp\":{\"tpe\":9}}", TOKEN);
        assertEquals(4000, badPurpose.rsc());
        assertTrue(badPurpose.text().contains("tpe"), badPurpose.text());
        Reply crudFieldsElsewhere = trigger(ae, "{\"m2m:tgp\":{\"tpe\":1,\"tio\":1}}", TOKEN);
        assertEquals(4000, crudFieldsElsewhere.rsc());
        assertTrue(crudFieldsElsewhere.text().contains("tio"), crudFieldsElsewhere.text());
        Reply unknownField = trigger(ae, "{\"m2m:tgp\":{\"tpe\":1,\"xyz\":1}}", TOKEN);
        assertEquals(4000, unknownField.rsc());
        assertTrue(unknownField.text().contains("xyz"), unknownField.text());
        Reply otherAe = trigger(ae, "{\"m2m:tgp\":{\"tpe\":3,\"tia\":\"cnt1\",\"tipa\":[\"http://in.example.net\"],\"tio\":1,"
                + "\"tirt\":3,\"tiae\":\"Csomebody-else\"}}", TOKEN);
        assertEquals(4000, otherAe.rsc());
        assertTrue(otherAe.text().contains("tiae"), otherAe.text());
        assertEquals(4004, trigger("Cnobody" + OneM2MClient.unique(""), "{\"m2m:tgp\":{\"tpe\":1}}", TOKEN).rsc());
        inbox.expectNothing(Duration.ofMillis(500));
    }

    @Test
    void ts0001_8_3_3_2_1_theIntakeRefusesCallersWithoutTheToken() {
        subscribeToTriggers();
        Reply none = trigger(ae, "{\"m2m:tgp\":{\"tpe\":1}}", null);
        assertEquals(401, none.status(), none.text());
        assertTrue(none.header("WWW-Authenticate").startsWith("Bearer"));
        assertEquals(401, trigger(ae, "{\"m2m:tgp\":{\"tpe\":1}}", "wrong-token").status());
        assertEquals(405, cse.get(INTAKE + ae).header("Authorization", "Bearer " + TOKEN).send().status());
        inbox.expectNothing(Duration.ofMillis(500));
    }

    @Test
    void ts0001_table_9_6_8_4_net6TakesTheTriggerPayloadOnly() {
        Reply allAttributes = cse.create("/" + ae, 23, "{\"m2m:sub\":{\"nu\":[\"" + ae + "\"],\"enc\":{\"net\":[6]},\"nct\":1}}")
                .from(ae).send();
        assertEquals(4000, allAttributes.rsc(), allAttributes.text());
        Reply withUpdates = cse.create("/" + ae, 23, "{\"m2m:sub\":{\"nu\":[\"" + ae + "\"],\"enc\":{\"net\":[1,6]}}}")
                .from(ae).send();
        assertEquals(4000, withUpdates.rsc(), "net 1 cannot carry the trigger payload: " + withUpdates.text());
        Reply onContainer = cse.create("/" + ae, 3, "{\"m2m:cnt\":{}}").from(ae).send();
        Reply notAnAe = cse.create("/" + onContainer.json().path("m2m:cnt").path("ri").asText(), 23,
                "{\"m2m:sub\":{\"nu\":[\"" + ae + "\"],\"enc\":{\"net\":[6]}}}").from(ae).send();
        assertEquals(4000, notAnAe.rsc(), notAnAe.text());
    }
}
