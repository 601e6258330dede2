package io.keel.core.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link MemberIndex} in memory for unit tests. */
public final class InMemoryMemberIndex implements MemberIndex {
    /** group → mid entry → srn of the member. */
    public final Map<String, Map<String, String>> members = new LinkedHashMap<>();

    @Override
    public void setMembers(String group, Map<String, String> entries) {
        members.put(group, new LinkedHashMap<>(entries));
    }

    @Override
    public void removeMembers(String group, List<String> mids) {
        Map<String, String> entries = members.get(group);
        if (entries != null) {
            mids.forEach(entries::remove);
        }
    }

    @Override
    public Map<String, List<String>> naming(String srn) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        members.forEach((group, entries) -> entries.forEach((mid, member) -> {
            if (member.equals(srn) || member.startsWith(srn + "/")) {
                out.computeIfAbsent(group, k -> new ArrayList<>()).add(mid);
            }
        }));
        return out;
    }
}
