package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar target/keel.war}: the embedded launcher, its status lines (TS-0009 6.3.3), hostile paths answered
 * by the binding, and durability of acknowledged writes across {@code kill -9}.
 */
class ExecutableWarIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Path dataDir;
    private KeelProcess cse;
    private URL base;

    @BeforeEach
    void start() throws Exception {
        dataDir = Files.createTempDirectory("keel-exec-it");
        startCse();
    }

    @AfterEach
    void stop() throws Exception {
        if (cse != null) {
            cse.close();
        }
    }

    private void startCse() throws Exception {
        int port = KeelProcess.freePort();
        cse = KeelProcess.start(Map.of("KEEL_HTTP_PORT", String.valueOf(port), "KEEL_DATA_DIR", dataDir.toString()));
        base = cse.base();
    }

    private RawHttp.Response create(String target, int ty, String json, String origin) {
        return RawHttp.send(base, "POST", target, "Content-Type: application/json;ty=" + ty + "\r\nX-M2M-Origin: " + origin + "\r\n",
                json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void clause6_3_3_statusLineHasNoReasonPhrase() {
        RawHttp.Response created = create("/cse-in", 2, "{\"m2m:ae\":{\"rn\":\"reason\",\"api\":\"Nr\",\"rr\":false,\"srv\":[\"3\"]}}", "Creason");
        assertEquals("HTTP/1.1 201 ", created.statusLine());
        assertEquals("HTTP/1.1 200 ", RawHttp.send(base, "GET", "/cse-in", null, null).statusLine());
        assertEquals("HTTP/1.1 404 ", RawHttp.send(base, "GET", "/cse-in/nothing", null, null).statusLine());
    }

    @Test
    void clause6_2_2_1_hostilePathsAreAnsweredWithOneM2MErrors() throws Exception {
        for (String path : new String[] {"/cse-in//x", "/cse-in/%2e%2e/x", "/cse-in/../../etc/passwd", "/cse-in/a%2Fb",
                "/cse-in/a%ZZ", "/cse-in/%C3%28", "/cse-in/a%00b"}) {
            RawHttp.Response r = RawHttp.send(base, "GET", path, null, null);
            assertEquals(400, r.status(), path + " → " + r.statusLine() + " " + r.text());
            assertEquals("4000", r.headers().get("x-m2m-rsc"), path);
            assertTrue(!JSON.readTree(r.body()).path("m2m:dbg").asText().isEmpty(), path + " → " + r.text());
        }
    }

    @Test
    void acknowledgedWritesSurviveKill9() throws Exception {
        create("/cse-in", 2, "{\"m2m:ae\":{\"rn\":\"durable\",\"api\":\"Nd\",\"rr\":false,\"srv\":[\"3\"]}}", "Cdurable");
        assertEquals(201, create("/cse-in/durable", 3, "{\"m2m:cnt\":{\"rn\":\"c\"}}", "Cdurable").status());
        for (int i = 0; i < 20; i++) {
            assertEquals(201, create("/cse-in/durable/c", 4, "{\"m2m:cin\":{\"con\":\"v" + i + "\"}}", "Cdurable").status());
        }
        cse.kill();
        startCse();
        RawHttp.Response la = RawHttp.send(base, "GET", "/cse-in/durable/c/la", "X-M2M-Origin: Cdurable\r\n", null);
        assertEquals(200, la.status(), la.text());
        assertEquals("v19", JSON.readTree(la.body()).path("m2m:cin").path("con").asText());
        RawHttp.Response cnt = RawHttp.send(base, "GET", "/cse-in/durable/c", "X-M2M-Origin: Cdurable\r\n", null);
        assertEquals(20, JSON.readTree(cnt.body()).path("m2m:cnt").path("cni").asInt());
    }


    @Test
    void aStopDeliversPendingNotificationsFirst() throws Exception {
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            create("/cse-in", 2, "{\"m2m:ae\":{\"rn\":\"drain\",\"api\":\"Nd\",\"rr\":false,\"srv\":[\"3\"]}}", "Cdrain");
            create("/cse-in/drain", 3, "{\"m2m:cnt\":{\"rn\":\"c\"}}", "Cdrain");
            assertEquals(201, create("/cse-in/drain/c", 23, "{\"m2m:sub\":{\"nu\":[\"" + receiver.url() + "\"],\"enc\":{\"net\":[3]}}}",
                    "Cdrain").status());
            receiver.slow(200);
            for (int i = 0; i < 10; i++) {
                assertEquals(201, create("/cse-in/drain/c", 4, "{\"m2m:cin\":{\"con\":\"d" + i + "\"}}", "Cdrain").status());
            }
            cse.close(); // SIGTERM while most of the 2 s of notifications are still queued
            cse = null;
            List<NotificationReceiver.Received> all = receiver.next(10, java.time.Duration.ofSeconds(15));
            assertEquals("d9", all.get(9).sgn().path("nev").path("rep").path("m2m:cin").path("con").asText());
        }
    }

    /**
     * Everything logs in one format (time, level, logger, message): Keel, EclipseLink, Flyway, and Jetty through
     * SLF4J; with keel.http.request-log each exchange is a line naming the request identifier and the oneM2M code.
     */
    @Test
    void oneLogFormatAndTheRequestLogOnDemand() throws Exception {
        try (KeelProcess logged = KeelProcess.start(Map.of("KEEL_HTTP_REQUEST_LOG", "true"))) {
            RawHttp.Response r = RawHttp.send(logged.base(), "GET", "/cse-in", null, null); // X-M2M-RI: raw-1
            assertEquals(200, r.status());
            Eventually.holds(Duration.ofSeconds(5), () -> logged.output().stream().anyMatch(line -> line.contains("rqi=raw-1")),
                    "the request log line");
            String requestLine = logged.output().stream().filter(line -> line.contains("rqi=raw-1")).findFirst().orElseThrow();
            assertTrue(requestLine.contains("\"GET /cse-in HTTP/1.1\" 200 rsc=2000 rqi=raw-1 from=CAdmin"), requestLine);
            for (String line : logged.output()) {
                if (!line.startsWith("Keel is serving ")) {
                    assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} [A-Z]+ +\\S+: .*"), line);
                }
            }
        }
    }
}
