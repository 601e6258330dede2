package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The LwM2M bridge (TS-0014) of the executable WAR with {@code KEEL_LWM2M_PORT}, and a real Leshan LwM2M client of
 * the test registering with it: the client's node, mgmtObjs and sensor containers as a oneM2M application sees them
 * over HTTP, kept up to date by observation; management actions reaching the client; its deregistration.
 */
class Lwm2mBridgeIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static KeelProcess keel;
    private static OneM2MClient http;
    private static final byte[] PSK = HexFormat.of().parseHex("73656372657450534b");
    private static int port;
    private static int securePort;

    @BeforeAll
    static void start() throws IOException {
        port = CoapPeer.freeUdpPort();
        securePort = CoapPeer.freeUdpPort();
        Path psk = Files.createTempFile("lwm2m-psk", ".txt");
        Files.writeString(psk, "# endpoint identity key\nlwm2m-secure-dev lwm2m-identity " + HexFormat.of().formatHex(PSK) + "\n");
        keel = KeelProcess.start(Map.of("KEEL_LWM2M_PORT", String.valueOf(port), "KEEL_LWM2M_REQUEST_TIMEOUT", "3000",
                "KEEL_LWM2M_SECURE_PORT", String.valueOf(securePort), "KEEL_LWM2M_PSK_FILE", psk.toString()));
        http = new OneM2MClient(keel.base());
    }

    @AfterAll
    static void stop() {
        if (keel != null) {
            keel.close();
        }
    }

    private static Lwm2mTestClient register(String endpoint) {
        Lwm2mTestClient client = new Lwm2mTestClient(endpoint, port, 300);
        client.start();
        Eventually.holds(WAIT, () -> http.get("/cse-in/" + endpoint).send().rsc() == 2000, "the node of " + endpoint);
        return client;
    }

    private static JsonNode get(String path, String type) {
        OneM2MClient.Reply r = http.get(path).send();
        assertEquals(2000, r.rsc(), path + ": " + r.text());
        return r.json().path(type);
    }

    @Test
    void ts0014_registeredClientIsANodeWithTheMgmtObjsOfItsObjects() {
        String ep = OneM2MClient.unique("lwm2m-node");
        try (Lwm2mTestClient client = register(ep)) {
            JsonNode node = get("/cse-in/" + ep, "m2m:nod");
            assertEquals(ep, node.path("ni").asText());
            assertTrue(node.path("mgca").asText().startsWith("coap://127.0.0.1:"), node.toString());

            Eventually.holds(WAIT, () -> http.get("/cse-in/" + ep + "/deviceInfo").send().rsc() == 2000, "deviceInfo");
            JsonNode dvi = get("/cse-in/" + ep + "/deviceInfo", "m2m:dvi");
            assertEquals(1007, dvi.path("mgd").asInt());
            assertEquals("Keel Test Devices", dvi.path("man").asText());
            assertEquals("T-1000", dvi.path("mod").asText());
            assertEquals("SN-0001", dvi.path("dlb").asText());
            assertEquals("1.0.0", dvi.path("fwv").asText());
            assertEquals("/3/0", dvi.path("obps").get(0).asText());

            Eventually.holds(WAIT, () -> http.get("/cse-in/" + ep + "/battery").send().rsc() == 2000, "battery");
            JsonNode bat = get("/cse-in/" + ep + "/battery", "m2m:bat");
            assertEquals(90, bat.path("btl").asInt());
            assertEquals(1, bat.path("bts").asInt(), "LwM2M 0 (normal) is m2m:batteryStatus 1");
            // The bridge reads the objects one by one and creates each mgmtObj as its read answers.
            Eventually.holds(WAIT, () -> http.get("/cse-in/" + ep + "/memory").send().rsc() == 2000, "memory");
            JsonNode mem = get("/cse-in/" + ep + "/memory", "m2m:mem");
            assertEquals(512 * 1024, mem.path("mmt").asLong());
            Eventually.holds(WAIT, () -> http.get("/cse-in/" + ep + "/reboot").send().rsc() == 2000, "reboot");
            assertEquals(1009, get("/cse-in/" + ep + "/reboot", "m2m:rbo").path("mgd").asInt());
            Eventually.holds(WAIT, () -> http.get("/cse-in/" + ep + "/firmware").send().rsc() == 2000, "firmware");
            JsonNode fwr = get("/cse-in/" + ep + "/firmware", "m2m:fwr");
            assertEquals("core", fwr.path("fwn").asText());
            assertEquals("1.0.0", fwr.path("vr").asText());
        }
    }

    @Test
    void ts0014_observedValuesUpdateTheMgmtObjAndAddContentInstances() {
        String ep = OneM2MClient.unique("lwm2m-observe");
        try (Lwm2mTestClient client = register(ep)) {
            String latest = "/cse-in/lwm2m/" + ep + "/3303-0/la";
            Eventually.holds(WAIT, () -> http.get(latest).send().text().contains("20.5"), "the first temperature");
            JsonNode cin = get(latest, "m2m:cin");
            assertEquals("{\"5700\":20.5,\"5701\":\"Cel\"}", cin.path("con").asText());

            client.temperature.value(23.25);
            Eventually.holds(WAIT, () -> http.get(latest).send().text().contains("23.25"), "the observed temperature");
            assertEquals(2, get("/cse-in/lwm2m/" + ep + "/3303-0", "m2m:cnt").path("cni").asInt());

            Eventually.holds(WAIT, () -> http.get("/cse-in/" + ep + "/battery").send().rsc() == 2000, "battery");
            client.device.battery(15);
            Eventually.holds(WAIT, () -> get("/cse-in/" + ep + "/battery", "m2m:bat").path("btl").asInt() == 15,
                    "the observed battery level");
        }
    }

    @Test
    void ts0014_reRegistrationReconcilesInsteadOfDuplicating() {
        String ep = OneM2MClient.unique("lwm2m-again");
        try (Lwm2mTestClient first = register(ep)) {
            Eventually.holds(WAIT, () -> http.get("/cse-in/" + ep + "/deviceInfo").send().rsc() == 2000, "deviceInfo");
            String ri = get("/cse-in/" + ep, "m2m:nod").path("ri").asText();
            first.stop(false); // gone without a word: its registration stays until it registers again
            try (Lwm2mTestClient second = new Lwm2mTestClient(ep, port, 300)) {
                second.start();
                Eventually.holds(WAIT, () -> !http.get("/cse-in/" + ep).send().json().path("m2m:nod").path("mgca").asText()
                        .isEmpty(), "the node after the new registration");
                assertEquals(ri, get("/cse-in/" + ep, "m2m:nod").path("ri").asText(), "the same node, not a second one");
                OneM2MClient.Reply nodes = http.get("/cse-in?fu=1&ty=14&lbl=keel:lwm2m").send();
                assertEquals(1, count(nodes.json().path("m2m:uril"), "/" + ep), nodes.text());
            }
        }
    }

    private static int count(JsonNode uris, String suffix) {
        int n = 0;
        for (JsonNode u : uris) {
            n += u.asText().endsWith(suffix) ? 1 : 0;
        }
        return n;
    }

    @Test
    void ts0014_deregistrationDeletesTheNodeAndKeepsTheValues() {
        String ep = OneM2MClient.unique("lwm2m-leave");
        try (Lwm2mTestClient client = register(ep)) {
            Eventually.holds(WAIT, () -> http.get("/cse-in/lwm2m/" + ep + "/3303-0/la").send().rsc() == 2000, "a temperature");
            client.stop(true);
            Eventually.holds(WAIT, () -> http.get("/cse-in/" + ep).send().rsc() == 4004, "the node's deletion");
            assertEquals(4004, http.get("/cse-in/" + ep + "/deviceInfo").send().rsc());
            assertEquals(2000, http.get("/cse-in/lwm2m/" + ep + "/3303-0/la").send().rsc(), "the values stay");
        }
    }

    @Test
    void ts0004_D_10_rebootAndFactoryResetAreExecutesOnTheDevice() {
        String ep = OneM2MClient.unique("lwm2m-reboot");
        try (Lwm2mTestClient client = register(ep)) {
            Eventually.holds(WAIT, () -> http.get("/cse-in/" + ep + "/reboot").send().rsc() == 2000, "reboot");
            OneM2MClient.Reply r = http.put("/cse-in/" + ep + "/reboot", "{\"m2m:rbo\":{\"rbo\":true}}").send();
            assertEquals(2004, r.rsc(), r.text());
            Eventually.holds(WAIT, () -> client.device.reboots.get() == 1, "Execute /3/0/4 on the client");
            r = http.put("/cse-in/" + ep + "/reboot", "{\"m2m:rbo\":{\"far\":true}}").send();
            assertEquals(2004, r.rsc(), r.text());
            Eventually.holds(WAIT, () -> client.device.factoryResets.get() == 1, "Execute /3/0/5 on the client");
        }
    }

    @Test
    void ts0004_D_2_firmwareUpdateWritesThePackageUriAndExecutesUpdate() {
        String ep = OneM2MClient.unique("lwm2m-fw");
        try (Lwm2mTestClient client = register(ep)) {
            Eventually.holds(WAIT, () -> http.get("/cse-in/" + ep + "/firmware").send().rsc() == 2000, "firmware");
            OneM2MClient.Reply r = http.put("/cse-in/" + ep + "/firmware",
                    "{\"m2m:fwr\":{\"url\":\"coap://127.0.0.1:5699/fw-2.0.0.bin\",\"ud\":true}}").send();
            assertEquals(2004, r.rsc(), r.text());
            Eventually.holds(WAIT, () -> client.firmware.updates.get() == 1, "Execute /5/0/2 on the client");
            assertEquals("coap://127.0.0.1:5699/fw-2.0.0.bin", client.firmware.packageUri.get());
            Eventually.holds(WAIT, () -> get("/cse-in/" + ep + "/firmware", "m2m:fwr").path("uds").path("sus").asInt() == 1,
                    "updateStatus SUCCESSFUL");
            Eventually.holds(WAIT, () -> "2.0.0".equals(get("/cse-in/" + ep + "/firmware", "m2m:fwr").path("vr").asText()),
                    "the observed new version");
        }
    }

    @Test
    void ts0014_aMalformedRegistrationIsRefusedAndTheCseServesOn() {
        try (CoapPeer peer = new CoapPeer()) {
            Request garbage = Request.newPost();
            garbage.getOptions().addUriPath("rd").addUriQuery("ep=" + OneM2MClient.unique("lwm2m-bad")).addUriQuery("lt=60");
            garbage.getOptions().setContentFormat(40); // application/link-format
            garbage.setPayload("</3/0>;</5/0,<<<garbage");
            Response refused = peer.send(garbage, port);
            assertEquals(ResponseCode.BAD_REQUEST, refused.getCode(), refused.getPayloadString());
        }
        assertEquals(2000, http.get("/cse-in").send().rsc(), "the CSE is unaffected");
        String ep = OneM2MClient.unique("lwm2m-after-bad");
        try (Lwm2mTestClient client = register(ep)) {
            assertEquals(ep, get("/cse-in/" + ep, "m2m:nod").path("ni").asText(), "and the bridge still registers clients");
        }
    }

    @Test
    void ts0014_aClientWithAPreSharedKeyRegistersOverDtls() {
        try (Lwm2mTestClient client = Lwm2mTestClient.withPsk("lwm2m-secure-dev", securePort, "lwm2m-identity", PSK)) {
            client.start();
            Eventually.holds(WAIT, () -> http.get("/cse-in/lwm2m-secure-dev").send().rsc() == 2000, "the node of the DTLS client");
            Eventually.holds(WAIT, () -> http.get("/cse-in/lwm2m-secure-dev/deviceInfo").send().rsc() == 2000, "its deviceInfo");
            client.stop(true);
            Eventually.holds(WAIT, () -> http.get("/cse-in/lwm2m-secure-dev").send().rsc() == 4004, "its node's deletion");
        }
    }

    @Test
    void ts0004_7_3_4_3_anUnreachableClientIsAFailedAction() {
        String ep = OneM2MClient.unique("lwm2m-gone");
        try (Lwm2mTestClient client = register(ep)) {
            Eventually.holds(WAIT, () -> http.get("/cse-in/" + ep + "/firmware").send().rsc() == 2000, "firmware");
            client.stop(false); // silent: the server still has its registration, the client answers nothing
            OneM2MClient.Reply r = http.put("/cse-in/" + ep + "/firmware",
                    "{\"m2m:fwr\":{\"url\":\"coap://127.0.0.1:5699/fw.bin\",\"ud\":true}}").send();
            assertEquals(2004, r.rsc(), r.text());
            Eventually.holds(WAIT, () -> get("/cse-in/" + ep + "/firmware", "m2m:fwr").path("uds").path("sus").asInt() == 2,
                    "updateStatus FAILURE once the client did not answer within keel.lwm2m.request-timeout");
            assertNull(client.firmware.packageUri.get(), "nothing reached the client");
        }
    }
}
