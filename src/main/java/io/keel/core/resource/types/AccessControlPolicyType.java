package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
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

    /**
     * The distributed authorization attributes (TS-0001 9.6.2.0): Keel decides by pv alone, and pv is mandatory, so
     * they could never apply; storing them would promise a decision point Keel never asks.
     */
    @Override
    public boolean announceable() {
        return true;
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

    @Override
    public void prepareCreate(ResourceOperation op) {
        requireSelfPrivileges(op.resource);
    }

    @Override
    public void prepareUpdate(ResourceOperation op) {
        requireSelfPrivileges(op.resource);
    }

    /**
     * pvs holds at least one rule (TS-0004 7.4.2.2.1, 7.4.2.2.3: 4000): a policy nobody may manage could only be
     * deleted by the admin.
     */
    private static void requireSelfPrivileges(Resource acp) {
        if (acp.get(SELF_PRIVILEGES) instanceof Map<?, ?> pvs && pvs.get("acr") instanceof List<?> rules && rules.isEmpty()) {
            throw OneM2MException.badRequest("pvs must hold at least one rule (acr): it says who may manage the policy");
        }
    }

    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION);
    }
}
