package io.keel.ops;

import io.keel.core.Cse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Whether the CSE should be sent requests: its database answers a trivial query within the timeout, and it is not
 * stopping. The database is asked anew on each check: a remembered answer could hide a database that just died.
 */
public final class Readiness {
    private static final Logger LOG = Logger.getLogger(Readiness.class.getName());
    private final Cse cse;
    private final long timeoutMillis;
    private final KeelMetrics metrics;
    /** The probe under way. Checks arriving meanwhile wait for it: a database that hangs holds one thread, not many. */
    private CompletableFuture<Void> probe;

    /** @param checks what each check found, in a fixed order: {@code database}, {@code cse} */
    record Report(boolean ready, Map<String, Boolean> checks) {
    }

    /** @param timeoutMillis how long the database may take to answer (keel.ops.ready-timeout) */
    public Readiness(Cse cse, long timeoutMillis, KeelMetrics metrics) {
        this.cse = cse;
        this.timeoutMillis = timeoutMillis;
        this.metrics = metrics;
    }

    Report check() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("database", databaseAnswers());
        checks.put("cse", !cse.draining());
        return new Report(!checks.containsValue(false), checks);
    }

    private boolean databaseAnswers() {
        try {
            probe().get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            LOG.warning(() -> "not ready: the database did not answer within " + timeoutMillis + " ms (keel.ops.ready-timeout)");
            return false;
        } catch (ExecutionException e) {
            // One line, not a stack trace: a probe may come every few seconds for as long as the database is away.
            LOG.warning(() -> "not ready: the database does not answer: " + e.getCause());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized CompletableFuture<Void> probe() {
        if (probe == null || probe.isDone()) {
            // A thread of its own, not a pool's: a probe stuck in the JDBC driver must not hold up other work.
            probe = CompletableFuture.runAsync(this::ping, task -> {
                Thread t = new Thread(task, "keel-readiness-probe");
                t.setDaemon(true);
                t.start();
            });
        }
        return probe;
    }

    private void ping() {
        long started = System.nanoTime();
        try {
            cse.pingDatabase();
            metrics.databaseProbed(System.nanoTime() - started, true);
        } catch (RuntimeException e) {
            metrics.databaseProbed(System.nanoTime() - started, false);
            throw e;
        }
    }
}
