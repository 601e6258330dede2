package io.keel.core.notification;

import io.keel.core.resource.Resource;
import io.keel.core.resource.types.NotificationStatsInfo;
import io.keel.core.resource.types.SubscriptionType;
import io.keel.core.store.ResourceStore;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts Notify requests and their responses into the notificationStatsInfo of subscriptions with notificationStatsEnable
 * (Release 4 TS-0004 7.4.8.1). The counts live in the subscription as stored, so every instance on the database adds to
 * the same ones and they survive a restart. Counts gather in memory and are added by one write per subscription: the
 * subscription locked, its nsi raised, while it still counts (another instance may have turned nse off meanwhile).
 * Writes run on one thread, so under load a write carries what gathered while the previous one ran, and a busy
 * subscription's row takes one write per round instead of one per notification.
 */
final class NotificationStats {
    private static final Logger LOG = Logger.getLogger(NotificationStats.class.getName());
    private final ResourceStore store;
    private final Executor writer;
    /** subscription → target → {requests, responses} not written yet. */
    private Map<String, Map<String, long[]>> gathered = new HashMap<>();
    private boolean flushQueued;

    /** @param writer runs the writes, one at a time */
    NotificationStats(ResourceStore store, Executor writer) {
        this.store = store;
        this.writer = writer;
    }

    /** One Notify sent to {@code target} (a notificationURI entry) for the subscription, and whether it was answered. */
    void sent(String subscription, String target, boolean answered) {
        synchronized (this) {
            long[] counts = gathered.computeIfAbsent(subscription, s -> new HashMap<>()).computeIfAbsent(target, t -> new long[2]);
            counts[0]++;
            if (answered) {
                counts[1]++;
            }
            if (flushQueued) {
                return;
            }
            flushQueued = true;
        }
        try {
            writer.execute(this::flush);
        } catch (RejectedExecutionException e) {
            LOG.warning(() -> "shutting down: the notificationStatsInfo of " + subscription + " misses its last counts");
        }
    }

    /** Writes what has gathered. */
    void flush() {
        Map<String, Map<String, long[]>> counts;
        synchronized (this) {
            counts = gathered;
            gathered = new HashMap<>();
            flushQueued = false;
        }
        counts.forEach((subscription, byTarget) -> {
            try {
                store.write(tx -> {
                    Resource sub = tx.tree().lock(subscription);
                    if (sub == null || !SubscriptionType.collectsStats(sub)) {
                        return null;
                    }
                    Object nsi = sub.get("nsi");
                    for (Map.Entry<String, long[]> e : byTarget.entrySet()) {
                        nsi = NotificationStatsInfo.add(nsi, e.getKey(), e.getValue()[0], e.getValue()[1]);
                    }
                    sub.attributes.put("nsi", nsi);
                    tx.tree().update(sub);
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot add to the notificationStatsInfo of " + subscription, e);
            }
        });
    }
}
