package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import io.keel.serialization.PrimitiveCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MQTT binding (TS-0010) of the executable WAR against a real Mosquitto: AEs that live on MQTT only, talking to
 * the CSE through the server as TS-0010 6.4 has it.
 */
class MqttIT {
    private static final String CSE_ID = "id-mqit";
    private static final String CSE = "cse-mqit";
    private static Mosquitto broker;
    private static KeelProcess keel;

    @BeforeAll
    static void start() {
        broker = Mosquitto.start();
        keel = KeelProcess.start(Map.of("KEEL_MQTT_URL", broker.url(), "KEEL_CSE_ID", CSE_ID, "KEEL_CSE_NAME", CSE));
        try (MqttTestClient admin = client("CAdmin")) {
            // The CSE subscribes after it has started: ask until it answers.
            Eventually.holds(Duration.ofSeconds(30), () -> {
                ObjectNode retrieve = MqttTestClient.request(2, CSE, "CAdmin");
                admin.publish(req("CAdmin"), retrieve);
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

    private static String req(String originator) {
        return "/oneM2M/req/" + originator + "/" + CSE_ID + "/json";
    }

    private static String resp(String originator) {
        return "/oneM2M/resp/" + originator + "/" + CSE_ID + "/json";
    }

    /** A client that sees the answers to the originator's requests and the requests for it. */
    private static MqttTestClient client(String originator) {
        return new MqttTestClient(broker.url(), "/oneM2M/resp/" + originator + "/#", "/oneM2M/req/+/" + originator + "/#");
    }

    private static ObjectNode create(String to, String fr, int ty, String content) {
        ObjectNode p = MqttTestClient.request(1, to, fr);
        p.put("ty", ty);
        try {
            p.set("pc", MqttTestClient.JSON.readTree(content));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return p;
    }

    /** Registers an AE over req with its own originator; returns the AE-ID. */
    private static String registerAe(MqttTestClient c, String originator, String rn, String poa) {
        String ae = "{\"m2m:ae\":{\"rn\":\"" + rn + "\",\"api\":\"Nmqtt\",\"rr\":true,\"srv\":[\"3\"]"
                + (poa == null ? "" : ",\"poa\":[\"" + poa + "\"]") + "}}";
        JsonNode rsp = c.call(req(originator), create(CSE, originator, 2, ae)).primitive();
        assertEquals(2001, rsp.path("rsc").asInt(), rsp.toString());
        return rsp.path("pc").path("m2m:ae").path("aei").asText();
    }

    @Test
    void ts0010_6_4_4_anAeRegistersWithoutAnIdAndLivesOnMqtt() {
        String credential = OneM2MClient.unique("cred-");
        String rn = OneM2MClient.unique("mqttAe");
        MqttTestClient.Message registered;
        try (MqttTestClient reg = new MqttTestClient(broker.url(), "/oneM2M/reg_resp/" + credential + "/#")) {
            ObjectNode register = create(CSE, null, 2, "{\"m2m:ae\":{\"rn\":\"" + rn + "\",\"api\":\"Nmqtt\",\"rr\":false,\"srv\":[\"3\"]}}");
            registered = reg.call("/oneM2M/reg_req/" + credential + "/" + CSE_ID + "/json", register);
        }
        assertEquals("/oneM2M/reg_resp/" + credential + "/" + CSE_ID + "/json", registered.topic());
        assertEquals(2001, registered.primitive().path("rsc").asInt(), registered.text());
        assertEquals("/" + CSE_ID, registered.primitive().path("fr").asText());
        String aei = registered.primitive().path("pc").path("m2m:ae").path("aei").asText();
        assertTrue(aei.startsWith("C"), registered.text());

        try (MqttTestClient ae = client(aei)) {
            String cnt = CSE + "/" + rn + "/box";
            MqttTestClient.Message created = ae.call(req(aei), create(CSE + "/" + rn, aei, 3, "{\"m2m:cnt\":{\"rn\":\"box\"}}"));
            assertEquals(resp(aei), created.topic());
            assertEquals(2001, created.primitive().path("rsc").asInt(), created.text());
            assertEquals(aei, created.primitive().path("to").asText());
            assertEquals("/" + CSE_ID, created.primitive().path("fr").asText());

            JsonNode cin = ae.call(req(aei), create(cnt, aei, 4, "{\"m2m:cin\":{\"con\":\"21.5\"}}")).primitive();
            assertEquals(2001, cin.path("rsc").asInt(), cin.toString());

            JsonNode latest = ae.call(req(aei), MqttTestClient.request(2, cnt + "/la", aei)).primitive();
            assertEquals(2000, latest.path("rsc").asInt(), latest.toString());
            assertEquals("21.5", latest.path("pc").path("m2m:cin").path("con").asText());

            ObjectNode discover = MqttTestClient.request(2, CSE + "/" + rn, aei);
            discover.putObject("fc").put("fu", 1).putArray("ty").add(4);
            JsonNode found = ae.call(req(aei), discover).primitive();
            assertEquals(2000, found.path("rsc").asInt(), found.toString());
            assertEquals(1, found.path("pc").path("m2m:uril").size(), found.toString());

            ObjectNode update = MqttTestClient.request(3, cnt, aei);
            update.putObject("pc").putObject("m2m:cnt").putArray("lbl").add("room/kitchen");
            JsonNode updated = ae.call(req(aei), update).primitive();
            assertEquals(2004, updated.path("rsc").asInt(), updated.toString());
            assertEquals("room/kitchen", updated.path("pc").path("m2m:cnt").path("lbl").path(0).asText());

            String otherId = OneM2MClient.unique("Cother");
            try (MqttTestClient other = client(otherId)) {
                registerAe(other, otherId, OneM2MClient.unique("otherAe"), null);
                JsonNode refused = other.call(req(otherId), MqttTestClient.request(2, cnt, otherId)).primitive();
                assertEquals(4103, refused.path("rsc").asInt(), refused.toString());
            }

            JsonNode deleted = ae.call(req(aei), MqttTestClient.request(4, cnt, aei)).primitive();
            assertEquals(2002, deleted.path("rsc").asInt(), deleted.toString());
            JsonNode gone = ae.call(req(aei), MqttTestClient.request(2, cnt, aei)).primitive();
            assertEquals(4004, gone.path("rsc").asInt(), gone.toString());
        }
    }

    @Test
    void ts0010_6_5_3_anXmlRequestIsAnsweredInXml() {
        String originator = OneM2MClient.unique("Cxml");
        try (MqttTestClient c = client(originator)) {
            registerAe(c, originator, OneM2MClient.unique("xmlAe"), null);
            String rqi = MqttTestClient.rqi();
            c.publish("/oneM2M/req/" + originator + "/" + CSE_ID + "/xml", "<m2m:rqp xmlns:m2m=\"http://www.onem2m.org/xml/protocols\">"
                    + "<op>2</op><to>" + CSE + "</to><fr>" + originator + "</fr><rqi>" + rqi + "</rqi><rvi>3</rvi></m2m:rqp>");
            MqttTestClient.Message answer = c.awaitTopic("/oneM2M/resp/" + originator + "/" + CSE_ID + "/xml", Duration.ofSeconds(20));
            assertNotNull(answer, "no answer on the xml response topic");
            assertTrue(answer.text().contains("m2m:rsp") && answer.text().contains("<rsc>2000</rsc>"), answer.text());
        }
    }

    @Test
    void ts0010_6_6_notificationsReachTheAeOnItsPointOfAccessAndOnATopic() {
        String originator = OneM2MClient.unique("Cnote");
        String rn = OneM2MClient.unique("noteAe");
        String topic = "it/notes/" + OneM2MClient.unique("n");
        try (MqttTestClient ae = client(originator); MqttTestClient listener = new MqttTestClient(broker.url(), topic)) {
            String aei = registerAe(ae, originator, rn, broker.poa());
            String cnt = CSE + "/" + rn + "/box";
            assertEquals(2001, ae.call(req(aei), create(CSE + "/" + rn, aei, 3, "{\"m2m:cnt\":{\"rn\":\"box\"}}")).primitive().path("rsc").asInt());
            JsonNode sub = ae.call(req(aei), create(cnt, aei, 23, "{\"m2m:sub\":{\"rn\":\"s\",\"nu\":[\"" + aei + "\",\""
                    + broker.poa() + "/" + topic + "\"],\"enc\":{\"net\":[3]}}}")).primitive();
            assertEquals(2001, sub.path("rsc").asInt(), sub.toString());

            assertEquals(2001, ae.call(req(aei), create(cnt, aei, 4, "{\"m2m:cin\":{\"con\":\"on\"}}")).primitive().path("rsc").asInt());

            // On the AE's point of access: a request on its req topic, answered on its resp topic.
            MqttTestClient.Message notify = ae.awaitTopic("/oneM2M/req/" + CSE_ID + "/" + aei + "/json", Duration.ofSeconds(20));
            assertNotNull(notify, () -> "no Notify on the AE's request topic; the CSE said:\n" + String.join("\n", keel.output()));
            assertEquals(5, notify.primitive().path("op").asInt(), notify.text());
            assertEquals("on", notify.primitive().path("pc").path("m2m:sgn").path("nev").path("rep").path("m2m:cin").path("con").asText(), notify.text());
            ObjectNode ok = MqttTestClient.JSON.createObjectNode().put("rsc", 2000).put("rqi", notify.primitive().path("rqi").asText());
            ae.publish("/oneM2M/resp/" + CSE_ID + "/" + aei + "/json", ok);

            // On a notificationURI's topic: its verification first, then the notification.
            MqttTestClient.Message onTopic;
            do {
                onTopic = listener.awaitTopic(topic, Duration.ofSeconds(20));
                assertNotNull(onTopic, "no Notify on " + topic);
            } while (onTopic.primitive().path("pc").path("m2m:sgn").path("vrq").asBoolean(false));
            assertEquals("on", onTopic.primitive().path("pc").path("m2m:sgn").path("nev").path("rep").path("m2m:cin").path("con").asText(), onTopic.text());
        }
    }

    @Test
    void ts0010_6_4_3_aMalformedPayloadIsAnswered4000() {
        String originator = OneM2MClient.unique("Cbad");
        try (MqttTestClient c = client(originator)) {
            c.publish(req(originator), "{\"op\": 2, \"to\": ");
            MqttTestClient.Message answer = c.awaitTopic(resp(originator), Duration.ofSeconds(20));
            assertNotNull(answer, "no answer to a malformed request");
            assertEquals(4000, answer.primitive().path("rsc").asInt(), answer.text());
            assertTrue(answer.primitive().path("pc").path("m2m:dbg").asText().length() > 0, answer.text());
        }
    }

    @Test
    void ts0010_7_2_aFromOtherThanTheTopicsOriginatorIsRefused() {
        String originator = OneM2MClient.unique("Cme");
        try (MqttTestClient c = client(originator)) {
            JsonNode rsp = c.call(req(originator), MqttTestClient.request(2, CSE, "CAdmin")).primitive();
            assertEquals(4000, rsp.path("rsc").asInt(), rsp.toString());
            assertTrue(rsp.path("pc").path("m2m:dbg").asText().contains("TS-0010 7.2"), rsp.toString());
        }
    }

    @Test
    void ts0010_6_4_1_1_aRedeliveredRequestIsExecutedOnce() {
        String originator = OneM2MClient.unique("Cdup");
        String rn = OneM2MClient.unique("dupAe");
        try (MqttTestClient c = client(originator)) {
            String aei = registerAe(c, originator, rn, null);
            String cnt = CSE + "/" + rn + "/box";
            assertEquals(2001, c.call(req(aei), create(CSE + "/" + rn, aei, 3, "{\"m2m:cnt\":{\"rn\":\"box\"}}")).primitive().path("rsc").asInt());
            ObjectNode cin = create(cnt, aei, 4, "{\"m2m:cin\":{\"con\":\"once\"}}");
            JsonNode first = c.call(req(aei), cin).primitive();
            JsonNode again = c.call(req(aei), cin).primitive();
            assertEquals(2001, first.path("rsc").asInt(), first.toString());
            assertEquals(first.toString(), again.toString());
            JsonNode container = c.call(req(aei), MqttTestClient.request(2, cnt, aei)).primitive();
            assertEquals(1, container.path("pc").path("m2m:cnt").path("cni").asInt(), container.toString());
        }
    }

    @Test
    void ts0010_6_6_theCseBaseOffersItsMqttPointOfAccess() {
        try (MqttTestClient admin = client("CAdmin")) {
            JsonNode cb = admin.call(req("CAdmin"), MqttTestClient.request(2, CSE, "CAdmin")).primitive();
            assertTrue(cb.path("pc").path("m2m:cb").path("poa").toString().contains(broker.poa()), cb.toString());
        }
    }

    @Test
    void ts0010_6_6_aPointOfAccessPathPrefixesTheTopicsOfRequestsAndAnswers() {
        String aei = OneM2MClient.unique("Cprefix");
        String rn = OneM2MClient.unique("prefixAe");
        String prefix = "site/a";
        String notifyTopic = prefix + "/oneM2M/req/" + CSE_ID + "/" + aei + "/json";
        try (MqttTestClient ae = new MqttTestClient(broker.url(), "/oneM2M/resp/" + aei + "/#", prefix + "/oneM2M/req/+/" + aei + "/#");
             MqttTestClient admin = client("CAdmin")) {
            assertEquals(aei, registerAe(ae, aei, rn, broker.poa() + "/" + prefix));
            String cnt = CSE + "/" + rn + "/box";
            assertEquals(2001, ae.call(req(aei), create(CSE + "/" + rn, aei, 3, "{\"m2m:cnt\":{\"rn\":\"box\"}}")).primitive().path("rsc").asInt());

            // Someone else subscribes the AE: the CSE verifies with it (TS-0004 7.4.8.2.1) on the prefixed topic, and
            // creates the subscription only when it takes the AE's answer from the prefixed resp topic.
            ObjectNode sub = create(cnt, "CAdmin", 23, "{\"m2m:sub\":{\"rn\":\"s\",\"nu\":[\"" + aei + "\"],\"enc\":{\"net\":[3]}}}");
            admin.publish(req("CAdmin"), sub);
            MqttTestClient.Message verification = ae.awaitTopic(notifyTopic, Duration.ofSeconds(20));
            assertNotNull(verification, () -> "no verification request on " + notifyTopic + "; the CSE said:\n" + String.join("\n", keel.output()));
            assertTrue(verification.primitive().path("pc").path("m2m:sgn").path("vrq").asBoolean(), verification.text());
            ae.publish(prefix + "/oneM2M/resp/" + CSE_ID + "/" + aei + "/json", MqttTestClient.JSON.createObjectNode()
                    .put("rsc", 2000).put("rqi", verification.primitive().path("rqi").asText()));
            MqttTestClient.Message created = admin.awaitRqi(sub.path("rqi").asText(), Duration.ofSeconds(20));
            assertNotNull(created, "no answer to the subscription");
            assertEquals(2001, created.primitive().path("rsc").asInt(), created.text());

            assertEquals(2001, ae.call(req(aei), create(cnt, aei, 4, "{\"m2m:cin\":{\"con\":\"prefixed\"}}")).primitive().path("rsc").asInt());
            MqttTestClient.Message notify = ae.awaitTopic(notifyTopic, Duration.ofSeconds(20));
            assertNotNull(notify, "no Notify on " + notifyTopic);
            assertEquals("prefixed", notify.primitive().path("pc").path("m2m:sgn").path("nev").path("rep").path("m2m:cin").path("con").asText(), notify.text());
            ae.publish(prefix + "/oneM2M/resp/" + CSE_ID + "/" + aei + "/json", MqttTestClient.JSON.createObjectNode()
                    .put("rsc", 2000).put("rqi", notify.primitive().path("rqi").asText()));
        }
    }

    @Test
    void ts0010_6_5_3_anAeSpeakingCborDoesCrudOnCborTopics() {
        String aei = OneM2MClient.unique("Ccbor");
        String rn = OneM2MClient.unique("cborAe");
        String reqTopic = "/oneM2M/req/" + aei + "/" + CSE_ID + "/cbor";
        try (MqttTestClient ae = client(aei)) {
            RequestPrimitive register = cbor(Operation.CREATE, CSE, aei);
            register.resourceType = 2;
            register.content = Map.of("m2m:ae", Map.of("rn", rn, "api", "Ncbor", "rr", false, "srv", List.of("3")));
            ResponsePrimitive registered = callCbor(ae, reqTopic, register);
            assertEquals(ResponseStatusCode.CREATED, registered.responseStatusCode, String.valueOf(registered.content));
            assertEquals(aei, registered.to);

            RequestPrimitive container = cbor(Operation.CREATE, CSE + "/" + rn, aei);
            container.resourceType = 3;
            container.content = Map.of("m2m:cnt", Map.of("rn", "box", "mni", 5));
            assertEquals(ResponseStatusCode.CREATED, callCbor(ae, reqTopic, container).responseStatusCode);

            RequestPrimitive update = cbor(Operation.UPDATE, CSE + "/" + rn + "/box", aei);
            update.content = Map.of("m2m:cnt", Map.of("lbl", List.of("cbor")));
            assertEquals(ResponseStatusCode.UPDATED, callCbor(ae, reqTopic, update).responseStatusCode);

            ResponsePrimitive read = callCbor(ae, reqTopic, cbor(Operation.RETRIEVE, CSE + "/" + rn + "/box", aei));
            assertEquals(ResponseStatusCode.OK, read.responseStatusCode);
            Map<?, ?> cnt = (Map<?, ?>) ((Map<?, ?>) read.content).get("m2m:cnt");
            assertEquals(List.of("cbor"), cnt.get("lbl"), String.valueOf(read.content));
            assertEquals(5, ((Number) cnt.get("mni")).intValue(), String.valueOf(read.content));

            assertEquals(ResponseStatusCode.DELETED, callCbor(ae, reqTopic, cbor(Operation.DELETE, CSE + "/" + rn + "/box", aei)).responseStatusCode);
            assertEquals(ResponseStatusCode.NOT_FOUND, callCbor(ae, reqTopic, cbor(Operation.RETRIEVE, CSE + "/" + rn + "/box", aei)).responseStatusCode);
        }
    }

    private static RequestPrimitive cbor(Operation op, String to, String from) {
        RequestPrimitive r = new RequestPrimitive();
        r.operation = op;
        r.to = to;
        r.from = from;
        r.requestIdentifier = MqttTestClient.rqi();
        r.releaseVersionIndicator = "3";
        return r;
    }

    /** Publishes the request in CBOR and reads its answer, in CBOR, from the cbor resp topic. */
    private static ResponsePrimitive callCbor(MqttTestClient c, String topic, RequestPrimitive request) {
        String respTopic = topic.replace("/oneM2M/req/", "/oneM2M/resp/");
        c.publish(topic, PrimitiveCodec.encode(request, Serialization.CBOR));
        MqttTestClient.Message m = c.await(x -> x.topic().equals(respTopic)
                && request.requestIdentifier.equals(PrimitiveCodec.decodeResponse(x.payload(), Serialization.CBOR).requestIdentifier),
                Duration.ofSeconds(20));
        assertNotNull(m, "no answer to " + request.requestIdentifier + " on " + respTopic);
        return PrimitiveCodec.decodeResponse(m.payload(), Serialization.CBOR);
    }
}
