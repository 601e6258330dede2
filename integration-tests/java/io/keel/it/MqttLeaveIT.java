package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * TS-0010 6.3.3, leaving an MQTT server for good: a normal stop keeps the CSE's session (clean session false), a start
 * without keel.mqtt.url deletes it at the server it had (connect with clean session true, disconnect), once.
 */
class MqttLeaveIT {
    private static final String CSE_ID = "id-mqleave";
    private static final String CLIENT = "C::" + CSE_ID;

    @Test
    void ts0010_6_3_3_theSessionIsDeletedWhenTheBindingIsSwitchedOff() throws Exception {
        Path data = Files.createTempDirectory("keel-leave");
        try (Mosquitto broker = Mosquitto.start()) {
            try (KeelProcess keel = KeelProcess.start(Map.of("KEEL_MQTT_URL", broker.url(), "KEEL_CSE_ID", CSE_ID,
                    "KEEL_DATA_DIR", data.toString()))) {
                answers(broker);
            }
            try (KeelProcess again = KeelProcess.start(Map.of("KEEL_MQTT_URL", broker.url(), "KEEL_CSE_ID", CSE_ID,
                    "KEEL_DATA_DIR", data.toString()))) {
                answers(broker);
            }
            assertEquals(List.of(), cleanConnects(broker), "a normal stop and start keeps the session");
            assertEquals(2, connects(broker).size(), String.join("\n", broker.output()));

            try (KeelProcess off = KeelProcess.start(Map.of("KEEL_CSE_ID", CSE_ID, "KEEL_DATA_DIR", data.toString()))) {
                Eventually.holds(Duration.ofSeconds(60), () -> off.output().stream().anyMatch(l -> l.contains("for good")),
                        "the CSE says it left the server");
                assertTrue(off.output().stream().anyMatch(l -> l.contains("MQTT: left " + broker.url() + " for good")),
                        String.join("\n", off.output()));
                List<String> log = broker.output();
                assertEquals(1, cleanConnects(broker).size(), String.join("\n", log));
                int clean = log.indexOf(cleanConnects(broker).get(0));
                Eventually.holds(Duration.ofSeconds(30), () -> broker.output().subList(clean, broker.output().size()).stream()
                        .anyMatch(l -> l.contains("Client " + CLIENT + " disconnected")), "a disconnect after the clean connect");
                assertFalse(Files.exists(data.resolve("mqtt-session")));
            }
            try (KeelProcess offAgain = KeelProcess.start(Map.of("KEEL_CSE_ID", CSE_ID, "KEEL_DATA_DIR", data.toString()))) {
                assertFalse(offAgain.output().stream().anyMatch(l -> l.contains("for good")), "nothing left to leave");
            }
            assertEquals(1, cleanConnects(broker).size(), String.join("\n", broker.output()));
        }
    }

    @Test
    void ts0010_6_3_3_movingToAnotherServerDeletesTheSessionAtTheOldOne() throws Exception {
        Path data = Files.createTempDirectory("keel-move");
        try (Mosquitto old = Mosquitto.start(); Mosquitto next = Mosquitto.start()) {
            try (KeelProcess keel = KeelProcess.start(Map.of("KEEL_MQTT_URL", old.url(), "KEEL_CSE_ID", CSE_ID,
                    "KEEL_DATA_DIR", data.toString()))) {
                answers(old);
            }
            try (KeelProcess moved = KeelProcess.start(Map.of("KEEL_MQTT_URL", next.url(), "KEEL_CSE_ID", CSE_ID,
                    "KEEL_DATA_DIR", data.toString()))) {
                answers(next);
                Eventually.holds(Duration.ofSeconds(30), () -> cleanConnects(old).size() == 1, "a clean connect at the old server");
                assertEquals(List.of(), cleanConnects(next), "the new server's session is kept");
                assertTrue(moved.output().stream().anyMatch(l -> l.contains("MQTT: left " + old.url() + " for good")),
                        String.join("\n", moved.output()));
                assertEquals(List.of(next.url(), CLIENT), Files.readAllLines(data.resolve("mqtt-session")));
            }
        }
    }

    /** Mosquitto's line for each connect of the CSE: {@code ... as C::id (p2, c0, k30).}, c1 for a clean session. */
    private static List<String> connects(Mosquitto broker) {
        return broker.output().stream().filter(l -> l.contains("New client connected") && l.contains(" as " + CLIENT + " ")).toList();
    }

    private static List<String> cleanConnects(Mosquitto broker) {
        return connects(broker).stream().filter(l -> l.contains(" c1")).toList();
    }

    private static void answers(Mosquitto broker) {
        try (MqttTestClient admin = new MqttTestClient(broker.url(), "/oneM2M/resp/CAdmin/#")) {
            Eventually.holds(Duration.ofSeconds(60), () -> {
                ObjectNode retrieve = MqttTestClient.request(2, "cse-in", "CAdmin");
                admin.publish("/oneM2M/req/CAdmin/" + CSE_ID + "/json", retrieve);
                return admin.awaitRqi(retrieve.path("rqi").asText(), Duration.ofSeconds(1)) != null;
            }, "an answer of the CSE over MQTT");
        }
    }
}
