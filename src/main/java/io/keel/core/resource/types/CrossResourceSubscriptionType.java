package io.keel.core.resource.types;

import io.keel.core.access.Permission;
import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.CrossResourceTargets;
import io.keel.core.resource.NotifyRecipient;
import io.keel.core.resource.PendingWrite;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.VirtualChild;
import io.keel.core.store.TransactionListener;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code <crossResourceSubscription>} (ty 48, m2m:crs), TS-0004 7.4.58; TS-0001 9.6.58, 10.2.10.22–10.2.10.26. A
 * subscription over several targets: it creates a {@code <subscription>} on each regular resource of rrat and joins the
 * existing subscriptions of srat, all of which notify it; it notifies nu when every target has notified within one time
 * window ({@link CrossResourceWindow}, run by {@code core.notification.CrossResourceNotifications}).
 */
public final class CrossResourceSubscriptionType extends ResourceType {
    /** m2m:timeWindowType (TS-0004 6.3.4.2.61). */
    public static final long PERIODIC = 1;
    public static final long SLIDING = 2;
    /** eventEvaluationMode (Release 4): allEventsPresent, the default. */
    public static final long ALL_EVENTS_PRESENT = 1;
    /**
     * The window state, kept with the resource in the database; no attribute of oneM2M's (the name cannot be a short
     * name): representations leave it out.
     */
    public static final String WINDOW = "keel:window";
    private volatile CrossResourceTargets targets = CrossResourceTargets.NONE;

