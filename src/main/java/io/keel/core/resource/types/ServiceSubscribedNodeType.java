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
 * {@code <serviceSubscribedNode>} (ty 20, m2m:svsn), TS-0004 7.4.20; TS-0001 9.6.20: a node of a subscription, under
 * its m2mServiceSubscriptionProfile on the IN-CSE: nodeID (ni), the CSE-ID of its CSE (csi), deviceIdentifier (di),
 * ruleLinks (rlk) to the serviceSubscribedAppRules that say which AEs may register with that CSE, niddRequired (nrq).
 */
public final class ServiceSubscribedNodeType extends ResourceType {
    public static final String NODE_ID = "ni";
    public static final String CSE_ID = "csi";
    public static final String RULE_LINKS = "rlk";

    public ServiceSubscribedNodeType() {
        super(ResourceTypes.SERVICE_SUBSCRIBED_NODE, "svsn", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                // TS-0004 table 7.4.20.1-3: ni M, csi and di O on Create, NP on Update; rlk and nrq O on both.
                AttributeDef.createOnly(NODE_ID, AttributeType.ID, Presence.MANDATORY),
                AttributeDef.createOnly(CSE_ID, AttributeType.ID, Presence.OPTIONAL),
                AttributeDef.createOnly("di", AttributeType.LIST_OF_ANY_URI, Presence.OPTIONAL),
                AttributeDef.optional(RULE_LINKS, AttributeType.LIST_OF_ANY_URI),
                AttributeDef.optional("nrq", AttributeType.BOOLEAN)));
    }

    /** TS-0004 table 7.4.20.1-4 (Keel has no transaction). */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION);
    }

    /** TS-0004 7.4.20.2.1 Recv-6.4: ruleLinks only with a CSE-ID (4000). */
    @Override
    public void prepareCreate(ResourceOperation op) {
        InCseOnly.check(op.cse, this);
        checkRuleLinks(op, op.given.get(CSE_ID));
    }

    /** TS-0004 7.4.20.2.3 Recv-6.4: ruleLinks only when the resource has a CSE-ID (4000). */
    @Override
    public void prepareUpdate(ResourceOperation op) {
        checkRuleLinks(op, op.resource.get(CSE_ID));
    }

    private static void checkRuleLinks(ResourceOperation op, Object cseId) {
        if (op.given.get(RULE_LINKS) == null) {
            return;
        }
        if (cseId == null) {
            throw OneM2MException.badRequest("rlk (ruleLinks) needs csi (CSE-ID): the rules are for the AEs registering with that CSE");
        }
        for (Object link : (List<?>) op.given.get(RULE_LINKS)) {
            if (AppRuleValidation.rule(op.tree, (String) link) == null) {
                throw OneM2MException.badRequest("rlk names " + link + ", which is no serviceSubscribedAppRule of this CSE");
            }
        }
    }
}
