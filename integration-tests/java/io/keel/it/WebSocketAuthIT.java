package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.ee10.websocket.jakarta.client.JakartaWebSocketClientContainer;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket binding of a CSE that authenticates originators (keel.auth.credentials): the opening handshake
 * carries the connection's credential, as an HTTP request does (TS-0009 7.1), and every request over the connection
 * must claim an originator that credential admits. Over the plain HTTP connector and over the HTTPS one (wss://).
 */
class WebSocketAuthIT {
    private static final String TOKEN = "ws-token-" + System.nanoTime();
    private static final String UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: oneM2M.json\r\n";
    private static Path dir;
    private static KeelProcess keel;
    private static URL https;
    private static JakartaWebSocketClientContainer tlsClient;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("keel-ws-auth");
        TestPki.Identity server = TestPki.create(dir, "keel", "EC");
        Files.writeString(dir.resolve("credentials"), "bearer sha256:" + Credentials.sha256(TOKEN) + " Cws*\n");
        int httpsPort = KeelProcess.freePort();
        keel = KeelProcess.start(Map.of(
                "KEEL_HTTPS_PORT", String.valueOf(httpsPort),
                "KEEL_TLS_KEYSTORE", server.keystore().toString(),
                "KEEL_TLS_KEYSTORE_PASSWORD", TestPki.PASSWORD,
                "KEEL_AUTH_CREDENTIALS", dir.resolve("credentials").toString()));
        https = new URL("https://127.0.0.1:" + httpsPort + "/");

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("keel", server.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), new SecureRandom());
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setSslContext(trusting);
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(tls);
        HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        // The TLS handshake of a wss connection can take seconds on a loaded machine; 5 s (the default) is too tight.
        http.setConnectTimeout(30_000);
        tlsClient = new JakartaWebSocketClientContainer(http);
        tlsClient.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (tlsClient != null) {
            tlsClient.stop();
        }
        if (keel != null) {
            keel.close();
        }
    }



    private static String rq(int op, String to, String fr, String rqi, String rest) {
        return "{\"op\":" + op + ",\"to\":\"" + to + "\",\"fr\":\"" + fr + "\",\"rqi\":\"" + rqi + "\",\"rvi\":\"3\""
                + (rest.isEmpty() ? "" : "," + rest) + "}";
    }

    @Test
    void ts0009_7_1_aHandshakeWithoutCredentialIsRefused403With4107() {
        RawHttp.Response r = RawHttp.send(keel.base(), "GET", "/", UPGRADE, null);
        assertEquals(403, r.status(), r.statusLine());
        assertEquals("4107", r.headers().get("x-m2m-rsc"));
        assertTrue(r.headers().containsKey("www-authenticate"), r.headers().toString());
        assertTrue(!r.headers().containsKey("sec-websocket-accept"));
    }

    @Test
    void ts0009_7_1_aHandshakeWithAnUnknownTokenIsRefusedAsOneWithout() {
        RawHttp.Response r = RawHttp.send(keel.base(), "GET", "/", UPGRADE + "Authorization: Bearer not-" + TOKEN + "\r\n", null);
        assertEquals(403, r.status(), r.statusLine());
        assertEquals("4107", r.headers().get("x-m2m-rsc"));
        assertTrue(r.text().contains("authentication required"), r.text());
    }

    /** ws:// and wss:// alike: the token admits Cws*, so an AE of that name registers; another originator is 4106. */
    @Test
    void ts0009_7_1_aBearerTokenOpensTheConnectionForTheOriginatorsItAdmits() throws Exception {
        try (WsClient ws = WsClient.open(keel.base(), List.of("oneM2M.json"), Map.of("Authorization", "Bearer " + TOKEN))) {
            admitsItsOriginatorsOnly(ws, "CwsPlain");
        }
    }

    @Test
    void ts0020_6_2_wssThroughTheHttpsConnector() throws Exception {
        try (WsClient ws = WsClient.open(tlsClient, https, List.of("oneM2M.json"), Map.of("Authorization", "Bearer " + TOKEN))) {
            admitsItsOriginatorsOnly(ws, "CwsTls");
        }
    }

    private static void admitsItsOriginatorsOnly(WsClient ws, String prefix) {
        assertEquals("oneM2M.json", ws.subprotocol());
        String rn = OneM2MClient.unique(prefix.substring(1));
        JsonNode reg = ws.request(rq(1, "cse-in", prefix + rn, "reg", "\"ty\":2,\"pc\":{\"m2m:ae\":{\"rn\":\"" + rn
                + "\",\"api\":\"Nkeel.ws\",\"rr\":false,\"srv\":[\"3\"]}}"));
        assertEquals(2001, reg.path("rsc").asInt(), reg.toString());
        String aei = reg.path("pc").path("m2m:ae").path("aei").asText();
        JsonNode read = ws.request(rq(2, "cse-in/" + rn, aei, "read", ""));
        assertEquals(2000, read.path("rsc").asInt(), read.toString());
        JsonNode foreign = ws.request(rq(2, "cse-in", "CAdmin", "foreign", ""));
        assertEquals(4106, foreign.path("rsc").asInt(), foreign.toString());
        assertTrue(foreign.path("pc").path("m2m:dbg").asText().contains("CAdmin"), foreign.toString());
        assertTrue(ws.isOpen(), "a refused request leaves the connection open");
    }
}
