package io.keel.core;

import io.keel.core.store.PolicyIndex;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link PolicyIndex} that records what it is told: the policies per resource, and one line per call. */
public final class RecordingPolicyIndex implements PolicyIndex {
    /** ri (or {@code pi + "/*"} for the children of pi) → the policies last set. */
    public final Map<String, List<String>> governing = new LinkedHashMap<>();
    public final List<String> calls = new ArrayList<>();

    @Override
    public void setGoverningPolicies(String ri, List<String> acpRis) {
        governing.put(ri, List.copyOf(acpRis));
        calls.add(ri + " -> " + acpRis);
    }

    @Override
    public void setGoverningPoliciesOfChildren(String pi, Collection<Integer> types, List<String> acpRis) {
        governing.put(pi + "/*", List.copyOf(acpRis));
        calls.add("children of " + pi + " -> " + acpRis);
    }
}
