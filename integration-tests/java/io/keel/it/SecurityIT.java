package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.it.OneM2MClient.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security of the binding (TS-0009 7.1, 7.2): HTTPS from a keystore generated here, plain HTTP switched off,
 * originators authenticated by Basic, Bearer, Proxy-Authorization or a client certificate, on the executable WAR.
 */
class SecurityIT {
    private static final String PASSWORD = "changeit";
    private static final String TOKEN = "tok-" + System.nanoTime();
    private static Path dir;
    private static KeelProcess keel;
    private static URL base;
    private static int plainPort;
    private static SSLContext trusting;
    private static SSLContext withClientCertificate;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("keel-security");
        keytool("-genkeypair", "-alias", "keel", "-keyalg", "EC", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-keystore", dir.resolve("server.p12").toString(), "-storepass", PASSWORD, "-storetype", "PKCS12");
        keytool("-genkeypair", "-alias", "gateway", "-keyalg", "EC", "-dname", "CN=gateway", "-validity", "2",
                "-keystore", dir.resolve("client.p12").toString(), "-storepass", PASSWORD, "-storetype", "PKCS12");
        keytool("-exportcert", "-alias", "gateway", "-keystore", dir.resolve("client.p12").toString(), "-storepass", PASSWORD,
                "-file", dir.resolve("client.cer").toString());
        keytool("-importcert", "-noprompt", "-alias", "gateway", "-file", dir.resolve("client.cer").toString(),
                "-keystore", dir.resolve("trust.p12").toString(), "-storepass", PASSWORD, "-storetype", "PKCS12");
        KeyStore server = load("server.p12");
        KeyStore client = load("client.p12");
        Certificate clientCert = client.getCertificate("gateway");

        Files.writeString(dir.resolve("credentials"), String.join("\n",
                "# scheme credential originators",
                "basic alice:" + Credentials.pbkdf2("s3cret") + " Calice*",
                "basic admin:" + Credentials.pbkdf2("adminpw") + " CAdmin",
                "bearer sha256:" + Credentials.sha256(TOKEN.getBytes(StandardCharsets.UTF_8)) + " Ctoken*",
                "cert sha256:" + Credentials.sha256(clientCert.getEncoded()) + " Cgateway*", ""));

        int httpsPort = KeelProcess.freePort();
        plainPort = KeelProcess.freePort();
        keel = KeelProcess.start(Map.of(
                "KEEL_HTTP_ENABLED", "false",
                "KEEL_HTTP_PORT", String.valueOf(plainPort),
                "KEEL_HTTPS_PORT", String.valueOf(httpsPort),
                "KEEL_TLS_KEYSTORE", dir.resolve("server.p12").toString(),
                "KEEL_TLS_KEYSTORE_PASSWORD", PASSWORD,
                "KEEL_TLS_CLIENT_AUTH", "want",
                "KEEL_TLS_TRUSTSTORE", dir.resolve("trust.p12").toString(),
                "KEEL_TLS_TRUSTSTORE_PASSWORD", PASSWORD,
                "KEEL_AUTH_CREDENTIALS", dir.resolve("credentials").toString()));
        base = new URL("https://127.0.0.1:" + httpsPort + "/");

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("keel", server.getCertificate("keel"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), new SecureRandom());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(client, PASSWORD.toCharArray());
        withClientCertificate = SSLContext.getInstance("TLS");
        withClientCertificate.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
    }

    @AfterAll
    static void stop() throws Exception {
        if (keel != null) {
            keel.close();
        }
    }

    private static OneM2MClient client(SSLContext tls) {
        return new OneM2MClient(base, HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build());
    }

    private static Reply register(OneM2MClient cse, String originator, String authorization) {
        return cse.create("/cse-in", 2, "{\"m2m:ae\":{\"rn\":\"" + originator + "\",\"api\":\"Nsec\",\"rr\":false,\"srv\":[\"3\"]}}")
                .from(originator).header("Authorization", authorization).send();
    }

    @Test
    void ts0009_7_2_servesHttpsAndPlainHttpCanBeSwitchedOff() {
        assertTrue(keel.serving().startsWith("https://") && !keel.serving().contains("http://"), keel.serving());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", plainPort).close());
        Reply r = client(trusting).get("/cse-in").header("Authorization", Credentials.basic("admin", "adminpw")).send();
        assertEquals(200, r.status(), r.text());
        assertEquals("cse-in", r.json().path("m2m:cb").path("rn").asText());
    }

    @Test
    void ts0009_7_1_withoutCredentialsIs4107() {
        Reply r = client(trusting).get("/cse-in").send();
        assertEquals(4107, r.rsc(), r.text());
        assertEquals(403, r.status());
        assertTrue(r.header("WWW-Authenticate").contains("Basic"), String.valueOf(r.header("WWW-Authenticate")));
        Reply wrong = client(trusting).get("/cse-in").header("Authorization", Credentials.basic("alice", "guess")).send();
        assertEquals(4107, wrong.rsc(), wrong.text());
        Reply body = client(trusting).create("/cse-in", 3, "{\"m2m:cnt\":{\"rn\":\"sneaky\"}}").send();
        assertEquals(4107, body.rsc());
    }

