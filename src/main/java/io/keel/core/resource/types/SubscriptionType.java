package io.keel.core.resource.types;

import io.keel.core.access.Permission;
import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.NotificationTargets;
import io.keel.core.resource.PendingWrite;
import io.keel.core.resource.References;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.VirtualChild;
import io.keel.core.routing.Route;
import io.keel.core.store.TimeSeriesIndex;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.ResponseStatusCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * {@code <subscription>} (ty 23, m2m:sub), TS-0004 7.4.8; TS-0001 9.6.8. What it subscribes to is its
 * parent; the events, targets and delivery rules are its attributes, which {@code core.notification} reads.
 */
public final class SubscriptionType extends ResourceType {
    /** Allowed notificationContentType values per notificationEventType (TS-0001 table 9.6.8-4). */
    private static final Map<Long, Set<Long>> ALLOWED_NCT = Map.of(
            1L, Set.of(1L, 2L, 3L),
            2L, Set.of(1L, 3L),
            3L, Set.of(1L, 3L),
            4L, Set.of(1L, 3L),
            5L, Set.of(1L, 3L),
            6L, Set.of(4L),
            7L, Set.of(2L),
            8L, Set.of(5L));
    /** What a batchNotify without duration gets (TS-0004 7.4.8.2.1 Recv-6.5: the service provider's default). */
    public static final Duration DEFAULT_BATCH_DURATION = Duration.ofSeconds(60);
    /** Blocking_Update (TS-0004 table 6.3.4.2.19-1). */
    public static final long BLOCKING_UPDATE = 7;
    private static final long TRIGGER_RECEIVED = 6;
    private static final long MISSING_DATA_POINTS = 8;
    private final IntFunction<ResourceType> types;

