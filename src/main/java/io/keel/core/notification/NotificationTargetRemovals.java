package io.keel.core.notification;

import io.keel.core.Clock;
import io.keel.core.CseIdentity;
import io.keel.core.geo.OriginatorLocations;
import io.keel.core.resource.NotificationTargetRemoval;
import io.keel.core.resource.NotificationTargets;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.NotificationStatsInfo;
import io.keel.core.resource.types.NotificationTargetMgmtPolicyRefType;
import io.keel.core.resource.types.NotificationTargetPolicyType;
import io.keel.core.resource.types.PolicyDeletionRulesType;
import io.keel.core.resource.types.SubscriptionType;
import io.keel.core.store.ResourceStore;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.Transaction;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A notification target leaving a subscription or a crossResourceSubscription (TS-0004 table 7.4.58.1-4), both of which
 * keep their targets in nu, by a Delete of its ntsr (TS-0004 7.4.33.2.4; TS-0001 10.2.10.8): only
 * one of its notification targets may (the originator, by its AE-ID or CSE-ID, or the ID of its {@code <AE>} here); the
 * policy governing the target is found and its rules evaluated, then its action is applied: accept (removed), reject
 * (4103), seek authorization (the subscription's creator is asked by a Notify, and the target removed only when it
 * answers successfully), inform (the creator told by a Notify; nothing removed, 4103).
 */
public final class NotificationTargetRemovals implements NotificationTargetRemoval {
    /** m2m:notificationTargetPolicyAction (TS-0004 6.3.4.2.32). */
    public static final long ACCEPT = 1;
    public static final long REJECT = 2;
    public static final long SEEK_AUTHORIZATION = 3;
    public static final long INFORM = 4;
    private final CseIdentity cse;
    private final ResourceStore store;
    private final NotificationService notifications;
    private final Clock clock;
    private final long systemDefaultAction;
    private final BiConsumer<Transaction, Resource> deleter;
    private final OriginatorLocations locations;

    /**
     * @param systemDefaultAction the action of the service provider's default policy (TS-0001 9.6.31: configurable),
     *                            applied where no notificationTargetPolicy governs a target
     * @param deleter             deletes a subscription whose last target left, with what a deletion entails
     * @param locations           where the target asking to leave is, for policyDeletionRules with locationRegions (lr)
     */
    public NotificationTargetRemovals(CseIdentity cse, ResourceStore store, NotificationService notifications, Clock clock,
                                      long systemDefaultAction, BiConsumer<Transaction, Resource> deleter,
                                      OriginatorLocations locations) {
        if (systemDefaultAction < ACCEPT || systemDefaultAction > INFORM) {
            throw new IllegalArgumentException("the default notification target policy action is 1-4, not " + systemDefaultAction);
        }
        this.cse = cse;
        this.store = store;
        this.notifications = notifications;
        this.clock = clock;
        this.systemDefaultAction = systemDefaultAction;
        this.deleter = deleter;
        this.locations = locations;
    }

    /** The action of a setting: its number (1-4) or its name (accept, reject, seek, inform). */
    public static long action(String setting) {
        return switch (setting.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "accept" -> ACCEPT;
            case "2", "reject" -> REJECT;
            case "3", "seek" -> SEEK_AUTHORIZATION;
            case "4", "inform" -> INFORM;
            default -> throw new IllegalStateException("keel.notification.target-policy.default is accept, reject, seek or"
                    + " inform (or 1-4), not '" + setting + "'");
        };
    }

    /** What the removal request amounts to, read in one transaction. */
    private record Decision(Resource subscription, List<String> targets, long action, boolean rulesHold, String policy,
                            String creator) {
    }

