package io.keel.core;

import io.keel.core.notification.Delivery;
import io.keel.core.notification.NotificationService;
import io.keel.core.notification.Receiver;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.RequestType;
import io.keel.core.routing.Route;
import io.keel.core.routing.Router;
import io.keel.core.store.ResourceStore;
import io.keel.core.store.Transaction;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.PrimitiveMaps;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResponseTypeValue;
import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Non-blocking requests (TS-0004 7.3.2.2–7.3.2.5, 7.4.12, 7.5.1.2.5): rt=1 and rt=2 are answered at once (1001, 1002)
 * with the address of a stored {@code <request>}; the request runs later on a bounded executor, and its result goes
 * into the {@code <request>} (rs, ors) and, for rt=2, to the notification targets as {@code m2m:rsp}. The
 * {@code <request>} lives until rp, else X-M2M-RST, else the configured lifetime. The instance running a request
 * holds a lease on it in the database; requests whose instance stopped or crashed are marked failed by whichever
 * instance notices first, and their rt=2 targets are told so.
 */
public final class NonBlockingRequests implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NonBlockingRequests.class.getName());
    private final CseIdentity cse;
    private final ResourceStore store;
    private final Router router;
    private final Clock clock;
    private final NotificationService notifications;
    private final long lifetimeMillis;
    private final ThreadPoolExecutor executor;
    /** This instance among those that share the database, as the claims on pending requests name it. */
    private final String instance = Identifiers.random(16);
    private final long leaseMillis;
    private final ScheduledExecutorService leases;

    public NonBlockingRequests(CseIdentity cse, ResourceStore store, Router router, Clock clock,
                               NotificationService notifications, int threads, int queue, long lifetimeMillis, long leaseMillis) {
        this.cse = cse;
        this.store = store;
        this.router = router;
        this.clock = clock;
        this.notifications = notifications;
        this.lifetimeMillis = lifetimeMillis;
        this.leaseMillis = leaseMillis;
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "keel-non-blocking");
            t.setDaemon(true);
            return t;
        });
        failAbandoned();
        this.leases = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keel-non-blocking-lease");
            t.setDaemon(true);
            return t;
        });
        leases.scheduleWithFixedDelay(this::keepAlive, leaseMillis / 4, leaseMillis / 4, TimeUnit.MILLISECONDS);
    }

    /**
     * Stores the {@code <request>} and schedules the request: {@code execute} runs it as a blocking request, at its
     * operation execution time when it has one. Returns the acknowledgement.
     */
    public ResponsePrimitive accept(RequestPrimitive req, Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> execute) {
        ResponseStatusCode acknowledged = acknowledgement(req);
        Instant now = clock.now();
        Resource stored = store.write(tx -> {
            refuseRequestTarget(tx, req);
            Resource r = record(tx, req, now);
            tx.tree().insert(r);
            tx.leases().claim(r.ri, instance, Timestamps.epochMicros(now));
            notifications.events().created(tx, tx.tree().find(r.pi), r);
            return r;
        });
        ResponseTypeValue asked = req.responseType;
        req.responseType = ResponseTypeValue.BLOCKING_REQUEST;
        req.requestResourceId = stored.ri;
        try {
            executor.execute(() -> run(stored.ri, req, asked, execute));
        } catch (RejectedExecutionException e) {
            finish(stored.ri, req, asked, ResponsePrimitive.error(ResponseStatusCode.INTERNAL_SERVER_ERROR,
                    "too many non-blocking requests are waiting; try again later"));
        }
        ResponsePrimitive ack = new ResponsePrimitive(acknowledged, Map.of("m2m:uri", stored.ri));
        ack.contentLocation = stored.srn;
        return ack;
    }

    /**
     * A {@code <request>} is not the target of a non-blocking request (TS-0004 7.4.12.1, 7.4.12.2.2–7.4.12.2.4: 4000).
     * A target that cannot be routed to is left for the request itself to report, in its result.
     */
    private void refuseRequestTarget(Transaction tx, RequestPrimitive req) {
        Route route;
        try {
            route = router.route(tx.tree(), req.to);
        } catch (OneM2MException e) {
            return;
        }
        if (route instanceof Route.Local local && local.resource().ty == ResourceTypes.REQUEST) {
            throw OneM2MException.badRequest("a <request> takes blocking requests only, not response type "
                    + req.responseType.value());
        }
    }

    /** Requests accepted that wait for a thread of the executor. */
    public int queued() {
        return executor.getQueue().size();
    }

    private void run(String requestRi, RequestPrimitive req, ResponseTypeValue asked,
                     Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> execute) {
        long wait = req.operationExecutionTime == null ? 0 : req.operationExecutionTime.toEpochMilli() - System.currentTimeMillis();
        CompletableFuture<ResponsePrimitive> result;
        if (wait > 0) {
            result = new CompletableFuture<>();
            CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS, executor)
                    .execute(() -> start(req, execute).whenComplete((r, e) -> {
                        if (e != null) {
                            result.completeExceptionally(e);
                        } else {
                            result.complete(r);
                        }
                    }));
        } else {
            result = start(req, execute);
        }
        result.whenComplete((rsp, e) -> {
            if (rsp == null) {
                // As the dispatcher answers a bug: 5000 in the <request>, the details in the log only.
                LOG.log(Level.SEVERE, "non-blocking request " + req.requestIdentifier + " failed", e);
            }
            finish(requestRi, req, asked, rsp != null ? rsp : ResponsePrimitive.error(ResponseStatusCode.INTERNAL_SERVER_ERROR,
                    "internal error while processing request " + req.requestIdentifier + "; the CSE log has the details"));
        });
    }

    /** The acknowledgement's code, 1001 or 1002, which the {@code <request>} holds as its result until the result is in. */
    private static ResponseStatusCode acknowledgement(RequestPrimitive req) {
        return req.responseType == ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH ? ResponseStatusCode.ACCEPTED_NON_BLOCKING_REQUEST_SYNCH
                : ResponseStatusCode.ACCEPTED_NON_BLOCKING_REQUEST_ASYNCH;
    }

    /** Runs the request; one that throws instead of answering ends failed rather than pending for ever. */
    private static CompletableFuture<ResponsePrimitive> start(RequestPrimitive req,
                                                              Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> execute) {
        try {
            return execute.apply(req);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Some but not all member answers of a group request running under this {@code <request>} are in (TS-0004
     * 7.4.14.2.5): PENDING becomes PARTIALLY_COMPLETED, once.
     */
    public void partiallyCompleted(String requestRi) {
        try {
            store.write(tx -> {
                Resource r = tx.tree().lock(requestRi);
                if (r != null && r.getLong("rs", 0) == RequestType.PENDING) {
                    r.attributes.put("rs", RequestType.PARTIALLY_COMPLETED);
                    r.lt = clock.after(r.lt);
                    r.st++;
                    tx.tree().update(r);
                    notifications.events().updated(tx, r, Set.of("rs"));
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot record the progress of request " + requestRi, e);
        }
    }

    /** The result into the {@code <request>}, and for rt=2 to its targets. */
    private void finish(String requestRi, RequestPrimitive req, ResponseTypeValue asked, ResponsePrimitive rsp) {
        rsp.requestIdentifier = req.requestIdentifier;
        rsp.to = req.from;
        rsp.from = cse.spRelativeCseId();
        Map<String, Object> ors = PrimitiveMaps.response(rsp);
        try {
            store.write(tx -> {
                Resource r = tx.tree().lock(requestRi);
                if (r != null) {
                    complete(tx, r, ors, rsp.responseStatusCode);
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot record the result of non-blocking request " + req.requestIdentifier, e);
        }
        if (asked == ResponseTypeValue.NON_BLOCKING_REQUEST_ASYNCH) {
            sendResult(req.from, req.responseTypeNotificationUris, ors);
        }
    }

    private void complete(Transaction tx, Resource r, Map<String, Object> ors, ResponseStatusCode rsc) {
        r.attributes.put("rs", rsc.code() < 4000 ? RequestType.COMPLETED : RequestType.FAILED);
        r.attributes.put("ors", ors);
        r.lt = clock.now();
        r.st++;
        tx.tree().update(r);
        tx.leases().release(r.ri);
        notifications.events().updated(tx, r, Set.of("rs", "ors"));
    }

    /** rt=2: the result as a Notify to each notificationURI, to the originator when there are none (6.4.11). */
    private void sendResult(String originator, List<String> uris, Map<String, Object> ors) {
        List<String> targets = uris == null ? List.of(originator) : uris;
        for (String target : targets) {
            Receiver receiver = store.read(tx -> notifications.receivers().resolve(tx.tree(), target));
            RequestPrimitive n = Delivery.notify(receiver, cse.spRelativeCseId(), Map.of("m2m:rsp", ors), null);
            notifications.delivery().send(receiver, n).thenAccept(answer -> {
                if (!Delivery.succeeded(answer)) {
                    LOG.warning(() -> "the result of request " + ors.get("rqi") + " could not be delivered to " + target
                            + ": " + answer.responseStatusCode.code() + " " + answer.content);
                }
            });
        }
    }

    /** The {@code <request>} resource for a request, under the CSEBase, owned by its originator. */
    private Resource record(Transaction tx, RequestPrimitive req, Instant now) {
        Resource cb = tx.tree().find(cse.cseBaseRi());
        Resource r = new Resource();
        r.ty = ResourceTypes.REQUEST;
        r.ri = Identifiers.newResourceId("req");
        r.rn = r.ri;
        r.pi = cb.ri;
        r.srn = cb.srn + "/" + r.rn;
        r.ct = now;
        r.lt = now;
        r.et = req.resultPersistence != null ? req.resultPersistence
                : req.resultExpirationTimestamp != null ? req.resultExpirationTimestamp : now.plusMillis(lifetimeMillis);
        if (!r.et.isAfter(now)) {
            throw OneM2MException.badRequest("the result would expire (rp, X-M2M-RST) before the request is accepted");
        }
        r.origin = req.from;
        if (req.from != null) {
            r.lbl.add(req.from); // TS-0004 table 7.3.2.2-1: labels hold the originator's ID
        }
        r.attributes.put("op", (long) req.operation.value());
        r.attributes.put("tg", req.to);
        r.attributes.put("org", req.from);
        r.attributes.put("rid", req.requestIdentifier);
        r.attributes.put("mi", metaInformation(req));
        if (req.content != null) {
            r.attributes.put("pc", req.content);
        }
        r.attributes.put("rs", RequestType.PENDING);
        // Until the result is in: accepted, for the request it records (TS-0004 table 7.3.2.2-2).
        ResponsePrimitive accepted = new ResponsePrimitive(acknowledgement(req), null);
        accepted.requestIdentifier = req.requestIdentifier;
        r.attributes.put("ors", PrimitiveMaps.response(accepted));
        return r;
    }

    /**
     * What of the request's parameters is not an attribute of its own (metaInformation, TS-0004 6.3.5.4, table
     * 7.3.2.2-2).
     */
    private static Map<String, Object> metaInformation(RequestPrimitive req) {
        Map<String, Object> mi = new LinkedHashMap<>();
        if (req.resourceType != null) {
            mi.put("ty", req.resourceType);
        }
        put(mi, "ot", req.originatingTimestamp);
        put(mi, "rqet", req.requestExpirationTimestamp);
        put(mi, "rset", req.resultExpirationTimestamp);
        put(mi, "oet", req.operationExecutionTime);
        Map<String, Object> rt = new LinkedHashMap<>();
        rt.put("rtv", req.responseType.value());
        if (req.responseTypeNotificationUris != null) {
            rt.put("nu", req.responseTypeNotificationUris);
        }
        mi.put("rt", rt);
        put(mi, "rp", req.resultPersistence);
        if (req.resultContent != null) {
            mi.put("rcn", req.resultContent.value());
        }
        if (req.eventCategory != null) {
            mi.put("ec", req.eventCategory);
        }
        mi.put("rvi", req.releaseVersionIndicator);
        if (req.vendorInformation != null) {
            mi.put("vsi", req.vendorInformation);
        }
        return mi;
    }

    private static void put(Map<String, Object> mi, String name, Instant t) {
        if (t != null) {
            mi.put(name, Timestamps.format(t));
        }
    }

    /** What to tell the targets of an asynchronous request that failed. */
    private record Notice(String originator, List<String> targets, Map<String, Object> ors) {
    }

    /**
     * Requests whose runner went quiet — it crashed, or stopped and let go of them — never finish: they are marked
     * failed, and the targets of asynchronous ones are told, so none is lost silently. Runs at start and then
     * periodically on every instance sharing the database.
     */
    int failAbandoned() {
        List<Notice> notices = new ArrayList<>();
        long before = Timestamps.epochMicros(clock.now().minusMillis(leaseMillis));
        int failed = store.write(tx -> {
            int n = 0;
            for (String ri : tx.leases().abandoned(before)) {
                Resource r = tx.tree().lock(ri);
                if (r == null || r.getLong("rs", 0) != RequestType.PENDING) {
                    tx.leases().release(ri);
                    continue;
                }
                ResponsePrimitive rsp = ResponsePrimitive.error(ResponseStatusCode.INTERNAL_SERVER_ERROR,
                        "the CSE instance that held this request stopped before the request finished");
                rsp.requestIdentifier = (String) r.get("rid");
                rsp.to = (String) r.get("org");
                rsp.from = cse.spRelativeCseId();
                Map<String, Object> ors = PrimitiveMaps.response(rsp);
                complete(tx, r, ors, rsp.responseStatusCode);
                if (r.get("mi") instanceof Map<?, ?> mi && mi.get("rt") instanceof Map<?, ?> rt
                        && rt.get("rtv") instanceof Number rtv && rtv.intValue() == ResponseTypeValue.NON_BLOCKING_REQUEST_ASYNCH.value()) {
                    @SuppressWarnings("unchecked")
                    List<String> targets = (List<String>) rt.get("nu");
                    notices.add(new Notice(rsp.to, targets, ors));
                }
                n++;
            }
            return n;
        });
        notices.forEach(n -> sendResult(n.originator(), n.targets(), n.ors()));
        if (failed > 0) {
            LOG.warning(failed + " non-blocking requests were abandoned by a stopped CSE instance and are marked failed");
        }
        return failed;
    }

    private void keepAlive() {
        try {
            store.write(tx -> {
                tx.leases().renew(instance, Timestamps.epochMicros(clock.now()));
                return null;
            });
            failAbandoned();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot renew the non-blocking requests of this instance", e);
        }
    }


    /**
     * Lets the requests that are running finish, up to {@code drainMillis}, and lets go of those that have not, so
     * that any instance fails them at once.
     */
    public void close(long drainMillis) {
        executor.shutdown();
        try {
            executor.awaitTermination(drainMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    @Override
    public void close() {
        leases.shutdownNow();
        executor.shutdownNow();
        try {
            store.write(tx -> {
                tx.leases().renew(instance, 0);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot let go of the pending non-blocking requests", e);
        }
    }
}
