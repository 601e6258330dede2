package io.keel.core.notification;

import io.keel.core.CseIdentity;
import io.keel.core.Representations;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.Viewer;
import io.keel.core.resource.types.ScheduleType;
import io.keel.core.resource.types.SubscriptionType;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.schedule.Schedule;
import io.keel.core.store.TimeSeriesIndex;
import io.keel.core.store.Transaction;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.SharedTree;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Raises notifications inside the write transaction that causes them (TS-0004 7.5.1.2.2), with the
 * representation the resource has at that moment. They leave when the transaction commits, in its lock order
 * ({@link Sequencer}); a rolled-back change notifies nobody.
 */
public final class ResourceChangeEvents {
    /** The subscription and channel of a deletion notification: this, then the deleted subscription's ri. */
    static final String DELETION_CHANNEL = "deleted ";
    private static final int UPDATE = 1;
    private static final int DELETE = 2;
    private static final int CHILD_CREATED = 3;
    private static final int CHILD_DELETED = 4;
    private static final int RETRIEVE_OF_EMPTY_CONTAINER = 5;
    private static final int TRIGGER_RECEIVED = 6;
    private static final int MISSING_DATA_POINTS = 8;
    /** The accessControlOperations bit of a discovery (TS-0004 6.3.4.2.29). */
    private static final int DISCOVERY_BIT = 32;
    private final CseIdentity cse;
    private final TypeRegistry types;
    private final Representations representations;
    private final Receivers receivers;
    private final Sequencer<TransactionNotifications> sequencer;
    /** Where a change's notifications are written in its transaction; null: kept in memory only. */
    private final Outbox outbox;

    ResourceChangeEvents(CseIdentity cse, TypeRegistry types, Representations representations, Receivers receivers,
                         Sequencer<TransactionNotifications> sequencer, Outbox outbox) {
        this.outbox = outbox;
        this.cse = cse;
        this.types = types;
        this.representations = representations;
        this.receivers = receivers;
        this.sequencer = sequencer;
    }

    /** net 3 for the subscriptions of the parent; a subscription's new notificationSchedule governs what it sends. */
    public void created(Transaction tx, Resource parent, Resource child) {
        if (isNotificationSchedule(child, parent)) {
            pending(tx).changedSubscriptions.put(parent.ri, DeliveryRules.of(parent, ScheduleType.schedule(child)));
        }
        List<Resource> matching = new ArrayList<>();
        for (Resource sub : tx.tree().subscriptionsOf(parent)) {
            if (!sub.ri.equals(child.ri) && EventCriteria.matches(sub, CHILD_CREATED, child, Set.of())) {
                matching.add(sub);
            }
        }
        raiseAll(tx, matching, CHILD_CREATED, child, null);
        if (child.ty == ResourceTypes.SUBSCRIPTION && child.get("psn") instanceof Long psn) {
            preSubscription(tx, child, parent, psn.intValue());
        }
    }

    /**
     * preSubscriptionNotify (TS-0001 9.6.8, 10.2.10.7): the events Keel retains are the children the subscribed-to
     * resource holds, each the creation event of its child (net 3); up to {@code psn} of the newest that match the new
     * subscription's criteria are notified, oldest first, before anything that happens after it. Other event types
     * retain nothing, so they get none.
     */
    private void preSubscription(Transaction tx, Resource sub, Resource subscribedTo, int psn) {
        if (!SubscriptionType.eventTypes(sub).contains((long) CHILD_CREATED)) {
            return;
        }
        List<Resource> prior = new ArrayList<>();
        for (int ty : types.require(subscribedTo.ty).childTypes()) {
            for (Resource child : tx.tree().newestChildren(subscribedTo.ri, ty, psn)) {
                if (!child.ri.equals(sub.ri) && EventCriteria.matches(sub, CHILD_CREATED, child, Set.of())) {
                    prior.add(child);
                }
            }
        }
        prior.sort(Comparator.comparing((Resource r) -> r.ct).thenComparing(r -> r.ri));
        for (Resource child : prior.subList(Math.max(0, prior.size() - psn), prior.size())) {
            raise(tx, sub, CHILD_CREATED, child, null);
        }
    }

