package io.keel.core.resource.types;

import io.keel.core.geo.LocationRegion;
import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.schedule.Schedule;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.locationtech.jts.geom.Point;

/**
 * {@code <policyDeletionRules>} (ty 27, m2m:pdr), TS-0004 7.4.32; TS-0001 9.6.33: under a notificationTargetPolicy,
 * rules that must hold for its action to be applied: deletionRules (dr, m2m:deletionContexts) combined by
 * deletionRulesRelation (drr, OR by default).
 */
public final class PolicyDeletionRulesType extends ResourceType {
    public static final String RULES = "dr";
    public static final String RELATION = "drr";
    static final long AND = 1;
    static final long OR = 2;
    /** TS-0004 table 7.4.31.1-4: a policy has at most two. */
    private static final int MAX_PER_POLICY = 2;

    public PolicyDeletionRulesType() {
        super(ResourceTypes.POLICY_DELETION_RULES, "pdr", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                // TS-0004 table 7.4.32.1-3: O on Create, NP on Update.
                AttributeDef.createOnly(RULES, AttributeType.DELETION_CONTEXTS, Presence.OPTIONAL),
                AttributeDef.optional(RELATION, AttributeType.LOGICAL_OPERATOR)));
    }

    /** TS-0004 table 7.4.32.1-4 (Keel has no transaction). */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION);
    }

    /**
     * A third one under a policy is 4105 (TS-0004 7.4.32.2.1, Recv-6.2); a second one needs the policy's rrs to say how
     * the two combine (TS-0004 table 7.4.31.1-3: 4000 otherwise).
     */
    @Override
    public void prepareCreate(ResourceOperation op) {
        int existing = op.tree.children(op.parent.ri, ResourceTypes.POLICY_DELETION_RULES).size();
        if (existing >= MAX_PER_POLICY) {
            throw new OneM2MException(ResponseStatusCode.CONFLICT, op.parent.srn + " has two policyDeletionRules already");
        }
        if (existing == 1 && op.parent.get(NotificationTargetPolicyType.RULES_RELATIONSHIP) == null) {
            throw OneM2MException.badRequest("a second policyDeletionRules needs rrs (rulesRelationship) on " + op.parent.srn);
        }
        if (op.resource.get(RELATION) == null) {
            op.resource.attributes.put(RELATION, OR);
        }
    }

    /**
     * Whether the rules hold at {@code now} for a target at {@code position}: each rule of dr (a timeOfDay entry: now
     * within it; a locationRegion: the position within it, which an unknown position never is) combined by drr; no rule
     * holds always.
     */
    public static boolean holds(Resource rules, Instant now, Point position) {
        if (!(rules.get(RULES) instanceof Map<?, ?> dr)) {
            return true;
        }
        List<BooleanSupplier> each = new ArrayList<>();
        if (dr.get("tod") instanceof List<?> tod) {
            tod.forEach(entry -> each.add(() -> Schedule.of(List.of((String) entry)).allows(now)));
        }
        if (dr.get("lr") instanceof List<?> lr) {
            lr.forEach(region -> each.add(() -> LocationRegion.of((Map<?, ?>) region).contains(position)));
        }
        if (each.isEmpty()) {
            return true;
        }
        boolean and = rules.getLong(RELATION, OR) == AND;
        return and ? each.stream().allMatch(BooleanSupplier::getAsBoolean) : each.stream().anyMatch(BooleanSupplier::getAsBoolean);
    }

    /** Whether a policy's rules hold: its one group, or its two combined by rrs (TS-0004 7.4.33.2.4). */
    public static boolean policyHolds(Resource policy, List<Resource> groups, Instant now, Point position) {
        if (groups.isEmpty()) {
            return true; // TS-0001 9.6.32: without rules the action is executed
        }
        if (groups.size() == 1) {
            return holds(groups.get(0), now, position);
        }
        boolean first = holds(groups.get(0), now, position);
        boolean second = holds(groups.get(1), now, position);
        return policy.getLong(NotificationTargetPolicyType.RULES_RELATIONSHIP, OR) == AND ? first && second : first || second;
    }
}
