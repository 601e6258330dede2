package io.keel.core.access;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.store.PolicyIndex;
import io.keel.core.store.ResourceTree;
import io.keel.primitive.OneM2MException;
import java.util.ArrayList;
import java.util.List;

/**
 * The accessControlPolicyIDs of resources: checks what they reference, and keeps the policies governing each resource
 * stored beside it ({@link PolicyIndex}), so that discovery filters by them in the database.
 */
public final class GoverningPolicies {
    private final TypeRegistry types;

    public GoverningPolicies(TypeRegistry types) {
        this.types = types;
    }

    /** Every ID in an acpi value must name an accessControlPolicy of this CSE by its resourceID (4000). */
    public static void checkReferences(ResourceTree tree, Object acpi) {
        for (String ri : ids(acpi)) {
            Resource acp = tree.find(ri);
            if (acp == null || acp.ty != ResourceTypes.ACCESS_CONTROL_POLICY) {
                throw OneM2MException.badRequest("acpi names " + ri + ", which is not the resourceID of an accessControlPolicy here");
            }
        }
    }

    /**
     * After a create: a resource is governed by its own acpi; one of a type without acpi by its parent's (such types,
     * the contentInstance, live under a type with acpi); a policy by itself, which needs no rows.
     */
    public void created(PolicyIndex index, ResourceType type, Resource r, Resource parent) {
        if (type.governsItself()) {
            return;
        }
        List<String> acps = ids(type.hasAccessControlPolicyIds() ? r.get(ResourceType.ACCESS_CONTROL_POLICY_IDS)
                : parent.get(ResourceType.ACCESS_CONTROL_POLICY_IDS));
        if (!acps.isEmpty()) {
            index.setGoverningPolicies(r.ri, acps);
        }
    }

    /** After an update of acpi: the resource and its children that take its decision are governed by the new value. */
    public void acpiChanged(PolicyIndex index, Resource r) {
        List<String> acps = ids(r.get(ResourceType.ACCESS_CONTROL_POLICY_IDS));
        index.setGoverningPolicies(r.ri, acps);
        index.setGoverningPoliciesOfChildren(r.ri, types.inheritingAccessControl(), acps);
    }

    static List<String> ids(Object acpi) {
        List<String> out = new ArrayList<>();
        if (acpi instanceof List<?> l) {
            l.forEach(ri -> out.add((String) ri));
        }
        return out;
    }
}