    /**
     * {@link #updated(Transaction, Resource, Set)}, knowing what the attributes set had been ({@code previous}): a
     * subscription that lost crossResourceSubscriptions from its acrs tells them (TS-0004 7.4.8.2.3 Recv-6.5).
     */
    public void updated(Transaction tx, Resource r, Set<String> modified, Map<String, Object> previous) {
        updated(tx, r, modified);
        if (r.ty == ResourceTypes.SUBSCRIPTION && previous.get("acrs") instanceof List<?> before) {
            List<?> now = r.get("acrs") instanceof List<?> l ? l : List.of();
            List<?> removed = before.stream().filter(crs -> !now.contains(crs)).toList();
            dissociated(tx, r, removed);
        }
    }

    /** net 1 for the subscriptions of the resource; {@code modified} are the short names the update changed. */
    public void updated(Transaction tx, Resource r, Set<String> modified) {
        if (r.ty == ResourceTypes.SUBSCRIPTION) {
            // A subscription has no subscriptions; what it has pending follows its new rules.
            pending(tx).changedSubscriptions.put(r.ri, rules(tx, r));
            return;
        }
        Resource parent = r.ty == ResourceTypes.SCHEDULE ? tx.tree().find(r.pi) : null;
        if (isNotificationSchedule(r, parent)) {
            pending(tx).changedSubscriptions.put(parent.ri, DeliveryRules.of(parent, ScheduleType.schedule(r)));
        }
        List<Resource> matching = new ArrayList<>();
        for (Resource sub : tx.tree().subscriptionsOf(r)) {
            if (EventCriteria.matches(sub, UPDATE, r, modified)) {
                matching.add(sub);
            }
        }
        raiseAll(tx, matching, UPDATE, r, modified);
    }

    /**
     * Before a resource and its subtree are deleted: net 4 for the parent's subscriptions; for every subscription in
     * the subtree, net 2 about the resource it watched, then its deletion notification (to su).
     */
    public void deleting(Transaction tx, Resource r) {
        Resource parent = r.ty == ResourceTypes.SCHEDULE ? tx.tree().find(r.pi) : null;
        if (isNotificationSchedule(r, parent)) {
            // Without its schedule the subscription's notifications go at any time again (TS-0004 7.4.9.1).
            pending(tx).changedSubscriptions.put(parent.ri, DeliveryRules.of(parent, Schedule.ALWAYS));
        }
        if (r.pi != null) {
            List<Resource> matching = new ArrayList<>();
            for (Resource sub : tx.tree().children(r.pi, ResourceTypes.SUBSCRIPTION)) {
                if (!sub.ri.equals(r.ri) && EventCriteria.matches(sub, CHILD_DELETED, r, Set.of())) {
                    matching.add(sub);
                }
            }
            raiseAll(tx, matching, CHILD_DELETED, r, null);
        }
        if (r.ty == ResourceTypes.SUBSCRIPTION || r.ty == ResourceTypes.CROSS_RESOURCE_SUBSCRIPTION) {
            ended(tx, r);
            return;
        }
        FilterCriteria subscriptions = new FilterCriteria();
        subscriptions.resourceTypes.add(ResourceTypes.SUBSCRIPTION);
        // crossResourceSubscriptions below it end too (their su is told), having no resource they watch here.
        subscriptions.resourceTypes.add(ResourceTypes.CROSS_RESOURCE_SUBSCRIPTION);
        for (Resource sub : tx.search().discover(r, subscriptions, Visibility.EVERYTHING, null, 0, Integer.MAX_VALUE)) {
            Resource watched = sub.pi.equals(r.ri) ? r : tx.tree().find(sub.pi);
            if (sub.ty == ResourceTypes.SUBSCRIPTION && watched != null && EventCriteria.matches(sub, DELETE, watched, Set.of())) {
                raise(tx, sub, DELETE, watched, null);
            }
            ended(tx, sub);
        }
    }

    /**
     * A cross-resource notification (TS-0004 7.5.1.2.18): to the crossResourceSubscription's nu, with its delivery
     * rules and expirationCounter as a subscription's.
     */
    public void crossResourceNotification(Transaction tx, Resource crs, Map<String, Object> nev) {
        raise(tx, pending(tx), crs, nev);
    }

