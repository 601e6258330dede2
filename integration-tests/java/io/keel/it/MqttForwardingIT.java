package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two CSEs that know each other by MQTT points of access only (TS-0010 6.6): the MN registers with the IN over MQTT
 * (its registrar poa is {@code mqtt://}), and requests for the other CSE are forwarded over MQTT (TS-0004 7.3.2.6) on
 * {@code /oneM2M/req/<this CSE>/<next hop>/json}. The server authenticates here only in the sense of the test
 * (anonymous Mosquitto), so both CSEs are told to trust it (keel.mqtt.broker-authenticates).
 */
class MqttForwardingIT {
    private static Mosquitto broker;
    private static KeelProcess in;
    private static KeelProcess mn;

    @BeforeAll
    static void start() {
        broker = Mosquitto.start();
        in = KeelProcess.start(Map.of("KEEL_CSE_ID", "id-fin", "KEEL_CSE_NAME", "cse-fin", "KEEL_CSE_TYPE", "IN",
                "KEEL_MQTT_URL", broker.url(), "KEEL_MQTT_BROKER_AUTHENTICATES", "true", "KEEL_CSE_POA", broker.poa()));
        mn = KeelProcess.start(Map.of("KEEL_CSE_ID", "id-fmn", "KEEL_CSE_NAME", "cse-fmn", "KEEL_CSE_TYPE", "MN",
                "KEEL_MQTT_URL", broker.url(), "KEEL_MQTT_BROKER_AUTHENTICATES", "true", "KEEL_CSE_POA", broker.poa(),
                "KEEL_REGISTRAR_POA", broker.poa(), "KEEL_REGISTRAR_CSE_ID", "id-fin", "KEEL_REGISTRAR_CSE_NAME", "cse-fin"));
        OneM2MClient atIn = new OneM2MClient(in.base());
        Eventually.holds(Duration.ofSeconds(60), () -> atIn.get("/cse-fin/id-fmn").send().status() == 200,
                "the MN's registration with the IN over MQTT");
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {mn, in, broker}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    /** A policy at {@code at} giving {@code originator} every operation, and a container it governs. */
    private static void governedContainer(KeelProcess at, String cseName, String container, String originator) {
        OneM2MClient c = new OneM2MClient(at.base());
        OneM2MClient.Reply acp = c.create("/" + cseName, 1, "{\"m2m:acp\":{\"rn\":\"acp-" + container + "\",\"pv\":{\"acr\":[{\"acor\":[\""
                + originator + "\"],\"acop\":63}]},\"pvs\":{\"acr\":[{\"acor\":[\"CAdmin\"],\"acop\":63}]}}}").from("CAdmin").send();
        assertEquals(201, acp.status(), acp.text());
        String acpRi = acp.json().path("m2m:acp").path("ri").asText();
        OneM2MClient.Reply cnt = c.create("/" + cseName, 3, "{\"m2m:cnt\":{\"rn\":\"" + container + "\",\"acpi\":[\"" + acpRi + "\"]}}")
                .from("CAdmin").send();
        assertEquals(201, cnt.status(), cnt.text());
    }

    @Test
    void ts0010_6_4_2_aRequestThroughTheMnReachesTheInOverMqtt() {
        String box = OneM2MClient.unique("box");
        governedContainer(in, "cse-fin", box, "/id-fmn/CAdmin");
        try (MqttTestClient admin = new MqttTestClient(broker.url(), "/oneM2M/resp/CAdmin/#")) {
            ObjectNode create = MqttTestClient.request(1, "/id-fin/cse-fin/" + box, "CAdmin");
            create.put("ty", 4).putObject("pc").putObject("m2m:cin").put("con", "via-mn");
            JsonNode created = admin.call("/oneM2M/req/CAdmin/id-fmn/json", create).primitive();
            assertEquals(2001, created.path("rsc").asInt(), created.toString());

            JsonNode read = admin.call("/oneM2M/req/CAdmin/id-fmn/json",
                    MqttTestClient.request(2, "/id-fin/cse-fin/" + box + "/la", "CAdmin")).primitive();
            assertEquals(2000, read.path("rsc").asInt(), read.toString());
            assertEquals("via-mn", read.path("pc").path("m2m:cin").path("con").asText());
        }
    }

    @Test
    void ts0010_6_6_theInReachesTheMnAtItsRemoteCsePointOfAccess() {
        String box = OneM2MClient.unique("box");
        governedContainer(mn, "cse-fmn", box, "/id-fin/CAdmin");
        OneM2MClient.Reply read = new OneM2MClient(in.base()).get("/~/id-fmn/cse-fmn/" + box).from("CAdmin").send();
        assertEquals(200, read.status(), read.text());
        assertEquals(box, read.json().path("m2m:cnt").path("rn").asText());
    }
}
