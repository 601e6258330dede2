package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.routing.Route;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Set;

/**
 * {@code <notificationTargetMgmtPolicyRef>} (ty 25, m2m:ntpr), TS-0004 7.4.30; TS-0001 9.6.31: under a subscription
 * or a crossResourceSubscription (7.4.58.1), which {@code <notificationTargetPolicy>} (npi) governs the removal of the
 * notification targets it lists (ntu). The removal itself is the Delete of its parent's virtual ntsr ({@link
 * NotificationTargetSelfReference}).
 */
public final class NotificationTargetMgmtPolicyRefType extends ResourceType {
    public static final String TARGETS = "ntu";
    public static final String POLICY = "npi";

    public NotificationTargetMgmtPolicyRefType() {
        super(ResourceTypes.NOTIFICATION_TARGET_MGMT_POLICY_REF, "ntpr", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.mandatory(TARGETS, AttributeType.LIST_OF_URIS),
                AttributeDef.optional(POLICY, AttributeType.ANY_URI)));
    }

    /** TS-0004 table 7.4.30.1-4 (Keel has no transaction). */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION);
    }

    /**
     * A target is governed by one reference only (TS-0004 7.4.30.2.1, Recv-6.4: 4105); Keel applies the same rule to
     * an Update, which could otherwise make two references claim one target. npi names a notificationTargetPolicy of
     * this CSE (else 4000).
     */
    @Override
    public void prepareCreate(ResourceOperation op) {
        check(op, op.parent);
    }

    @Override
    public void prepareUpdate(ResourceOperation op) {
        check(op, op.tree.find(op.resource.pi));
    }

    private static void check(ResourceOperation op, Resource subscription) {
        if (op.given.containsKey(TARGETS) && subscription != null) {
            List<String> mine = targets(op.resource);
            for (Resource sibling : op.tree.children(subscription.ri, ResourceTypes.NOTIFICATION_TARGET_MGMT_POLICY_REF)) {
                if (sibling.ri.equals(op.resource.ri)) {
                    continue;
                }
                for (String target : targets(sibling)) {
                    if (mine.contains(target)) {
                        throw new OneM2MException(ResponseStatusCode.CONFLICT, "notification target " + target
                                + " is already governed by " + sibling.ri);
                    }
                }
            }
        }
        if (op.given.get(POLICY) instanceof String npi) {
            Route route;
            try {
                route = op.references.route(npi);
            } catch (OneM2MException e) {
                throw OneM2MException.badRequest("npi " + npi + " names no notificationTargetPolicy of this CSE: " + e.getMessage());
            }
            if (!(route instanceof Route.Local local) || local.resource().ty != ResourceTypes.NOTIFICATION_TARGET_POLICY) {
                throw OneM2MException.badRequest("npi " + npi + " names no notificationTargetPolicy of this CSE");
            }
            // Stored as the policy's resource ID, whichever form named it.
            op.resource.attributes.put(POLICY, local.resource().ri);
        }
    }

    /** The notificationTargetURI list. */
    @SuppressWarnings("unchecked")
    public static List<String> targets(Resource ref) {
        return ref.get(TARGETS) instanceof List<?> l ? (List<String>) l : List.of();
    }
}
