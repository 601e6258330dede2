package io.keel.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.RequestOutcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a request becomes in the Prometheus output, and which format a scraper gets. */
class KeelMetricsTest {
    private static String scrape(KeelMetrics metrics, String type) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.scrape(type, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRequestIsCountedByItsLabelsAndTimedInFixedBuckets() throws Exception {
        try (KeelMetrics metrics = new KeelMetrics()) {
            metrics.accept(new RequestOutcome("http", "create", 4, 2001, TimeUnit.MILLISECONDS.toNanos(3)));
            metrics.accept(new RequestOutcome("http", "create", 4, 2001, TimeUnit.MILLISECONDS.toNanos(40)));
            metrics.accept(new RequestOutcome("http", "delete", null, 2002, TimeUnit.MILLISECONDS.toNanos(1)));
            String text = scrape(metrics, KeelMetrics.PROMETHEUS_TEXT);
            assertTrue(text.contains("keel_requests_total{binding=\"http\",operation=\"create\",rsc=\"2001\",ty=\"4\"} 2.0"), text);
            assertTrue(text.contains("keel_requests_total{binding=\"http\",operation=\"delete\",rsc=\"2002\",ty=\"none\"} 1.0"), text);
            // 3 ms lies in (2.5 ms, 5 ms]: one at le=0.005, both by le=0.05.
            assertTrue(text.contains("keel_request_duration_seconds_bucket{operation=\"create\",ty=\"4\",le=\"0.002\"} 0"), text);
            assertTrue(text.contains("keel_request_duration_seconds_bucket{operation=\"create\",ty=\"4\",le=\"0.005\"} 1"), text);
            assertTrue(text.contains("keel_request_duration_seconds_bucket{operation=\"create\",ty=\"4\",le=\"0.05\"} 2"), text);
            assertTrue(text.contains("keel_request_duration_seconds_bucket{operation=\"create\",ty=\"4\",le=\"30.0\"} 2"), text);
            assertEquals(15, text.lines().filter(l -> l.startsWith("keel_request_duration_seconds_bucket{operation=\"create\"")).count(),
                    "14 bounds and +Inf, nothing else: " + text);
            assertTrue(text.contains("jvm_memory_used_bytes"), "the JVM binders are there");
        }
    }

    @Test
    void openMetricsWhenTheScraperAsksForIt() throws Exception {
        assertEquals(KeelMetrics.PROMETHEUS_TEXT, KeelMetrics.contentType(null));
        assertEquals(KeelMetrics.PROMETHEUS_TEXT, KeelMetrics.contentType("*/*"));
        assertEquals(KeelMetrics.PROMETHEUS_TEXT, KeelMetrics.contentType("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily"));
        String prometheus = "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";
        assertEquals(KeelMetrics.OPENMETRICS_TEXT, KeelMetrics.contentType(prometheus));
        try (KeelMetrics metrics = new KeelMetrics()) {
            assertTrue(scrape(metrics, KeelMetrics.OPENMETRICS_TEXT).endsWith("# EOF\n"));
        }
    }
}
