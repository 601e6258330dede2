package io.keel.core.notification;

import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers notifications off the request threads, in order: one channel per subscription and receiver sends one
 * notification at a time, asynchronously, so a receiver that hangs holds up only its own channel. A channel applies
 * its subscription's rules: batches ({@code m2m:agn}), rate limit, latest only, and keeping notifications for an
 * unreachable receiver (pn 1: the latest, pn 2: all, up to a bound per receiver that drops the lowest
 * notificationStoragePriority first; without pn a failed notification is dropped), and
 * the notificationSchedule: outside its time periods nothing is sent, and what would have been is handled by pn as a
 * missed notification (TS-0001 9.6.8 pendingNotification, 10.2.10.7): dropped without pn, the newest kept with pn 1,
 * all kept with pn 2, and sent when the schedule next allows.
 * <p>
 * Each notification may have an outbox row ({@link Outbox}); whenever its outcome is final (sent, dropped by these
 * rules, given up) its row is settled. What is still held at a stop stays in the outbox for the next start; rows
 * taken back or over are offered again in their order ({@link #adopt}).
 */
final class Notifier implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Notifier.class.getName());
    private static final long MAX_RETRY_DELAY_MILLIS = 60_000;
    /**
     * How long a channel held by its notificationSchedule waits at most before it reads its subscription again: another
     * CSE instance on the database may have changed the schedule or deleted the subscription.
     */
    static final long SCHEDULE_RECHECK_MILLIS = 10_000;
    private final Delivery delivery;
    private final String from;
    private final int maxPending;
    private final Consumer<String> deliveredCounted;
    private final Supplier<Instant> now;
    private final Function<String, Optional<DeliveryRules>> currentRules;
    private final NotificationStats stats;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(PollingChannels.daemon("keel-notifier"));
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    /** The channels of each receiver, which share its storage of pending notifications. */
    private final Map<String, Set<Channel>> byReceiver = new ConcurrentHashMap<>();
    private final LongAdder deliveredTotal = new LongAdder();
    private final LongAdder failuresTotal = new LongAdder();
    /** Told the outbox rows whose outcome is final. */
    private volatile Consumer<List<String>> settled = rows -> { };

    /**
     * @param deliveredCounted told the subscription ri when an event of a subscription with an expirationCounter
     *                         has been delivered
     * @param now              the wall clock notification schedules are read by
     * @param currentRules     a subscription's rules as stored now, empty when it no longer exists
     * @param stats            where the Notify requests of subscriptions with notificationStatsEnable are counted
     */
    Notifier(Delivery delivery, String from, int maxPending, Consumer<String> deliveredCounted, Supplier<Instant> now,
             Function<String, Optional<DeliveryRules>> currentRules, NotificationStats stats) {
        this.stats = stats;
        this.delivery = delivery;
        this.from = from;
        this.maxPending = maxPending;
        this.deliveredCounted = deliveredCounted;
        this.now = now;
        this.currentRules = currentRules;
    }

    /** Where the outbox rows whose outcome is final are reported. */
    void settleWith(Consumer<List<String>> settled) {
        this.settled = settled;
    }

    /** What a committed transaction raised, in commit order. */
    void accept(TransactionNotifications p) {
        p.endedSubscriptions.forEach(this::forget);
        p.changedSubscriptions.forEach((subscription, rules) -> channels.values().forEach(ch -> {
            if (ch.subscription.equals(subscription)) {
                ch.rulesChanged(rules);
                ch.pump();
            }
        }));
        for (OutgoingNotification n : p.notifications) {
            offer(p.raised(n), false);
        }
    }

    /**
     * Notifications taken back from the outbox (at a restart, or from an instance that fell silent), in their order:
     * each goes into its channel at its place by {@code seq}, with the rules of its subscription as stored now.
     */
    void adopt(List<Raised> raised) {
        raised.forEach(r -> offer(r, true));
    }

    /** @param adopted taken back from the outbox: it goes at its place by seq, not necessarily last */
    private void offer(Raised raised, boolean adopted) {
        OutgoingNotification n = raised.notification();
        Channel ch = channels.computeIfAbsent(n.channel(), k -> {
            Channel created = new Channel(k, n.subscription(), n.receiver().address());
            byReceiver.compute(created.receiver, (r, group) -> {
                Set<Channel> g = group == null ? ConcurrentHashMap.newKeySet() : group;
                g.add(created); // inside compute: an unlist emptying the group at the same time cannot orphan it
                return g;
            });
            return created;
        });
        ch.offer(raised, adopted);
    }

    /** Drops what is still queued for a subscription that no longer exists. */
    private void forget(String subscription) {
        channels.values().removeIf(ch -> {
            if (ch.subscription.equals(subscription)) {
                ch.discard();
                unlist(ch);
                return true;
            }
            return false;
        });
    }

    private void unlist(Channel ch) {
        byReceiver.computeIfPresent(ch.receiver, (r, group) -> {
            group.remove(ch);
            return group.isEmpty() ? null : group;
        });
    }

    /**
     * The storage of pending notifications is per subscriber (TS-0001 9.6.3 notificationCongestionPolicy, 9.6.8
     * notificationStoragePriority): past {@code maxPending} queued for one receiver, over all its subscriptions, the
     * oldest of the subscription of lowest notificationStoragePriority is dropped (oldest first among equal
     * priorities), until it fits. Called holding no channel lock: it takes them one at a time.
     */
    private void keepWithinStorage(String receiver) {
        Set<Channel> group = byReceiver.get(receiver);
        if (group == null) {
            return;
        }
        synchronized (group) {
            int total = 0;
            for (Channel ch : group) {
                total += ch.queued();
            }
            for (; total > maxPending; total--) {
                Channel victim = null;
                long[] chosen = null;
                for (Channel ch : group) {
                    long[] head = ch.oldest();
                    if (head != null && (chosen == null || head[0] < chosen[0] || (head[0] == chosen[0] && head[1] < chosen[1]))) {
                        victim = ch;
                        chosen = head;
                    }
                }
                if (victim == null) {
                    return;
                }
                victim.dropOldest();
            }
        }
    }

    /**
     * A message to send: a notification, or a batch of them; {@code counters} are the events it delivers;
     * {@code latest}: kept for an unreachable receiver under pn sendLatest, so sent with Event Category latest.
     */
    private record Item(OutgoingNotification first, Object content, List<AtomicBoolean> counters, boolean latest, long seq,
                        List<String> rows) {
        Item(OutgoingNotification first, Object content, List<AtomicBoolean> counters, long seq, List<String> rows) {
            this(first, content, counters, false, seq, rows);
        }

        Item asLatest() {
            return new Item(first, content, counters, true, seq, rows);
        }

        Item with(DeliveryRules rules) {
            OutgoingNotification f = new OutgoingNotification(first.subscription(), first.channel(), first.target(), first.receiver(), rules,
                    first.sgn(), first.delivered());
            return new Item(f, content, counters, latest, seq, rows);
        }
    }

    private static List<String> rowsOf(Raised r) {
        return r.row() == null ? List.of() : List.of(r.row());
    }

    private final class Channel {
        final String key;
        final String subscription;
        /** The receiver's address: the subscriber whose pending notifications share one storage. */
        final String receiver;
        final Deque<Item> queue = new ArrayDeque<>();
        final List<Raised> batch = new ArrayList<>();
        /** The rate limit's current window (ms, as nanoTime), or -1 before the first, and what it has sent so far. */
        long windowStart = -1;
        int sentInWindow;
        ScheduledFuture<?> batchTimer;
        /** What ends the current wait (rate window, retry delay, closed schedule), while {@link #waiting}. */
        ScheduledFuture<?> resume;
        boolean busy;
        boolean waiting;
        /** What is queued waits for the notificationSchedule: a shutdown does not wait for it. */
        boolean scheduleHeld;
        boolean discarded;
        int failures;

        Channel(String key, String subscription, String receiver) {
            this.key = key;
            this.subscription = subscription;
            this.receiver = receiver;
        }

        void offer(Raised r, boolean adopted) {
            OutgoingNotification n = r.notification();
            synchronized (this) {
                DeliveryRules rules = n.rules();
                if (discarded) {
                    settled.accept(rowsOf(r));
                } else if (rules.batchSize() == null) {
                    enqueue(new Item(n, Map.of("m2m:sgn", n.sgn()), List.of(n.delivered()), r.seq(), rowsOf(r)), adopted);
                } else {
                    int at = batch.size();
                    while (adopted && at > 0 && batch.get(at - 1).seq() > r.seq()) {
                        at--; // one taken over from another instance goes before what came after it
                    }
                    batch.add(at, r);
                    if (batch.size() >= rules.batchSize()) {
                        queueBatch();
                    } else if (batchTimer == null) {
                        batchTimer = timer.schedule(() -> {
                            synchronized (this) {
                                batchTimer = null;
                                queueBatch();
                            }
                            keepWithinStorage(receiver);
                            pump();
                        }, rules.batchDuration().toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
            }
            keepWithinStorage(receiver);
            pump();
        }

        /** The batch so far as one {@code m2m:agn}; with latestNotify only its newest notification. */
        private void queueBatch() {
            if (batch.isEmpty()) {
                return;
            }
            if (batchTimer != null) {
                batchTimer.cancel(false);
                batchTimer = null;
            }
            OutgoingNotification last = batch.get(batch.size() - 1).notification();
            List<Raised> sent = last.rules().latestOnly() ? List.of(batch.get(batch.size() - 1)) : List.copyOf(batch);
            List<Object> sgns = new ArrayList<>();
            List<AtomicBoolean> counters = new ArrayList<>();
            for (Raised r : sent) {
                sgns.add(r.notification().sgn());
                counters.add(r.notification().delivered());
            }
            // The rows of the whole batch go with the message: with latestNotify the others are settled with it.
            List<String> rows = new ArrayList<>();
            batch.forEach(r -> rows.addAll(rowsOf(r)));
            long seq = batch.get(0).seq();
            batch.clear();
            enqueue(new Item(last, Map.of("m2m:agn", Map.of("m2m:sgn", sgns)), counters, seq, List.copyOf(rows)), false);
        }

        /** @param adopted taken back from the outbox, and maybe older than what is queued */
        private void enqueue(Item item, boolean adopted) {
            DeliveryRules rules = item.first().rules();
            boolean older = adopted && !queue.isEmpty() && queue.peekLast().seq() > item.seq();
            if (!rules.schedule().always() && !rules.schedule().allows(now.get())) {
                // Missed by the notificationSchedule: kept as pn says (TS-0001 9.6.8), see holdUntilScheduled.
                if (rules.pendingNotification() == null) {
                    settle(item);
                    return;
                }
                if (rules.pendingNotification() == 1) {
                    if (older) {
                        settle(item);
                        return;
                    }
                    clearQueue();
                    item = item.asLatest();
                }
            }
            if (item.first().rules().latestOnly() || keepsLatestOnly(item.first().rules())) {
                if (older) {
                    settle(item); // a newer one is queued already, which supersedes it
                    return;
                }
                // latestNotify: what has not gone yet is superseded by the latest; the receiver unreachable and pn
                // sendLatest: this one replaces what is kept (TS-0004 7.5.1.2.2 step 4.0).
                clearQueue();
                if (!item.first().rules().latestOnly()) {
                    item = item.asLatest();
                }
            }
            if (older) {
                List<Item> items = new ArrayList<>(queue);
                int at = items.size();
                while (at > 0 && items.get(at - 1).seq() > item.seq()) {
                    at--;
                }
                items.add(at, item);
                queue.clear();
                queue.addAll(items);
            } else {
                queue.add(item);
            }
        }

        /** Called holding the lock: the item's outcome is final (sent, dropped or given up). */
        private void settle(Item item) {
            settled.accept(item.rows());
        }

        /** Called holding the lock: drops everything queued. */
        private void clearQueue() {
            queue.forEach(this::settle);
            queue.clear();
        }

        /** Called holding the lock: keeps only the newest queued item, as latest if so asked. */
        private void keepNewest(boolean asLatest) {
            Item newest = queue.pollLast();
            clearQueue();
            queue.add(asLatest ? newest.asLatest() : newest);
        }

        /** The notificationStoragePriority of what it keeps now and the sequence of its oldest kept item; null when empty. */
        synchronized long[] oldest() {
            return queue.isEmpty() ? null : new long[] {queue.peekLast().first().rules().storagePriority(), queue.peekFirst().seq()};
        }

        synchronized int queued() {
            return queue.size();
        }

        synchronized void dropOldest() {
            Item dropped = queue.pollFirst();
            if (dropped != null) {
                settle(dropped);
                LOG.warning(() -> "more than " + maxPending + " notifications pending for " + receiver
                        + "; the oldest of subscription " + subscription + " is dropped");
            }
        }

        void pump() {
            Item item;
            synchronized (this) {
                if (busy || waiting || discarded || queue.isEmpty()) {
                    return;
                }
                DeliveryRules rules = queue.peek().first().rules();
                scheduleHeld = !rules.schedule().always() && !rules.schedule().allows(now.get());
                if (scheduleHeld) {
                    holdUntilScheduled(rules);
                    return;
                }
                if (rules.rateLimit() != null) {
                    // Sequential windows, not a rolling one (TS-0001 10.2.10.7): at most mnn per window of tww.
                    long now = System.nanoTime() / 1_000_000;
                    long window = rules.rateWindow().toMillis();
                    if (windowStart < 0 || now >= windowStart + window) {
                        windowStart = now;
                        sentInWindow = 0;
                    }
                    if (sentInWindow >= rules.rateLimit()) {
                        resumeAfter(windowStart + window - now);
                        return;
                    }
                    sentInWindow++;
                }
                item = queue.poll();
                busy = true;
            }
            OutgoingNotification n = item.first();
            RequestPrimitive request = Delivery.notify(n.receiver(), from, item.content(),
                    item.latest() ? Integer.valueOf(DeliveryRules.LATEST) : n.rules().eventCategory());
            delivery.send(n.receiver(), request).whenComplete((rsp, e) -> done(item, rsp));
        }

        private void done(Item item, ResponsePrimitive rsp) {
            OutgoingNotification n = item.first();
            if (n.rules().statsCounted()) {
                stats.sent(subscription, n.target(), Delivery.answered(rsp));
            }
            if (Delivery.succeeded(rsp)) {
                deliveredTotal.increment();
                for (AtomicBoolean delivered : item.counters()) {
                    if (n.rules().counted() && delivered.compareAndSet(false, true)) {
                        deliveredCounted.accept(subscription);
                    }
                }
                synchronized (this) {
                    settle(item);
                    failures = 0;
                    busy = false;
                }
            } else {
                failuresTotal.increment();
                String reason = rsp == null ? "no response" : rsp.responseStatusCode.code() + " " + rsp.content;
                Integer pn = n.rules().pendingNotification();
                LOG.warning(() -> "notification of subscription " + subscription + " to " + n.receiver().address()
                        + " failed: " + reason + (pn == null ? "; dropped" : "; kept (pn=" + pn + ")"));
                synchronized (this) {
                    busy = false;
                    if (discarded) {
                        settle(item);
                    } else if (pn != null && !(pn == 1 && !queue.isEmpty())) {
                        queue.addFirst(pn == 1 ? item.asLatest() : item);
                        failures++;
                        resumeAfter(Math.min(MAX_RETRY_DELAY_MILLIS, 500L << Math.min(failures, 10)));
                    } else {
                        settle(item);
                    }
                }
            }
            pump();
            if (n.rules() == DeliveryRules.DELETION_NOTICE && !pending()) {
                // A deletion notification's channel has nothing more to carry: its subscription is gone.
                if (channels.remove(key, this)) {
                    unlist(this);
                }
            }
        }

        /**
         * Called holding the lock, outside the notificationSchedule: what is queued is missed, kept as pn says (TS-0001
         * 9.6.8: none without pn, the newest with sendLatest, all with sendAllPending) until the schedule next allows;
         * a schedule that never will again keeps it until the subscription changes.
         */
        private void holdUntilScheduled(DeliveryRules rules) {
            Integer pn = rules.pendingNotification();
            if (pn == null) {
                int dropped = queue.size();
                clearQueue();
                LOG.fine(() -> "subscription " + subscription + ": " + dropped
                        + " notifications outside its notificationSchedule dropped (no pendingNotification)");
                return;
            }
            if (pn == 1) {
                keepNewest(true);
            }
            Instant t = now.get();
            Optional<Instant> opens = rules.schedule().nextAllowed(t, t.plusMillis(SCHEDULE_RECHECK_MILLIS));
            if (opens.isPresent()) {
                resumeAfter(Duration.between(t, opens.get()).toMillis());
            } else {
                waiting = true;
                resume = timer.schedule(this::recheck, SCHEDULE_RECHECK_MILLIS, TimeUnit.MILLISECONDS);
            }
        }

        /** The subscription as stored now decides what is held (its schedule, pn); all is dropped when it is gone. */
        private void recheck() {
            Optional<DeliveryRules> rules;
            try {
                rules = currentRules.apply(subscription);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot read subscription " + subscription + "; its held notifications wait", e);
                synchronized (this) {
                    resumeAfter(SCHEDULE_RECHECK_MILLIS);
                }
                return;
            }
            if (rules.isEmpty()) {
                forget(subscription);
                return;
            }
            synchronized (this) {
                waiting = false;
                rulesChanged(rules.get());
            }
            pump();
        }

        /** While the receiver is unreachable, pn sendLatest keeps only the newest notification. */
        private boolean keepsLatestOnly(DeliveryRules rules) {
            return failures > 0 && Integer.valueOf(1).equals(rules.pendingNotification());
        }

        /**
         * The subscription was updated: what is queued goes by its new rules, and what is kept for an unreachable
         * receiver follows its new pn and ln (TS-0004 7.4.8.2.3 Recv-6.5; TS-0001 10.2.10.4): none without pn, the
         * newest only with sendLatest or latestNotify.
         */
        synchronized void rulesChanged(DeliveryRules rules) {
            if (resume != null && resume.cancel(false)) {
                waiting = false; // the new rules decide anew when to send (a schedule removed or widened)
            }
            List<Item> items = new ArrayList<>(queue);
            queue.clear();
            items.forEach(i -> queue.add(i.with(rules)));
            if (failures > 0 && rules.pendingNotification() == null) {
                clearQueue();
            } else if (keepsLatestOnly(rules) && !queue.isEmpty()) {
                keepNewest(true);
            } else if (rules.latestOnly() && queue.size() > 1) {
                keepNewest(false);
            }
        }

        /** Called holding the lock: the channel sends nothing until the delay is over. */
        private void resumeAfter(long millis) {
            waiting = true;
            resume = timer.schedule(() -> {
                synchronized (this) {
                    waiting = false;
                }
                pump();
            }, Math.max(1, millis), TimeUnit.MILLISECONDS);
        }

        synchronized boolean pending() {
            return busy || !queue.isEmpty() || !batch.isEmpty();
        }

        /** Pending, and not only waiting for the notificationSchedule to allow it. */
        synchronized boolean sending() {
            return pending() && !(scheduleHeld && !busy && batch.isEmpty());
        }

        synchronized int size() {
            return queue.size() + batch.size() + (busy ? 1 : 0);
        }

        synchronized void discard() {
            discarded = true;
            clearQueue();
            batch.forEach(r -> settled.accept(rowsOf(r)));
            batch.clear();
            if (batchTimer != null) {
                batchTimer.cancel(false);
            }
        }
    }

    /** Notifications (or batches) queued, gathering into a batch, or being sent, over all channels. */
    int pending() {
        return channels.values().stream().mapToInt(Channel::size).sum();
    }

    long delivered() {
        return deliveredTotal.sum();
    }

    long failures() {
        return failuresTotal.sum();
    }

    /**
     * Sends what is pending — incomplete batches at once — and waits until every channel is idle or the time is up
     * (what waits for its notificationSchedule is not waited for); what is left then is dropped, with a warning.
     */
    void drain(long timeoutMillis) {
        channels.values().forEach(ch -> {
            synchronized (ch) {
                ch.queueBatch();
            }
            ch.pump();
        });
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < deadline && channels.values().stream().anyMatch(Channel::sending)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long left = channels.values().stream().filter(Channel::pending).count();
        if (left > 0) {
            LOG.warning(() -> left + " notification channels still had notifications pending at shutdown; those in the"
                    + " outbox are sent after the next start or by another instance, the others are dropped");
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