    /** @param types the types this CSE implements, by number: what a subscribed-to resource can have as children */
    public SubscriptionType(IntFunction<ResourceType> types) {
        super(ResourceTypes.SUBSCRIPTION, "sub", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.optional("enc", AttributeType.EVENT_NOTIFICATION_CRITERIA),
                AttributeDef.optional("exc", AttributeType.POSITIVE_INTEGER),
                AttributeDef.mandatory("nu", AttributeType.LIST_OF_ANY_URI),
                AttributeDef.optional(GroupSubscriptionRules.GROUP_ID, AttributeType.ANY_URI),
                AttributeDef.optional(GroupSubscriptionRules.FORWARDING_URI, AttributeType.ANY_URI),
                AttributeDef.optional("bn", AttributeType.BATCH_NOTIFY),
                AttributeDef.optional("rl", AttributeType.RATE_LIMIT),
                AttributeDef.optional("pn", AttributeType.PENDING_NOTIFICATION),
                AttributeDef.optional("nsp", AttributeType.POSITIVE_INTEGER),
                AttributeDef.createOnly("psn", AttributeType.POSITIVE_INTEGER, Presence.OPTIONAL),
                AttributeDef.optional("ln", AttributeType.BOOLEAN),
                AttributeDef.optional("nct", AttributeType.NOTIFICATION_CONTENT_TYPE),
                AttributeDef.optional("nec", AttributeType.EVENT_CAT),
                AttributeDef.optional("nse", AttributeType.BOOLEAN),
                AttributeDef.readOnly("nsi", AttributeType.ANY),
                AttributeDef.createOnly("su", AttributeType.ANY_URI, Presence.OPTIONAL),
                // The crossResourceSubscriptions it notifies (TS-0004 7.4.8.1, 7.4.58): set by their hosting CSE, which
                // sends the requests as their originator; this CSE cannot tell it from the originator, so it takes it
                // from whoever may update the subscription.
                AttributeDef.optional("acrs", AttributeType.LIST_OF_URIS).since("3")));
        this.types = types;
    }

    /** gpi and nfu of a subscription made through a group's fanOutPoint (TS-0004 7.4.14.2.3). */
    /** The parent's row counts its subscriptions: a resource without any is then notified of nothing without a query. */
    @Override
    public void afterCreate(ResourceOperation op) {
        op.tree.countSubscriptions(op.parent.ri, 1);
    }

    @Override
    public void beforeDelete(ResourceOperation op) {
        op.tree.countSubscriptions(op.resource.pi, -1);
    }

    @Override
    public Map<String, Object> forGroupMembers(Map<String, Object> given, boolean create, Resource group, String groupId,
                                               boolean outerGroup) {
        return GroupSubscriptionRules.forMembers(given, create, group, groupId, outerGroup);
    }

    @Override
    public boolean hasCreator() {
        return true;
    }

    /**
     * Its notificationSchedule (TS-0004 table 7.4.8.1-4), which limits when its notifications are sent, and the
     * notificationTargetMgmtPolicyRefs that govern its targets' removal (7.4.30).
     */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SCHEDULE, ResourceTypes.NOTIFICATION_TARGET_MGMT_POLICY_REF);
    }

    /** ntsr, through which a notification target leaves (TS-0004 7.4.33). */
    @Override
    public Map<String, VirtualChild> virtualChildren() {
        return Map.of(NotificationTargetSelfReference.NAME, NotificationTargetSelfReference.INSTANCE);
    }

    /** Subscribing means being told what the resource holds: it takes Retrieve privilege too (TS-0004 7.4.8.2.1). */
    @Override
    public List<Permission> createPermissions() {
        return List.of(Permission.CREATE, Permission.RETRIEVE);
    }

    /** A resource that takes no subscription is not subscribable (TS-0004 7.4.8.2.1: 5203). */
    @Override
    public OneM2MException refusedUnder(ResourceType parentType) {
        return new OneM2MException(ResponseStatusCode.TARGET_NOT_SUBSCRIBABLE, parentType.rootElement() + " is not subscribable");
    }

    @Override
    public boolean worksBeforeTransaction() {
        return true;
    }

    /**
     * First every rule of the subscription as it would be (TS-0004 7.4.8.2.1, 7.4.8.2.3), so that one refused asks no
     * target; then each new notification target is verified before the subscription is stored or changed, while no lock
     * is held (7.4.8.2.1, 7.5.1.2.3): all of a Create's, and those an Update adds (TS-0001 10.2.10.4); a new nfu too,
     * where the group-hosting CSE sends what it aggregates.
     */
    @Override
    public void beforeTransaction(PendingWrite write) {
        boolean create = write.request().operation == Operation.CREATE;
        Resource after = create ? write.resource() : updated(write.resource(), write.given());
        check(after, write.given(), create, write.parent());
        GroupSubscriptionRules.check(after, write.given(), create ? null : write.resource(), write.request());
        if (create && eventTypes(after).contains(BLOCKING_UPDATE) && write.targets().blockingSubscription(write.parent().ri) != null) {
            // Before its target is asked; checked again with the subscribed-to resource locked.
            throw blockingSubscriptionExists(write.parent().ri);
        }
        List<String> added = new ArrayList<>();
        if (write.given().get("nu") instanceof List<?> nu) {
            List<?> current = create ? List.of() : targets(write.resource());
            for (Object entry : nu) {
                if (!current.contains(entry)) {
                    added.add((String) entry);
                }
            }
        }
        // The group gets the notifications to pass on to nfu: nfu is the target that has to consent (TS-0004 7.5.1.2.3).
        added.addAll(GroupSubscriptionRules.newForwardingTarget(write.given(), create ? null : write.resource()));
        if (!added.isEmpty()) {
            write.targets().verify(after, write.request(), added);
        }
    }

    /** A copy of the subscription's attributes with an Update's applied (null deletes), to check before the lock. */
    private static Resource updated(Resource current, Map<String, Object> given) {
        Resource after = new Resource();
        after.ri = current.ri;
        after.cr = current.cr;
        after.attributes = new LinkedHashMap<>(current.attributes);
        given.forEach((sn, v) -> {
            if (v == null) {
                after.attributes.remove(sn);
            } else {
                after.attributes.put(sn, v);
            }
        });
        return after;
    }

    /** The notificationURI list. */
    @SuppressWarnings("unchecked")
    public static List<String> targets(Resource sub) {
        return (List<String>) sub.get("nu");
    }

    @Override
    public void prepareCreate(ResourceOperation op) {
        // Checked before the transaction already; again here, where the defaults are set on what is stored.
        check(op.resource, Map.of(), true, op.parent);
        checkSingleBlockingUpdate(op);
        // TS-0004 7.4.8.2.1: when the notifications go elsewhere than to the originator, the creator is recorded.
        List<String> nu = targets(op.resource);
        if (op.resource.cr == null && op.request.from != null
                && !(nu.size() == 1 && isOriginator(op.references, nu.get(0), op.request.from))) {
            op.resource.cr = op.request.from;
        }
        if (collectsStats(op.resource)) {
            op.resource.attributes.put("nsi", NotificationStatsInfo.fresh(targets(op.resource)));
        }
    }

    /**
     * Whether a notification target is the originator itself: its AE-ID or CSE-ID, or the ID (structured or not, in any
     * of the three forms) of its {@code <AE>} or {@code <remoteCSE>} here.
     */
    static boolean isOriginator(References references, String target, String originator) {
        if (NotificationTargets.isUrl(target)) {
            return false;
        }
        if (target.equals(originator)) {
            return true;
        }
        try {
            if (references.route(target) instanceof Route.Local local) {
                Object id = local.resource().get("aei") != null ? local.resource().get("aei") : local.resource().get("csi");
                return originator.equals(id);
            }
        } catch (OneM2MException e) {
            return false;
        }
        return false;
    }

    /** notificationStatsEnable (nse): whether the CSE counts the subscription's notifications in nsi. */
    public static boolean collectsStats(Resource sub) {
        return Boolean.TRUE.equals(sub.get("nse"));
    }

    /**
     * notificationStatsInfo follows an Update (Release 4 TS-0004 7.4.8.2.3): nse turned on (from off or absent) starts
     * the counts anew; turned off, the counts stay as they are and no longer change; new targets of nu start at zero
     * while it counts, and removed ones are no longer listed.
     */
    private static void updateStats(ResourceOperation op) {
        boolean was = op.previous.containsKey("nse") && Boolean.TRUE.equals(op.previous.get("nse"));
        if (op.given.containsKey("nse") && collectsStats(op.resource) && !was) {
            op.resource.attributes.put("nsi", NotificationStatsInfo.fresh(targets(op.resource)));
        } else if (op.given.containsKey("nu") && collectsStats(op.resource)) {
            op.resource.attributes.put("nsi", NotificationStatsInfo.retarget(op.resource.get("nsi"), targets(op.resource)));
        }
    }

    @Override
    public void prepareUpdate(ResourceOperation op) {
        // Again with the lock held: an Update made meanwhile may have changed what this one combines with.
        check(op.resource, op.given, false, op.tree.find(op.resource.pi));
        updateStats(op);
        if (op.given.containsKey("enc") && op.timeSeries.window(op.resource.ri) != null) {
            // TS-0001 table 9.6.8-2 (missingData): a changed condition stops the window and its count; the next point
            // starts a new one.
            op.timeSeries.setWindow(new TimeSeriesIndex.Window(op.resource.ri, Instant.EPOCH, 0, List.of()));
        }
    }

    /**
     * Report on missing data points (net 8) needs missingData (md), and md needs a timeSeries to subscribe to
     * (TS-0004 7.4.8.2.1, 7.4.8.2.3: 4000).
     */
    private static void checkMissingData(Resource sub, Resource subscribedTo) {
        Object md = sub.get("enc") instanceof Map<?, ?> enc ? enc.get("md") : null;
        if (eventTypes(sub).contains(MISSING_DATA_POINTS) && md == null) {
            throw OneM2MException.badRequest("notificationEventType 8 (missing data points) needs enc.md (missingData)");
        }
        if (md != null && subscribedTo != null && subscribedTo.ty != ResourceTypes.TIME_SERIES) {
            throw OneM2MException.badRequest("enc.md (missingData) applies to a timeSeries only");
        }
    }

    /**
     * chty may name only types the subscribed-to resource can have as children here (TS-0004 7.4.8.2.1, 7.4.8.2.3:
     * 4000); a type Keel does not implement can never be created under it.
     */
    private void checkChildTypes(Resource sub, Resource subscribedTo) {
        if (!(sub.get("enc") instanceof Map<?, ?> enc) || !(enc.get("chty") instanceof List<?> chty) || subscribedTo == null) {
            return;
        }
        Set<Integer> children = types.apply(subscribedTo.ty).childTypes();
        for (Object ty : chty) {
            if (!children.contains(((Long) ty).intValue())) {
                throw OneM2MException.badRequest("enc.chty " + ty + " is not a child resource type of "
                        + types.apply(subscribedTo.ty).rootElement());
            }
        }
    }

    /** Every rule of a subscription as it is to be stored, with {@code given} what a Create or Update sets. */
    private void check(Resource sub, Map<String, Object> given, boolean create, Resource subscribedTo) {
        checkAttributes(sub, given, create);
        checkChildTypes(sub, subscribedTo);
        checkMissingData(sub, subscribedTo);
        checkSubscribedTo(sub, subscribedTo);
    }

    private void checkAttributes(Resource sub, Map<String, Object> given, boolean create) {
        if (!(sub.get("nu") instanceof List<?> nu) || nu.isEmpty()) {
            throw OneM2MException.badRequest("nu must name at least one notification target");
        }
        checkBlockingUpdate(sub, given, create);
        if (sub.get("bn") instanceof Map<?, ?> bn && bn.get("dur") == null) {
            // TS-0004 7.4.8.2.1 Recv-6.5, table 6.3.5.6-1: the CSE sets the duration the originator left out.
            Map<String, Object> withDuration = new LinkedHashMap<>();
            bn.forEach((k, v) -> withDuration.put((String) k, v));
            withDuration.put("dur", DEFAULT_BATCH_DURATION.toString());
            sub.attributes.put("bn", withDuration);
        }
        if (!operationMonitors(sub).isEmpty()) {
            checkOperationMonitor(sub);
        }
        List<Long> net = eventTypes(sub);
        Long nct = (Long) sub.get("nct");
        if (nct == null) {
            sub.attributes.put("nct", defaultContentType(net));
            nct = (Long) sub.get("nct");
        }
        for (Long n : net) {
            if (!ALLOWED_NCT.get(n).contains(nct)) {
                throw OneM2MException.badRequest("nct " + nct + " is not allowed with notificationEventType " + n
                        + " (allowed: " + new TreeSet<>(ALLOWED_NCT.get(n)) + ")");
            }
        }
    }

    /**
     * operationMonitor excludes notificationEventType (TS-0004 7.4.8.2.1, 7.4.8.2.3: 4000); table 9.6.8-4 of TS-0001 has
     * no column for it: Keel allows all attributes (1, the default) and the resource ID (3).
     */
    private static void checkOperationMonitor(Resource sub) {
        if (((Map<?, ?>) sub.get("enc")).get("net") instanceof List<?> net && !net.isEmpty()) {
            throw OneM2MException.badRequest("enc.om (operationMonitor) and enc.net (notificationEventType) exclude each other");
        }
        Object nct = sub.get("nct");
        if (nct != null && !Long.valueOf(1).equals(nct) && !Long.valueOf(3).equals(nct)) {
            throw OneM2MException.badRequest("nct " + nct + " is not allowed with an operationMonitor (1 or 3 are)");
        }
    }

    /**
     * TS-0001 table 9.6.8-4: TimeSeries notification (5) for missing data points, modified attributes (2) for a blocking
     * update, trigger payload (4) for a received trigger, else all attributes (1).
     */
    private static long defaultContentType(List<Long> net) {
        if (net.contains(MISSING_DATA_POINTS)) {
            return 5L;
        }
        if (net.contains(BLOCKING_UPDATE)) {
            return 2L;
        }
        return net.contains(TRIGGER_RECEIVED) ? 4L : 1L;
    }

    /**
     * Event types 5, 6 and 8 are raised by one resource type each (TS-0001 table 9.6.8-3: "otherwise this setting is not
     * valid"); 7 and 8 are not combined with any other type (ibid.). 4000 naming the type.
     */
    private void checkSubscribedTo(Resource sub, Resource subscribedTo) {
        List<Long> net = eventTypes(sub);
        for (Long n : net) {
            if ((n == BLOCKING_UPDATE || n == MISSING_DATA_POINTS) && net.size() > 1) {
                throw OneM2MException.badRequest("notificationEventType " + n + " cannot be combined with another event type");
            }
        }
        if (subscribedTo == null) {
            return;
        }
        ResourceType type = types.apply(subscribedTo.ty);
        for (Long n : net) {
            if ((n == 5 || n == TRIGGER_RECEIVED || n == MISSING_DATA_POINTS) && !type.ownEventTypes().contains(n)) {
                throw OneM2MException.badRequest("notificationEventType " + n + " is never raised by a " + type.rootElement());
            }
        }
    }

    /**
     * Blocking_Update (7): an Update naming it is 4000 (TS-0004 7.4.8.2.3 Recv-6.4); a subscription with it has one
     * target, a oneM2M ID, no attribute of its own but enc and nu (and the nct 2 it takes by default, TS-0001 table
     * 9.6.8-4), and no condition but atr (7.4.8.2.1 Recv-6.4: else 4000).
     */
    private void checkBlockingUpdate(Resource sub, Map<String, Object> given, boolean create) {
        if (!create && given.get("enc") instanceof Map<?, ?> enc && enc.get("net") instanceof List<?> net
                && net.contains(BLOCKING_UPDATE)) {
            throw OneM2MException.badRequest("an update cannot set notificationEventType 7 (Blocking_Update)");
        }
        if (!eventTypes(sub).contains(BLOCKING_UPDATE)) {
            return;
        }
        List<?> nu = (List<?>) sub.get("nu");
        if (nu.size() != 1 || NotificationTargets.isUrl((String) nu.get(0))) {
            throw OneM2MException.badRequest("a Blocking_Update subscription has one notification target, a oneM2M ID");
        }
        for (AttributeDef d : specificAttributes()) {
            String sn = d.sn();
            boolean own = sn.equals("enc") || sn.equals("nu") || sn.equals(ACCESS_CONTROL_POLICY_IDS)
                    || (sn.equals("nct") && Long.valueOf(2).equals(sub.get(sn)));
            if (sub.get(sn) != null && !own) {
                throw OneM2MException.badRequest("a Blocking_Update subscription takes no " + sn);
            }
        }
        for (Object tag : ((Map<?, ?>) sub.get("enc")).keySet()) {
            if (!tag.equals("net") && !tag.equals("atr")) {
                throw OneM2MException.badRequest("a Blocking_Update subscription takes no condition but atr, not " + tag);
            }
        }
    }

    /**
     * At most one Blocking_Update subscription per resource (TS-0004 7.4.8.2.1 Recv-6.4: 4124), checked with the
     * subscribed-to resource locked.
     */
    private static void checkSingleBlockingUpdate(ResourceOperation op) {
        if (!eventTypes(op.resource).contains(BLOCKING_UPDATE)) {
            return;
        }
        for (Resource other : op.tree.children(op.parent.ri, ResourceTypes.SUBSCRIPTION)) {
            if (!other.ri.equals(op.resource.ri) && eventTypes(other).contains(BLOCKING_UPDATE)) {
                throw blockingSubscriptionExists(op.parent.ri);
            }
        }
    }

    private static OneM2MException blockingSubscriptionExists(String subscribedTo) {
        return new OneM2MException(ResponseStatusCode.BLOCKING_SUBSCRIPTION_ALREADY_EXISTS,
                subscribedTo + " already has a Blocking_Update subscription (notificationEventType 7); a resource has at most one");
    }

    /** The Blocking_Update subscription of a resource, or null (at most one, TS-0004 7.4.8.2.1). */
    public static Resource blockingUpdate(List<Resource> subscriptions) {
        for (Resource sub : subscriptions) {
            if (eventTypes(sub).contains(BLOCKING_UPDATE)) {
                return sub;
            }
        }
        return null;
    }

    /**
     * The subscribed event types; update of the resource (1) when enc names none and has no operationMonitor (TS-0004
     * 7.5.1.2.2), none when it has one.
     */
    @SuppressWarnings("unchecked")
    public static List<Long> eventTypes(Resource sub) {
        Object enc = sub.get("enc");
        Object net = enc instanceof Map<?, ?> m ? m.get("net") : null;
        if (net != null && !((List<Long>) net).isEmpty()) {
            return (List<Long>) net;
        }
        return operationMonitors(sub).isEmpty() ? List.of(1L) : List.of();
    }

    /** The operationMonitor conditions (TS-0004 table 6.3.5.57-1), empty when it has none. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> operationMonitors(Resource sub) {
        return sub.get("enc") instanceof Map<?, ?> enc && enc.get("om") instanceof List<?> om ? (List<Map<String, Object>>) om : List.of();
    }
}
