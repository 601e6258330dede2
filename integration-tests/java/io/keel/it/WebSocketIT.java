package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The WebSocket binding (TS-0020) of the deployed WAR, over real WebSocket connections to the CSE's root path:
 * handshakes, request and response primitives in each subprotocol, notifications to an AE that is reachable only
 * over its connection (TS-0009 Annex B), and what becomes of them when the connection is lost.
 */
class WebSocketIT extends KeelIT {
    private static final String UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";

    private static String rq(int op, String to, String fr, String rqi, String rest) {
        return "{\"op\":" + op + ",\"to\":\"" + to + "\",\"fr\":\"" + fr + "\",\"rqi\":\"" + rqi + "\",\"rvi\":\"3\""
                + (rest.isEmpty() ? "" : "," + rest) + "}";
    }

    /** Registers an AE over the connection, with no pointOfAccess; returns its AE-ID. */
    private static String register(WsClient ws, String rn) {
        JsonNode rsp = ws.request(rq(1, "cse-in", "C" + rn, "reg-" + rn, "\"ty\":2,\"pc\":{\"m2m:ae\":{\"rn\":\"" + rn
                + "\",\"api\":\"Nkeel.ws\",\"rr\":false,\"srv\":[\"3\"]}}"));
        assertEquals(2001, rsp.path("rsc").asInt(), rsp.toString());
        return rsp.path("pc").path("m2m:ae").path("aei").asText();
    }

    @ParameterizedTest
    @ValueSource(strings = {"oneM2M.json", "oneM2M.xml", "oneM2M.cbor"})
    void ts0020_6_2_3_5_theServerSelectsTheFirstOneM2MSubprotocolTheClientOffers(String subprotocol) throws Exception {
        try (WsClient ws = WsClient.open(base, "chat", subprotocol, "oneM2M.json")) {
            assertEquals(subprotocol, ws.subprotocol());
        }
    }

    @Test
    void ts0020_6_2_2_7_aHandshakeOfferingNoOneM2MSubprotocolIsRefusedWith400() {
        for (String offer : new String[] {"Sec-WebSocket-Protocol: chat, onem2m.JSON\r\n", ""}) {
            RawHttp.Response r = RawHttp.send(base, "GET", "/", UPGRADE + offer, null);
            assertEquals(400, r.status(), r.statusLine());
            assertEquals("4000", r.headers().get("x-m2m-rsc"));
            assertTrue(r.text().contains("oneM2M.json"), r.text());
            assertFalse(r.headers().containsKey("sec-websocket-accept"));
        }
    }

    @Test
    void ts0009_6_plainHttpRequestsToTheRootAreStillTheHttpBinding() {
        RawHttp.Response root = RawHttp.send(base, "GET", "/", "", null);
        assertTrue(root.headers().containsKey("x-m2m-rsc"), root.statusLine() + " " + root.headers());
        Reply cb = cse.get("/cse-in").send();
        assertEquals(200, cb.status(), cb.text());
        assertTrue(cb.text().contains("ws://"), "the CSEBase advertises its WebSocket point of access: " + cb.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"oneM2M.json", "oneM2M.xml", "oneM2M.cbor"})
    void ts0020_5_1_crudDiscoveryAndAccessControlOverTheConnection(String subprotocol) throws Exception {
        String rn = OneM2MClient.unique("wsAe");
        String other = cse.registerAe("C" + OneM2MClient.unique("other"), OneM2MClient.unique("otherAe"));
        try (WsClient ws = WsClient.open(base, subprotocol)) {
            String aei = register(ws, rn);
            assertEquals(subprotocol.equals("oneM2M.cbor"), ws.lastMessageWasBinary(), "table 6.2.2.9-1 frame kind");
            String ae = "cse-in/" + rn;
            JsonNode created = ws.request(rq(1, ae, aei, "c1", "\"ty\":3,\"pc\":{\"m2m:cnt\":{\"rn\":\"box\",\"mni\":5}}"));
            assertEquals(2001, created.path("rsc").asInt(), created.toString());
            JsonNode read = ws.request(rq(2, ae + "/box", aei, "r1", ""));
            assertEquals(2000, read.path("rsc").asInt(), read.toString());
            assertEquals("box", read.path("pc").path("m2m:cnt").path("rn").asText(), read.toString());
            JsonNode updated = ws.request(rq(3, ae + "/box", aei, "u1", "\"pc\":{\"m2m:cnt\":{\"mni\":7}}"));
            assertEquals(2004, updated.path("rsc").asInt(), updated.toString());
            assertEquals(7, updated.path("pc").path("m2m:cnt").path("mni").asInt(), updated.toString());
            JsonNode found = ws.request(rq(2, ae, aei, "d1", "\"fc\":{\"fu\":1,\"ty\":3}"));
            assertEquals(2000, found.path("rsc").asInt(), found.toString());
            assertTrue(found.path("pc").path("m2m:uril").toString().contains(rn + "/box"), found.toString());
            JsonNode refused = ws.request(rq(2, ae + "/box", other, "x1", ""));
            assertEquals(4103, refused.path("rsc").asInt(), refused.toString());
            JsonNode deleted = ws.request(rq(4, ae + "/box", aei, "del1", ""));
            assertEquals(2002, deleted.path("rsc").asInt(), deleted.toString());
        }
    }

