package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.binding.coap.ContentFormats;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.Serialization;
import io.keel.serialization.PrimitiveCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile messages over the bindings that carry whole primitives or bodies besides HTTP (TS-0020 WebSocket, TS-0010
 * MQTT, TS-0008 CoAP), against the executable WAR: each gets a 4xxx response primitive with a readable m2m:dbg (no
 * stack trace), the connection or session survives, the CSE keeps answering, nothing is stored, and its log holds
 * no stack trace. The HTTP binding has its own suite (HostileInputIT).
 */
class HostilePrimitivesIT {
    private static final String CSE_ID = "id-in"; // the default CSE-ID
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static Mosquitto broker;
    private static KeelProcess keel;
    private static int coapPort;

    /** Messages no request primitive can be read from, by name, as UTF-8 text (JSON and XML) or raw bytes. */
    private static Map<String, byte[]> hostile(String serialization) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("empty", new byte[0]);
        m.put("invalid UTF-8", new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        m.put("random bytes", new byte[] {0x1f, (byte) 0x8b, 0x08, 0x00, 0x7f, (byte) 0x80, 0x00});
        switch (serialization) {
            case "json" -> {
                m.put("truncated", utf8("{\"op\":2,\"to\":"));
                m.put("an array", utf8("[1,2,3]"));
                m.put("nested 5000 deep", utf8("{\"op\":1,\"to\":\"cse-in\",\"rqi\":\"n\",\"ty\":3,\"pc\":" + "{\"a\":".repeat(5000)
                        + "1" + "}".repeat(5000) + "}"));
                m.put("duplicate member", utf8("{\"op\":2,\"op\":4,\"to\":\"cse-in\",\"rqi\":\"d\"}"));
                m.put("operation as object", utf8("{\"op\":{\"x\":1},\"to\":\"cse-in\",\"rqi\":\"o\"}"));
                m.put("unknown member", utf8("{\"op\":2,\"to\":\"cse-in\",\"rqi\":\"u\",\"evil\":true}"));
                m.put("control character in to", utf8("{\"op\":2,\"to\":\"cse-in\\u0001\",\"rqi\":\"c\"}"));
                m.put("create with a slash in rn", utf8("{\"op\":1,\"to\":\"cse-in\",\"fr\":\"CAdmin\",\"rqi\":\"s\",\"rvi\":\"3\","
                        + "\"ty\":3,\"pc\":{\"m2m:cnt\":{\"rn\":\"a/b\"}}}"));
            }
            case "xml" -> {
                m.put("entity expansion", utf8("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\">"
                        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                        + "<m2m:rqp xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"><op>2</op><to>&c;</to><rqi>x</rqi></m2m:rqp>"));
                m.put("external entity", utf8("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<m2m:rqp xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"><op>2</op><to>&x;</to><rqi>x</rqi></m2m:rqp>"));
                m.put("wrong root", utf8("<m2m:cin xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"><con>1</con></m2m:cin>"));
                m.put("unclosed", utf8("<m2m:rqp xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"><op>2</op>"));
            }
            default -> {
                m.put("truncated CBOR map", new byte[] {(byte) 0xA3, 0x62, 0x6F, 0x70});
                m.put("CBOR text, not a map", new byte[] {0x63, 0x61, 0x62, 0x63});
            }
        }
        return m;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void start() {
        broker = Mosquitto.start();
        coapPort = CoapPeer.freeUdpPort(); // a UDP port: one free for TCP may be bound by a CoAP endpoint
        keel = KeelProcess.start(Map.of("KEEL_MQTT_URL", broker.url(), "KEEL_COAP_PORT", String.valueOf(coapPort)));
        try (MqttTestClient admin = new MqttTestClient(broker.url(), "/oneM2M/resp/CAdmin/#")) {
            Eventually.holds(WAIT, () -> {
                var retrieve = MqttTestClient.request(2, "cse-in", "CAdmin");
                admin.publish("/oneM2M/req/CAdmin/" + CSE_ID + "/json", retrieve);
                return admin.awaitRqi(retrieve.path("rqi").asText(), Duration.ofSeconds(1)) != null;
            }, "an answer of the CSE over MQTT");
        }
    }

    @AfterAll
    static void stop() {
        if (keel != null) {
            keel.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** A refusal in the serialization of the request (TS-0010 6.5.3). */
    private static void assertRefused(String what, byte[] message, String serialization) {
        ResponsePrimitive rsp = PrimitiveCodec.decodeResponse(message, Serialization.valueOf(serialization.toUpperCase()));
        assertTrue(rsp.responseStatusCode.code() >= 4000 && rsp.responseStatusCode.code() < 5000, what + ": " + rsp.responseStatusCode);
        String dbg = String.valueOf(((Map<?, ?>) rsp.content).get("m2m:dbg"));
        assertFalse(dbg.isBlank() || dbg.equals("null"), what + ": no m2m:dbg in " + rsp.content);
        assertFalse(dbg.contains("Exception") || dbg.contains("\tat ") || dbg.contains("io.keel."), what + ": " + dbg);
    }

    /** A refusal as the originator sees it: 4xxx, a readable reason, no stack trace. */
    private static void assertRefused(String what, JsonNode rsp) {
        assertNotNull(rsp, what + ": no response");
        int rsc = rsp.path("rsc").asInt();
        assertTrue(rsc >= 4000 && rsc < 5000, what + ": " + rsp);
        String dbg = rsp.path("pc").path("m2m:dbg").asText();
        assertFalse(dbg.isBlank(), what + ": no m2m:dbg in " + rsp);
        assertFalse(dbg.contains("Exception") || dbg.contains("\tat ") || dbg.contains("io.keel."), what + ": " + dbg);
    }

    private static void assertNothingStoredAndNoStackTrace() {
        for (String line : keel.output()) {
            assertFalse(line.startsWith("\tat ") || line.contains("Exception in thread"), "a stack trace in the log: " + line);
        }
    }

    @Test
    void ts0020_6_2_2_9_hostileWebSocketMessagesAreAnsweredAndTheConnectionStays() throws Exception {
        for (String subprotocol : List.of("oneM2M.json", "oneM2M.xml", "oneM2M.cbor")) {
            try (WsClient ws = WsClient.open(keel.base(), subprotocol)) {
                for (Map.Entry<String, byte[]> h : hostile(subprotocol.substring(7)).entrySet()) {
                    if (h.getValue().length == 0) {
                        continue; // an empty frame is no message to answer
                    }
                    ws.sendEncoded(h.getValue());
                    assertRefused(subprotocol + ", " + h.getKey(), ws.nextResponse(WAIT));
                }
                JsonNode ok = ws.request("{\"op\":2,\"to\":\"cse-in\",\"fr\":\"CAdmin\",\"rqi\":\"after\",\"rvi\":\"3\"}");
                assertEquals(2000, ok.path("rsc").asInt(), subprotocol + ": the connection still serves: " + ok);
            }
        }
        assertEquals(404, new OneM2MClient(keel.base()).get("/cse-in/a").send().status(), "nothing was created");
        assertNothingStoredAndNoStackTrace();
    }

    @Test
    void ts0010_6_4_3_hostileMqttPayloadsGetAnAnswerOnTheResponseTopic() {
        try (MqttTestClient c = new MqttTestClient(broker.url(), "/oneM2M/resp/CHostile/#")) {
            for (String type : List.of("json", "xml", "cbor")) {
                String req = "/oneM2M/req/CHostile/" + CSE_ID + "/" + type;
                for (Map.Entry<String, byte[]> h : hostile(type).entrySet()) {
                    c.publish(req, h.getValue());
                    MqttTestClient.Message answer = c.awaitTopic("/oneM2M/resp/CHostile/" + CSE_ID + "/" + type, WAIT);
                    assertNotNull(answer, type + ", " + h.getKey() + ": no answer");
                    assertRefused(type + ", " + h.getKey(), answer.payload(), type);
                }
            }
            var retrieve = MqttTestClient.request(2, "cse-in", "CAdmin");
            try (MqttTestClient admin = new MqttTestClient(broker.url(), "/oneM2M/resp/CAdmin/#")) {
                admin.publish("/oneM2M/req/CAdmin/" + CSE_ID + "/json", retrieve);
                MqttTestClient.Message ok = admin.awaitRqi(retrieve.path("rqi").asText(), WAIT);
                assertNotNull(ok, "the CSE still answers over MQTT");
                assertEquals(2000, ok.primitive().path("rsc").asInt());
            }
        }
        assertNothingStoredAndNoStackTrace();
    }

    @Test
    void ts0008_6_2_hostileCoapBodiesAreRefusedWithTheirRsc() throws Exception {
        try (CoapPeer peer = new CoapPeer()) {
            for (Map.Entry<String, byte[]> h : hostile("json").entrySet()) {
                if (h.getValue().length == 0) {
                    continue; // a CoAP request without payload is not a hostile body
                }
                Request r = CoapRequests.request(Code.POST, "cse-in", "CAdmin");
                r.getOptions().addOption(new org.eclipse.californium.core.coap.Option(io.keel.binding.coap.OneM2MOptions.TY, 3));
                r.getOptions().setContentFormat(ContentFormats.JSON);
                r.setPayload(h.getValue());
                Response rsp = peer.send(r, coapPort);
                int rsc = CoapRequests.rsc(rsp);
                assertTrue(rsc >= 4000 && rsc < 5000, h.getKey() + ": " + rsc + " " + rsp.getPayloadString());
                assertFalse(rsp.getPayloadString().contains("Exception"), h.getKey() + ": " + rsp.getPayloadString());
            }
            Response ok = peer.send(CoapRequests.request(Code.GET, "cse-in", "CAdmin"), coapPort);
            assertEquals(2000, CoapRequests.rsc(ok), "the CSE still answers over CoAP");
        }
        assertNothingStoredAndNoStackTrace();
    }
}
