package io.keel.core.operation;

import io.keel.core.store.PolicyIndex;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A {@link PolicyIndex} that records what it is told, one line per call. */
final class RecordingPolicyIndex implements PolicyIndex {
    final List<String> calls = new ArrayList<>();

    @Override
    public void setGoverningPolicies(String ri, List<String> acpRis) {
        calls.add(ri + " -> " + acpRis);
    }

    @Override
    public void setGoverningPoliciesOfChildren(String pi, Collection<Integer> types, List<String> acpRis) {
        calls.add("children of " + pi + " -> " + acpRis);
    }
}
