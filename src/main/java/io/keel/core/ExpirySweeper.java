package io.keel.core;

import io.keel.core.operation.DeleteOperation;
import io.keel.core.resource.Resource;
import io.keel.core.store.ResourceStore;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes resources whose expirationTime has passed (TS-0004 7.3.3.5, 7.3.3.7), a batch at a time, off the request
 * path.
 */
public final class ExpirySweeper implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ExpirySweeper.class.getName());
    private static final int BATCH = 200;
    private final ResourceStore store;
    private final DeleteOperation deletes;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    public ExpirySweeper(ResourceStore store, DeleteOperation deletes, Clock clock, long intervalMillis) {
        this.store = store;
        this.deletes = deletes;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keel-expiry");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweepSafely, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Deletes what has expired by now; returns how many expired resources were removed. */
    public int sweep() {
        // A read first: a write transaction, even one that changes nothing, ends every cached row's validity.
        if (store.read(tx -> tx.expiry().expired(clock.now(), 1)).isEmpty()) {
            return 0;
        }
        int total = 0;
        int removed;
        do {
            removed = store.write(tx -> {
                List<Resource> expired = tx.expiry().expired(clock.now(), BATCH);
                int n = 0;
                for (Resource r : expired) {
                    // An earlier deletion in this batch may have taken it with its subtree.
                    Resource still = tx.tree().find(r.ri);
                    if (still != null && still.pi != null && deletes.delete(tx, still, null, clock.now())) {
                        n++;
                    }
                }
                return expired.isEmpty() ? 0 : Math.max(n, 1);
            });
            total += removed;
        } while (removed > 0);
        return total;
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "expiry sweep failed; retrying at the next interval", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
