package io.keel.ops;

import io.keel.core.Cse;
import io.keel.core.RequestOutcome;
import io.keel.core.store.PoolUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Keel's metrics, in a Prometheus registry of its own — not Micrometer's global one, which an app server's other
 * applications, or this one before a redeploy, would share: requests by operation, resource type and RSC with their
 * latency; notifications; the non-blocking queue; the database pools; the JVM and the process.
 */
public final class KeelMetrics implements Consumer<RequestOutcome>, AutoCloseable {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    /** Fixed latency buckets, 1 ms to 30 s: a few series per operation, where a percentile histogram has dozens. */
    private static final Duration[] LATENCY_BUCKETS = millis(1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000,
            10_000, 30_000);
    private static final String NONE = "none";
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /**
     * The request meters, found once per tag combination rather than built and looked up in the registry per request;
     * never removed from this registry of Keel's own, so what is kept here stays the registered meter.
     */
    private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    private record CounterKey(String binding, String operation, Integer ty, int rsc) {
    }

    private record TimerKey(String operation, Integer ty) {
    }

    public KeelMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** Counts a request the CSE answered and records how long it took. */
    @Override
    public void accept(RequestOutcome outcome) {
        counters.computeIfAbsent(new CounterKey(outcome.binding(), outcome.operation(), outcome.resourceType(), outcome.rsc()),
                k -> Counter.builder("keel.requests").description("oneM2M requests answered by the CSE")
                        .tag("binding", k.binding()).tag("operation", k.operation()).tag("ty", tyTag(k.ty()))
                        .tag("rsc", String.valueOf(k.rsc()))
                        .register(registry)).increment();
        timers.computeIfAbsent(new TimerKey(outcome.operation(), outcome.resourceType()),
                k -> Timer.builder("keel.request.duration").description("time from taking a oneM2M request to its response")
                        .tag("operation", k.operation()).tag("ty", tyTag(k.ty())).serviceLevelObjectives(LATENCY_BUCKETS)
                        .register(registry)).record(outcome.nanos(), TimeUnit.NANOSECONDS);
    }

    private static String tyTag(Integer ty) {
        return ty == null ? NONE : ty.toString();
    }

    /**
     * Counts a request a binding answered itself, before the CSE saw it: malformed, unauthenticated, over the rate
     * limit. Such requests have no operation or resource type anyone vouched for, only their binding and RSC.
     */
    public void refused(String binding, int rsc) {
        Counter.builder("keel.requests.refused").description("oneM2M requests the binding refused before the CSE took them")
                .tag("binding", binding).tag("rsc", String.valueOf(rsc)).register(registry).increment();
    }

    /** The gauges and counters read from the running CSE. */
    public void bind(Cse cse) {
        Gauge.builder("keel.notifications.pending", cse, Cse::pendingNotifications)
                .description("notifications queued or being sent").register(registry);
        FunctionCounter.builder("keel.notifications", cse, Cse::notificationsDelivered).tag("outcome", "delivered")
                .description("notifications (or batches) sent, by outcome; a kept one that fails again counts again")
                .register(registry);
        FunctionCounter.builder("keel.notifications", cse, Cse::notificationFailures).tag("outcome", "failed")
                .description("notifications (or batches) sent, by outcome; a kept one that fails again counts again")
                .register(registry);
        Gauge.builder("keel.nonblocking.queued", cse, Cse::queuedNonBlockingRequests)
                .description("non-blocking requests waiting for a thread").register(registry);
        if (cse.rowCache() != null) {
            FunctionCounter.builder("keel.db.row.cache", cse, c -> c.rowCache().hits()).tag("outcome", "hit")
                    .description("lookups of resources by name or ID, answered from the cache of rows or read").register(registry);
            FunctionCounter.builder("keel.db.row.cache", cse, c -> c.rowCache().misses()).tag("outcome", "miss")
                    .description("lookups of resources by name or ID, answered from the cache of rows or read").register(registry);
        }
        for (String pool : cse.connectionPools().keySet()) {
            poolGauge(cse, pool, "keel.db.connections.active", "connections in use", PoolUsage::inUse);
            poolGauge(cse, pool, "keel.db.connections.idle", "open connections nobody holds", PoolUsage::idle);
            poolGauge(cse, pool, "keel.db.connections.max", "connections the pool may open", PoolUsage::max);
        }
    }

    private void poolGauge(Cse cse, String pool, String name, String description, ToIntFunction<PoolUsage> value) {
        Gauge.builder(name, cse, c -> {
            PoolUsage usage = c.connectionPools().get(pool);
            return usage == null ? Double.NaN : value.applyAsInt(usage);
        }).tag("pool", pool).description(description + " (EclipseLink pool)").register(registry);
    }

    /** Times one database probe of the readiness check; {@code up} whether the database answered in time. */
    void databaseProbed(long nanos, boolean up) {
        Timer.builder("keel.db.probe").description("time the database took to answer the readiness query")
                .tag("outcome", up ? "up" : "down").register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The format a scraper's Accept header prefers: OpenMetrics when it names it, else the Prometheus text format. */
    static String contentType(String accept) {
        return accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS_TEXT : PROMETHEUS_TEXT;
    }

    /** Writes every metric in {@code contentType}, one of {@link #contentType}'s. */
    void scrape(String contentType, OutputStream out) throws IOException {
        registry.scrape(out, contentType);
    }

    @Override
    public void close() {
        gc.close(); // its JMX listeners would otherwise outlive an undeployed application
        registry.close();
    }

    private static Duration[] millis(long... values) {
        Duration[] d = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = Duration.ofMillis(values[i]);
        }
        return d;
    }
}
