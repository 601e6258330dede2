package io.keel.core.notification;

import io.keel.core.Identifiers;
import io.keel.core.store.NotificationOutbox;
import io.keel.core.store.ResourceStore;
import io.keel.core.store.Transaction;
import io.keel.primitive.Timestamps;
import io.keel.serialization.ContentCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The transactional outbox of notifications: what a change raises is written in the change's transaction (one insert
 * statement), owned by this instance, which delivers it from memory and deletes the row when its outcome is final
 * (deletions gathered off the delivery path). At start it takes back its own rows and those of instances whose lease
 * ran out, and hands them to the {@link Notifier} in their order; while it runs it renews its lease and takes over
 * the rows of instances that fell silent, each under a row lock, so one instance only sends them.
 */
final class Outbox implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
    private static final long RETRY_MILLIS = 1_000;
    private static final long FLUSH_DELAY_MILLIS = 50;
    private final ResourceStore store;
    private final Receivers receivers;
    private final Function<String, Optional<DeliveryRules>> currentRules;
    private final Supplier<Instant> clock;
    private final String instance;
    private final long leaseMillis;
    private final ConcurrentLinkedQueue<String> settled = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(PollingChannels.daemon("keel-notification-outbox"));
    private volatile Consumer<List<Raised>> adopter;
    /** Rows of this name from before this seq are a previous run's; later ones this run wrote and holds in memory. */
    private final long startSeq = Raised.nextSeq();

    Outbox(ResourceStore store, Receivers receivers, Function<String, Optional<DeliveryRules>> currentRules,
           Supplier<Instant> clock, OutboxSettings settings) {
        this.store = store;
        this.receivers = receivers;
        this.currentRules = currentRules;
        this.clock = clock;
        this.instance = settings.instance();
        this.leaseMillis = settings.leaseMillis();
    }

    /** Called in the change's transaction just before it commits: one row per notification, in one statement. */
    List<Raised> write(Transaction tx, List<OutgoingNotification> notifications) {
        List<Raised> raised = new ArrayList<>(notifications.size());
        List<NotificationOutbox.Row> rows = new ArrayList<>(notifications.size());
        Map<AtomicBoolean, String> events = new IdentityHashMap<>();
        for (OutgoingNotification n : notifications) {
            String id = Identifiers.random(24);
            long seq = Raised.nextSeq();
            String event = events.computeIfAbsent(n.delivered(), k -> Identifiers.random(24));
            rows.add(new NotificationOutbox.Row(id, seq, n.subscription(), n.channel(), n.target(), event,
                    ContentCodec.toJson(n.sgn())));
            raised.add(new Raised(n, id, seq));
        }
        tx.notificationOutbox().add(instance, rows);
        return raised;
    }

    /** The outcome of these rows is final; they are deleted shortly (within some 50 ms), in one transaction with others. */
    void settle(List<String> rows) {
        if (rows.isEmpty()) {
            return;
        }
        settled.addAll(rows);
        if (flushQueued.compareAndSet(false, true)) {
            try {
                // A moment later: what settles meanwhile goes in the same transaction (one durable commit for a fan-out's
                // thousand rows, not one each); a crash in between sends those again, as any row not deleted yet.
                worker.schedule(this::flush, FLUSH_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // Stopped: the row stays, and is sent again after the next start (at least once, never lost).
            }
        }
    }

    private void flush() {
        flushQueued.set(false);
        List<String> ids = new ArrayList<>();
        for (String id; (id = settled.poll()) != null; ) {
            ids.add(id);
        }
        if (ids.isEmpty()) {
            return;
        }
        try {
            store.write(tx -> {
                tx.notificationOutbox().remove(ids);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot delete " + ids.size() + " settled notifications from the outbox; retrying", e);
            settled.addAll(ids);
            if (flushQueued.compareAndSet(false, true)) {
                worker.schedule(this::flush, RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Says this instance is alive, hands {@code adopter} the rows this instance's name owned before (a restart) and
     * those of instances whose lease ran out, then renews the lease and looks for silent instances every quarter lease.
     */
    void start(Consumer<List<Raised>> adopter) {
        this.adopter = adopter;
        List<NotificationOutbox.Row> own = store.write(tx -> {
            tx.notificationOutbox().heartbeat(instance, micros(clock.get()));
            return tx.notificationOutbox().owned(instance).stream().filter(r -> r.seq() < startSeq).toList();
        });
        if (!own.isEmpty()) {
            LOG.info(() -> own.size() + " notifications pending before the restart are taken back");
            adopt(own);
        }
        takeOverSilent();
        long period = Math.max(250, leaseMillis / 4);
        worker.scheduleWithFixedDelay(this::keepAlive, period, period, TimeUnit.MILLISECONDS);
    }

    private void keepAlive() {
        try {
            store.write(tx -> {
                tx.notificationOutbox().heartbeat(instance, micros(clock.get()));
                return null;
            });
            takeOverSilent();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot renew the notification lease of this instance", e);
        }
    }

    /** Takes over the rows of instances whose lease ran out, one instance per transaction. */
    void takeOverSilent() {
        for (;;) {
            long before = micros(clock.get().minusMillis(leaseMillis));
            List<NotificationOutbox.Row> rows = store.write(tx -> {
                List<String> silent = tx.notificationOutbox().silentInstances(instance, before);
                if (silent.isEmpty()) {
                    return null;
                }
                String from = silent.get(0);
                List<NotificationOutbox.Row> taken = tx.notificationOutbox().takeOver(from, instance);
                if (!taken.isEmpty()) {
                    LOG.info(() -> "instance " + from + " fell silent; its " + taken.size() + " pending notifications are sent by this one");
                }
                return taken;
            });
            if (rows == null) {
                return;
            }
            adopt(rows);
        }
    }

    /** Rebuilds the notifications of rows, as their subscriptions are stored now; rows of one gone are settled. */
    private void adopt(List<NotificationOutbox.Row> rows) {
        Map<String, Optional<DeliveryRules>> rules = new HashMap<>();
        Map<String, AtomicBoolean> events = new HashMap<>();
        List<String> orphaned = new ArrayList<>();
        List<Raised> raised = store.read(tx -> {
            List<Raised> out = new ArrayList<>();
            for (NotificationOutbox.Row row : rows) {
                boolean notice = row.channel().equals(row.subscription()) && row.subscription().startsWith(ResourceChangeEvents.DELETION_CHANNEL);
                Optional<DeliveryRules> r = notice ? Optional.of(DeliveryRules.DELETION_NOTICE)
                        : rules.computeIfAbsent(row.subscription(), currentRules);
                Object sgn = ContentCodec.fromJson(row.sgn());
                if (r.isEmpty() || !(sgn instanceof Map<?, ?>)) {
                    orphaned.add(row.id());
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> members = (Map<String, Object>) sgn;
                OutgoingNotification n = new OutgoingNotification(row.subscription(), row.channel(), row.target(),
                        receivers.resolve(tx.tree(), row.target()), r.get(), members,
                        events.computeIfAbsent(row.event(), k -> new AtomicBoolean()));
                out.add(new Raised(n, row.id(), row.seq()));
            }
            return out;
        });
        settle(orphaned);
        if (!raised.isEmpty()) {
            adopter.accept(raised);
        }
    }

    /** Deletes what was settled, then lets another instance take this one's rows at once (an orderly stop). */
    @Override
    public void close() {
        if (worker.isShutdown()) {
            return;
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQueued.set(true);
        try {
            flush();
            if (adopter != null) {
                store.write(tx -> {
                    tx.notificationOutbox().heartbeat(instance, 0);
                    return null;
                });
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot hand the pending notifications of this instance on at its stop", e);
        }
    }

    private static long micros(Instant t) {
        return Timestamps.epochMicros(t);
    }
}
