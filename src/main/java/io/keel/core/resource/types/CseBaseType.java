package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.NotifyRecipient;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import java.util.List;
import java.util.Set;

/**
 * {@code <CSEBase>} (ty 5, m2m:cb): created by the CSE at first start from the settings, never by a request; of its
 * attributes, requests may update only acpi.
 */
public final class CseBaseType extends ResourceType {
    public CseBaseType() {
        super(ResourceTypes.CSE_BASE, "cb", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_TOKENS),
                AttributeDef.readOnly("cst", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.readOnly("csi", AttributeType.TOKEN),
                AttributeDef.readOnly("srt", AttributeType.ANY),
                AttributeDef.readOnly("poa", AttributeType.LIST_OF_TOKENS),
                AttributeDef.readOnly("csz", AttributeType.LIST_OF_TOKENS),
                AttributeDef.readOnly("srv", AttributeType.LIST_OF_RELEASE_VERSIONS)));
    }

    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.ACCESS_CONTROL_POLICY, ResourceTypes.AE, ResourceTypes.CONTAINER,
                ResourceTypes.GROUP, ResourceTypes.SUBSCRIPTION);
    }

    @Override
    public boolean hasExpirationTime() {
        return false;
    }

    @Override
    public boolean creatableByRequest() {
        return false;
    }

    /** A Notify to the CSEBase is for the CSE itself. */
    @Override
    public NotifyRecipient notifyRecipient() {
        return NotifyRecipient.THIS_CSE;
    }

    /** Only its acpi: everything else the settings and this version determine (4005). */
    @Override
    public void prepareUpdate(ResourceOperation op) {
        if (!op.given.keySet().equals(Set.of(ACCESS_CONTROL_POLICY_IDS))) {
            throw OneM2MException.notAllowed("of the CSEBase only acpi can be updated");
        }
    }
}
