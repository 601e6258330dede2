package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import java.util.List;
import java.util.Set;

/**
 * {@code <m2mServiceSubscriptionProfile>} (ty 11, m2m:mssp), TS-0004 7.4.19; TS-0001 9.6.19: the technical part of a
 * subscriber's contract, on the IN-CSE under its CSEBase. Release 3 gives it no attributes of its own; its
 * serviceSubscribedNodes say on which CSEs which applications may register ({@link AppRuleValidation}).
 */
public final class M2mServiceSubscriptionProfileType extends ResourceType {

    public M2mServiceSubscriptionProfileType() {
        super(ResourceTypes.M2M_SERVICE_SUBSCRIPTION_PROFILE, "mssp", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS)));
    }

    /** TS-0004 table 7.4.19.1-3 (Keel has no transaction). */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION, ResourceTypes.SERVICE_SUBSCRIBED_NODE);
    }

    @Override
    public void prepareCreate(ResourceOperation op) {
        InCseOnly.check(op.cse, this);
    }
}
