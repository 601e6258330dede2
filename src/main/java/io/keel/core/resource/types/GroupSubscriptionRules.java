package io.keel.core.resource.types;

import io.keel.core.resource.Resource;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
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
}
