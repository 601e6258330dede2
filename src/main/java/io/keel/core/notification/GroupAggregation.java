package io.keel.core.notification;

import io.keel.core.Identifiers;
import io.keel.core.store.GroupAggregationQueue;
import io.keel.core.store.GroupAggregationQueue.Batch;
import io.keel.core.store.GroupAggregationQueue.Row;
import io.keel.core.store.ResourceStore;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Timestamps;
import io.keel.serialization.ContentCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The group-hosting CSE's aggregation of the notifications that members' subscriptions made through its fanOutPoint
 * send it (TS-0004 7.5.1.2.6; TS-0001 10.2.7.11): per group and notificationForwardingURI, the first notification
 * opens a batch, which is sent as one {@code m2m:agn} to the nfu once it holds the group's notifyAggregation number of
 * notifications or its duration has passed, whichever comes first — or earlier, by the expiration timestamp of a Notify
 * it holds. Each member's Notify is answered only then, with the subscriber's answer to the aggregated one.
 * <p>The batches are kept in the database ({@link GroupAggregationQueue}), each member notification written with the
 * group's row locked: a restart loses none, and instances sharing the database fill one batch and send it once. The
 * instance whose notification fills a batch sends it; a batch whose time is up is sent by whichever instance takes it
 * first (every instance looks for due batches; the taking is one conditional write). The instance holding a member's
 * Notify answers it: with the subscriber's answer it got itself, or that the sender recorded. A batch taken by an
 * instance that stopped before the subscriber answered is taken again once it is stale.
 */
