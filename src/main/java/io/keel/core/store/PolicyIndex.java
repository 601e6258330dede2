package io.keel.core.store;

import java.util.Collection;
import java.util.List;

/**
 * The accessControlPolicies governing each resource, kept beside it so that visibility is a database predicate: its
 * acpi, or for types without acpi its parent's.
 */
public interface PolicyIndex {
    /** Replaces what was kept for the resource. */
    void setGoverningPolicies(String ri, List<String> acpRis);

    /** {@link #setGoverningPolicies} for every direct child of {@code pi} of the given types at once. */
    void setGoverningPoliciesOfChildren(String pi, Collection<Integer> types, List<String> acpRis);
}
