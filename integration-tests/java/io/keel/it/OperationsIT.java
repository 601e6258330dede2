package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.it.OneM2MClient.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

/**
 * The operations endpoints (README "Operations") over real HTTP: health, readiness with the database up and gone,
 * the Prometheus metrics of the requests made here, and who may read them.
 */
class OperationsIT extends KeelIT {
    private static final String LIVE = "/.well-known/keel/health/live";
    private static final String READY = "/.well-known/keel/health/ready";
    private static final String METRICS = "/.well-known/keel/metrics";

    /** The value of one series (name and labels exactly as Prometheus text writes them), 0 when it is not there yet. */
    private static double value(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim().split(" ")[0])).orElse(0.0);
    }

    private String metrics() {
        Reply r = cse.get(METRICS).send();
        assertEquals(200, r.status(), r.text());
        return r.text();
    }

    @Test
    void livenessAndReadinessWithTheDatabaseUp() {
        Reply live = cse.get(LIVE).send();
        assertEquals(200, live.status());
        assertEquals("{\"status\":\"UP\"}", live.text());
        assertTrue(live.header("Content-Type").startsWith("application/json"), live.header("Content-Type"));
        assertEquals("no-store", live.header("Cache-Control"));
        Reply ready = cse.get(READY).send();
        assertEquals(200, ready.status(), ready.text());
        assertEquals("{\"status\":\"UP\",\"checks\":{\"database\":\"UP\",\"cse\":\"UP\"}}", ready.text());
        assertEquals(404, cse.get("/.well-known/keel/health/other").send().status());
        assertTrue(value(metrics(), "keel_db_probe_seconds_count{outcome=\"up\"}") >= 1, "the probe is timed");
    }

    @Test
    void requestsAreCountedByOperationTypeAndRscAndTimed() {
        String ae = cse.registerAe("C" + OneM2MClient.unique("ops"), OneM2MClient.unique("opsAe"));
        String before = metrics();
        Reply cnt = cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"c\"}}").from(ae).send();
        assertEquals(201, cnt.status(), cnt.text());
        String ri = cnt.json().path("m2m:cnt").path("ri").asText();
        assertEquals(200, cse.get("/" + ri).from(ae).send().status());
        assertEquals(200, cse.get("/" + ri).from(ae).send().status());
        assertEquals(4004, cse.get("/" + ri + "-missing").from(ae).send().rsc());
        assertEquals(200, cse.get("/" + ae + "?fu=1&ty=3").from(ae).send().status());
        Reply broken = cse.create("/" + ae, 3, "{\"m2m:cnt\":{").from(ae).send();
        assertEquals(4000, broken.rsc(), broken.text());
        Reply scraped = cse.get(METRICS).send();
        assertTrue(scraped.header("Content-Type").startsWith("text/plain") && scraped.header("Content-Type").contains("version=0.0.4"),
                scraped.header("Content-Type"));
        String after = scraped.text();
        for (var expected : Map.of(
                "keel_requests_total{binding=\"http\",operation=\"create\",rsc=\"2001\",ty=\"3\"}", 1.0,
                "keel_requests_total{binding=\"http\",operation=\"retrieve\",rsc=\"2000\",ty=\"3\"}", 2.0,
                "keel_requests_total{binding=\"http\",operation=\"retrieve\",rsc=\"4004\",ty=\"none\"}", 1.0,
                "keel_requests_total{binding=\"http\",operation=\"discovery\",rsc=\"2000\",ty=\"none\"}", 1.0,
                "keel_requests_refused_total{binding=\"http\",rsc=\"4000\"}", 1.0,
                "keel_request_duration_seconds_count{operation=\"create\",ty=\"3\"}", 1.0,
                "keel_request_duration_seconds_bucket{operation=\"create\",ty=\"3\",le=\"+Inf\"}", 1.0).entrySet()) {
            assertEquals(expected.getValue(), value(after, expected.getKey()) - value(before, expected.getKey()), expected.getKey()
                    + " before:\n" + before + "\nafter:\n" + after);
        }
        assertTrue(after.contains("keel_request_duration_seconds_bucket{operation=\"retrieve\",ty=\"3\",le=\"0.001\"}"), after);
        assertTrue(after.contains("keel_request_duration_seconds_bucket{operation=\"retrieve\",ty=\"3\",le=\"30.0\"}"), after);
        assertTrue(!after.contains(ri) && !after.contains(ae), "no resource ID or originator is a label");
        // Repeated retrieves find their rows in the cache: on embedded H2 always, on PostgreSQL while this instance is the
        // only one on its database (a process an earlier test of this JVM started may still be registered for a while).
        String cacheHits = "keel_db_row_cache_total{outcome=\"hit\"}";
        Eventually.holds(Duration.ofSeconds(15), () -> {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, cse.get("/" + ri).from(ae).send().status());
            }
            return value(metrics(), cacheHits) - value(after, cacheHits) >= 1;
        }, "a retrieve answered from the cache");
        for (String gauge : new String[] {"keel_notifications_pending ", "keel_nonblocking_queued ",
                "keel_db_connections_active{pool=\"default\"} ", "keel_db_connections_idle{pool=\"default\"} ",
                "keel_db_connections_max{pool=\"default\"} ", "jvm_memory_used_bytes{", "process_uptime_seconds "}) {
            assertTrue(after.contains("\n" + gauge), gauge + " missing:\n" + after);
        }
        Reply openMetrics = cse.get(METRICS).header("Accept", "application/openmetrics-text;version=1.0.0,text/plain;q=0.5").send();
        assertTrue(openMetrics.header("Content-Type").startsWith("application/openmetrics-text"), openMetrics.header("Content-Type"));
        assertTrue(openMetrics.text().endsWith("# EOF\n"));
    }

    @Test
    void aNotificationRefusedByItsReceiverCountsAsFailed() {
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            String ae = cse.registerAe("C" + OneM2MClient.unique("opsN"), OneM2MClient.unique("opsNotifyAe"));
            String cnt = cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"c\"}}").from(ae).send().json().path("m2m:cnt").path("ri").asText();
            Reply sub = cse.create("/" + cnt, 23, "{\"m2m:sub\":{\"nu\":[\"" + receiver.url() + "\"],\"enc\":{\"net\":[3]}}}").from(ae).send();
            assertEquals(201, sub.status(), sub.text());
            String delivered = "keel_notifications_total{outcome=\"delivered\"}";
            String failed = "keel_notifications_total{outcome=\"failed\"}";
            String before = metrics();
            assertEquals(201, cse.create("/" + cnt, 4, "{\"m2m:cin\":{\"con\":\"accepted\"}}").from(ae).send().status());
            receiver.next();
            Eventually.holds(Duration.ofSeconds(10), () -> value(metrics(), delivered) == value(before, delivered) + 1,
                    delivered + " counting the accepted notification");
            receiver.answering(4000);
            assertEquals(201, cse.create("/" + cnt, 4, "{\"m2m:cin\":{\"con\":\"refused\"}}").from(ae).send().status());
            receiver.next();
            // At least: in this JVM, earlier tests' subscriptions to receivers they closed may fail meanwhile too.
            Eventually.holds(Duration.ofSeconds(10), () -> value(metrics(), failed) >= value(before, failed) + 1,
                    failed + " counting the refusal");
        }
    }

    @Test
    void aResourceNamedMetricsIsAnOrdinaryResource() {
        cse.delete("/cse-in/metrics").send(); // left over from an earlier run on the same database, if any
        String originator = "C" + OneM2MClient.unique("metrics");
        Reply created = cse.create("/cse-in", 2, "{\"m2m:ae\":{\"rn\":\"metrics\",\"api\":\"Nm\",\"rr\":false,\"srv\":[\"3\"]}}")
                .from(originator).send();
        assertEquals(201, created.status(), created.text());
        try {
            Reply ae = cse.get("/cse-in/metrics").from(originator).send();
            assertEquals(200, ae.status(), ae.text());
            assertEquals("metrics", ae.json().path("m2m:ae").path("rn").asText());
            assertEquals(4004, cse.get("/cse-in/health/ready").from(originator).send().rsc());
            assertTrue(cse.get(METRICS).send().text().contains("# TYPE keel_requests_total counter"));
        } finally {
            assertEquals(2002, cse.delete("/cse-in/metrics").send().rsc());
        }
    }

    /**
     * {@code java -jar} with {@code keel.ops.token}, on an H2 server database that then goes away: metrics need the
     * token, even on loopback; readiness turns 503 while liveness stays 200, and ready again when it is back.
     */
    @Test
    void tokenAndUnreachableDatabaseOnTheExecutableWar() throws Exception {
        Path dir = Files.createTempDirectory("keel-ops-db");
        int dbPort = KeelProcess.freePort();
        Server db = Server.createTcpServer("-tcpPort", String.valueOf(dbPort), "-baseDir", dir.toString(), "-ifNotExists").start();
        // Only the readiness probe reaches for the database while it is gone: no background pass (missing-data
        // detection, group re-validation, the management queue) holds a pooled connection the probe would wait for.
        try (KeelProcess keel = KeelProcess.start(Map.of("KEEL_DB_URL", "jdbc:h2:tcp://127.0.0.1:" + dbPort + "/keel",
                "KEEL_OPS_TOKEN", "it-0ps-t0ken", "KEEL_OPS_READY_TIMEOUT", "1500", "KEEL_TIMESERIES_DETECT_INTERVAL", "0",
                "KEEL_GROUP_REVALIDATION_INTERVAL", "0", "KEEL_MANAGEMENT_QUEUE_INTERVAL", "0"))) {
            OneM2MClient client = new OneM2MClient(keel.base());
            assertEquals(200, client.get("/cse-in").send().status());
            for (String wrong : new String[] {null, "Bearer it-0ps-t0ke", "Basic aXQtMHBzLXQwa2Vu"}) {
                Reply refused = client.get(METRICS).header("Authorization", wrong).send();
                assertEquals(401, refused.status(), wrong);
                assertEquals("Bearer realm=\"keel metrics\"", refused.header("WWW-Authenticate"), wrong);
                assertEquals("metrics need the bearer token of keel.ops.token\n", refused.text());
            }
            Reply admitted = client.get(METRICS).header("Authorization", "Bearer it-0ps-t0ken").send();
            assertEquals(200, admitted.status(), admitted.text());
            assertEquals(1.0, value(admitted.text(), "keel_requests_total{binding=\"http\",operation=\"retrieve\",rsc=\"2000\",ty=\"5\"}"), admitted.text());

            assertEquals(200, client.get(READY).send().status());
            db.stop();
            Reply down = client.get(READY).send();
            assertEquals(503, down.status(), down.text());
            assertEquals("{\"status\":\"DOWN\",\"checks\":{\"database\":\"DOWN\",\"cse\":\"UP\"}}", down.text());
            assertEquals(200, client.get(LIVE).send().status());
            // The probe that timed out is timed when EclipseLink gives up: it retries a query that lost its connection
            // (3 times, 5 s apart by default), which on a loaded machine has taken more than 60 s.
            Eventually.holds(Duration.ofSeconds(180), () -> value(client.get(METRICS).header("Authorization", "Bearer it-0ps-t0ken")
                    .send().text(), "keel_db_probe_seconds_count{outcome=\"down\"}") >= 1, "a failed probe timed");

            db = Server.createTcpServer("-tcpPort", String.valueOf(dbPort), "-baseDir", dir.toString(), "-ifNotExists").start();
            Eventually.holds(Duration.ofSeconds(20), () -> client.get(READY).send().status() == 200, "ready again");
        } finally {
            db.stop();
        }
    }
}
