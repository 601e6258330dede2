package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The CSE and an MQTT server that is not there yet, then goes away and comes back (TS-0010 6.3.3: a client may keep
 * its connection open permanently, restarting it as soon as possible after a loss): the CSE keeps trying, says so
 * once per outage, and subscribes again.
 */
class MqttReconnectIT {
    private static final String CSE_ID = "id-mqre";

    @Test
    void ts0010_6_3_3_aServerThatComesLaterAndRestartsIsUsed() throws Exception {
        Mosquitto broker = Mosquitto.notStarted();
        AtomicInteger attempts = new AtomicInteger();
        KeelProcess keel = null;
        // Until the server starts, a socket that turns each connection attempt away, counting them.
        ServerSocket refuser = new ServerSocket(broker.port(), 50, InetAddress.getLoopbackAddress());
        Thread counter = new Thread(() -> {
            while (!refuser.isClosed()) {
                try (Socket s = refuser.accept()) {
                    attempts.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        counter.setDaemon(true);
        counter.start();
        try {
            keel = KeelProcess.start(Map.of("KEEL_MQTT_URL", broker.url(), "KEEL_MQTT_RECONNECT_MAX", "300",
                    "KEEL_CSE_ID", CSE_ID, "KEEL_CSE_NAME", "cse-mqre"));
            Eventually.holds(Duration.ofSeconds(60), () -> attempts.get() >= 4, "four connection attempts");
            refuser.close();
            counter.join();
            assertEquals(1, warnings(keel), String.join("\n", keel.output()));

            broker.startAgain();
            answers(broker);

            broker.stop();
            KeelProcess k = keel;
            Eventually.holds(Duration.ofSeconds(30), () -> warnings(k) == 2, "a warning about the lost connection");
            broker.startAgain();
            answers(broker); // subscribed again: Mosquitto kept no session across its restart
            assertEquals(2, warnings(keel), String.join("\n", keel.output()));
        } finally {
            refuser.close();
            if (keel != null) {
                keel.close();
            }
            broker.close();
        }
    }

    /** Lines of the one WARNING an outage gives. */
    private static long warnings(KeelProcess keel) {
        return keel.output().stream().filter(l -> l.contains("trying again until it answers")).count();
    }

    /** Waits until the CSE answers a request over the server. */
    private static void answers(Mosquitto broker) {
        try (MqttTestClient admin = new MqttTestClient(broker.url(), "/oneM2M/resp/CAdmin/#")) {
            Eventually.holds(Duration.ofSeconds(60), () -> {
                ObjectNode retrieve = MqttTestClient.request(2, "cse-mqre", "CAdmin");
                admin.publish("/oneM2M/req/CAdmin/" + CSE_ID + "/json", retrieve);
                return admin.awaitRqi(retrieve.path("rqi").asText(), Duration.ofSeconds(1)) != null;
            }, "an answer of the CSE over MQTT");
        }
    }
}
