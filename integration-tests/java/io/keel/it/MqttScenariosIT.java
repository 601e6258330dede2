package io.keel.it;

import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import io.keel.serialization.PrimitiveCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared scenarios over the MQTT binding (TS-0010), the executable WAR against a private Mosquitto: each request
 * primitive is published on {@code /oneM2M/req/<fr>/<CSE>/json} and its answer read from the resp topic; the AEs of
 * the test receive on {@code /oneM2M/req/<CSE>/<AE-ID>/json} (their poa is the server's {@code mqtt://} URI) and answer
 * 2000 at once.
 */
class MqttScenariosIT implements PrimitiveScenarios {
    private static final String CSE_ID = "id-mqsc";
    private static Mosquitto broker;
    private static KeelProcess keel;
    private static MqttClient client;
    private static final Map<String, CompletableFuture<ResponsePrimitive>> answers = new ConcurrentHashMap<>();
    private static final Map<String, BlockingQueue<RequestPrimitive>> received = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws MqttException {
        broker = Mosquitto.start();
        keel = KeelProcess.start(Map.of("KEEL_MQTT_URL", broker.url(), "KEEL_CSE_ID", CSE_ID));
        client = new MqttClient(broker.url(), OneM2MClient.unique("scenarios-"), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                arrived(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        client.connect(o);
        // Answers to the test's requests, and the CSE's requests for the test's AEs.
        client.subscribe(new String[] {"/oneM2M/resp/+/" + CSE_ID + "/#", "/oneM2M/req/" + CSE_ID + "/+/#"}, new int[] {1, 1});
        Eventually.holds(Duration.ofSeconds(30), () -> {
            RequestPrimitive ping = PrimitiveScenarios.request(io.keel.primitive.Operation.RETRIEVE, "cse-in", "CAdmin");
            CompletableFuture<ResponsePrimitive> a = publish(ping);
            try {
                return a.get(1, TimeUnit.SECONDS) != null;
            } catch (Exception e) {
                return false;
            }
        }, "an answer of the CSE over MQTT");
    }

    @AfterAll
    static void stop() throws MqttException {
        if (client != null) {
            client.disconnect();
            client.close();
        }
        if (keel != null) {
            keel.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static void arrived(String topic, byte[] payload) {
        String[] levels = topic.split("/");
        if (topic.startsWith("/oneM2M/resp/")) {
            ResponsePrimitive rsp = PrimitiveCodec.decodeResponse(payload, Serialization.JSON);
            CompletableFuture<ResponsePrimitive> waiting = answers.remove(rsp.requestIdentifier);
            if (waiting != null) {
                waiting.complete(rsp);
            }
            return;
        }
        // levels: "", oneM2M, req, <CSE>, <AE-ID>, json
        String ae = levels[4];
        RequestPrimitive req = PrimitiveCodec.decodeRequest(payload, Serialization.JSON, Instant.now());
        ResponsePrimitive ok = new ResponsePrimitive(ResponseStatusCode.OK, null);
        ok.requestIdentifier = req.requestIdentifier;
        try {
            client.publish("/oneM2M/resp/" + CSE_ID + "/" + ae + "/json", PrimitiveCodec.encode(ok, Serialization.JSON), 1, false);
        } catch (MqttException e) {
            throw new AssertionError(e);
        }
        received.computeIfAbsent(ae, k -> new LinkedBlockingQueue<>()).add(req);
    }

    private static CompletableFuture<ResponsePrimitive> publish(RequestPrimitive request) {
        CompletableFuture<ResponsePrimitive> answer = new CompletableFuture<>();
        answers.put(request.requestIdentifier, answer);
        String originator = request.from == null || request.from.isEmpty() ? "Cnone" : request.from.replaceFirst("^/+", "").replace('/', ':');
        try {
            client.publish("/oneM2M/req/" + originator + "/" + CSE_ID + "/json", PrimitiveCodec.encode(request, Serialization.JSON), 1, false);
        } catch (MqttException e) {
            throw new AssertionError(e);
        }
        return answer;
    }

    @Override
    public ResponsePrimitive exchange(RequestPrimitive request) throws Exception {
        return publish(request).get(15, TimeUnit.SECONDS);
    }

    @Override
    public List<String> aePointOfAccess(String originator) {
        return List.of(broker.poa());
    }

    @Override
    public RequestPrimitive requestReceivedBy(String originator, Duration timeout) throws Exception {
        return received.computeIfAbsent(originator, k -> new LinkedBlockingQueue<>()).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
