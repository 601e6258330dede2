package io.keel.core.notification;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.CrossResourceSubscriptionType;
import io.keel.core.resource.types.CrossResourceWindow;
import io.keel.core.store.ResourceStore;
import io.keel.core.store.Transaction;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.function.Supplier;

/**
 * What a {@code <crossResourceSubscription>} does with the notifications of its target subscriptions (TS-0004 7.5.1.2.18,
 * 7.5.1.2.4 receiver): each event notification goes into its time window, with the resource locked, so that instances
 * on one database count into the same window; when every target has notified within the window, the cross-resource
 * notification is raised to its nu in that transaction. A subscription deletion notification deletes it (7.4.58.2.4).
 * A verification request is answered OK: its subscriptions name it in acrs, which is why they notify it. With an
 * eventEvaluationMode other than allEventsPresent, ended windows are judged as notifications arrive and, in between, by a
 * timer.
 */
public final class CrossResourceNotifications {
    private static final Logger LOG = Logger.getLogger(CrossResourceNotifications.class.getName());
    private final ResourceStore store;
    private final ResourceChangeEvents events;
    private final Supplier<Instant> clock;
    private final Supplier<BiConsumer<Transaction, Resource>> deleter;
    private final String cseBase;
    /** Ended windows judged per read. */
    private static final int PAGE = 100;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(PollingChannels.daemon("keel-crs-windows"));

    CrossResourceNotifications(ResourceStore store, ResourceChangeEvents events, Supplier<Instant> clock,
                               Supplier<BiConsumer<Transaction, Resource>> deleter, String cseBase) {
        this.cseBase = cseBase;
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.deleter = deleter;
    }

    /**
     * While {@code crs} links its targets, for {@code atMost}, the CSEs of {@code hosts} (CSE-IDs) may verify it. Written
     * in a transaction of its own, committed before the requests to the targets go: their verification may come to
     * another instance on the database.
     */
    public void linking(String crs, java.util.Set<String> hosts, java.time.Duration atMost) {
        if (hosts.isEmpty()) {
            return; // every target here: this CSE does not verify its own crossResourceSubscriptions (acrs)
        }
        Instant now = clock.get();
        store.write(tx -> {
            tx.crossResourceLinking().linking(crs, hosts, now, now.plus(atMost));
            return null;
        });
    }

    /** {@code crs} is done linking the targets of {@code hosts} (those given to {@link #linking}). */
    public void linked(String crs, java.util.Set<String> hosts) {
        if (hosts.isEmpty()) {
            return;
        }
        store.write(tx -> {
            tx.crossResourceLinking().linked(crs);
            return null;
        });
    }

    /** Whether {@code crs} is being created, on any instance, with a target on the CSE {@code from}. */
    public boolean isLinking(String crs, String from) {
        return from != null && store.read(tx -> tx.crossResourceLinking().isLinking(crs, from, clock.get()));
    }

    /** A Notify to a crossResourceSubscription, whether sent by this CSE's subscriptions or another CSE's. */
    public CompletableFuture<ResponsePrimitive> receive(RequestPrimitive notify, String crs) {
        try {
            for (Map<?, ?> sgn : notifications(notify.content)) {
                if (!Boolean.TRUE.equals(sgn.get("vrq"))) {
                    store.write(tx -> {
                        take(tx, crs, sgn);
                        return null;
                    });
                }
            }
            return CompletableFuture.completedFuture(new ResponsePrimitive(ResponseStatusCode.OK, null));
        } catch (OneM2MException e) {
            return CompletableFuture.completedFuture(ResponsePrimitive.error(e.rsc(), e.getMessage()));
        }
    }

    /** The notifications of an m2m:sgn, or of an m2m:agn (a batch). */
    private static List<Map<?, ?>> notifications(Object content) {
        if (content instanceof Map<?, ?> c && c.get("m2m:sgn") instanceof Map<?, ?> sgn) {
            return List.of(sgn);
        }
        if (content instanceof Map<?, ?> c && c.get("m2m:agn") instanceof Map<?, ?> agn) {
            Object batch = agn.get("m2m:sgn");
            if (batch instanceof Map<?, ?> one) {
                return List.of(one);
            }
            if (batch instanceof List<?> all) {
                return all.stream().filter(Map.class::isInstance).<Map<?, ?>>map(m -> (Map<?, ?>) m).toList();
            }
        }
        throw OneM2MException.badRequest("a crossResourceSubscription takes notifications (m2m:sgn, m2m:agn) only");
    }

