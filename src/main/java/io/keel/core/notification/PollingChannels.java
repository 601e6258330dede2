package io.keel.core.notification;

import io.keel.core.Clock;
import io.keel.core.Identifiers;
import io.keel.core.resource.PolledRequests;
import io.keel.core.store.QueuedRequest;
import io.keel.core.store.ResourceStore;
import io.keel.primitive.PrimitiveMaps;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Timestamps;
import io.keel.serialization.ContentCodec;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Requests for AEs that poll (TS-0009 5.1; TS-0004 7.4.21, 7.4.22): {@link #deliver} queues a request in the
 * database and waits for the AE's answer; {@link #poll} is the long-polling Retrieve of {@code pcu}, answered with the
 * oldest queued request as {@code m2m:rqp}, or 4008 when none arrives in time; {@link #respond} takes the AE's
 * {@code m2m:rsp}. Queued requests outlive a restart; who waits for an answer does not.
 */
public final class PollingChannels implements PolledRequests, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PollingChannels.class.getName());
    /** How often a waiting poller looks at the database too: another instance on the same database may have queued. */
    private static final long RECHECK_MILLIS = 1000;
    private final ResourceStore store;
    private final Clock clock;
    private final long pollTimeoutMillis;
    private final long answerTimeoutMillis;
    private final long keepMillis;
    private final ScheduledExecutorService timer;
    private final ExecutorService database;
    private final Map<String, CompletableFuture<ResponsePrimitive>> awaitingAnswer = new ConcurrentHashMap<>();
    private final Map<String, Queue<CompletableFuture<ResponsePrimitive>>> pollers = new ConcurrentHashMap<>();

    public PollingChannels(ResourceStore store, Clock clock, long pollTimeoutMillis, long answerTimeoutMillis, long keepMillis) {
        this.store = store;
        this.clock = clock;
        this.pollTimeoutMillis = pollTimeoutMillis;
        this.answerTimeoutMillis = answerTimeoutMillis;
        this.keepMillis = keepMillis;
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("keel-polling-timer"));
        this.database = Executors.newFixedThreadPool(2, daemon("keel-polling"));
        timer.scheduleWithFixedDelay(this::recheck, RECHECK_MILLIS, RECHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Queues a request for the AE of a pollingChannel; completes with the AE's answer, or 4008 when none comes in time. */
    public CompletableFuture<ResponsePrimitive> deliver(String pollingChannel, RequestPrimitive request) {
        CompletableFuture<ResponsePrimitive> answer = new CompletableFuture<>();
        awaitingAnswer.put(request.requestIdentifier, answer);
        answer.whenComplete((r, e) -> awaitingAnswer.remove(request.requestIdentifier, answer));
        timer.schedule(() -> answer.complete(ResponsePrimitive.error(ResponseStatusCode.REQUEST_TIMEOUT,
                "the AE did not answer through its pollingChannel in time")), answerTimeoutMillis, TimeUnit.MILLISECONDS);
        database.execute(() -> {
            try {
                Instant now = clock.now();
                String json = ContentCodec.toJson(Map.of("m2m:rqp", PrimitiveMaps.request(request)));
                store.write(tx -> {
                    tx.pollingQueue().enqueue(new QueuedRequest(Identifiers.random(24), pollingChannel, Timestamps.epochMicros(now),
                            Timestamps.epochMicros(now.plusMillis(keepMillis)), json));
                    return null;
                });
                wake(pollingChannel);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot queue request " + request.requestIdentifier + " in " + pollingChannel, e);
                answer.complete(ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE,
                        "the request could not be queued in the pollingChannel"));
            }
        });
        return answer;
    }

    /**
     * The long-polling Retrieve of {@code pcu}: the oldest queued request, or 4008 when the poll expires, or without
     * an expiration after the polling timeout.
     */
    @Override
    public CompletableFuture<ResponsePrimitive> poll(String pollingChannel, Instant expires) {
        CompletableFuture<ResponsePrimitive> result = new CompletableFuture<>();
        ResponsePrimitive ready = take(pollingChannel);
        if (ready != null) {
            result.complete(ready);
            return result;
        }
        Queue<CompletableFuture<ResponsePrimitive>> waiting = pollers.computeIfAbsent(pollingChannel, k -> new ConcurrentLinkedQueue<>());
        waiting.add(result);
        long wait = expires == null ? pollTimeoutMillis : Math.max(0, expires.toEpochMilli() - clock.now().toEpochMilli());
        timer.schedule(() -> {
            // Whether or not a wake() holds it out of the queue just now: it must not be put back and wait on forever.
            waiting.remove(result);
            result.complete(ResponsePrimitive.error(ResponseStatusCode.REQUEST_TIMEOUT,
                    "no request arrived for this pollingChannel within " + wait + " ms"));
        }, wait, TimeUnit.MILLISECONDS);
        wake(pollingChannel); // a request queued between take() and add() is not left waiting
        return result;
    }

    /** The AE's answer ({@code m2m:rsp}) to a request it polled; false when nobody waits for that request (any more). */
    @Override
    public boolean respond(ResponsePrimitive answer) {
        CompletableFuture<ResponsePrimitive> waiting = answer.requestIdentifier == null ? null
                : awaitingAnswer.remove(answer.requestIdentifier);
        return waiting != null && waiting.complete(answer);
    }

    private void wake(String pollingChannel) {
        Queue<CompletableFuture<ResponsePrimitive>> waiting = pollers.get(pollingChannel);
        if (waiting == null || waiting.isEmpty()) {
            return;
        }
        database.execute(() -> {
            CompletableFuture<ResponsePrimitive> poller = waiting.poll();
            while (poller != null && poller.isDone()) {
                poller = waiting.poll(); // timed out meanwhile
            }
            if (poller == null) {
                return;
            }
            ResponsePrimitive ready;
            try {
                ready = take(pollingChannel);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot read pollingChannel " + pollingChannel, e);
                ready = null;
            }
            if (ready == null) {
                if (!poller.isDone()) {
                    waiting.add(poller); // nothing after all; wait on
                }
            } else if (!poller.complete(ready)) {
                LOG.warning(() -> "a poller of " + pollingChannel + " left before its request could be handed over");
            }
        });
    }

    private ResponsePrimitive take(String pollingChannel) {
        QueuedRequest q = store.write(tx -> tx.pollingQueue().dequeue(pollingChannel, Timestamps.epochMicros(clock.now())));
        return q == null ? null : new ResponsePrimitive(ResponseStatusCode.OK, ContentCodec.fromJson(q.requestJson()));
    }

    private void recheck() {
        try {
            pollers.forEach((pch, waiting) -> wake(pch));
            pollers.values().removeIf(Queue::isEmpty);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "pollingChannel recheck failed", e);
        }
    }


    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
        database.shutdownNow();
        pollers.values().forEach(q -> q.forEach(f -> f.complete(ResponsePrimitive.error(ResponseStatusCode.REQUEST_TIMEOUT,
                "the CSE is shutting down"))));
    }
}
