package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The MQTT binding with a server that protects itself (TS-0010 7.1, 6.3.3): TLS with a certificate of a private CA
 * that Keel trusts through {@code keel.mqtt.tls.truststore}, and clients that log in with a user name and password.
 * A server Keel cannot trust, or that refuses its password, leaves Keel running and disconnected with one WARNING.
 */
class MqttSecurityIT {

    @Test
    void ts0010_7_1_overTlsWithATrustedServerCertificate() {
        TestCertificates certs = TestCertificates.create("mqtt");
        int plain = ServerProcess.freePort();
        // The TLS listener is Keel's; the test's own client uses a plain one of the same server.
        try (Mosquitto broker = Mosquitto.configured(true, tlsFiles(certs) + "\nallow_anonymous true",
                "listener " + plain + " 127.0.0.1");
             KeelProcess keel = KeelProcess.start(env("id-mqtls", broker.url(), Map.of(
                     "KEEL_MQTT_TLS_TRUSTSTORE", certs.trustStore().toString(),
                     "KEEL_MQTT_TLS_TRUSTSTORE_PASSWORD", TestCertificates.PASSWORD)))) {
            crud("tcp://127.0.0.1:" + plain, null, null, "id-mqtls", keel);
        }
    }

    @Test
    void ts0010_7_1_anUntrustedServerCertificateKeepsKeelDisconnectedWithOneWarning() {
        TestCertificates certs = TestCertificates.create("mqtt");
        TestCertificates other = TestCertificates.create("other");
        try (Mosquitto broker = Mosquitto.configured(true, tlsFiles(certs), "allow_anonymous true");
             KeelProcess keel = KeelProcess.start(env("id-mqbadtls", broker.url(), Map.of(
                     "KEEL_MQTT_TLS_TRUSTSTORE", other.trustStore().toString(),
                     "KEEL_MQTT_TLS_TRUSTSTORE_PASSWORD", TestCertificates.PASSWORD, "KEEL_MQTT_RECONNECT_MAX", "300")))) {
            Eventually.holds(Duration.ofSeconds(60), () -> connectionsSeen(broker) >= 4, "four connection attempts");
            List<String> warnings = mqttWarnings(keel);
            assertEquals(1, warnings.size(), String.join("\n", keel.output()));
            assertContains(warnings.get(0), "not trusted");
            assertEquals(0, subscriptions(broker), String.join("\n", broker.output()));
            assertNoStackTrace(keel);
        }
    }

    @Test
    void ts0010_6_3_3_withUserNameAndPassword() {
        Path passwords = passwordFile("keel", "s3cret", "it", "itpass");
        try (Mosquitto broker = Mosquitto.configured(false, "allow_anonymous false", "password_file " + passwords);
             KeelProcess keel = KeelProcess.start(env("id-mqpw", broker.url(), Map.of(
                     "KEEL_MQTT_USERNAME", "keel", "KEEL_MQTT_PASSWORD", "s3cret")))) {
            crud(broker.url(), "it", "itpass", "id-mqpw", keel);
        }
    }

    @Test
    void ts0010_6_3_3_aWrongPasswordGivesOneWarningAndNoCrash() {
        Path passwords = passwordFile("keel", "s3cret", "it", "itpass");
        try (Mosquitto broker = Mosquitto.configured(false, "allow_anonymous false", "password_file " + passwords);
             KeelProcess keel = KeelProcess.start(env("id-mqbadpw", broker.url(), Map.of(
                     "KEEL_MQTT_USERNAME", "keel", "KEEL_MQTT_PASSWORD", "wrong", "KEEL_MQTT_RECONNECT_MAX", "300")))) {
            Eventually.holds(Duration.ofSeconds(60), () -> connectionsSeen(broker) >= 4, "four connection attempts");
            List<String> warnings = mqttWarnings(keel);
            assertEquals(1, warnings.size(), String.join("\n", keel.output()));
            assertContains(warnings.get(0), "user name or password");
            assertNoStackTrace(keel);
            // Still serving over HTTP: the CSE runs without its MQTT server.
            assertEquals(200, new OneM2MClient(keel.base()).get("/cse-in").from("CAdmin").send().status());
        }
    }

