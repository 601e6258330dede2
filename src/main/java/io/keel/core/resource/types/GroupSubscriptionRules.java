package io.keel.core.resource.types;

import io.keel.core.resource.Resource;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * groupID (gpi) and notificationForwardingURI (nfu) of a {@code <subscription>} (TS-0004 7.4.8, table 7.4.8.1-3;
 * TS-0001 table 9.6.8-2): both belong to a subscription made through a group's fanOutPoint (TS-0001 10.2.7.10), whose
 * group-hosting CSE sets gpi to the group's ID and, when nfu is given, the notificationURI to an address of its own.
 * A request that did not come through a fanOutPoint carries no Group Request Identifier (TS-0004 7.4.14.2.4), so that
 * is how a subscription's host tells who set them. Every refusal is 4000 naming the attribute.
 */
final class GroupSubscriptionRules {
    static final String GROUP_ID = "gpi";
    static final String FORWARDING_URI = "nfu";

    private GroupSubscriptionRules() {
    }

    /**
     * @param sub      the subscription as it would be stored
     * @param current  the stored one (Update), or null (Create)
     */
    static void check(Resource sub, Map<String, Object> given, Resource current, RequestPrimitive req) {
        boolean throughGroup = req.groupRequestIdentifier != null;
        if (current == null) {
            for (String sn : new String[] {GROUP_ID, FORWARDING_URI}) {
                if (sub.get(sn) != null && !throughGroup) {
                    throw OneM2MException.badRequest(sn + " is set by the group-hosting CSE of a subscription made through a "
                            + "<group>'s fanOutPoint (fopt), not on a subscription created directly");
                }
            }
        } else {
            if (given.containsKey(GROUP_ID) && !Objects.equals(given.get(GROUP_ID), current.get(GROUP_ID))) {
                throw OneM2MException.badRequest("gpi (groupID) names the group the subscription was made through: "
                        + "an update cannot change or remove it");
            }
            if (given.containsKey(FORWARDING_URI) && !throughGroup) {
                throw OneM2MException.badRequest("nfu (notificationForwardingURI) is changed through the group's fanOutPoint "
                        + "only, so that the group-hosting CSE also sets the notificationURI it receives the notifications at");
            }
        }
        if (sub.get(FORWARDING_URI) != null && sub.get(GROUP_ID) == null) {
            throw OneM2MException.badRequest("nfu (notificationForwardingURI) is for a subscription made through a group "
                    + "only: it needs gpi (groupID)");
        }
    }

    /** The nfu a Create or an Update sets anew, as a target to verify (none when it is as stored, or removed). */
    static List<String> newForwardingTarget(Map<String, Object> given, Resource current) {
        if (given.get(FORWARDING_URI) instanceof String nfu && (current == null || !nfu.equals(current.get(FORWARDING_URI)))) {
            return List.of(nfu);
        }
        return List.of();
    }

    /**
     * What the members get of a subscription created or updated through a group's fanOutPoint (TS-0004 7.4.14.2.3;
     * TS-0001 10.2.7.10): gpi the group's ID; with nfu — which the subscriber sets identical to the notificationURI
     * (TS-0001 table 9.6.8-2) — the group as notificationURI, so that the members' notifications come to the
     * group-hosting CSE to be aggregated and go on to nfu. 4000 naming the attribute for what does not fit.
     */
    static Map<String, Object> forMembers(Map<String, Object> given, boolean create, Resource group, String groupId,
                                          boolean outerGroup) {
        if (outerGroup && given.get(GROUP_ID) != null) {
            // Fanned out to this group by another group's fanOutPoint (a sub-group): the subscription is that group's,
            // and its notifications go to it, which takes those of its sub-groups' members.
            return given;
        }
        Map<String, Object> sub = new LinkedHashMap<>(given);
        if (sub.containsKey(GROUP_ID) && !groupId.equals(sub.get(GROUP_ID)) && !group.ri.equals(sub.get(GROUP_ID))) {
            throw OneM2MException.badRequest("gpi (groupID) of a subscription made through " + group.srn + "/fopt is "
                    + groupId + ", not " + sub.get(GROUP_ID));
        }
        if (create) {
            sub.put(GROUP_ID, groupId);
        }
        if (sub.containsKey(FORWARDING_URI)) {
            Object nfu = sub.get(FORWARDING_URI);
            if (nfu == null) {
                if (!sub.containsKey("nu")) {
                    throw OneM2MException.badRequest("removing nfu (notificationForwardingURI) through " + group.srn
                            + "/fopt needs the nu the members are to notify instead (their nu is " + groupId + ")");
                }
            } else {
                requireForwardingTarget(nfu, sub.get("nu"), create, group, groupId);
                sub.put("nu", List.of(groupId));
            }
        }
        return sub;
    }

    /** nfu is one URI, identical to the single nu entry, and not the group itself (which would notify itself). */
    private static void requireForwardingTarget(Object nfu, Object nu, boolean create, Resource group, String groupId) {
        if (!(nfu instanceof String uri) || uri.isBlank()) {
            throw OneM2MException.badRequest("nfu (notificationForwardingURI) is one URI");
        }
        Object targets = nu instanceof String text ? List.of(text.trim().split("\\s+")) : nu; // XML: a list in one string
        if ((create || nu != null) && !List.of(uri).equals(targets)) {
            throw OneM2MException.badRequest("nfu (notificationForwardingURI) is set identical to nu (notificationURI): "
                    + "nu must be [" + uri + "], the one target the group's aggregated notifications go to");
        }
        if (uri.equals(groupId) || uri.equals(group.ri)) {
            throw OneM2MException.badRequest("nfu (notificationForwardingURI) cannot be the group " + group.srn + " itself");
        }
    }
}