    /**
     * A subscription's acrs lost entries (TS-0004 7.4.8.2.3 Recv-6.5): each crossResourceSubscription removed is told as
     * if the subscription had been deleted (7.5.1.2.4).
     */
    public void dissociated(Transaction tx, Resource sub, List<?> removed) {
        for (Object crs : removed) {
            deletionNotice(tx, pending(tx), sub, (String) crs);
        }
    }

    private void deletionNotice(Transaction tx, TransactionNotifications pending, Resource sub, String to) {
        Map<String, Object> sgn = new LinkedHashMap<>();
        sgn.put("sud", true);
        sgn.put("sur", reference(sub));
        // TS-0004 7.5.1.2.4: sud and sur; the creator goes with event notifications only (TS-0001 10.2.10.7).
        pending.notifications.add(new OutgoingNotification("deleted " + sub.ri, "deleted " + sub.ri + " " + to, to,
                receivers.resolve(tx.tree(), to), DeliveryRules.DELETION_NOTICE, sgn, new AtomicBoolean()));
    }

    /**
     * A subscription (or crossResourceSubscription) is gone: nothing more for it, and the deletion notification to its
     * subscriberURI and to each crossResourceSubscription of its acrs (TS-0004 7.4.8.2.4 Recv-6.5).
     */
    private void ended(Transaction tx, Resource sub) {
        TransactionNotifications pending = pending(tx);
        pending.endedSubscriptions.add(sub.ri);
        if (sub.get("su") instanceof String su) {
            Map<String, Object> sgn = new LinkedHashMap<>();
            sgn.put("sud", true);
            sgn.put("sur", reference(sub));
            // TS-0004 7.5.1.2.4: sud and sur; the creator goes with event notifications only (TS-0001 10.2.10.7).
            pending.notifications.add(new OutgoingNotification(DELETION_CHANNEL + sub.ri, DELETION_CHANNEL + sub.ri, su, receivers.resolve(tx.tree(), su),
                    DeliveryRules.DELETION_NOTICE, sgn, new AtomicBoolean()));
        }
        if (sub.get("acrs") instanceof List<?> acrs) {
            acrs.forEach(crs -> deletionNotice(tx, pending, sub, (String) crs));
        }
    }

    /**
     * Missing data points of a timeSeries, detected at {@code detected} (TS-0001 10.2.4.29, TS-0004 7.5.1.2.9): each
     * net 8 subscription counts them in its window (started by the first point, md.dur long); from md.num points in
     * one window on, every point is notified, with the points not notified yet and the window's count (m2m:tsn).
     */
    public void missingData(Transaction tx, Resource ts, List<String> points, Instant detected) {
        for (Resource sub : tx.tree().subscriptionsOf(ts)) {
            if (!EventCriteria.matches(sub, MISSING_DATA_POINTS, ts, Set.of())
                    || !(((Map<?, ?>) sub.get("enc")).get("md") instanceof Map<?, ?> md)) {
                continue;
            }
            long num = (Long) md.get("num");
            Duration dur = Duration.parse((String) md.get("dur"));
            TimeSeriesIndex.Window window = tx.timeSeries().window(sub.ri);
            for (String point : points) {
                if (window == null || !detected.isBefore(window.ends())) {
                    window = new TimeSeriesIndex.Window(sub.ri, detected.plus(dur), 0, List.of());
                }
                List<String> unreported = new ArrayList<>(window.unreported());
                unreported.add(point);
                long missed = window.missed() + 1;
                if (missed >= num) {
                    Map<String, Object> tsn = new LinkedHashMap<>();
                    tsn.put("mdlt", unreported);
                    tsn.put("mdc", missed);
                    raise(tx, sub, MISSING_DATA_POINTS, Map.of("m2m:tsn", tsn));
                    unreported = List.of();
                }
                window = new TimeSeriesIndex.Window(sub.ri, window.ends(), missed, List.copyOf(unreported));
            }
            tx.timeSeries().setWindow(window);
        }
    }