    @Test
    void ts0009_7_1_basicAuthenticatesItsOriginatorsOnly() {
        OneM2MClient cse = client(trusting);
        String ae = "Calice" + System.nanoTime();
        Reply r = register(cse, ae, Credentials.basic("alice", "s3cret"));
        assertEquals(201, r.status(), r.text());
        assertEquals(200, cse.get("/" + ae).from(ae).header("Authorization", Credentials.basic("alice", "s3cret")).send().status());
        Reply spoofed = register(cse, "Cbob" + System.nanoTime(), Credentials.basic("alice", "s3cret"));
        assertEquals(4106, spoofed.rsc(), spoofed.text());
        Reply asAdmin = cse.get("/cse-in").from("CAdmin").header("Authorization", Credentials.basic("alice", "s3cret")).send();
        assertEquals(4106, asAdmin.rsc(), "alice may not claim the admin originator");
    }

    @Test
    void ts0009_7_1_bearerTokenAndProxyAuthorization() throws IOException {
        OneM2MClient cse = client(trusting);
        String ae = "Ctoken" + System.nanoTime();
        assertEquals(201, register(cse, ae, "Bearer " + TOKEN).status());
        assertEquals(4107, register(cse, "Ctoken" + System.nanoTime(), "Bearer not-" + TOKEN).rsc());
        // Java's HTTP client keeps Proxy-Authorization for proxies, so this request is written by hand.
        String head = rawTls("GET /" + ae + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-M2M-Origin: " + ae + "\r\nX-M2M-RI: p1\r\n"
                + "X-M2M-RVI: 3\r\nProxy-Authorization: Bearer " + TOKEN + "\r\nConnection: close\r\n\r\n");
        assertTrue(head.startsWith("HTTP/1.1 200 ") && head.contains("X-M2M-RSC: 2000"), head);
    }

    @Test
    void ts0009_7_2_clientCertificateAuthenticatesTheGateway() {
        OneM2MClient gateway = client(withClientCertificate);
        String ae = "Cgateway" + System.nanoTime();
        Reply r = gateway.create("/cse-in", 2, "{\"m2m:ae\":{\"rn\":\"" + ae + "\",\"api\":\"Ngw\",\"rr\":false,\"srv\":[\"3\"]}}")
                .from(ae).send();
        assertEquals(201, r.status(), r.text());
        assertEquals(4106, gateway.get("/cse-in").from("Calice1").send().rsc(), "the certificate is the gateway's only");
        assertEquals(4107, client(trusting).get("/" + ae).from(ae).send().rsc(), "no certificate, no credentials");
    }

    @Test
    void ts0004_7_3_3_15_acafRulesHoldForAuthenticatedOriginators() {
        OneM2MClient cse = client(trusting);
        String admin = Credentials.basic("admin", "adminpw");
        String owner = "Calice" + System.nanoTime();
        assertEquals(201, register(cse, owner, Credentials.basic("alice", "s3cret")).status());
        String reader = "Ctoken" + System.nanoTime();
        assertEquals(201, register(cse, reader, "Bearer " + TOKEN).status());
        Reply acp = cse.create("/" + owner, 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acor\":[\"" + reader + "\"],\"acop\":2,\"acaf\":true}]},"
                + "\"pvs\":{\"acr\":[{\"acor\":[\"" + owner + "\"],\"acop\":63}]}}}").from(owner).header("Authorization", Credentials.basic("alice", "s3cret")).send();
        assertEquals(201, acp.status(), acp.text());
        String acpRi = acp.json().path("m2m:acp").path("ri").asText();
        Reply cnt = cse.create("/" + owner, 3, "{\"m2m:cnt\":{\"acpi\":[\"" + acpRi + "\"]}}").from(owner)
                .header("Authorization", Credentials.basic("alice", "s3cret")).send();
        assertEquals(201, cnt.status(), cnt.text());
        Reply read = cse.get("/" + cnt.json().path("m2m:cnt").path("ri").asText()).from(reader)
                .header("Authorization", "Bearer " + TOKEN).send();
        assertEquals(200, read.status(), "an authenticated originator meets acaf: " + read.text());
        assertEquals(200, cse.get("/cse-in").header("Authorization", admin).send().status());
    }

    /** Sends a request as written over TLS; returns the response head. */
    private static String rawTls(String request) throws IOException {
        try (Socket s = trusting.getSocketFactory().createSocket("127.0.0.1", base.getPort())) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = all.indexOf("\r\n\r\n");
            return end < 0 ? all : all.substring(0, end);
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError("keytool failed: " + out);
        }
    }

    private static KeyStore load(String file) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }
}
