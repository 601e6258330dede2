package io.keel.binding.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.binding.mqtt.MqttTopics.Kind;
import io.keel.core.Outbound.Hop;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import io.keel.serialization.PrimitiveCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MqttSenderTest {
    private record Published(String topic, byte[] payload) {
    }

    private final List<Published> published = new ArrayList<>();
    private final List<String> subscribed = new ArrayList<>();
    private boolean connected = true;
    private final MqttLink link = new MqttLink() {
        @Override
        public boolean isConnected() {
            return connected;
        }

        @Override
        public CompletableFuture<Void> publish(String topic, byte[] payload) {
            published.add(new Published(topic, payload));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void subscribe(String filter) {
            subscribed.add(filter);
        }
    };
    private final MqttSender sender = new MqttSender(link, MqttAddress.parse("mqtt://127.0.0.1:1883"), "id-in", 60_000);

    private static RequestPrimitive notify(String to) {
        RequestPrimitive n = new RequestPrimitive();
        n.operation = Operation.NOTIFY;
        n.to = to;
        n.from = "/id-in";
        n.requestIdentifier = "n1";
        n.content = Map.of("m2m:sgn", Map.of("vrq", true));
        return n;
    }

    private static ResponsePrimitive answer(String rqi, ResponseStatusCode rsc) {
        ResponsePrimitive rsp = new ResponsePrimitive(rsc, null);
        rsp.requestIdentifier = rqi;
        return rsp;
    }

    @Test
    void ts0010_6_6_aPointOfAccessGetsTheRequestOnItsReqTopicAndTheAnswerOnResp() {
        CompletableFuture<ResponsePrimitive> rsp = sender.send(notify("Cae01"), "mqtt://127.0.0.1:1883", Serialization.JSON);
        assertEquals("/oneM2M/req/id-in/Cae01/json", published.get(0).topic());
        RequestPrimitive sent = PrimitiveCodec.decodeRequest(published.get(0).payload(), Serialization.JSON, Instant.now());
        assertEquals(Operation.NOTIFY, sent.operation);
        assertFalse(rsp.isDone());
        sender.answered(MqttTopics.parse("/oneM2M/resp/id-in/Cae01/json"),
                PrimitiveCodec.encode(answer("n1", ResponseStatusCode.OK), Serialization.JSON));
        assertEquals(ResponseStatusCode.OK, rsp.join().responseStatusCode);
    }

    @Test
    void ts0010_6_4_3_anAnswerFromAnotherReceiverDoesNotCount() {
        CompletableFuture<ResponsePrimitive> rsp = sender.send(notify("Cae01"), "mqtt://127.0.0.1:1883", Serialization.JSON);
        sender.answered(MqttTopics.parse("/oneM2M/resp/id-in/Cother/json"),
                PrimitiveCodec.encode(answer("n1", ResponseStatusCode.OK), Serialization.JSON));
        assertFalse(rsp.isDone());
    }

    @Test
    void ts0010_6_6_anAeOfThisCseIsAddressedByItsStem() {
        sender.send(notify("/id-in/Cae01"), "mqtt://127.0.0.1", Serialization.CBOR);
        assertEquals("/oneM2M/req/id-in/Cae01/cbor", published.get(0).topic());
    }

    @Test
    void ts0010_6_6_aPointOfAccessPathIsATopicPrefix() {
        sender.send(notify("Cae01"), "mqtt://127.0.0.1:1883/site/a", Serialization.XML);
        assertEquals("site/a/oneM2M/req/id-in/Cae01/xml", published.get(0).topic());
        assertEquals(List.of("site/a/oneM2M/resp/id-in/#"), subscribed);
    }

    @Test
    void ts0010_6_6_aNotificationUriPathIsTheWholeTopic() {
        String nu = "mqtt://127.0.0.1:1883/my/notifications";
        ResponsePrimitive rsp = sender.send(notify(nu), nu, Serialization.JSON).join();
        assertEquals("my/notifications", published.get(0).topic());
        assertEquals(ResponseStatusCode.OK, rsp.responseStatusCode);
    }

    @Test
    void ts0010_6_4_2_aForwardedRequestGoesToTheNextHopsCseId() {
        RequestPrimitive req = notify("/id-in/cse-in/cnt");
        req.operation = Operation.RETRIEVE;
        CompletableFuture<ResponsePrimitive> rsp = sender.forward(req, Serialization.JSON,
                new Hop("mqtt://127.0.0.1:1883", null, 60_000, "/id-in2"));
        assertEquals("/oneM2M/req/id-in/id-in2/json", published.get(0).topic());
        sender.answered(MqttTopics.parse("/oneM2M/resp/id-in/id-in2/json"),
                PrimitiveCodec.encode(answer("n1", ResponseStatusCode.OK), Serialization.JSON));
        assertEquals(ResponseStatusCode.OK, rsp.join().responseStatusCode);
    }

    @Test
    void anotherServerIsUnreachable() {
        ResponsePrimitive rsp = sender.send(notify("Cae01"), "mqtt://broker.example:1883", Serialization.JSON).join();
        assertEquals(ResponseStatusCode.TARGET_NOT_REACHABLE, rsp.responseStatusCode);
        assertTrue(String.valueOf(rsp.content).contains("another MQTT server"), String.valueOf(rsp.content));
        assertTrue(published.isEmpty());
    }

    @Test
    void withoutConnectionTheReceiverIsUnreachableAtOnce() {
        connected = false;
        ResponsePrimitive rsp = sender.send(notify("Cae01"), "mqtt://127.0.0.1:1883", Serialization.JSON).join();
        assertEquals(ResponseStatusCode.TARGET_NOT_REACHABLE, rsp.responseStatusCode);
        assertTrue(String.valueOf(rsp.content).contains("not connected"), String.valueOf(rsp.content));
    }

    @Test
    void aNextHopWithoutCseIdIsUnreachable() {
        ResponsePrimitive rsp = sender.forward(notify("/x/y"), Serialization.JSON,
                new Hop("mqtt://127.0.0.1:1883", null, 1_000)).join();
        assertEquals(ResponseStatusCode.TARGET_NOT_REACHABLE, rsp.responseStatusCode);
    }

    @Test
    void noAnswerInTimeIs4008() {
        MqttSender impatient = new MqttSender(link, MqttAddress.parse("mqtt://127.0.0.1:1883"), "id-in", 1);
        ResponsePrimitive rsp = impatient.send(notify("Cae01"), "mqtt://127.0.0.1:1883", Serialization.JSON).join();
        assertEquals(ResponseStatusCode.REQUEST_TIMEOUT, rsp.responseStatusCode);
    }

    @Test
    void ts0010_6_6_defaultPortsAndSchemes() {
        assertEquals(new MqttAddress(false, "h", 1883, ""), MqttAddress.parse("mqtt://h"));
        assertEquals(new MqttAddress(true, "h", 8883, "a/b"), MqttAddress.parse("mqtts://h/a/b"));
        assertTrue(sender.reaches("MQTT://h:1"));
        assertTrue(sender.reaches("mqtts://h"));
        assertFalse(sender.reaches("http://h"));
        assertEquals(Kind.RESP, Kind.REQ.answer());
    }
}
