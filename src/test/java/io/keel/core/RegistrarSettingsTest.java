package io.keel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings of CSE registration and of this CSE's point of access, read as context parameters. */
class RegistrarSettingsTest {

    private static CseIdentity identity(Map<String, String> params) {
        return CseIdentity.from(new Settings(params::get));
    }

    @Test
    void withoutRegistrarSettingsTheCseHasNoRegistrar() {
        CseIdentity cse = identity(Map.of());
        assertFalse(cse.hasRegistrar());
        assertNull(cse.registrarPoa());
        assertNull(cse.registrarCseId());
        assertNull(cse.registrarAuthorization());
    }

    @Test
    void anMnReadsItsRegistrar() {
        CseIdentity cse = identity(Map.of("keel.cse.type", "MN", "keel.cse.id", "id-mn",
                "keel.registrar.poa", "http://10.0.0.1:8080/", "keel.registrar.cse-id", "/id-in",
                "keel.registrar.cse-name", "cse-in", "keel.registrar.authorization", "Basic eDp5"));
        assertTrue(cse.hasRegistrar());
        assertEquals("http://10.0.0.1:8080", cse.registrarPoa());
        assertEquals("id-in", cse.registrarCseId());
        assertEquals("cse-in", cse.registrarCseName());
        assertEquals("Basic eDp5", cse.registrarAuthorization());
    }

    @Test
    void halfARegistrarOrOneForAnInCseStopsTheStart() {
        assertThrows(IllegalStateException.class, () -> identity(Map.of("keel.cse.type", "MN",
                "keel.registrar.poa", "http://10.0.0.1:8080")));
        assertThrows(IllegalStateException.class, () -> identity(Map.of("keel.registrar.poa", "http://10.0.0.1:8080",
                "keel.registrar.cse-id", "id-x")));
        assertThrows(IllegalStateException.class, () -> identity(Map.of("keel.cse.type", "MN",
                "keel.registrar.poa", "10.0.0.1:8080", "keel.registrar.cse-id", "id-in", "keel.cse.id", "id-mn")));
    }

    @Test
    void theRegistrarIsReachedOverAnyBinding() {
        for (String poa : List.of("coap://10.0.0.1:5683", "coaps://10.0.0.1:5684", "ws://10.0.0.1:8080", "wss://10.0.0.1:8443",
                "mqtt://10.0.0.1:1883", "https://10.0.0.1:8443")) {
            assertEquals(poa, identity(Map.of("keel.cse.type", "MN", "keel.cse.id", "id-mn",
                    "keel.registrar.poa", poa, "keel.registrar.cse-id", "id-in")).registrarPoa());
        }
        assertThrows(IllegalStateException.class, () -> identity(Map.of("keel.cse.type", "MN", "keel.cse.id", "id-mn",
                "keel.registrar.poa", "ftp://10.0.0.1", "keel.registrar.cse-id", "id-in")));
    }

    @Test
    void thePointOfAccessIsKeelCsePoaElseHostAndPort() {
        assertEquals(List.of("http://127.0.0.1:9090", "ws://127.0.0.1:9090"), identity(Map.of("keel.http.port", "9090")).pointOfAccess(),
                "the WebSocket binding, on by default, shares the HTTP port (TS-0020 6.2.1)");
        assertEquals(List.of("http://127.0.0.1:9090"), identity(Map.of("keel.http.port", "9090", "keel.ws.enabled", "false")).pointOfAccess());
        assertEquals(List.of("http://127.0.0.1:9090", "coap://127.0.0.1:5683", "coaps://127.0.0.1:5684"), identity(Map.of("keel.http.port",
                "9090", "keel.ws.enabled", "false", "keel.coap.port", "5683", "keel.coap.dtls.port", "5684")).pointOfAccess(),
                "CoAP and CoAP over DTLS (TS-0008 clause 7) at their own ports");
        assertEquals(List.of("wss://gw.example.net:8443"), identity(Map.of("keel.cse.poa", "wss://gw.example.net:8443")).pointOfAccess());
        assertEquals(List.of("http://gw.example.net:8080", "https://10.0.0.2:8443/keel"),
                identity(Map.of("keel.cse.poa", "http://gw.example.net:8080, https://10.0.0.2:8443/keel")).pointOfAccess());
        assertThrows(IllegalStateException.class, () -> identity(Map.of("keel.cse.poa", "gw.example.net:8080")));
    }
}
