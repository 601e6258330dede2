package io.keel.core.operation;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code <subscription>} created or updated through a group's fanOutPoint (TS-0004 7.4.14.2.3; TS-0001 10.2.7.10):
 * what the members get. Its groupID (gpi) is the group's ID; with a notificationForwardingURI (nfu) — which the
 * subscriber sets identical to the notificationURI (TS-0001 table 9.6.8-2) — the notificationURI becomes the group
 * itself, so that the members' notifications come here to be aggregated ({@link GroupNotifications}) and go on to nfu.
 * Checked before anything is fanned out: a bad request creates no member's subscription (4000 naming the attribute).
 */
final class GroupSubscriptions {
    private static final String ROOT = "m2m:sub";

    private GroupSubscriptions() {
    }

    /** The request each member gets: {@code req} itself unless it creates or updates a subscription. */
    static RequestPrimitive forMembers(OperationContext ctx, RequestPrimitive req, Resource group) {
        boolean create = req.operation == Operation.CREATE && Integer.valueOf(ResourceTypes.SUBSCRIPTION).equals(req.resourceType);
        boolean update = req.operation == Operation.UPDATE;
        if (!(create || update) || !(req.content instanceof Map<?, ?> content) || !(content.get(ROOT) instanceof Map<?, ?> given)) {
            return req;
        }
        String groupId = GroupNotifications.address(ctx, group);
        Map<String, Object> sub = new LinkedHashMap<>();
        given.forEach((k, v) -> sub.put((String) k, v));
        if (sub.containsKey("gpi") && !groupId.equals(sub.get("gpi")) && !group.ri.equals(sub.get("gpi"))) {
            throw OneM2MException.badRequest("gpi (groupID) of a subscription made through " + group.srn + "/fopt is "
                    + groupId + ", not " + sub.get("gpi"));
        }
        if (create) {
            sub.put("gpi", groupId); // TS-0001 10.2.7.10
        }
        if (sub.containsKey("nfu")) {
            Object nfu = sub.get("nfu");
            if (nfu == null) {
                if (!sub.containsKey("nu")) {
                    throw OneM2MException.badRequest("removing nfu (notificationForwardingURI) through " + group.srn
                            + "/fopt needs the nu the members are to notify instead (their nu is " + groupId + ")");
                }
            } else {
                sub.put("nu", List.of(forwardingTarget(nfu, sub.get("nu"), create, group, groupId)));
            }
        }
        RequestPrimitive m = req.copy();
        Map<String, Object> rewritten = new LinkedHashMap<>();
        content.forEach((k, v) -> rewritten.put((String) k, v));
        rewritten.put(ROOT, sub);
        m.content = rewritten;
        return m;
    }

    /**
     * nfu is one URI, identical to the subscriber's notificationURI (TS-0001 table 9.6.8-2), and not the group itself
     * (whose aggregated notification would come back to it); the members' notificationURI is the group.
     */
    private static String forwardingTarget(Object nfu, Object nu, boolean create, Resource group, String groupId) {
        if (!(nfu instanceof String uri) || uri.isBlank()) {
            throw OneM2MException.badRequest("nfu (notificationForwardingURI) is one URI");
        }
        if ((create || nu != null) && !List.of(uri).equals(nu)) {
            throw OneM2MException.badRequest("nfu (notificationForwardingURI) is set identical to nu (notificationURI): "
                    + "nu must be [" + uri + "], the one target the group's aggregated notifications go to");
        }
        if (uri.equals(groupId) || uri.equals(group.ri)) {
            throw OneM2MException.badRequest("nfu (notificationForwardingURI) cannot be the group " + group.srn + " itself");
        }
        return groupId;
    }
}
