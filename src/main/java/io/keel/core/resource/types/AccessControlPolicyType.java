package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
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

    public AccessControlPolicyType() {
        super(ResourceTypes.ACCESS_CONTROL_POLICY, "acp", List.of(
                AttributeDef.mandatory(PRIVILEGES, AttributeType.SET_OF_ACRS),
                AttributeDef.mandatory(SELF_PRIVILEGES, AttributeType.SET_OF_ACRS)));
    }

    @Override
    public boolean supportsAnnouncement() {
        return true;
    }

    @Override
    public List<String> announcedAttributes() {
        return List.of("pv", "pvs");
    }

    /** pv and pvs are mandatory announced (MA) for an accessControlPolicy. */
    @Override
    public List<String> mandatoryAnnounced() {
        return List.of("pv", "pvs");
    }

    @Override
    public Map<String, String> unsupportedAttributes() {
        return Map.of("adri", "authorizationDecisionResourceIDs", "apri", "authorizationPolicyResourceIDs",
                "airi", "authorizationInformationResourceIDs");
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
