package io.keel.core.store;

import java.util.List;
import java.util.Map;

/** The members of each group that are resources of this CSE, kept so that a deletion finds the groups naming them. */
public interface MemberIndex {
    /** Replaces what is kept for a group: each mid entry naming a resource of this CSE → that resource's srn. */
    void setMembers(String group, Map<String, String> members);

    /** Forgets mid entries of a group (the resources they named are gone). */
    void removeMembers(String group, List<String> mids);

    /** The groups naming a resource in the subtree of {@code srn}, the resource itself included, with those mid entries. */
    Map<String, List<String>> naming(String srn);
}
