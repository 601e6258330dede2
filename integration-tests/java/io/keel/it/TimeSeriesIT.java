package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.NotificationReceiver.Received;
import io.keel.it.OneM2MClient.Reply;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** timeSeries and timeSeriesInstance over HTTP/JSON (TS-0004 7.4.38, 7.4.39), and missing data reported to a receiver. */
class TimeSeriesIT extends KeelIT {
    private NotificationReceiver receiver;
    private String ae;

    @BeforeEach
    void setUp() {
        receiver = new NotificationReceiver();
        ae = cse.registerAe("C" + OneM2MClient.unique("ts"), OneM2MClient.unique("tsAe"));
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    private String series(String attributes) {
        Reply r = cse.create("/" + ae, 29, "{\"m2m:ts\":{" + attributes + "}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:ts").path("ri").asText();
    }

    private Reply instance(String ts, String dgt, String con) {
        return cse.create("/" + ts, 30, "{\"m2m:tsi\":{\"dgt\":" + dgt + ",\"con\":\"" + con + "\"}}").from(ae).send();
    }

    private JsonNode get(String path, String root) {
        Reply r = cse.get(path).from(ae).send();
        assertEquals(200, r.status(), r.text());
        return r.json().path(root);
    }

    @Test
    void ts0004_7_4_38_and_7_4_39_createRetrieveLaOlQuotaAndDelete() {
        String ts = series("\"rn\":\"temps\",\"mni\":2,\"pei\":1000,\"cnf\":\"text/plain:0\"");
        assertEquals(0, get("/" + ts, "m2m:ts").path("peid").asLong());

        assertEquals(201, instance(ts, "\"20250101T000000\"", "one").status());
        assertEquals(201, instance(ts, "\"20250101T000001\"", "two").status());
        Reply three = instance(ts, "\"20250101T000002\"", "three");
        assertEquals(201, three.status(), three.text());
        assertEquals("20250101T000002,000000", three.json().path("m2m:tsi").path("dgt").asText());

        JsonNode after = get("/" + ts, "m2m:ts");
        assertEquals(29, after.path("ty").asInt());
        assertEquals(2, after.path("cni").asLong());
        assertEquals(8, after.path("cbs").asLong());
        assertEquals("two", get("/" + ts + "/ol", "m2m:tsi").path("con").asText());
        assertEquals("three", get("/" + ts + "/la", "m2m:tsi").path("con").asText());

        Reply duplicate = instance(ts, "\"20250101T000002\"", "again");
        assertEquals(4105, duplicate.rsc(), duplicate.text());
        Reply update = cse.put("/" + three.json().path("m2m:tsi").path("ri").asText(), "{\"m2m:tsi\":{\"lbl\":[\"x\"]}}")
                .from(ae).send();
        assertEquals(4005, update.rsc(), update.text());
        Reply readOnly = cse.put("/" + ts, "{\"m2m:ts\":{\"mdc\":3}}").from(ae).send();
        assertEquals(4000, readOnly.rsc());
        assertTrue(readOnly.text().contains("mdc"), readOnly.text());

        assertEquals(2002, cse.delete("/" + ts + "/la").from(ae).send().rsc());
        assertEquals(1, get("/" + ts, "m2m:ts").path("cni").asLong());
        assertEquals(2002, cse.delete("/" + ts).from(ae).send().rsc());
    }

    @Test
    void ts0004_7_4_39_anInstanceInXml() {
        String ts = series("\"rn\":\"xmlSeries\"");
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><m2m:tsi xmlns:m2m=\"http://www.onem2m.org/xml/protocols\">"
                + "<dgt>20250101T000000</dgt><con>21.5</con><snr>7</snr></m2m:tsi>";
        Reply r = cse.method("POST", "/" + ts).body(xml.getBytes(StandardCharsets.UTF_8), "application/vnd.onem2m-res+xml; ty=30")
                .header("Accept", "application/xml").from(ae).send();
        assertEquals(201, r.status(), r.text());
        assertTrue(r.text().contains("<dgt>20250101T000000,000000</dgt>") && r.text().contains("<snr>7</snr>"), r.text());
        JsonNode tsi = get("/" + ts + "/la", "m2m:tsi");
        assertEquals("21.5", tsi.path("con").asText());
        assertEquals(7, tsi.path("snr").asLong());
    }

    @Test
    void ts0001_10_2_4_25_theQuotaRemovesTheOldestDataGenerationTime() {
        String ts = series("\"mni\":2");
        assertEquals(201, instance(ts, "\"20250105T000000\"", "late").status());
        assertEquals(201, instance(ts, "\"20250101T000000\"", "early").status());
        assertEquals(201, instance(ts, "\"20250103T000000\"", "mid").status());

        assertEquals(2, get("/" + ts, "m2m:ts").path("cni").asLong());
        assertEquals("late", get("/" + ts + "/ol", "m2m:tsi").path("con").asText(), "ol stays the first created");
        assertEquals("mid", get("/" + ts + "/la", "m2m:tsi").path("con").asText());
    }

    @Test
    void ts0004_7_5_1_2_9_aMissingPointIsNotifiedToTheSubscriber() {
        // One point every 200 ms, missing 100 ms after it is due: after the first instance every point is missing.
        String ts = series("\"pei\":200,\"peid\":0,\"mdt\":100,\"mdd\":true,\"mdn\":50");
        Reply sub = cse.create("/" + ts, 23, "{\"m2m:sub\":{\"nu\":[\"" + receiver.url()
                + "\"],\"enc\":{\"net\":[8],\"md\":{\"num\":1,\"dur\":\"PT1M\"}}}}").from(ae).send();
        assertEquals(201, sub.status(), sub.text());
        assertEquals(5, sub.json().path("m2m:sub").path("nct").asInt());

        assertEquals(201, instance(ts, "0", "first").status());

        Received n = receiver.next();
        JsonNode nev = n.sgn().path("nev");
        assertEquals(8, nev.path("net").asInt(), n.text());
        JsonNode tsn = nev.path("rep").path("m2m:tsn");
        assertTrue(tsn.path("mdlt").size() >= 1, n.text());
        assertTrue(tsn.path("mdc").asLong() >= 1, n.text());
        JsonNode after = get("/" + ts, "m2m:ts");
        assertTrue(after.path("mdc").asLong() >= 1, after.toString());
        assertEquals(tsn.path("mdlt").get(0).asText(), after.path("mdlt").get(0).asText());
        // Else its detection goes on finding a point missing every 200 ms, for the rest of the suite, and notifying a
        // receiver that is gone (hundreds of failed notifications in the shared deployment's log).
        Reply deleted = cse.delete("/" + ts).from(ae).send();
        assertEquals(200, deleted.status(), deleted.text());
    }
}
