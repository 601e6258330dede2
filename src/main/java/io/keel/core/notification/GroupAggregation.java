package io.keel.core.notification;

import io.keel.core.store.ResourceStore;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
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
 */
public final class GroupAggregation implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GroupAggregation.class.getName());
    private final ResourceStore store;
    private final Receivers receivers;
    private final Delivery delivery;
    private final String from;
    private final Supplier<Instant> now;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(PollingChannels.daemon("keel-group-aggregation"));
    private final Map<String, Batch> open = new ConcurrentHashMap<>();

    GroupAggregation(ResourceStore store, Receivers receivers, Delivery delivery, String from, Supplier<Instant> now) {
        this.store = store;
        this.receivers = receivers;
        this.delivery = delivery;
        this.from = from;
        this.now = now;
    }

    /** How a group collects: at most {@code number} notifications, for at most {@code duration} from the first. */
    public record Policy(long number, Duration duration) {
    }

    /**
     * Notifications (each an {@code m2m:sgn}) of one member's Notify for the subscriber {@code nfu}; completes with the
     * answer for that member once the batch they joined has been sent.
     *
     * @param expires the member Notify's request expiration timestamp, or null
     */
    public CompletableFuture<ResponsePrimitive> add(String group, String nfu, List<Map<String, Object>> notifications,
                                                    Policy policy, Instant expires) {
        String key = group + " " + nfu;
        CompletableFuture<ResponsePrimitive> answer = new CompletableFuture<>();
        Batch full = null;
        synchronized (open) {
            Batch batch = open.computeIfAbsent(key, k -> {
                Batch b = new Batch(key, nfu);
                timer.schedule(() -> send(b), policy.duration().toMillis(), TimeUnit.MILLISECONDS);
                return b;
            });
            batch.notifications.addAll(notifications);
            batch.waiting.add(answer);
            if (batch.notifications.size() >= policy.number()) {
                open.remove(key);
                full = batch;
            } else if (expires != null) {
                timer.schedule(() -> send(batch), Math.max(0, Duration.between(now.get(), expires).toMillis()), TimeUnit.MILLISECONDS);
            }
        }
        if (full != null) {
            deliver(full);
        }
        return answer;
    }

    /** The batch's time is up, unless it has been sent already. */
    private void send(Batch batch) {
        synchronized (open) {
            if (!open.remove(batch.key, batch)) {
                return;
            }
        }
        deliver(batch);
    }

    private void deliver(Batch batch) {
        CompletableFuture<ResponsePrimitive> sent;
        try {
            Receiver receiver = store.read(tx -> receivers.resolve(tx.tree(), batch.nfu));
            RequestPrimitive n = Delivery.notify(receiver, from,
                    Map.of("m2m:agn", Map.of("m2m:sgn", List.copyOf(batch.notifications))), null);
            sent = delivery.send(receiver, n);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "aggregated notification for " + batch.nfu + " not sent", e);
            sent = CompletableFuture.completedFuture(ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE,
                    "the aggregated notification for " + batch.nfu + " could not be sent: " + e.getMessage()));
        }
        // TS-0004 7.5.1.2.6: the subscriber's answer, to each member separately.
        sent.thenAccept(rsp -> batch.waiting.forEach(w -> {
            ResponsePrimitive each = new ResponsePrimitive(rsp.responseStatusCode, rsp.content);
            w.complete(each);
        }));
    }

    /** Batches not complete yet are dropped: their members' Notifies are answered that the subscriber was not reached. */
    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (open) {
            open.values().forEach(b -> b.waiting.forEach(w -> w.complete(ResponsePrimitive.error(
                    ResponseStatusCode.TARGET_NOT_REACHABLE, "the group-hosting CSE stopped before the aggregated notification was sent"))));
            open.clear();
        }
    }

    private static final class Batch {
        final String key;
        final String nfu;
        final List<Map<String, Object>> notifications = new ArrayList<>();
        final List<CompletableFuture<ResponsePrimitive>> waiting = new ArrayList<>();

        Batch(String key, String nfu) {
            this.key = key;
            this.nfu = nfu;
        }
    }
}
