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
            8L, Set.of(5L));
    /** What a batchNotify without duration gets (TS-0004 7.4.8.2.1 Recv-6.5: the service provider's default). */
    public static final Duration DEFAULT_BATCH_DURATION = Duration.ofSeconds(60);
    private static final long BLOCKING_UPDATE = 7;
    private static final long MISSING_DATA_POINTS = 8;
    private final IntFunction<ResourceType> types;

    /** @param types the types this CSE implements, by number: what a subscribed-to resource can have as children */
    public SubscriptionType(IntFunction<ResourceType> types) {
        super(ResourceTypes.SUBSCRIPTION, "sub", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.optional("enc", AttributeType.EVENT_NOTIFICATION_CRITERIA),
                AttributeDef.optional("exc", AttributeType.POSITIVE_INTEGER),
                AttributeDef.mandatory("nu", AttributeType.LIST_OF_ANY_URI),
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
                AttributeDef.createOnly("su", AttributeType.ANY_URI, Presence.OPTIONAL)));
        this.types = types;
    }

    /**
     * Not supported. gpi and
     * nfu belong to subscriptions made through a group's fopt (TS-0004 7.5.1.2.6), which Keel treats as one per member.
     * acrs needs {@code <crossResourceSubscription>} (TS-0004 7.4.58), which Keel does not have.
     */
    @Override
    public Map<String, String> unsupportedAttributes() {
        return Map.of("gpi", "groupID",
                "nfu", "notificationForwardingURI", "acrs", "associatedCrossResourceSub");
    }

    @Override
    public boolean hasCreator() {
        return true;
    }

    /** Its notificationSchedule (TS-0004 table 7.4.8.1-4), which limits when its notifications are sent. */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SCHEDULE);
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
     * is held (7.4.8.2.1, 7.5.1.2.3): all of a Create's, and those an Update adds (TS-0001 10.2.10.4).
     */
    @Override
    public void beforeTransaction(PendingWrite write) {
        boolean create = write.request().operation == Operation.CREATE;
        Resource after = create ? write.resource() : updated(write.resource(), write.given());
        check(after, create);
        checkChildTypes(after, write.parent());
        checkMissingData(after, write.parent());
        if (!(write.given().get("nu") instanceof List<?> nu)) {
            return;
        }
        List<?> current = create ? List.of() : targets(write.resource());
        List<String> added = new ArrayList<>();
        for (Object entry : nu) {
            if (!current.contains(entry)) {
                added.add((String) entry);
            }
        }
        write.targets().verify(write.resource(), write.request(), added);
    }

    /** A copy of the subscription's attributes with an Update's applied (null deletes), to check before the lock. */
    private static Resource updated(Resource current, Map<String, Object> given) {
        Resource after = new Resource();
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
        check(op.resource, true);
        checkChildTypes(op.resource, op.parent);
        checkMissingData(op.resource, op.parent);
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
        check(op.resource, false);
        Resource subscribedTo = op.tree.find(op.resource.pi);
        checkChildTypes(op.resource, subscribedTo);
        checkMissingData(op.resource, subscribedTo);
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

    private void check(Resource sub, boolean create) {
        if (!(sub.get("nu") instanceof List<?> nu) || nu.isEmpty()) {
            throw OneM2MException.badRequest("nu must name at least one notification target");
        }
        checkEventTypes(sub, create);
        if (sub.get("bn") instanceof Map<?, ?> bn && bn.get("dur") == null) {
            // TS-0004 7.4.8.2.1 Recv-6.5, table 6.3.5.6-1: the CSE sets the duration the originator left out.
            Map<String, Object> withDuration = new LinkedHashMap<>();
            bn.forEach((k, v) -> withDuration.put((String) k, v));
            withDuration.put("dur", DEFAULT_BATCH_DURATION.toString());
            sub.attributes.put("bn", withDuration);
        }
        List<Long> net = eventTypes(sub);
        Long nct = (Long) sub.get("nct");
        if (nct == null) {
            // TS-0001 table 9.6.8-4: TimeSeries notification (5) for missing data points, else all attributes (1).
            sub.attributes.put("nct", net.contains(MISSING_DATA_POINTS) ? 5L : 1L);
            nct = (Long) sub.get("nct");
        }
        for (Long n : net) {
            if (!ALLOWED_NCT.get(n).contains(nct)) {
                throw OneM2MException.badRequest("nct " + nct + " is not allowed with notificationEventType " + n);
            }
        }
    }

    /**
     * Event types beyond the four Keel raises. Blocking_Update (7): an Update naming it is 4000 (TS-0004 7.4.8.2.3
     * Recv-6.4); a Create is held to 7.4.8.2.1's rules for it (one target, a oneM2M ID, no attribute of its own but enc
     * and nu, no condition but atr: else 4000) and then refused 5001, since Keel does not block updates.
     */
    private void checkEventTypes(Resource sub, boolean create) {
        List<Long> net = eventTypes(sub);
        if (!net.contains(BLOCKING_UPDATE)) {
            return;
        }
        if (!create) {
            throw OneM2MException.badRequest("an update cannot set notificationEventType 7 (Blocking_Update)");
        }
        List<?> nu = (List<?>) sub.get("nu");
        if (nu.size() != 1 || NotificationTargets.isUrl((String) nu.get(0))) {
            throw OneM2MException.badRequest("a Blocking_Update subscription has one notification target, a oneM2M ID");
        }
        for (AttributeDef d : specificAttributes()) {
            String sn = d.sn();
            if (sub.get(sn) != null && !sn.equals("enc") && !sn.equals("nu") && !sn.equals(ACCESS_CONTROL_POLICY_IDS)) {
                throw OneM2MException.badRequest("a Blocking_Update subscription takes no " + sn);
            }
        }
        for (Object tag : ((Map<?, ?>) sub.get("enc")).keySet()) {
            if (!tag.equals("net") && !tag.equals("atr")) {
                throw OneM2MException.badRequest("a Blocking_Update subscription takes no condition but atr, not " + tag);
            }
        }
        throw new OneM2MException(ResponseStatusCode.NOT_IMPLEMENTED,
                "notificationEventType 7 (Blocking_Update) is not supported by this CSE");
    }

    /** The subscribed event types; update of the resource (1) when enc names none. */
    @SuppressWarnings("unchecked")
    public static List<Long> eventTypes(Resource sub) {
        Object enc = sub.get("enc");
        Object net = enc instanceof Map<?, ?> m ? m.get("net") : null;
        return net == null || ((List<Long>) net).isEmpty() ? List.of(1L) : (List<Long>) net;
    }
}