    @SuppressWarnings("unchecked")
    private void take(Transaction tx, String ri, Map<?, ?> sgn) {
        Resource crs = tx.tree().lock(ri);
        if (crs == null || crs.ty != ResourceTypes.CROSS_RESOURCE_SUBSCRIPTION) {
            throw OneM2MException.notFound("crossResourceSubscription " + ri + " does not exist");
        }
        if (!(sgn.get("sur") instanceof String sur)) {
            throw OneM2MException.badRequest("the notification has no sur (subscriptionReference)");
        }
        String target = sur.substring(sur.lastIndexOf('/') + 1);
        Map<String, Object> stored = new LinkedHashMap<>((Map<String, Object>) crs.get(CrossResourceSubscriptionType.WINDOW));
        CrossResourceWindow window = window(crs, stored);
        if (!window.targets().contains(target)) {
            throw OneM2MException.badRequest(sur + " is no target subscription of crossResourceSubscription " + ri);
        }
        if (Boolean.TRUE.equals(sgn.get("sud"))) {
            // TS-0004 7.5.1.2.4 receiver: a target subscription is gone, and the crossResourceSubscription with it; the
            // deletion leaves that one subscription alone (7.4.58.2.4 Recv-6.5 b).
            stored.put("ended", target);
            crs.attributes.put(CrossResourceSubscriptionType.WINDOW, stored);
            tx.tree().update(crs);
            deleter.get().accept(tx, crs);
            return;
        }
        if (sgn.get("nev") == null) {
            return; // neither an event nor a deletion: nothing to count
        }
        Instant now = clock.get();
        // A window that ended and was not judged yet (eem 2–5) is judged before the notification counts into the next.
        raise(tx, crs, window.ended(now));
        raise(tx, crs, window.notified(target, sgn, now));
        store(tx, crs, window, stored);
    }

    private static CrossResourceWindow window(Resource crs, Map<String, Object> stored) {
        return CrossResourceWindow.of(stored, crs.getLong("twt", CrossResourceSubscriptionType.PERIODIC),
                CrossResourceSubscriptionType.size(crs), CrossResourceSubscriptionType.mode(crs));
    }

    private static void store(Transaction tx, Resource crs, CrossResourceWindow window, Map<String, Object> stored) {
        Map<String, Object> next = window.stored();
        next.put("associated", stored.get("associated"));
        crs.attributes.put(CrossResourceSubscriptionType.WINDOW, next);
        tx.tree().update(crs);
        if (window.judgedAtEnd()) {
            tx.crossResourceWindows().setWindowEnd(crs.ri, window.nextEnd());
        }
    }

    /** The cross-resource notification, its rep the notifications of the targets as an m2m:agn; nothing for null. */
    private void raise(Transaction tx, Resource crs, List<Object> notifications) {
        if (notifications == null) {
            return;
        }
        Map<String, Object> sgns = new LinkedHashMap<>();
        sgns.put("m2m:sgn", notifications);
        Map<String, Object> nev = new LinkedHashMap<>();
        nev.put("rep", Map.of("m2m:agn", sgns));
        events.crossResourceNotification(tx, crs, nev);
    }

    /**
     * Judges the windows that ended (eem 2–5): only the crossResourceSubscriptions whose window end has passed (by the
     * store's index of window ends), each with the resource locked, so that of several instances on one database
     * exactly one judges a window; judging moves the end on.
     */
    @SuppressWarnings("unchecked")
    void judgeEndedWindows() {
        for (;;) {
            Instant now = clock.get();
            List<String> ended = store.read(tx -> tx.crossResourceWindows().windowsEnded(now, PAGE));
            for (String ri : ended) {
                try {
                    store.write(tx -> {
                        Resource crs = tx.tree().lock(ri);
                        if (crs != null && crs.get(CrossResourceSubscriptionType.WINDOW) instanceof Map<?, ?> m) {
                            Map<String, Object> stored = new LinkedHashMap<>((Map<String, Object>) m);
                            CrossResourceWindow window = window(crs, stored);
                            Instant at = clock.get();
                            if (window.nextEnd() == null || window.nextEnd().isAfter(at)) {
                                // judged by another instance meanwhile (or no longer judged at its end)
                                tx.crossResourceWindows().setWindowEnd(ri, window.nextEnd());
                                return null;
                            }
                            raise(tx, crs, window.ended(at));
                            store(tx, crs, window, stored);
                        }
                        return null;
                    });
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "cannot judge the time window of crossResourceSubscription " + ri, e);
                    return; // again at the next tick
                }
            }
            if (ended.size() < PAGE) {
                return;
            }
        }
    }

    /**
     * The window ends of the crossResourceSubscriptions judged at their end that were created before the store kept
     * them (V22): once, at start.
     */
    private void indexWindowEnds() {
        FilterCriteria fc = new FilterCriteria();
        fc.resourceTypes.add(ResourceTypes.CROSS_RESOURCE_SUBSCRIPTION);
        store.write(tx -> {
            Resource root = tx.tree().find(cseBase);
            if (root != null) {
                for (Resource crs : tx.search().discover(root, fc, Visibility.EVERYTHING, null, 0, Integer.MAX_VALUE)) {
                    if (CrossResourceSubscriptionType.mode(crs) != CrossResourceSubscriptionType.ALL_EVENTS_PRESENT
                            && crs.get(CrossResourceSubscriptionType.WINDOW) != null) {
                        tx.crossResourceWindows().setWindowEnd(crs.ri, CrossResourceSubscriptionType.window(crs).nextEnd());
                    }
                }
            }
            return null;
        });
    }

    /** Starts judging ended windows every {@code intervalMillis}: they are judged at most this late. */
    public void start(long intervalMillis) {
        timer.execute(() -> {
            try {
                indexWindowEnds();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot index the time windows of crossResourceSubscriptions", e);
            }
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                judgeEndedWindows();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot judge the time windows of crossResourceSubscriptions", e);
            }
        }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    void close() {
        timer.shutdownNow();
    }
}
