package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code <accessControlPolicy>} (ty 1, m2m:acp; TS-0004 7.4.2; TS-0001 9.6.2): the rules (pv) that govern the
 * resources naming it in their acpi, and the rules (pvs) that govern the policy itself. It has no acpi of its own.
 */
public final class AccessControlPolicyType extends ResourceType {
    public static final String PRIVILEGES = "pv";
    public static final String SELF_PRIVILEGES = "pvs";
    /** The PDPs ({@code <authorizationDecision>}s) that decide instead of pv (TS-0001 9.6.2; TS-0003 7.5.2). */
    public static final String DECISION_POINTS = "adri";
    /** The PRPs ({@code <authorizationPolicy>}s) that give the rules instead of pv (TS-0003 7.5.3). */
    public static final String POLICY_POINTS = "apri";
    /** The PIPs ({@code <authorizationInformation>}s) that give the roles and tokens the rules are matched with (TS-0003 7.5.4). */
    public static final String INFORMATION_POINTS = "airi";

    public AccessControlPolicyType() {
        super(ResourceTypes.ACCESS_CONTROL_POLICY, "acp", List.of(
                AttributeDef.mandatory(PRIVILEGES, AttributeType.SET_OF_ACRS),
                AttributeDef.mandatory(SELF_PRIVILEGES, AttributeType.SET_OF_ACRS),
                AttributeDef.optional(DECISION_POINTS, AttributeType.LIST_OF_URIS),
                AttributeDef.optional(POLICY_POINTS, AttributeType.LIST_OF_URIS),
                AttributeDef.optional(INFORMATION_POINTS, AttributeType.LIST_OF_URIS)));
    }

    @Override
    public boolean supportsAnnouncement() {
        return true;
    }

    @Override
    public List<String> announcedAttributes() {
        return List.of(PRIVILEGES, SELF_PRIVILEGES, DECISION_POINTS, POLICY_POINTS, INFORMATION_POINTS);
    }

    /** All five are mandatory announced (MA) for an accessControlPolicy (TS-0001 table 9.6.2.0-2), when present. */
    @Override
    public List<String> mandatoryAnnounced() {
        return List.of(PRIVILEGES, SELF_PRIVILEGES, DECISION_POINTS, POLICY_POINTS, INFORMATION_POINTS);
    }

    @Override
    public void prepareCreate(ResourceOperation op) {
        checkDistributedAuthorization(op.resource.attributes);
    }

    @Override
    public void prepareUpdate(ResourceOperation op) {
        checkDistributedAuthorization(op.resource.attributes);
    }

    /**
     * TS-0001 9.6.2: adri and apri stand for the rules, so only a policy whose pv holds none names them, and never both
     * at once. airi gives the roles and tokens the rules of this policy (pv, or those a PRP gives) are matched with; a
     * PDP named by adri obtains its information itself (TS-0003 7.5.2), so airi does not go with adri. Checked on
     * the values the policy has after the request: an Update of pv alone can break the rule too.
     */
    static void checkDistributedAuthorization(Map<String, Object> attributes) {
        boolean decisions = !ids(attributes.get(DECISION_POINTS)).isEmpty();
        boolean policies = !ids(attributes.get(POLICY_POINTS)).isEmpty();
        boolean information = !ids(attributes.get(INFORMATION_POINTS)).isEmpty();
        if (decisions && policies) {
            throw OneM2MException.badRequest("adri (authorizationDecisionResourceIDs) and apri (authorizationPolicyResourceIDs)"
                    + " are never present together (TS-0001 9.6.2): a policy either asks PDPs for the decision or PRPs for the rules");
        }
        if ((decisions || policies) && holdsARule(attributes.get(PRIVILEGES))) {
            throw OneM2MException.badRequest((decisions ? "adri" : "apri") + " is present only while pv holds no rule"
                    + " (TS-0001 9.6.2): the rules come from the " + (decisions ? "PDPs" : "PRPs") + " it names instead");
        }
        if (decisions && information) {
            throw OneM2MException.badRequest("airi does not go with adri: the PDPs adri names obtain the roles and tokens"
                    + " themselves (TS-0003 7.5.2); airi serves the rules of pv or of the PRPs apri names");
        }
    }

    /** The entries of adri, apri or airi (m2m:listOfURIs). */
    public static List<String> ids(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(o -> o instanceof String s && !s.isBlank()).map(o -> ((String) o).trim()).toList();
    }

    /** A policy is governed by its own selfPrivileges (pvs), not by acpi (TS-0004 7.4.2). */
    @Override
    public boolean governsItself() {
        return true;
    }

    /**
     * pvs holds at least one rule, on Recv-1.0 (TS-0004 7.4.2.2.1, 7.4.2.2.3: 4000 whoever asks): a policy nobody may
     * manage could only be deleted by the admin.
     */
    @Override
    public void checkSyntax(Operation operation, Map<?, ?> attributes) {
        if (attributes.containsKey(SELF_PRIVILEGES) && !holdsARule(attributes.get(SELF_PRIVILEGES))) {
            throw OneM2MException.badRequest("pvs must hold at least one rule (acr): it says who may manage the policy");
        }
    }

    /** An acr list with an entry, or the one acr element XML gives as such. */
    private static boolean holdsARule(Object pvs) {
        Object acr = pvs instanceof Map<?, ?> m ? m.get("acr") : null;
        return acr instanceof List<?> l ? !l.isEmpty() : acr instanceof Map<?, ?>;
    }

    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION);
    }
}