    /**
     * A trigger received for the registree AE of {@code ae} (TS-0004 table 6.3.4.2.19-1, net 6; TS-0001 8.3.3.2.1): each
     * subscription of its {@code <AE>} with net 6 is notified with the trigger payload, the one content type that event
     * takes (nct 4, TS-0001 table 9.6.8-4; TS-0004 7.5.1.2.2 step 2.1).
     *
     * @return how many subscriptions were notified
     */
    public int triggerReceived(Transaction tx, Resource ae, Map<String, Object> triggerPayload) {
        int notified = 0;
        for (Resource sub : tx.tree().subscriptionsOf(ae)) {
            if (EventCriteria.matches(sub, TRIGGER_RECEIVED, ae, Set.of())) {
                raise(tx, sub, TRIGGER_RECEIVED, Map.of("m2m:tgp", triggerPayload));
                notified++;
            }
        }
        return notified;
    }

    private void raise(Transaction tx, Resource sub, int net, Resource subject, Set<String> modified) {
        raise(tx, sub, net, representation(sub, subject, modified));
    }

    /**
     * net 5 (TS-0004 table 6.3.4.2.19-1): a Retrieve with child resources of a container found no contentInstance. A
     * Retrieve writes nothing, so what it raises leaves at once, in order behind what committed before.
     */
    public void retrievedWithoutContentInstance(Transaction tx, Resource container) {
        TransactionNotifications raised = new TransactionNotifications(sequencer);
        for (Resource sub : tx.tree().subscriptionsOf(container)) {
            if (EventCriteria.matches(sub, RETRIEVE_OF_EMPTY_CONTAINER, container, Set.of())) {
                raise(tx, raised, sub, RETRIEVE_OF_EMPTY_CONTAINER, representation(sub, container, null));
            }
        }
        if (!raised.notifications.isEmpty()) {
            sequencer.complete(sequencer.ticket(), raised);
        }
    }

    /**
     * operationMonitor (TS-0004 table 6.3.5.57-1; TS-0001 table 9.6.8-3): a request addressed to {@code r}, whatever
     * its outcome, notifies the subscriptions of r whose monitor names its operation (as an accessControlOperations bit)
     * and/or its originator. Called as the request is routed, so the notification tells of the attempt, with r as it is
     * before it; it leaves at once.
     */
    public void operationMonitored(Transaction tx, Resource r, RequestPrimitive req) {
        TransactionNotifications raised = new TransactionNotifications(sequencer);
        int bit = req.isDiscovery() ? DISCOVERY_BIT : req.operation.accessBit();
        for (Resource sub : tx.tree().subscriptionsOf(r)) {
            boolean monitored = SubscriptionType.operationMonitors(sub).stream().anyMatch(om ->
                    (om.get("ops") == null || (((Long) om.get("ops")) & bit) != 0)
                            && (om.get("or") == null || om.get("or").equals(req.from)));
            if (monitored) {
                Map<String, Object> om = new LinkedHashMap<>();
                om.put("op", req.operation.value());
                om.put("or", req.from);
                Map<String, Object> nev = new LinkedHashMap<>();
                nev.put("rep", representation(sub, r, null));
                nev.put("om", om);
                raise(tx, raised, sub, nev);
            }
        }
        if (!raised.notifications.isEmpty()) {
            sequencer.complete(sequencer.ticket(), raised);
        }
    }

    private void raise(Transaction tx, Resource sub, int net, Object rep) {
        raise(tx, pending(tx), sub, net, rep);
    }

    private void raise(Transaction tx, TransactionNotifications pending, Resource sub, int net, Object rep) {
        raise(tx, pending, sub, event(rep, net));
    }

    private static Map<String, Object> event(Object rep, int net) {
        Map<String, Object> nev = new LinkedHashMap<>();
        nev.put("rep", rep);
        nev.put("net", net);
        return nev;
    }

    /**
     * One event for many subscriptions (a resource with a thousand subscriptions raises a thousand notifications):
     * what they share is read or built once — their notificationSchedules in one query, the representation once per
     * nct, each receiver address resolved once — not once per subscription.
     */
    private void raiseAll(Transaction tx, List<Resource> subs, int net, Resource subject, Set<String> modified) {
        if (subs.isEmpty()) {
            return;
        }
        TransactionNotifications pending = pending(tx);
        Map<String, DeliveryRules> rules = rules(tx, subs);
        Map<Long, Object> representations = new HashMap<>();
        Map<String, Receiver> resolved = new HashMap<>();
        for (Resource sub : subs) {
            // Shared: encoded (and fitted to a release) once for all the notifications that carry it.
            Object rep = representations.computeIfAbsent(sub.getLong("nct", 1),
                    nct -> SharedTree.of(representation(nct, subject, modified)));
            raise(tx, pending, sub, event(rep, net), rules.get(sub.ri), resolved);
        }
    }

