package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import java.util.List;
import java.util.Set;

/**
 * {@code <notificationTargetPolicy>} (ty 26, m2m:ntp), TS-0004 7.4.31; TS-0001 9.6.32: under the CSEBase, what the CSE
 * does when a notification target asks to be removed from a subscription (acn), under which rules (its up to two
 * {@code <policyDeletionRules>}, combined by rrs). A policy labelled "Default" (plbl) applies where no
 * {@code <notificationTargetMgmtPolicyRef>} names one.
 */
public final class NotificationTargetPolicyType extends ResourceType {
    public static final String ACTION = "acn";
    public static final String LABEL = "plbl";
    public static final String RULES_RELATIONSHIP = "rrs";
    /** The policyLabel of a default policy (TS-0004 7.4.33.2.4; TS-0001 9.6.32 writes it "default"). */
    public static final String DEFAULT_LABEL = "Default";

    public NotificationTargetPolicyType() {
        super(ResourceTypes.NOTIFICATION_TARGET_POLICY, "ntp", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                // TS-0004 table 7.4.31.1-3: O on Create, NP on Update.
                AttributeDef.createOnly(ACTION, AttributeType.NOTIFICATION_TARGET_POLICY_ACTION, Presence.OPTIONAL),
                AttributeDef.optional(LABEL, AttributeType.TOKEN),
                AttributeDef.optional(RULES_RELATIONSHIP, AttributeType.LOGICAL_OPERATOR)));
    }

    @Override
    public boolean hasCreator() {
        return true;
    }

    /** TS-0004 table 7.4.31.1-4 (Keel has no transaction). */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.POLICY_DELETION_RULES, ResourceTypes.SUBSCRIPTION);
    }

    /** The creator is whoever creates it (TS-0004 7.3.3.3: cr may be given only as null). */
    @Override
    public void prepareCreate(ResourceOperation op) {
        if (op.resource.cr == null && op.request.from != null) {
            op.resource.cr = op.request.from;
        }
    }

    /** rrs cannot go while two policyDeletionRules need it (TS-0004 table 7.4.31.1-3: 4000). */
    @Override
    public void prepareUpdate(ResourceOperation op) {
        if (op.resource.get(RULES_RELATIONSHIP) == null
                && op.tree.children(op.resource.ri, ResourceTypes.POLICY_DELETION_RULES).size() > 1) {
            throw OneM2MException.badRequest("rrs (rulesRelationship) is needed while the policy has two policyDeletionRules");
        }
    }

    /** Whether the label is the default one; TS-0001 and TS-0004 differ in case, so case does not matter. */
    public static boolean isDefault(Object label) {
        return label instanceof String s && s.equalsIgnoreCase(DEFAULT_LABEL);
    }
}
