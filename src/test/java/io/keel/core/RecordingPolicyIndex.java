package io.keel.core;

import io.keel.core.store.PolicyIndex;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link PolicyIndex} that only records the policies set for each resource. */
final class RecordingPolicyIndex implements PolicyIndex {
    final Map<String, List<String>> governing = new LinkedHashMap<>();

    @Override
    public void setGoverningPolicies(String ri, List<String> acpRis) {
        governing.put(ri, List.copyOf(acpRis));
    }

    @Override
    public void setGoverningPoliciesOfChildren(String pi, Collection<Integer> types, List<String> acpRis) {
        governing.put(pi + "/*", List.copyOf(acpRis));
    }
}
