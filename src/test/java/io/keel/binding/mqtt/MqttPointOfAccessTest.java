package io.keel.binding.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keel.core.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSEBase's poa and the registrar's with the MQTT binding on (TS-0010 6.6). */
class MqttPointOfAccessTest {
    private static Settings settings(Map<String, String> values) {
        return new Settings(values::get);
    }

    @Test
    void ts0010_6_6_theCseOffersItsMqttServerNextToHttp() {
        assertEquals(List.of("http://127.0.0.1:8080", "ws://127.0.0.1:8080", "mqtt://127.0.0.1:1883"),
                settings(Map.of("keel.mqtt.url", "tcp://127.0.0.1:1883")).csePointOfAccess());
        assertEquals(List.of("http://127.0.0.1:8080", "mqtts://broker.example:8883"),
                settings(Map.of("keel.mqtt.url", "ssl://broker.example:8883", "keel.ws.enabled", "false")).csePointOfAccess());
        assertEquals(List.of("http://127.0.0.1:8080", "ws://127.0.0.1:8080"), settings(Map.of()).csePointOfAccess());
    }

    @Test
    void ts0010_6_6_anMqttPointOfAccessAndRegistrarAreAccepted() {
        assertEquals(List.of("mqtt://h:1883/site"), settings(Map.of("keel.cse.poa", "mqtt://h:1883/site")).csePointOfAccess());
        assertEquals("mqtt://h:1883", settings(Map.of("keel.cse.type", "MN", "keel.cse.id", "id-mn", "keel.registrar.poa", "mqtt://h:1883",
                "keel.registrar.cse-id", "id-in")).registrar().poa());
    }

    @Test
    void aServerUrlOfAnotherSchemeStopsTheStart() {
        assertThrows(IllegalStateException.class, () -> settings(Map.of("keel.mqtt.url", "mqtt://h:1883")).csePointOfAccess());
        assertThrows(IllegalStateException.class, () -> MqttSettings.of(settings(Map.of("keel.mqtt.url", "http://h:1883"))));
        assertThrows(IllegalStateException.class, () -> MqttSettings.of(settings(Map.of("keel.mqtt.url", "tcp://h:1883",
                "keel.mqtt.qos", "2"))));
    }
}