    private void raise(Transaction tx, TransactionNotifications pending, Resource sub, Map<String, Object> nev) {
        raise(tx, pending, sub, nev, rules(tx, sub), new HashMap<>());
    }

    /** @param resolved the receivers of the addresses resolved so far for this event, added to */
    private void raise(Transaction tx, TransactionNotifications pending, Resource sub, Map<String, Object> nev,
                       DeliveryRules rules, Map<String, Receiver> resolved) {
        Map<String, Object> sgn = new LinkedHashMap<>();
        sgn.put("nev", nev);
        sgn.put("sur", reference(sub));
        if (sub.cr != null) {
            // TS-0001 10.2.10.7: an event's notification carries the creator when the subscription has one.
            sgn.put("cr", sub.cr);
        }
        if (sub.get("nfu") != null) {
            // TS-0001 10.2.7.11: how the group-hosting CSE at nu knows whom the aggregated notification is for.
            sgn.put("nfu", sub.get("nfu"));
        }
        AtomicBoolean delivered = new AtomicBoolean();
        for (Object nu : (List<?>) sub.get("nu")) {
            String address = (String) nu;
            Receiver receiver = resolved.computeIfAbsent(address, a -> receivers.resolve(tx.tree(), a));
            pending.notifications.add(new OutgoingNotification(sub.ri, sub.ri + " " + address, address, receiver, rules,
                    sgn, delivered));
        }
    }

    /** A subscription's rules, with its notificationSchedule when it has one (TS-0004 table 7.4.8.1-4). */
    static DeliveryRules rules(Transaction tx, Resource sub) {
        return rules(tx, List.of(sub)).get(sub.ri);
    }

    /** The rules of each subscription, by ri: their notificationSchedules read in one query. */
    static Map<String, DeliveryRules> rules(Transaction tx, List<Resource> subs) {
        List<String> ris = new ArrayList<>(subs.size());
        subs.forEach(sub -> ris.add(sub.ri));
        Map<String, List<Resource>> schedules = tx.tree().childrenOf(ris, ResourceTypes.SCHEDULE);
        Map<String, DeliveryRules> out = new HashMap<>();
        for (Resource sub : subs) {
            List<Resource> own = schedules.get(sub.ri);
            out.put(sub.ri, DeliveryRules.of(sub, own == null ? Schedule.ALWAYS : ScheduleType.schedule(own.get(0))));
        }
        return out;
    }

    private static boolean isNotificationSchedule(Resource r, Resource parent) {
        return r.ty == ResourceTypes.SCHEDULE && parent != null && parent.ty == ResourceTypes.SUBSCRIPTION;
    }

    /**
     * The rep of a notification per nct (TS-0004 7.5.1.2.2, 6.3.4.2.18): all attributes, the modified ones, or the
     * resource ID.
     */
    private Object representation(Resource sub, Resource subject, Set<String> modified) {
        return representation(sub.getLong("nct", 1), subject, modified);
    }

    private Map<String, Object> representation(long nct, Resource subject, Set<String> modified) {
        if (nct == 3) {
            return Map.of("m2m:uri", subject.ri);
        }
        Map<String, Object> full = representations.attributes(subject, Viewer.OTHERS);
        if (nct == 2 && modified != null) {
            Map.Entry<String, Object> root = full.entrySet().iterator().next();
            @SuppressWarnings("unchecked")
            Map<String, Object> attributes = (Map<String, Object>) root.getValue();
            Map<String, Object> changed = new LinkedHashMap<>();
            attributes.forEach((k, v) -> {
                if (modified.contains(k)) {
                    changed.put(k, v);
                }
            });
            return Map.of(root.getKey(), changed);
        }
        return full;
    }

    /** The subscriptionReference: the subscription's SP-relative ID. */
    String reference(Resource sub) {
        return cse.spRelativeCseId() + "/" + sub.ri;
    }

    private TransactionNotifications pending(Transaction tx) {
        return tx.listener(TransactionNotifications.class, () -> new TransactionNotifications(sequencer, tx, outbox));
    }
}