public final class GroupAggregation implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GroupAggregation.class.getName());
    /** How often an instance looks for batches due (its own are sent at their time) and answers others sent. */
    private static final long SWEEP_MILLIS = 500;
    private final ResourceStore store;
    private final Receivers receivers;
    private final Delivery delivery;
    private final String from;
    private final Supplier<Instant> now;
    private final String instance;
    /** A batch taken longer ago than this and not answered: its sender stopped, it is taken again. */
    private final long staleMillis;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(PollingChannels.daemon("keel-group-aggregation"));
    /** Row ID → the answer the member's Notify waits for, of the rows this instance wrote. */
    private final Map<String, CompletableFuture<ResponsePrimitive>> waiting = new ConcurrentHashMap<>();

    GroupAggregation(ResourceStore store, Receivers receivers, Delivery delivery, String from, Supplier<Instant> now,
                     String instance, long staleMillis) {
        this.store = store;
        this.receivers = receivers;
        this.delivery = delivery;
        this.from = from;
        this.now = now;
        this.instance = instance;
        this.staleMillis = staleMillis;
    }

    /** How a group collects: at most {@code number} notifications, for at most {@code duration} from the first. */
    public record Policy(long number, Duration duration) {
    }

    /** Starts looking for batches that are due: those left by a previous run, or collected by other instances. */
    public void start() {
        timer.scheduleWithFixedDelay(this::sweep, 0, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Notifications (each an {@code m2m:sgn}) of one member's Notify for the subscriber {@code nfu}; completes with the
     * answer for that member once the batch they joined has been sent.
     *
     * @param expires the member Notify's request expiration timestamp, or null
     */
    public CompletableFuture<ResponsePrimitive> add(String group, String nfu, List<Map<String, Object>> notifications,
                                                    Policy policy, Instant expires) {
        Batch batch = new Batch(group, nfu);
        CompletableFuture<ResponsePrimitive> answer = new CompletableFuture<>();
        List<String> ids = new ArrayList<>();
        notifications.forEach(n -> ids.add(Identifiers.random(24)));
        ids.forEach(id -> waiting.put(id, answer)); // before the rows exist: another instance may send them at once
        Instant at = now.get();
        List<Row> full;
        long due;
        List<String> skipped = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        try {
            long[] dueOut = new long[1];
            full = store.write(tx -> {
                if (tx.tree().lock(group) == null) {
                    throw OneM2MException.notFound("group " + group + " does not exist");
                }
                GroupAggregationQueue q = tx.groupAggregation();
                List<Row> collecting = q.collecting(batch, micros(at.minusMillis(staleMillis)));
                long batchDue = collecting.isEmpty() ? micros(at.plus(policy.duration()))
                        : collecting.stream().mapToLong(Row::due).min().getAsLong();
                long rowDue = expires == null ? batchDue : Math.min(batchDue, micros(expires));
                List<Row> rows = new ArrayList<>();
                List<Row> all = new ArrayList<>(collecting);
                List<Row> sent = q.sent(batch);
                for (int i = 0; i < notifications.size(); i++) {
                    String sgn = ContentCodec.toJson(notifications.get(i));
                    // A member's host sends again what it got no answer for (this CSE stopped): a notification that
                    // was sent already is not sent again; one still collected keeps its place in the batch, once,
                    // and the new Notify waits for the answer.
                    if (sameAs(sent, sgn) != null) {
                        skipped.add(ids.get(i));
                        continue;
                    }
                    Row again = sameAs(collecting, sgn);
                    Row row = new Row(ids.get(i), group, nfu, again == null ? Raised.nextSeq() : again.seq(), instance,
                            again == null ? rowDue : Math.min(again.due(), rowDue), sgn);
                    if (again != null) {
                        replaced.add(again.id());
                        q.remove(List.of(again.id()));
                        all.remove(again);
                    }
                    rows.add(row);
                    all.add(row);
                }
                if (rows.isEmpty()) {
                    return List.<Row>of();
                }
                q.add(rows);
                dueOut[0] = rowDue;
                all.sort(java.util.Comparator.comparingLong(Row::seq));
                if (all.size() < policy.number()) {
                    return null;
                }
                take(q, all, micros(at));
                return all;
            });
            due = dueOut[0];
        } catch (RuntimeException e) {
            ids.forEach(waiting::remove);
            throw e;
        }
        skipped.forEach(waiting::remove);
        for (String id : replaced) {
            CompletableFuture<ResponsePrimitive> earlier = waiting.remove(id); // the same notification, waiting here before
            if (earlier != null) {
                answer.thenAccept(earlier::complete);
            }
        }
        if (full != null && full.isEmpty()) {
            ids.forEach(waiting::remove);
            answer.complete(new ResponsePrimitive(ResponseStatusCode.OK, null)); // each was handed on already
        } else if (full != null) {
            deliver(full);
        } else {
            scheduleAt(batch, due);
        }
        return answer;
    }

    /** The collecting row holding the same notification (compared as content, not as text), or null. */
    private static Row sameAs(List<Row> collecting, String sgn) {
        Object given = ContentCodec.fromJson(sgn);
        return collecting.stream().filter(r -> given.equals(ContentCodec.fromJson(r.sgn()))).findFirst().orElse(null);
    }

    private static void take(GroupAggregationQueue q, List<Row> rows, long nowMicros) {
        q.take(rows.stream().map(Row::id).toList(), Identifiers.random(24), nowMicros);
    }

    /** Looks at the batch when it is due (microseconds), rounded up to the next millisecond. */
    private void scheduleAt(Batch batch, long dueMicros) {
        schedule(() -> sendIfDue(batch), Math.max(0, (dueMicros - micros(now.get()) + 999) / 1000));
    }

    /**
     * Sends the batch if its time is up and no instance took it yet, with the group locked; one that is not due yet
     * (a new one since) is looked at again when it is.
     */
    private void sendIfDue(Batch batch) {
        Instant at = now.get();
        long stale = micros(at.minusMillis(staleMillis));
        long[] notYet = {-1};
        List<Row> taken = store.write(tx -> {
            tx.tree().lock(batch.group()); // gone: its rows go all the same
            GroupAggregationQueue q = tx.groupAggregation();
            List<Row> rows = q.collecting(batch, stale);
            if (rows.isEmpty()) {
                return null;
            }
            long due = rows.stream().mapToLong(Row::due).min().getAsLong();
            if (due > micros(at)) {
                notYet[0] = due;
                return null;
            }
            take(q, rows, micros(at));
            return rows;
        });
        if (taken != null) {
            deliver(taken);
        } else if (notYet[0] >= 0) {
            scheduleAt(batch, notYet[0]);
        }
    }

    /** Sends the batches that are due, answers this instance's members whose batch another instance sent. */
    void sweep() {
        try {
            Instant at = now.get();
            List<Batch> due = store.read(tx -> tx.groupAggregation().due(micros(at), micros(at.minusMillis(staleMillis))));
            for (Batch b : due) {
                sendIfDue(b);
            }
            if (!waiting.isEmpty()) {
                Map<String, Integer> answered = store.read(tx -> tx.groupAggregation().answered(instance));
                answered.forEach((id, rsc) -> answer(id, new ResponsePrimitive(ResponseStatusCode.of(rsc), null)));
            }
            // Looked for first: a write at every pass would be a durable commit twice a second, and would end the
            // cached rows of every read (a commit ends them all).
            long answeredBefore = micros(at.minusMillis(2 * staleMillis));
            if (store.read(tx -> tx.groupAggregation().hasAnsweredBefore(answeredBefore))) {
                store.write(tx -> {
                    tx.groupAggregation().removeAnsweredBefore(answeredBefore);
                    return null;
                });
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot look for aggregated notifications that are due", e);
        }
    }

    private void deliver(List<Row> batch) {
        String nfu = batch.get(0).nfu();
        List<Object> sgns = new ArrayList<>();
        batch.forEach(r -> sgns.add(ContentCodec.fromJson(r.sgn())));
        CompletableFuture<ResponsePrimitive> sent;
        try {
            Receiver receiver = store.read(tx -> receivers.resolve(tx.tree(), nfu));
            RequestPrimitive n = Delivery.notify(receiver, from, Map.of("m2m:agn", Map.of("m2m:sgn", sgns)), null);
            sent = delivery.send(receiver, n);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "aggregated notification for " + nfu + " not sent", e);
            sent = CompletableFuture.completedFuture(ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE,
                    "the aggregated notification for " + nfu + " could not be sent: " + e.getMessage()));
        }
        sent.thenAccept(rsp -> answered(batch, rsp));
    }

    /**
     * TS-0004 7.5.1.2.6: the subscriber's answer, to each member separately: this instance's members at once, the
     * others' through their rows. The rows stay a while (see {@link #sweep}), so that what a member's host sends again is
     * known as sent.
     */
    private void answered(List<Row> batch, ResponsePrimitive rsp) {
        List<String> ids = batch.stream().map(Row::id).toList();
        List<String> mine = batch.stream().filter(r -> r.instance().equals(instance)).map(Row::id).toList();
        try {
            store.write(tx -> {
                tx.groupAggregation().answer(ids, rsp.responseStatusCode.code());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot record the answer to an aggregated notification", e);
        }
        mine.forEach(id -> answer(id, new ResponsePrimitive(rsp.responseStatusCode, rsp.content)));
    }

    private void answer(String id, ResponsePrimitive rsp) {
        CompletableFuture<ResponsePrimitive> w = waiting.remove(id);
        if (w != null) {
            w.complete(rsp);
        }
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            timer.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "cannot send an aggregated notification", e);
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // stopping: the batch stays in the database and goes after the next start, or from another instance
        }
    }

    /**
     * Stops. The batches being collected stay in the database and go from another instance or after the next start;
     * the members waiting here are answered OK, since their notifications are kept and will be sent (an error would
     * make their hosts send them again, twice in the batch).
     */
    @Override
    public void close() {
        timer.shutdownNow();
        waiting.values().forEach(w -> w.complete(new ResponsePrimitive(ResponseStatusCode.OK, null)));
        waiting.clear();
    }

    private static long micros(Instant t) {
        return Timestamps.epochMicros(t);
    }
}
