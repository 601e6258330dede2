package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Mcc over WebSocket (TS-0020 5.2): an MN-CSE whose registrar's point of access is {@code ws://} registers over a
 * connection it opens to the IN-CSE (the registree is the client), and the IN reaches the MN over that same
 * connection (the registrar is the server and sends its requests over the registree's connection). The MN's own
 * point of access is a port nobody listens on: whatever the IN sends the MN can only go over the connection.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebSocketMccIT {
    private static final String CLIENT_TOKEN = "client-token-" + System.nanoTime();
    private static final String MN_TOKEN = "mn-token-" + System.nanoTime();
    private static Map<String, String> inEnv;
    private static KeelProcess in;
    private static KeelProcess mn;
    private static OneM2MClient atIn;
    private static OneM2MClient atMn;

    @BeforeAll
    static void startTwoCses() throws Exception {
        Path dir = Files.createTempDirectory("keel-ws-mcc");
        int inPort = KeelProcess.freePort();
        // A CSE registers only with credentials its registrar knows (TS-0009 7.1): the MN presents its token in the handshake.
        Files.writeString(dir.resolve("in-credentials"), String.join("\n",
                "bearer sha256:" + Credentials.sha256(CLIENT_TOKEN) + " C*",
                "bearer sha256:" + Credentials.sha256(MN_TOKEN) + " /id-mn*", ""));
        inEnv = CseEnv.of(dir, "id-in", "cse-in", "IN").port(inPort).credentials(dir.resolve("in-credentials"))
                .set("KEEL_FORWARDING_TIMEOUT", "5000").env();
        in = KeelProcess.start(inEnv);
        mn = CseEnv.of(dir, "id-mn", "cse-mn", "MN").set("KEEL_CSE_POA", "http://127.0.0.1:" + closedPort())
                .registrar("ws://127.0.0.1:" + inPort, "id-in", "cse-in", "Bearer " + MN_TOKEN)
                .set("KEEL_FORWARDING_TIMEOUT", "5000").start();
        atIn = new OneM2MClient(in.base(), CLIENT_TOKEN);
        atMn = new OneM2MClient(mn.base());
        Eventually.holds(Duration.ofSeconds(20), () -> atIn.get("/cse-in?fu=1&ty=16").send().text().contains("cse-in/"),
                "the MN registers with the IN");
    }


    /** A port nothing listens on (bound and released: a connection to it is refused). */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        if (mn != null) {
            mn.close();
        }
        if (in != null) {
            in.close();
        }
    }

    private static String metrics(OneM2MClient at) {
        return at.get("/.well-known/keel/metrics").send().text();
    }

    /** A policy on the CSE at {@code at} giving {@code originator} every operation, and a container it governs. */
    private static void governedContainer(OneM2MClient at, String cseName, String container, String originator) {
        Reply acp = at.create("/" + cseName, 1, "{\"m2m:acp\":{\"rn\":\"acp-" + container + "\",\"pv\":{\"acr\":[{\"acor\":[\""
                + originator + "\"],\"acop\":63}]},\"pvs\":{\"acr\":[{\"acor\":[\"CAdmin\"],\"acop\":63}]}}}").send();
        assertEquals(201, acp.status(), acp.text());
        String acpRi = acp.json().path("m2m:acp").path("ri").asText();
        Reply cnt = at.create("/" + cseName, 3, "{\"m2m:cnt\":{\"rn\":\"" + container + "\",\"acpi\":[\"" + acpRi + "\"]}}").send();
        assertEquals(201, cnt.status(), cnt.text());
    }

    @Test
    void ts0020_5_2_theMnRegistersOverTheWebSocketItOpensToTheIn() {
        String found = atIn.get("/cse-in?fu=1&ty=16").send().text();
        Reply csr = atIn.get("/" + WsClient.tree(found).path("m2m:uril").path(0).asText()).send();
        assertEquals("/id-mn", csr.json().path("m2m:csr").path("csi").asText(), csr.text());
        assertTrue(metrics(atIn).contains("keel_requests_total{binding=\"ws\",operation=\"create\",rsc=\"2001\",ty=\"16\"} 1.0"),
                "the <remoteCSE> was created by a request over WebSocket");
    }

    @Test
    void ts0020_5_2_theInReachesTheMnOverTheMnsConnection() {
        String box = OneM2MClient.unique("mnbox");
        governedContainer(atMn, "cse-mn", box, "/id-in/CAdmin");

        Reply read = atIn.get("/~/id-mn/cse-mn/" + box).send();
        assertEquals(2000, read.rsc(), read.text());
        assertEquals(box, read.json().path("m2m:cnt").path("rn").asText(), read.text());
        Reply created = atIn.create("/~/id-mn/cse-mn/" + box, 4, "{\"m2m:cin\":{\"con\":\"over the socket\"}}").send();
        assertEquals(201, created.status(), created.text());
        assertEquals("over the socket", atMn.get("/cse-mn/" + box + "/la").send().json().path("m2m:cin").path("con").asText());
        assertTrue(metrics(atMn).contains("keel_requests_total{binding=\"ws\",operation=\"retrieve\""),
                "the MN took the IN's request from its WebSocket connection:\n" + metrics(atMn));
    }

    @Test
    void ts0004_7_3_2_6_anAeOfTheMnWorksOnTheInOverTheConnection() {
        String rn = OneM2MClient.unique("wsMccAe");
        Reply reg = atMn.create("/cse-mn", 2, "{\"m2m:ae\":{\"rn\":\"" + rn + "\",\"api\":\"Nkeel.test\",\"rr\":false,"
                + "\"srv\":[\"3\"]}}").from("C" + rn).send();
        assertEquals(201, reg.status(), reg.text());
        String ae = reg.json().path("m2m:ae").path("aei").asText();
        String box = OneM2MClient.unique("inbox");
        governedContainer(atIn, "cse-in", box, "/id-mn/" + ae);

        Reply read = atMn.get("/~/id-in/cse-in/" + box).from(ae).send();
        assertEquals(2000, read.rsc(), read.text());
        assertEquals(box, read.json().path("m2m:cnt").path("rn").asText(), read.text());
        Reply created = atMn.create("/~/id-in/cse-in/" + box, 4, "{\"m2m:cin\":{\"con\":\"21.5\"}}").from(ae).send();
        assertEquals(201, created.status(), created.text());
        assertEquals("21.5", atIn.get("/cse-in/" + box + "/la").send().json().path("m2m:cin").path("con").asText());
    }

    /**
     * A subscription on the IN whose notification URI is an AE of the MN, which has no point of access and holds a
     * WebSocket connection to the MN: the Notify goes IN → MN over the MN's connection, MN → AE over the AE's.
     */
    @Test
    void ts0020_5_2_aNotificationReachesAnAeOfTheMnOverBothConnections() throws Exception {
        String rn = OneM2MClient.unique("wsMccNotified");
        // TS-0004 7.3.3.15: the IN, the Notify's originator, needs the notify privilege on the AE.
        Reply acp = atMn.create("/cse-mn", 1, "{\"m2m:acp\":{\"rn\":\"acp-" + rn + "\",\"pv\":{\"acr\":[{\"acor\":[\"/id-in\"],"
                + "\"acop\":16}]},\"pvs\":{\"acr\":[{\"acor\":[\"CAdmin\"],\"acop\":63}]}}}").send();
        assertEquals(201, acp.status(), acp.text());
        String acpi = acp.json().path("m2m:acp").path("ri").asText();
        try (WsClient ws = WsClient.open(mn.base(), "oneM2M.json").answering(2000)) {
            JsonNode reg = ws.request("{\"op\":1,\"to\":\"cse-mn\",\"fr\":\"C" + rn + "\",\"rqi\":\"reg\",\"rvi\":\"3\",\"ty\":2,"
                    + "\"pc\":{\"m2m:ae\":{\"rn\":\"" + rn + "\",\"api\":\"Nkeel.ws\",\"rr\":true,\"srv\":[\"3\"],"
                    + "\"acpi\":[\"" + acpi + "\"]}}}");
            assertEquals(2001, reg.path("rsc").asInt(), reg.toString());
            String aei = reg.path("pc").path("m2m:ae").path("aei").asText();
            String box = OneM2MClient.unique("notified");
            governedContainer(atIn, "cse-in", box, "/id-mn/" + aei);
            JsonNode sub = ws.request("{\"op\":1,\"to\":\"/id-in/cse-in/" + box + "\",\"fr\":\"" + aei + "\",\"rqi\":\"sub\",\"rvi\":\"3\","
                    + "\"ty\":23,\"pc\":{\"m2m:sub\":{\"nu\":[\"/id-mn/" + aei + "\"],\"enc\":{\"net\":[3]}}}}");
            assertEquals(2001, sub.path("rsc").asInt(), sub.toString());

            Reply cin = atIn.create("/cse-in/" + box, 4, "{\"m2m:cin\":{\"con\":\"hello mn\"}}").send();
            assertEquals(201, cin.status(), cin.text());

            JsonNode notify = ws.nextRequest();
            while (notify.path("pc").path("m2m:sgn").path("vrq").asBoolean(false)) {
                notify = ws.nextRequest();
            }
            assertEquals(5, notify.path("op").asInt(), notify.toString());
            assertEquals("hello mn", notify.path("pc").path("m2m:sgn").path("nev").path("rep").path("m2m:cin").path("con").asText(),
                    notify.toString());
        }
    }

    /**
     * The IN restarts, which closes the MN's connection: the MN connects again by itself (TS-0020 6.3) and retrieves the
     * IN's CSEBase over the new connection, so the IN reaches the MN again without anything else happening on the MN.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void ts0020_6_3_afterTheInRestartsTheMnConnectsAgainAndIsReachedOverTheNewConnection() {
        String box = OneM2MClient.unique("afterRestart");
        governedContainer(atMn, "cse-mn", box, "/id-in/CAdmin");
        in.close();
        in = KeelProcess.start(inEnv);
        Eventually.holds(Duration.ofSeconds(30), () -> atIn.get("/~/id-mn/cse-mn/" + box).send().rsc() == 2000,
                "the IN reaches the MN over the connection the MN opened again");
        assertTrue(mn.output().stream().anyMatch(l -> l.contains("connected again to the registrar /id-in")),
                String.join("\n", mn.output()));
    }
}