    @Override
    public CompletableFuture<ResponsePrimitive> remove(RequestPrimitive request, Resource subscription) {
        Decision d = store.read(tx -> decide(tx.tree(), request.from, subscription.ri));
        if (!d.rulesHold()) {
            throw OneM2MException.noPrivilege("the rules of " + d.policy() + " do not allow the removal of " + request.from
                    + " now");
        }
        if (d.creator() == null || d.creator().equals(request.from)) {
            // The subscriber itself leaves (or nobody else is there to ask or tell): nothing to seek or inform.
            return CompletableFuture.completedFuture(removed(d));
        }
        if (d.action() == ACCEPT) {
            return CompletableFuture.completedFuture(removed(d));
        }
        if (d.action() == REJECT) {
            throw OneM2MException.noPrivilege(d.policy() + " rejects the removal of notification targets of " + subscription.ri);
        }
        Receiver creator = store.read(tx -> notifications.receivers().resolve(tx.tree(), d.creator()));
        Map<String, Object> sgn = new LinkedHashMap<>();
        sgn.put("sur", notifications.events().reference(d.subscription()));
        sgn.put("ntt", request.from);
        // TS-0001 10.2.10.8: seeking carries the removal authorization (targetRemovalAllowance) indicator, informing
        // the target removal (targetRemovalRequest) indicator (TS-0004 table 6.3.5.13-1).
        sgn.put(d.action() == SEEK_AUTHORIZATION ? "tra" : "trr", true);
        RequestPrimitive notify = Delivery.notify(creator, cse.spRelativeCseId(), Map.of("m2m:sgn", sgn), null);
        // Bounded as every answer the CSE waits for: a creator polling for its requests may never fetch this one.
        CompletableFuture<ResponsePrimitive> answer = notifications.delivery().send(creator, notify).completeOnTimeout(
                ResponsePrimitive.error(ResponseStatusCode.REQUEST_TIMEOUT, "no answer in time from " + d.creator()),
                notifications.timeoutMillis() + 1000, TimeUnit.MILLISECONDS);
        if (d.action() == INFORM) {
            // TS-0004 7.4.33.2.4: the creator is told and decides; the target's request itself is refused.
            throw OneM2MException.noPrivilege(d.policy() + " leaves the removal to the subscription's creator " + d.creator()
                    + ", who has been informed");
        }
        return answer.thenApply(rsp -> {
            if (!allows(rsp)) {
                throw OneM2MException.noPrivilege("the subscription's creator " + d.creator() + " did not allow the removal ("
                        + (rsp.responseStatusCode == null ? "no answer" : rsp.responseStatusCode.code()) + ")");
            }
            return removed(d);
        });
    }

