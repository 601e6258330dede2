package io.keel.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * An AE (or anybody) on MQTT as TS-0010 has it: publishes request primitives in JSON on
 * {@code /oneM2M/req/<originator>/<receiver>/json} and reads what arrives on the topics it subscribed to.
 */
final class MqttTestClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong RQI = new AtomicLong();

    /** A message as it arrived: its topic, the payload, and the payload read as JSON (null when it is not JSON). */
    record Message(String topic, JsonNode primitive, String text, byte[] payload) {
    }

    private final MqttClient client;
    private final List<Message> arrived = new ArrayList<>();

    MqttTestClient(String serverUrl, String... filters) {
        this(null, null, serverUrl, filters);
    }

    /** A client that logs in with a user name and password (a server with password_file), or anonymously (null). */
    static MqttTestClient login(String username, String password, String serverUrl, String... filters) {
        return new MqttTestClient(username, password, serverUrl, filters);
    }

    private MqttTestClient(String username, String password, String serverUrl, String[] filters) {
        try {
            client = new MqttClient(serverUrl, OneM2MClient.unique("it-"), new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setAutomaticReconnect(true);
            if (username != null) {
                o.setUserName(username);
                o.setPassword(password.toCharArray());
            }
            client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                    String text = new String(message.getPayload(), StandardCharsets.UTF_8);
                    JsonNode node;
                    try {
                        node = JSON.readTree(text);
                    } catch (Exception e) {
                        node = null;
                    }
                    synchronized (arrived) {
                        arrived.add(new Message(topic, node, text, message.getPayload()));
                        arrived.notifyAll();
                    }
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                }
            });
            client.connect(o);
            for (String f : filters) {
                client.subscribe(f, 1);
            }
        } catch (MqttException e) {
            throw new AssertionError("cannot connect to " + serverUrl + ": " + e, e);
        }
    }

    static String rqi() {
        return "mqtt-it-" + RQI.incrementAndGet();
    }

    /** A request primitive: op, to, fr (when not null), rqi, rvi and the given members. */
    static ObjectNode request(int op, String to, String fr) {
        ObjectNode p = JSON.createObjectNode();
        p.put("op", op).put("to", to).put("rqi", rqi()).put("rvi", "3");
        if (fr != null) {
            p.put("fr", fr);
        }
        return p;
    }

    void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    void publish(String topic, byte[] payload) {
        try {
            client.publish(topic, payload, 1, false);
        } catch (MqttException e) {
            throw new AssertionError("cannot publish to " + topic + ": " + e, e);
        }
    }

    void publish(String topic, JsonNode primitive) {
        publish(topic, primitive.toString());
    }

    /** The first message (in arrival order) whose primitive has this rqi, or null when none comes in time. */
    Message awaitRqi(String rqi, Duration timeout) {
        return await(m -> m.primitive() != null && rqi.equals(m.primitive().path("rqi").asText()), timeout);
    }

    /** The first message on this topic, or null when none comes in time. */
    Message awaitTopic(String topic, Duration timeout) {
        return await(m -> m.topic().equals(topic), timeout);
    }

    /** Takes the first message that matches; the others stay for later waits (a Notify may come before an answer). */
    Message await(Predicate<Message> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrived) {
            while (true) {
                for (Iterator<Message> it = arrived.iterator(); it.hasNext(); ) {
                    Message m = it.next();
                    if (wanted.test(m)) {
                        it.remove();
                        return m;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return null;
                }
                try {
                    arrived.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Publishes a request and waits for the answer with its rqi. */
    Message call(String topic, JsonNode primitive) {
        publish(topic, primitive);
        Message m = awaitRqi(primitive.path("rqi").asText(), Duration.ofSeconds(20));
        if (m == null) {
            throw new AssertionError("no answer to " + primitive + " on " + topic);
        }
        return m;
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        } catch (MqttException e) {
            // gone already
        }
    }
}
