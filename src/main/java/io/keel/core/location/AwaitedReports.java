package io.keel.core.location;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.core.store.LocationReports;
import io.keel.core.store.ResourceStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one-time reports {@link ThreeGppMonitoringEvent#locate} waits for after a 201, known to every CSE instance on the
 * database ({@link LocationReports}, V43): whichever instance the SCEF/NEF notifies stores the report in the token's
 * row, and the asking instance reads it there every {@value #POLL_MILLIS} ms, or at once when the report came to itself.
 */
final class AwaitedReports {
    static final long POLL_MILLIS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ResourceStore store;
    /** The reports this instance waits for, completed when notified here. */
    private final Map<String, CompletableFuture<JsonNode>> here = new ConcurrentHashMap<>();

    AwaitedReports(ResourceStore store) {
        this.store = store;
    }

    /** A report is awaited at this token until {@code until}; what an instance that stopped left is deleted. */
    void expect(String token, Instant until) {
        here.put(token, new CompletableFuture<>());
        store.write(tx -> {
            tx.locationReports().removeEnded(Instant.now());
            tx.locationReports().expect(token, until);
            return null;
        });
    }

    /** Whether a report is awaited at this token, by any instance. */
    boolean awaits(String token) {
        return here.containsKey(token) || store.read(tx -> tx.locationReports().of(token)) != null;
    }

    /** Takes the report of an awaited token; false when none is awaited there. */
    boolean take(String token, JsonNode report) {
        CompletableFuture<JsonNode> waiting = here.get(token);
        if (waiting != null) {
            waiting.complete(report);
            return true;
        }
        return store.write(tx -> tx.locationReports().report(token, report.toString()));
    }

    /** The report, as soon as it came (here or to another instance), else a TimeoutException after {@code timeout}. */
    JsonNode await(String token, Duration timeout) throws TimeoutException, InterruptedException, IOException {
        CompletableFuture<JsonNode> waiting = here.get(token);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (;;) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException();
            }
            try {
                return waiting.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                LocationReports.Awaited stored = store.read(tx -> tx.locationReports().of(token));
                if (stored != null && stored.report() != null) {
                    return JSON.readTree(stored.report());
                }
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            }
        }
    }

    /** The wait is over: the token is known no more. */
    void forget(String token) {
        here.remove(token);
        store.write(tx -> {
            tx.locationReports().remove(token);
            return null;
        });
    }
}
