package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.NotificationReceiver.Received;
import io.keel.it.OneM2MClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Release 1 application, as the Release 1 text has it: it sends no X-M2M-RVI and registers without srv
 * (TS-0004 7.3.2.1, TS-0001 9.6.5), creates and retrieves, and is notified, and nothing it gets carries X-M2M-RVI, an
 * attribute or a response code of a later release.
 */
class ReleaseOneIT extends KeelIT {
    private NotificationReceiver receiver;

    @BeforeEach
    void receiver() {
        receiver = new NotificationReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    /** A request as a Release 1 entity sends it: without X-M2M-RVI. */
    private OneM2MClient.Call release1(OneM2MClient.Call call) {
        return call.header("X-M2M-RVI", null);
    }

    private String registerRelease1Ae(String rn) {
        Reply r = release1(cse.create("/cse-in", 2, "{\"m2m:ae\":{\"rn\":\"" + rn + "\",\"api\":\"Nrelease.one\",\"rr\":true,"
                + "\"poa\":[\"" + receiver.url() + "\"]}}").from("C")).send();
        assertEquals(201, r.status(), r.text());
        assertNull(r.header("X-M2M-RVI"), "no X-M2M-RVI towards a Release 1 entity");
        assertFalse(r.json().path("m2m:ae").has("srv"), r.text());
        return r.json().path("m2m:ae").path("aei").asText();
    }

    @Test
    void ts0004_7_3_2_1_aRelease1AeRegistersCreatesAndRetrieves() {
        String aei = registerRelease1Ae(OneM2MClient.unique("r1"));

        Reply cnt = release1(cse.create("/" + aei, 3, "{\"m2m:cnt\":{\"rn\":\"box\",\"mni\":2}}").from(aei)).send();
        assertEquals(201, cnt.status(), cnt.text());
        assertFalse(cnt.json().path("m2m:cnt").has("disr"));
        Reply cin = release1(cse.create("/" + aei + "/box", 4, "{\"m2m:cin\":{\"cnf\":\"text/plain:0\",\"con\":\"21.5\"}}")
                .from(aei)).send();
        assertEquals(201, cin.status(), cin.text());
        assertNull(cin.header("X-M2M-RVI"));

        Reply latest = release1(cse.get("/" + aei + "/box/la").from(aei)).send();
        assertEquals(200, latest.status(), latest.text());
        assertEquals("21.5", latest.json().path("m2m:cin").path("con").asText());
        assertNull(latest.header("X-M2M-RVI"));
        Reply ae = release1(cse.get("/" + aei).from(aei)).send();
        assertEquals(200, ae.status());
        assertFalse(ae.json().path("m2m:ae").has("srv"));
    }

    @Test
    void ts0004_7_3_2_1_aRelease1AeIsNotifiedWithoutRvi() {
        String aei = registerRelease1Ae(OneM2MClient.unique("r1n"));
        assertEquals(201, release1(cse.create("/" + aei, 3, "{\"m2m:cnt\":{\"rn\":\"box\"}}").from(aei)).send().status());
        Reply sub = release1(cse.create("/" + aei + "/box", 23, "{\"m2m:sub\":{\"rn\":\"s\",\"nu\":[\"" + aei + "\"],"
                + "\"enc\":{\"net\":[3]}}}").from(aei)).send();
        assertEquals(201, sub.status(), sub.text());

        assertEquals(201, release1(cse.create("/" + aei + "/box", 4, "{\"m2m:cin\":{\"con\":\"on\"}}").from(aei)).send().status());

        Received n = receiver.next();
        assertNull(n.header("X-M2M-RVI"), "no X-M2M-RVI towards a Release 1 entity");
        JsonNode rep = n.sgn().path("nev").path("rep").path("m2m:cin");
        assertEquals("on", rep.path("con").asText(), n.text());
    }

    @Test
    void ts0004_6_6_aResponseCodeRelease1DoesNotKnowIsItsClassCode() {
        String aei = registerRelease1Ae(OneM2MClient.unique("r1c"));
        // 4108 INVALID_CHILD_RESOURCE_TYPE came with Release 2: a Release 1 originator gets 4000.
        Reply r1 = release1(cse.create("/" + aei, 4, "{\"m2m:cin\":{\"con\":\"x\"}}").from(aei)).send();
        assertEquals(4000, r1.rsc(), r1.text());
        assertEquals(400, r1.status());
        assertTrue(r1.json().path("m2m:dbg").asText().contains("m2m:cin"), r1.text());
        Reply r3 = cse.create("/" + aei, 4, "{\"m2m:cin\":{\"con\":\"x\"}}").from(aei).send();
        assertEquals(4108, r3.rsc(), r3.text());
    }

    @Test
    void ts0001_9_6_5_fromRelease3OnSrvIsMandatory() {
        Reply r = cse.create("/cse-in", 2, "{\"m2m:ae\":{\"api\":\"Nrelease.three\",\"rr\":false}}").from("C").send();
        assertEquals(4000, r.rsc(), r.text());
        assertTrue(r.json().path("m2m:dbg").asText().contains("srv"), r.text());
        Reply twoA = cse.create("/cse-in", 2, "{\"m2m:ae\":{\"api\":\"Nrelease.twoa\",\"rr\":false}}").from("C")
                .header("X-M2M-RVI", "2a").send();
        assertEquals(201, twoA.status(), twoA.text());
        assertEquals("2a", twoA.header("X-M2M-RVI"));
    }
}