    @Test
    void ts0004_8_aMalformedMessageIsAnswered4000AndTheConnectionStaysOpen() throws Exception {
        try (WsClient ws = WsClient.open(base, "oneM2M.json")) {
            ws.sendRaw("{\"op\":1,");
            JsonNode broken = ws.nextMessage();
            assertEquals(4000, broken.path("rsc").asInt(), broken.toString());
            assertTrue(broken.path("pc").path("m2m:dbg").asText().length() > 0, broken.toString());
            JsonNode invalid = ws.request(rq(9, "cse-in", "CAdmin", "bad-op", ""));
            assertEquals(4000, invalid.path("rsc").asInt(), invalid.toString());
            ws.sendRaw(rq(2, "cse-in", "CAdmin", "as-binary", "").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            JsonNode wrongFrame = ws.response("as-binary");
            assertEquals(4000, wrongFrame.path("rsc").asInt(), wrongFrame.toString());
            JsonNode fine = ws.request(rq(2, "cse-in", "CAdmin", "still-open", ""));
            assertEquals(2000, fine.path("rsc").asInt(), fine.toString());
        }
    }

    @Test
    void ts0009_annexB_anAeWithoutPointOfAccessGetsItsNotificationsOverItsConnection() throws Exception {
        String rn = OneM2MClient.unique("wsNotified");
        try (WsClient ws = WsClient.open(base, "oneM2M.json").answering(2000)) {
            String aei = register(ws, rn);
            String ae = "cse-in/" + rn;
            assertEquals(2001, ws.request(rq(1, ae, aei, "c1", "\"ty\":3,\"pc\":{\"m2m:cnt\":{\"rn\":\"box\"}}")).path("rsc").asInt());
            JsonNode sub = ws.request(rq(1, ae + "/box", aei, "s1", "\"ty\":23,\"pc\":{\"m2m:sub\":{\"rn\":\"sub\",\"nu\":[\""
                    + aei + "\"],\"enc\":{\"net\":[3]}}}"));
            assertEquals(2001, sub.path("rsc").asInt(), sub.toString());
            Reply cin = cse.create("/" + ae + "/box", 4, "{\"m2m:cin\":{\"con\":\"hello\"}}").from(aei).send();
            assertEquals(201, cin.status(), cin.text());
            JsonNode notify = nextNotification(ws);
            assertEquals(5, notify.path("op").asInt(), notify.toString());
            assertEquals("hello", notify.path("pc").path("m2m:sgn").path("nev").path("rep").path("m2m:cin").path("con").asText(),
                    notify.toString());
        }
    }

    /** The next Notify that is not a verification request. */
    private static JsonNode nextNotification(WsClient ws) {
        JsonNode n = ws.nextRequest();
        while (n.path("pc").path("m2m:sgn").path("vrq").asBoolean(false)) {
            n = ws.nextRequest();
        }
        return n;
    }

    @Test
    void ts0004_7_3_8_2_1_theVerificationRequestGoesOverTheConnection() throws Exception {
        String rn = OneM2MClient.unique("wsVerified");
        try (WsClient ws = WsClient.open(base, "oneM2M.xml").answering(2000)) {
            String aei = register(ws, rn);
            Reply sub = cse.create("/cse-in", 23, "{\"m2m:sub\":{\"rn\":\"" + OneM2MClient.unique("sub") + "\",\"nu\":[\"" + aei
                    + "\"],\"enc\":{\"net\":[1]}}}").send();
            assertEquals(201, sub.status(), sub.text());
            JsonNode verification = ws.nextRequest();
            assertEquals(5, verification.path("op").asInt(), verification.toString());
            assertEquals("true", verification.path("pc").path("m2m:sgn").path("vrq").asText(), verification.toString());
        }
        try (WsClient ws = WsClient.open(base, "oneM2M.json").answering(4103)) {
            String aei = register(ws, OneM2MClient.unique("wsRefuses"));
            Reply sub = cse.create("/cse-in", 23, "{\"m2m:sub\":{\"nu\":[\"" + aei + "\"],\"enc\":{\"net\":[1]}}}").send();
            assertEquals(5204, sub.rsc(), "the receiver refused the verification over its connection: " + sub.text());
        }
    }

    @Test
    void ts0020_6_5_aNotificationForAnAeWhoseConnectionIsLostIsKeptAndSentOverItsNextConnection() throws Exception {
        String rn = OneM2MClient.unique("wsLost");
        String ae = "cse-in/" + rn;
        String aei;
        try (WsClient ws = WsClient.open(base, "oneM2M.cbor").answering(2000)) {
            aei = register(ws, rn);
            assertEquals(2001, ws.request(rq(1, ae, aei, "c1", "\"ty\":3,\"pc\":{\"m2m:cnt\":{\"rn\":\"box\"}}")).path("rsc").asInt());
            // pn 2 (sendAllPending): what cannot be delivered is kept (TS-0004 7.5.1.2.2).
            JsonNode sub = ws.request(rq(1, ae + "/box", aei, "s1", "\"ty\":23,\"pc\":{\"m2m:sub\":{\"rn\":\"sub\",\"nu\":[\""
                    + aei + "\"],\"pn\":2,\"enc\":{\"net\":[3]}}}"));
            assertEquals(2001, sub.path("rsc").asInt(), sub.toString());
        }
        Reply cin = cse.create("/" + ae + "/box", 4, "{\"m2m:cin\":{\"con\":\"while away\"}}").from(aei).send();
        assertEquals(201, cin.status(), cin.text());
        try (WsClient again = WsClient.open(base, "oneM2M.json").answering(2000)) {
            // Any request the CSE accepts from the AE binds it to its new connection.
            assertEquals(2000, again.request(rq(2, ae, aei, "back", "")).path("rsc").asInt());
            JsonNode notify = nextNotification(again);
            assertEquals("while away", notify.path("pc").path("m2m:sgn").path("nev").path("rep").path("m2m:cin").path("con").asText(),
                    notify.toString());
        }
    }
}
