package io.keel.core.access;

import io.keel.core.routing.Route;
import io.keel.core.routing.Router;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.GroupType;
import io.keel.core.store.ResourceTree;
import io.keel.primitive.OneM2MException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Group IDs in acor (TS-0004 table 7.3.3.15-1, 6.3.5.27): an acor entry that is the ID of a {@code <group>} of this
 * CSE, in any of the three forms, names every originator that is one of its members. A member is an originator when its
 * ID is the originator's (the AE-ID, or a CSE-ID), or when it addresses the {@code <AE>} whose resource ID the
 * originator is (an AE's resource ID is its AE-ID-Stem, so {@code cse-in/myapp} names {@code Cmyapp}). Nested groups
 * are not followed: a member that is a group does not make its members members.
 */
final class GroupMembership {
    private final Router router;
    private final UnaryOperator<String> localId;

    GroupMembership(Router router, UnaryOperator<String> localId) {
        this.router = router;
        this.localId = localId;
    }

    /**
     * The groups the originator is a member of, as a predicate on acor entries; each entry is looked up once per
     * request, when a rule names it and nothing else in the rule decided.
     */
    Predicate<String> of(ResourceTree tx, String originator) {
        Map<String, Boolean> decided = new HashMap<>();
        return entry -> decided.computeIfAbsent(entry, e -> isMember(tx, e, originator));
    }

    private boolean isMember(ResourceTree tx, String groupId, String originator) {
        Resource group = stored(tx, groupId);
        if (group == null || group.ty != ResourceTypes.GROUP || !(group.get(GroupType.MEMBER_IDS) instanceof List<?> mid)) {
            return false;
        }
        for (Object m : mid) {
            String member = (String) m;
            if (localId.apply(member).equals(originator)) {
                return true;
            }
            Resource r = stored(tx, member);
            if (r != null && r.ty == ResourceTypes.AE && r.ri.equals(originator)) {
                return true;
            }
        }
        return false;
    }

    /** The stored resource of this CSE an ID names, or null (not an ID, not here, another CSE's, a virtual resource). */
    private Resource stored(ResourceTree tx, String id) {
        try {
            return router.route(tx, id) instanceof Route.Local local ? local.resource() : null;
        } catch (OneM2MException e) {
            return null;
        }
    }
}
