package io.keel.core.access;

import io.keel.core.resource.ResourceType;
import io.keel.core.resource.types.AnnouncedType;
import io.keel.core.resource.types.FlexContainerType;
import io.keel.core.resource.types.MgmtObjType;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.primitive.RequestPrimitive;
import java.util.Map;

/**
 * What accessControlObjectDetails are matched against (TS-0003 7.1.5, res_objd): the type of the resource a Create
 * addresses, the Resource Type parameter of the Create, and the specialization (containerDefinition or
 * mgmtDefinition) its Content asks for.
 *
 * @param targetType the resourceType of the targeted (parent) resource, or null when there is none to compare
 * @param childType the Resource Type of the Create request
 * @param containerDefinition the cnd the new flexContainer will have, or null
 * @param mgmtDefinition the mgd the new mgmtObj will have, or null
 */
public record ChildCreation(Integer targetType, int childType, String containerDefinition, Long mgmtDefinition) {

    /** The Create a request asks for under a resource of {@code targetType}; null when the request is no Create. */
    static ChildCreation of(RequestPrimitive req, Integer targetType, TypeRegistry types) {
        if (req.resourceType == null) {
            return null;
        }
        int ty = req.resourceType;
        ResourceType type = types.get(ty, req.content);
        ResourceType original = type instanceof AnnouncedType a ? a.original() : type;
        String cnd = null;
        Long mgd = null;
        if (original instanceof FlexContainerType f && f.specialization() != null) {
            cnd = f.specialization().cnd();
        } else if (original instanceof MgmtObjType m && m.specialization() != null) {
            mgd = (long) m.specialization().mgd();
        } else if (req.content instanceof Map<?, ?> root && root.size() == 1
                && root.values().iterator().next() instanceof Map<?, ?> inner) {
            // A generic flexContainer or mgmtObj states its specialization in its Content only.
            cnd = inner.get(FlexContainerType.CONTAINER_DEFINITION) instanceof String s ? s : null;
            mgd = inner.get(MgmtObjType.MGMT_DEFINITION) instanceof Number n ? n.longValue()
                    : inner.get(MgmtObjType.MGMT_DEFINITION) instanceof String s && s.trim().matches("\\d{1,9}")
                    ? Long.valueOf(s.trim()) : null;
        }
        return new ChildCreation(targetType, ty, cnd, mgd);
    }
}
