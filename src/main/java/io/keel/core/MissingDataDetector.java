package io.keel.core;

import io.keel.core.notification.ResourceChangeEvents;
import io.keel.core.resource.Resource;
import io.keel.core.resource.types.TimeSeriesType;
import io.keel.core.store.ResourceStore;
import io.keel.core.store.TimeSeriesIndex;
import io.keel.core.store.Transaction;
import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Detects missing data points of timeSeries (TS-0001 10.2.4.29, TS-0004 7.4.38.2.1) off the request path: the store
 * keeps, per monitored series, the next expected dataGenerationTime and its detection time; this asks for the due ones
 * a page at a time and handles each in its own write transaction with the series locked, so that a restart loses no gap
 * and CSEs sharing the database record each gap once.
 */
public final class MissingDataDetector implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MissingDataDetector.class.getName());
    private static final int PAGE = 100;
    /** Expected points one transaction handles at most, after a long outage; the rest follow in the next ones. */
    private static final int MAX_POINTS = 1000;
    private final ResourceStore store;
    private final ResourceChangeEvents events;
    private final Supplier<Instant> clock;
    private final ScheduledExecutorService timer;

    /** @param clock the CSE's time; {@code intervalMillis} 0 detects only when {@link #detect()} is called */
    public MissingDataDetector(ResourceStore store, ResourceChangeEvents events, Supplier<Instant> clock, long intervalMillis) {
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keel-missing-data");
            t.setDaemon(true);
            return t;
        });
        if (intervalMillis > 0) {
            timer.scheduleWithFixedDelay(this::detectSafely, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Handles every series due by now; returns how many missing data points it recorded. */
    public int detect() {
        int total = 0;
        for (;;) {
            Instant now = clock.get();
            List<TimeSeriesIndex.Watch> due = store.read(tx -> tx.timeSeries().detectionsDue(now, PAGE));
            boolean progress = false;
            for (TimeSeriesIndex.Watch w : due) {
                Outcome o = store.write(tx -> detect(tx, w.series(), now));
                total += o.missing;
                progress |= o.handled;
            }
            if (due.size() < PAGE || !progress) {
                return total;
            }
        }
    }

    private record Outcome(boolean handled, int missing) {
    }

    private Outcome detect(Transaction tx, String ri, Instant now) {
        Resource ts = tx.tree().lock(ri);
        // Read after the lock: another CSE on the database may have handled this detection meanwhile.
        TimeSeriesIndex.Watch w = tx.timeSeries().watched(ri);
        if (ts == null || w == null || w.due().isAfter(now)) {
            return new Outcome(false, 0);
        }
        if (!TimeSeriesType.detects(ts)) {
            tx.timeSeries().unwatch(ri);
            return new Outcome(true, 0);
        }
        long pei = (Long) ts.get(TimeSeriesType.PERIODIC_INTERVAL);
        long peid = ts.getLong(TimeSeriesType.PERIODIC_INTERVAL_DELTA, 0);
        long mdt = (Long) ts.get(TimeSeriesType.MISSING_DATA_DETECT_TIMER);
        List<String> missing = new ArrayList<>();
        Instant expected = w.expected();
        for (int n = 0; n < MAX_POINTS && !expected.plusMillis(mdt).isAfter(now); n++) {
            // An instance within the expected dataGenerationTimeRange (expected ± peid) may have come out of order.
            if (!tx.timeSeries().hasInstanceBetween(ri, expected.minusMillis(peid), expected.plusMillis(peid))) {
                String point = Timestamps.format(expected);
                missing.add(point);
                TimeSeriesType.recordMissing(ts, point);
            }
            expected = expected.plusMillis(pei);
        }
        tx.timeSeries().watch(ri, expected, expected.plusMillis(mdt));
        if (!missing.isEmpty()) {
            ts.lt = now;
            tx.tree().update(ts);
            events.updated(tx, ts, Set.of(TimeSeriesType.MISSING_DATA_LIST, TimeSeriesType.MISSING_DATA_CURRENT_NR));
            events.missingData(tx, ts, missing, now);
        }
        return new Outcome(true, missing.size());
    }

    private void detectSafely() {
        try {
            detect();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "missing data detection failed; retrying at the next interval", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