    /**
     * A successful answer allows the removal (TS-0001 10.2.10.8), unless its content says otherwise with a
     * targetRemovalAllowance of false (m2m:sgn/tra or a bare tra).
     */
    private static boolean allows(ResponsePrimitive rsp) {
        if (!Delivery.succeeded(rsp)) {
            return false;
        }
        Object content = rsp.content;
        if (content instanceof Map<?, ?> m && m.get("m2m:sgn") instanceof Map<?, ?> sgn) {
            content = sgn;
        }
        return !(content instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("tra")));
    }

    /** The originator's entries, the governing policy and whether its rules hold; 4103 for an originator that is none. */
    private Decision decide(ResourceTree tree, String originator, String subscriptionRi) {
        Resource sub = tree.find(subscriptionRi);
        if (sub == null) {
            throw OneM2MException.notFound("resource " + subscriptionRi + " not found");
        }
        List<String> targets = new ArrayList<>();
        if (originator != null) {
            for (String nu : SubscriptionType.targets(sub)) {
                if (isOriginator(tree, nu, originator)) {
                    targets.add(nu);
                }
            }
        }
        if (targets.isEmpty()) {
            throw OneM2MException.noPrivilege("originator " + originator + " is not a notification target of " + sub.ri
                    + ": only a target removes itself through ntsr");
        }
        String creator = sub.cr != null ? sub.cr : sub.origin;
        Resource policy = policy(tree, sub, targets, originator, creator);
        if (policy == null) {
            return new Decision(sub, targets, systemDefaultAction, true, "the CSE's default notification target policy", creator);
        }
        long action = policy.getLong(NotificationTargetPolicyType.ACTION, systemDefaultAction);
        // The location rules are about the target that asks to leave (TS-0001 table 9.6.33-2), the originator here.
        boolean holds = PolicyDeletionRulesType.policyHolds(policy,
                tree.children(policy.ri, ResourceTypes.POLICY_DELETION_RULES), clock.now(), locations.positionOf(tree, originator));
        return new Decision(sub, targets, action, holds, "notificationTargetPolicy " + policy.ri, creator);
    }

    /**
     * The policy for the target (TS-0004 7.4.33.2.4, TS-0001 10.2.10.8): the one a sibling notificationTargetMgmtPolicyRef
     * names for it; else a "Default" policy created by the subscription's creator; else a "Default" policy of the
     * service provider (created by the CSE's admin originator); null when there is none, and the CSE's default applies.
     */
    private Resource policy(ResourceTree tree, Resource sub, List<String> targets, String originator, String creator) {
        for (Resource ref : tree.children(sub.ri, ResourceTypes.NOTIFICATION_TARGET_MGMT_POLICY_REF)) {
            List<String> governed = NotificationTargetMgmtPolicyRefType.targets(ref);
            boolean names = governed.contains(originator) || targets.stream().anyMatch(governed::contains);
            if (names && ref.get(NotificationTargetMgmtPolicyRefType.POLICY) instanceof String npi) {
                Resource policy = tree.find(npi);
                if (policy != null && policy.ty == ResourceTypes.NOTIFICATION_TARGET_POLICY) {
                    return policy;
                }
            }
        }
        List<Resource> defaults = tree.children(cse.cseBaseRi(), ResourceTypes.NOTIFICATION_TARGET_POLICY).stream()
                .filter(p -> NotificationTargetPolicyType.isDefault(p.get(NotificationTargetPolicyType.LABEL)))
                .sorted(Comparator.comparing((Resource p) -> p.ct).thenComparing(p -> p.ri)).toList();
        for (Set<String> by : List.of(creator == null ? Set.<String>of() : Set.of(creator), Set.of(cse.adminOriginator()))) {
            for (Resource p : defaults) {
                if (p.cr != null && by.contains(p.cr)) {
                    return p;
                }
            }
        }
        return null;
    }

    /**
     * Whether a notificationURI entry is the originator: its ID itself (CSE-relative or SP-relative), or the ID of its
     * {@code <AE>} or {@code <remoteCSE>} here, in any form. A URL names no originator.
     */
    private boolean isOriginator(ResourceTree tree, String nu, String originator) {
        if (NotificationTargets.isUrl(nu)) {
            return false;
        }
        if (nu.equals(originator) || nu.equals(cse.spRelativeCseId() + "/" + originator)) {
            return true;
        }
        Receiver receiver = notifications.receivers().resolve(tree, nu);
        Resource entity = receiver.localAe() == null ? null : tree.find(receiver.localAe());
        return entity != null && (originator.equals(entity.get("aei")) || originator.equals(entity.get("csi")));
    }

    /**
     * Removes the originator's entries from nu, as an Update of the subscription would (lt, nsi, its pending
     * notifications' rules); a subscription left with no target has nobody to notify, and is deleted.
     */
    private ResponsePrimitive removed(Decision d) {
        store.write(tx -> {
            tx.tree().lock(d.subscription().pi); // parent before child, as every deletion locks
            Resource sub = tx.tree().lock(d.subscription().ri);
            if (sub == null) {
                throw OneM2MException.notFound("resource " + d.subscription().ri + " was deleted meanwhile");
            }
            List<String> nu = new ArrayList<>(SubscriptionType.targets(sub));
            nu.removeAll(d.targets());
            if (nu.isEmpty()) {
                deleter.accept(tx, sub);
                return null;
            }
            sub.attributes.put("nu", List.copyOf(nu));
            if (SubscriptionType.collectsStats(sub)) {
                sub.attributes.put("nsi", NotificationStatsInfo.retarget(sub.get("nsi"), nu));
            }
            sub.lt = clock.now();
            tx.tree().update(sub);
            notifications.events().updated(tx, sub, Set.of("nu"));
            return null;
        });
        return new ResponsePrimitive(ResponseStatusCode.DELETED, null);
    }
}