    public CrossResourceSubscriptionType() {
        super(ResourceTypes.CROSS_RESOURCE_SUBSCRIPTION, "crs", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.createOnly("rrat", AttributeType.LIST_OF_URIS, Presence.OPTIONAL),
                AttributeDef.createOnly("srat", AttributeType.LIST_OF_URIS, Presence.OPTIONAL),
                AttributeDef.readOnly("rrats", AttributeType.LIST_OF_URIS),
                AttributeDef.mandatory("twt", AttributeType.TIME_WINDOW_TYPE),
                AttributeDef.mandatory("tws", AttributeType.POSITIVE_DURATION),
                AttributeDef.createOnly("encs", AttributeType.EVENT_NOTIFICATION_CRITERIA_SET, Presence.OPTIONAL),
                AttributeDef.createOnly("nec", AttributeType.EVENT_CAT, Presence.OPTIONAL),
                AttributeDef.optional("exc", AttributeType.POSITIVE_INTEGER),
                AttributeDef.mandatory("nu", AttributeType.LIST_OF_ANY_URI),
                AttributeDef.createOnly("su", AttributeType.ANY_URI, Presence.OPTIONAL),
                AttributeDef.optional("eem", AttributeType.EVENT_EVALUATION_MODE).since("4"),
                AttributeDef.optional("nse", AttributeType.BOOLEAN).since("4"),
                AttributeDef.readOnly("nsi", AttributeType.ANY).since("4")));
    }

    /** How the target subscriptions are made and left: requests through this CSE's dispatcher, wired at start. */
    public void targetsWith(CrossResourceTargets targets) {
        this.targets = targets;
    }

    @Override
    public boolean hasCreator() {
        return true;
    }

    /**
     * Its notificationSchedule and the notificationTargetMgmtPolicyRefs that govern its targets' removal (TS-0004 table
     * 7.4.58.1-4), as a subscription's.
     */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SCHEDULE, ResourceTypes.NOTIFICATION_TARGET_MGMT_POLICY_REF);
    }

    /** ntsr, through which a notification target leaves (TS-0004 table 7.4.58.1-4, 7.4.33), as a subscription's. */
    @Override
    public Map<String, VirtualChild> virtualChildren() {
        return Map.of(NotificationTargetSelfReference.NAME, NotificationTargetSelfReference.INSTANCE);
    }

    /** It takes the notifications of its target subscriptions itself (TS-0004 7.5.1.2.18). */
    @Override
    public NotifyRecipient notifyRecipient() {
        return NotifyRecipient.RESOURCE;
    }

    /**
     * Its target subscriptions on another CSE notify it from there (TS-0004 7.5.1.2.18): that CSE, named by the address
     * of a subscription it made (rrats) or joined (srat), may, as the subscriptions it made and joined were its
     * creator's choice.
     */
    @Override
    @SuppressWarnings("unchecked")
    public boolean notifiedBy(Resource r, String originator) {
        if (originator == null || !originator.startsWith("/") || originator.indexOf('/', 1) >= 0) {
            return false; // a CSE-ID only
        }
        List<Object> addresses = new ArrayList<>();
        if (r.get("rrats") instanceof List<?> rrats) {
            addresses.addAll(rrats);
        }
        if (r.get(WINDOW) instanceof Map<?, ?> w && w.get("associated") instanceof List<?> srat) {
            addresses.addAll(srat);
        }
        return addresses.stream().anyMatch(a -> a instanceof String s && s.startsWith(originator + "/"));
    }

    @Override
    protected void computed(Resource r, Map<String, Object> representation) {
        representation.remove(WINDOW);
    }

    /** Subscribing means being told what the targets hold: Retrieve privilege on the parent too, as for a subscription. */
    @Override
    public List<Permission> createPermissions() {
        return List.of(Permission.CREATE, Permission.RETRIEVE);
    }

    @Override
    public boolean worksBeforeTransaction() {
        return true;
    }

    /**
     * Create: the rules of TS-0004 7.4.58.2.1 (4000), the verification of nu as for a subscription, then the target
     * subscriptions (5221 when one cannot be made or joined), all before the resource is stored. Update: nu's new targets
     * are verified.
     */
    @Override
    public void beforeTransaction(PendingWrite write) {
        Map<String, Object> given = write.given();
        if (given.get("nu") instanceof List<?> nu && nu.isEmpty()) {
            throw OneM2MException.badRequest("nu must name at least one notification target");
        }
        if (write.request().operation != Operation.CREATE) {
            if (given.get("nu") instanceof List<?> nu) {
                List<String> added = new ArrayList<>();
                nu.stream().map(String.class::cast).filter(t -> !SubscriptionType.targets(write.resource()).contains(t)).forEach(added::add);
                write.targets().verify(write.resource(), write.request(), added);
            }
            return;
        }
        checkTargets(given);
        checkMode(write.resource());
        write.targets().verify(write.resource(), write.request(), SubscriptionType.targets(write.resource()));
        CrossResourceTargets.Linked linked = targets.link(write.resource().ri, write.resource(), write.request());
        // Carried to the transaction with what the Create sets (under a name no attribute has).
        List<String> ids = new ArrayList<>();
        linked.created().forEach(a -> ids.add(lastSegment(a)));
        linked.associated().forEach(a -> ids.add(lastSegment(a)));
        given.put(WINDOW, Map.of("targets", ids, "created", linked.created(), "associated", linked.associated()));
    }

    /** TS-0004 7.4.58.2.1 Recv-6.5 a) and c) i): which targets, and criteria that fit them. */
    private static void checkTargets(Map<String, Object> given) {
        List<?> rrat = given.get("rrat") instanceof List<?> l ? l : List.of();
        List<?> srat = given.get("srat") instanceof List<?> l ? l : List.of();
        if (rrat.isEmpty() && srat.isEmpty()) {
            throw OneM2MException.badRequest("rrat (regularResourcesAsTarget) or srat (subscriptionResourcesAsTarget) must name"
                    + " at least one target");
        }
        Object encs = given.get("encs");
        if (rrat.isEmpty()) {
            if (encs != null) {
                throw OneM2MException.badRequest("encs (eventNotificationCriteriaSet) applies to the targets of rrat, and rrat is absent");
            }
            return;
        }
        if (!(encs instanceof Map<?, ?> set)) {
            throw OneM2MException.badRequest("encs (eventNotificationCriteriaSet) is missing: rrat needs it");
        }
        int n = ((List<?>) set.get("encn")).size();
        if (n != 1 && n != rrat.size()) {
            throw OneM2MException.badRequest("encs holds " + n + " eventNotificationCriteria; rrat names " + rrat.size()
                    + " targets: one for all of them, or one for each");
        }
    }

    static String lastSegment(String address) {
        return address.substring(address.lastIndexOf('/') + 1);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void prepareCreate(ResourceOperation op) {
        Map<String, Object> linked = (Map<String, Object>) op.given.get(WINDOW);
        if (linked == null) {
            throw OneM2MException.badRequest("a crossResourceSubscription is created with its targets only");
        }
        checkMode(op.resource);
        CrossResourceWindow window = CrossResourceWindow.started((List<String>) linked.get("targets"), op.resource.getLong("twt", 1),
                size(op.resource), mode(op.resource), op.now);
        Map<String, Object> stored = window.stored();
        stored.put("associated", linked.get("associated"));
        op.resource.attributes.put(WINDOW, stored);
        if (!((List<?>) linked.get("created")).isEmpty()) {
            // TS-0004 7.4.58.2.1 c) iv): at the positions of rrat.
            op.resource.attributes.put("rrats", linked.get("created"));
        }
        if (SubscriptionType.collectsStats(op.resource)) {
            op.resource.attributes.put("nsi", NotificationStatsInfo.fresh(SubscriptionType.targets(op.resource)));
        }
    }

    /** The end of its first window, for the judging timer (eem 2–5), once the resource's row exists. */
    @Override
    public void afterCreate(ResourceOperation op) {
        if (window(op.resource).judgedAtEnd()) {
            op.crossResourceWindows().setWindowEnd(op.resource.ri, window(op.resource).nextEnd());
        }
    }

    /** The window as stored in the resource. */
    @SuppressWarnings("unchecked")
    public static CrossResourceWindow window(Resource crs) {
        return CrossResourceWindow.of((Map<String, Object>) crs.get(WINDOW), crs.getLong("twt", PERIODIC), size(crs), mode(crs));
    }

    /**
     * A changed twt or tws restarts the window (TS-0004 7.4.58.2.3); nse and nu change nsi as for a subscription
     * (Release 4 TS-0004 7.4.8.2.3); a changed et goes to the subscriptions it made.
     */
    @Override
    @SuppressWarnings("unchecked")
    public void prepareUpdate(ResourceOperation op) {
        if (!(op.resource.get("nu") instanceof List<?> nu) || nu.isEmpty()) {
            throw OneM2MException.badRequest("nu must name at least one notification target");
        }
        checkMode(op.resource);
        if (op.given.containsKey("twt") || op.given.containsKey("tws") || op.given.containsKey("eem")) {
            Map<String, Object> before = (Map<String, Object>) op.resource.get(WINDOW);
            Map<String, Object> stored = CrossResourceWindow.started((List<String>) before.get("targets"), op.resource.getLong("twt", 1),
                    size(op.resource), mode(op.resource), op.now).stored();
            stored.put("associated", before.get("associated"));
            op.resource.attributes.put(WINDOW, stored);
            op.crossResourceWindows().setWindowEnd(op.resource.ri, window(op.resource).nextEnd());
        }
        if (op.given.containsKey("et") && op.resource.et != null && op.resource.get("rrats") instanceof List<?> rrats && !rrats.isEmpty()) {
            // Keel's reading: the subscriptions it made expire with it (they got its expirationTime when created,
            // TS-0004 7.4.58.2.1 c) ii) 5)), as the Update's originator asks.
            CrossResourceTargets.Retime retime = new CrossResourceTargets.Retime(op.resource.ri,
                    rrats.stream().map(String.class::cast).toList(), op.resource.et, op.request.from, op.request.originatorAuthenticated);
            op.listener(TargetRequests.class, TargetRequests::new).add(() -> targets.retime(retime));
        }
                boolean was = Boolean.TRUE.equals(op.previous.get("nse"));
        if (op.given.containsKey("nse") && SubscriptionType.collectsStats(op.resource) && !was) {
            op.resource.attributes.put("nsi", NotificationStatsInfo.fresh(SubscriptionType.targets(op.resource)));
        } else if (op.given.containsKey("nu") && SubscriptionType.collectsStats(op.resource)) {
            op.resource.attributes.put("nsi", NotificationStatsInfo.retarget(op.resource.get("nsi"), SubscriptionType.targets(op.resource)));
        }
    }

    /** eventEvaluationMode, allEventsPresent when absent. */
    public static long mode(Resource crs) {
        return crs.getLong("eem", ALL_EVENTS_PRESENT);
    }

    /**
     * The modes other than allEventsPresent judge a window as it ends, which a sliding window (started by a notification)
     * cannot do for missing events: Keel takes them with periodic windows only (4000).
     */
    private static void checkMode(Resource crs) {
        if (mode(crs) != ALL_EVENTS_PRESENT && crs.getLong("twt", PERIODIC) != PERIODIC) {
            throw OneM2MException.badRequest("eem (eventEvaluationMode) " + mode(crs) + " needs twt 1 (PERIODICWINDOW): the window is"
                    + " judged when it ends");
        }
    }

    public static Duration size(Resource crs) {
        return Duration.parse((String) crs.get("tws"));
    }

    /** TS-0004 7.4.58.2.4: its subscriptions go with it (deleted, or left), once its deletion has committed. */
    @Override
    public void beforeDelete(ResourceOperation op) {
        unlinkAfterCommit(op, op.resource);
    }

    /** A crossResourceSubscription deleted with its parent (an AE, a remoteCSE) lets go of its subscriptions too. */
    @Override
    public void beforeAnyDelete(ResourceOperation op) {
        if (op.resource.ty != ResourceTypes.AE && op.resource.ty != ResourceTypes.REMOTE_CSE) {
            return; // the only parents it has besides the CSEBase, which is never deleted
        }
        for (Resource crs : op.tree.children(op.resource.ri, ResourceTypes.CROSS_RESOURCE_SUBSCRIPTION)) {
            unlinkAfterCommit(op, crs);
        }
    }

    /**
     * The requests use the Delete's originator, or the creator when no request deletes it (expiry, expirationCounter, a
     * target's subscription deletion notification); a target subscription whose deletion notification ended it is
     * skipped (7.4.58.2.4 Recv-6.5 b).
     */
    @SuppressWarnings("unchecked")
    private void unlinkAfterCommit(ResourceOperation op, Resource crs) {
        Map<String, Object> window = crs.get(WINDOW) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Object ended = window.get("ended");
        List<String> created = new ArrayList<>();
        if (crs.get("rrats") instanceof List<?> rrats) {
            rrats.stream().map(String.class::cast).filter(a -> !lastSegment(a).equals(ended)).forEach(created::add);
        }
        List<String> associated = new ArrayList<>();
        if (window.get("associated") instanceof List<?> srat) {
            srat.stream().map(String.class::cast).filter(a -> !lastSegment(a).equals(ended)).forEach(associated::add);
        }
        boolean byRequest = op.request != null && op.request.operation == Operation.DELETE && op.request.from != null;
        String from = byRequest ? op.request.from : crs.cr != null ? crs.cr : crs.origin;
        // The originator was checked when its request came (or is the stored creator); it need not be registered any
        // more when the requests go: deleting its own AE deletes the crossResourceSubscription too.
        CrossResourceTargets.Unlink unlink = new CrossResourceTargets.Unlink(crs.ri, created, associated, from, true);
        op.listener(TargetRequests.class, TargetRequests::new).add(() -> targets.unlink(unlink));
    }

    /** The requests to target subscriptions a transaction decided, sent once it has committed. */
    static final class TargetRequests implements TransactionListener {
        private final List<Runnable> pending = new ArrayList<>();

        void add(Runnable request) {
            pending.add(request);
        }

        @Override
        public void afterCompletion(boolean committed) {
            if (committed) {
                pending.forEach(Runnable::run);
            }
        }
    }
}
