package io.keel.core.access;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.persistence.TreeTransaction;
import io.keel.primitive.OneM2MException;
import java.util.ArrayList;
import java.util.List;

/**
 * The accessControlPolicyIDs of resources: checks what they reference, and keeps the policies governing each resource
 * stored beside it ({@link TreeTransaction#setGoverningPolicies}), so that discovery filters by them in the database.
 */
public final class GoverningPolicies {
    private final ResourceTypes types;

    public GoverningPolicies(ResourceTypes types) {
        this.types = types;
    }

    /** Every ID in an acpi value must name an accessControlPolicy of this CSE by its resourceID (4000). */
    public static void checkReferences(TreeTransaction tx, Object acpi) {
        for (String ri : ids(acpi)) {
            Resource acp = tx.find(ri);
            if (acp == null || acp.ty != ResourceTypes.ACCESS_CONTROL_POLICY) {
                throw OneM2MException.badRequest("acpi names " + ri + ", which is not the resourceID of an accessControlPolicy here");
            }
        }
    }

    /**
     * After a create: a resource is governed by its own acpi; one of a type without acpi by its parent's (such types,
     * the contentInstance, live under a type with acpi); an accessControlPolicy by itself, which needs no rows.
     */
    public void created(TreeTransaction tx, ResourceType type, Resource r, Resource parent) {
        if (r.ty == ResourceTypes.ACCESS_CONTROL_POLICY) {
            return;
        }
        List<String> acps = ids(type.hasAccessControlPolicyIds() ? r.get(ResourceType.ACCESS_CONTROL_POLICY_IDS)
                : parent.get(ResourceType.ACCESS_CONTROL_POLICY_IDS));
        if (!acps.isEmpty()) {
            tx.setGoverningPolicies(r.ri, acps);
        }
    }

    /** After an update of acpi: the resource and its children that take its decision are governed by the new value. */
    public void acpiChanged(TreeTransaction tx, Resource r) {
        List<String> acps = ids(r.get(ResourceType.ACCESS_CONTROL_POLICY_IDS));
        tx.setGoverningPolicies(r.ri, acps);
        tx.setGoverningPoliciesOfChildren(r.ri, types.inheritingAccessControl(), acps);
    }

    static List<String> ids(Object acpi) {
        List<String> out = new ArrayList<>();
        if (acpi instanceof List<?> l) {
            l.forEach(ri -> out.add((String) ri));
        }
        return out;
    }
}