    private static String tlsFiles(TestCertificates certs) {
        return "cafile " + certs.caPem() + "\ncertfile " + certs.serverPem() + "\nkeyfile " + certs.serverKeyPem();
    }

    private static Map<String, String> env(String cseId, String url, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.put("KEEL_MQTT_URL", url);
        env.put("KEEL_CSE_ID", cseId);
        return env;
    }

    /** A Mosquitto password file with hashed passwords, made by mosquitto_passwd. */
    private static Path passwordFile(String... userPasswordPairs) {
        try {
            Path file = Files.createTempFile("mosquitto", ".passwd");
            for (int i = 0; i < userPasswordPairs.length; i += 2) {
                ServerProcess.run(List.of("mosquitto_passwd", "-b", file.toString(), userPasswordPairs[i], userPasswordPairs[i + 1]),
                        file.getParent());
            }
            file.toFile().setReadable(true, false);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers an AE over MQTT (through the server Keel is connected to) and creates, reads, deletes a container. */
    private static void crud(String url, String user, String password, String cseId, KeelProcess keel) {
        String ae = OneM2MClient.unique("Csec");
        try (MqttTestClient c = MqttTestClient.login(user, password, url, "/oneM2M/resp/" + ae + "/#")) {
            String req = "/oneM2M/req/" + ae + "/" + cseId + "/json";
            Eventually.holds(Duration.ofSeconds(60), () -> {
                ObjectNode retrieve = MqttTestClient.request(2, "cse-in", ae);
                c.publish(req, retrieve);
                return c.awaitRqi(retrieve.path("rqi").asText(), Duration.ofSeconds(1)) != null;
            }, "an answer of the CSE over MQTT; it said:\n" + String.join("\n", keel.output()));
            ObjectNode register = MqttTestClient.request(1, "cse-in", ae);
            register.put("ty", 2).putObject("pc").putObject("m2m:ae").put("rn", ae).put("api", "Nsec").put("rr", false)
                    .putArray("srv").add("3");
            assertEquals(2001, c.call(req, register).primitive().path("rsc").asInt());
            ObjectNode cnt = MqttTestClient.request(1, "cse-in/" + ae, ae);
            cnt.put("ty", 3).putObject("pc").putObject("m2m:cnt").put("rn", "box");
            assertEquals(2001, c.call(req, cnt).primitive().path("rsc").asInt());
            JsonNode read = c.call(req, MqttTestClient.request(2, "cse-in/" + ae + "/box", ae)).primitive();
            assertEquals(2000, read.path("rsc").asInt(), read.toString());
            assertEquals("box", read.path("pc").path("m2m:cnt").path("rn").asText(), read.toString());
            assertEquals(2002, c.call(req, MqttTestClient.request(4, "cse-in/" + ae + "/box", ae)).primitive().path("rsc").asInt());
        }
    }

    private static long connectionsSeen(Mosquitto broker) {
        return broker.output().stream().filter(l -> l.contains("New connection from")).count();
    }

    private static long subscriptions(Mosquitto broker) {
        return broker.output().stream().filter(l -> l.contains("Received SUBSCRIBE")).count();
    }

    private static List<String> mqttWarnings(KeelProcess keel) {
        return keel.output().stream().filter(l -> l.contains("WARNING") && l.contains("MQTT")).toList();
    }

    private static void assertNoStackTrace(KeelProcess keel) {
        assertEquals(List.of(), keel.output().stream().filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by")).toList());
    }

    private static void assertContains(String text, String part) {
        if (!text.contains(part)) {
            throw new AssertionError("'" + part + "' is not in: " + text);
        }
    }
}
