package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import java.util.List;
import java.util.Set;

/** {@code <CSEBase>} (ty 5, m2m:cb): created by the CSE at first start from the settings, never by a request. */
public final class CseBaseType extends ResourceType {
    public CseBaseType() {
        super(ResourceTypes.CSE_BASE, "cb", List.of(
                AttributeDef.readOnly("cst", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.readOnly("csi", AttributeType.TOKEN),
                AttributeDef.readOnly("srt", AttributeType.ANY),
                AttributeDef.readOnly("poa", AttributeType.LIST_OF_TOKENS),
                AttributeDef.readOnly("csz", AttributeType.LIST_OF_TOKENS),
                AttributeDef.readOnly("srv", AttributeType.LIST_OF_RELEASE_VERSIONS)));
    }

    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.AE, ResourceTypes.CONTAINER, ResourceTypes.SUBSCRIPTION);
    }

    @Override
    public boolean hasExpirationTime() {
        return false;
    }

    @Override
    public boolean creatableByRequest() {
        return false;
    }

    @Override
    public boolean updatable() {
        return false;
    }
}
