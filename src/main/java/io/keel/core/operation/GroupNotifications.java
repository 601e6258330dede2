package io.keel.core.operation;

import io.keel.core.notification.GroupAggregation;
import io.keel.core.resource.Resource;
import io.keel.core.resource.types.GroupType;
import io.keel.core.routing.Route;
import io.keel.core.store.Transaction;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A Notify addressed to a {@code <group>}: a notification of a subscription made through its fanOutPoint with a
 * notificationForwardingURI, whose notificationURI the group-hosting CSE set to the group (TS-0004 7.4.14.2.3). It is
 * taken only from the CSE hosting one of the group's members, for a subscription on that member or below it (else
 * 4103, TS-0004 7.5.1.2.6); each notification must say whom it is for (nfu, TS-0001 10.2.7.11: else 4000). A
 * verification request (vrq) from a member's host is answered at once; notifications join the group's aggregation
 * ({@link GroupAggregation}), and the Notify is answered when the aggregated notification has been.
 */
final class GroupNotifications {
    /** The duration of an aggregation when the group's notifyAggregation names none (TS-0004 7.4.14.2.5). */
    static final Duration DEFAULT_DURATION = Duration.ofSeconds(5);
    private final OperationContext ctx;

    GroupNotifications(OperationContext ctx) {
        this.ctx = ctx;
    }

    /** The ID a subscription made through the group's fanOutPoint has as gpi (FanOutOperation sets it). */
    private String address(Resource group) {
        return ctx.cse.spRelativeCseId() + "/" + group.ri;
    }

    OperationHandler.Prepared prepare(Transaction tx, RequestPrimitive req, Map<?, ?> content, Resource group) {
        List<Map<String, Object>> notifications = notifications(content);
        boolean verification = notifications.size() == 1 && Boolean.TRUE.equals(notifications.get(0).get("vrq"));
        if (verification) {
            requireMemberHost(tx, group, req.from);
            return OperationHandler.Prepared.answered(new ResponsePrimitive(ResponseStatusCode.OK, null));
        }
        String nfu = null;
        for (Map<String, Object> sgn : notifications) {
            requireFromMember(tx, req, group, sgn);
            if (!(sgn.get("nfu") instanceof String forward) || forward.isBlank()) {
                throw OneM2MException.badRequest("a notification to " + group.srn + " carries the notificationForwardingURI "
                        + "(nfu) of the subscription made through its fanOutPoint; this one has none");
            }
            if (nfu != null && !nfu.equals(forward)) {
                throw OneM2MException.badRequest("the notifications of one Notify to " + group.srn + " name different nfu");
            }
            nfu = forward;
        }
        GroupAggregation.Policy policy = policy(group);
        String subscriber = nfu;
        return () -> ctx.notifications.groupAggregation().add(group.ri, subscriber, notifications, policy,
                req.requestExpirationTimestamp);
    }

    /**
     * notifyAggregation of the group, else its currentNrOfMembers and the service provider's duration (TS-0004
     * 7.4.14.2.5).
     */
    private static GroupAggregation.Policy policy(Resource group) {
        Map<?, ?> nar = group.get(GroupType.NOTIFY_AGGREGATION) instanceof Map<?, ?> m ? m : Map.of();
        long number = nar.get("num") instanceof Number n ? n.longValue() : Math.max(1, group.getLong("cnm", 1));
        Duration duration = nar.get("dur") instanceof String d ? Duration.parse(d) : DEFAULT_DURATION;
        return new GroupAggregation.Policy(number, duration);
    }

    /** The m2m:sgn of a Notify, those of an m2m:agn taken out of it (aggregations are not nested, TS-0004 7.5.1.2.6). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> notifications(Map<?, ?> content) {
        List<Map<String, Object>> all = new ArrayList<>();
        Object sgn = content.get("m2m:sgn");
        if (content.get("m2m:agn") instanceof Map<?, ?> agn) {
            sgn = agn.get("m2m:sgn");
        }
        if (sgn instanceof Map<?, ?> one) {
            all.add(new LinkedHashMap<>((Map<String, Object>) one));
        } else if (sgn instanceof List<?> many) {
            for (Object n : many) {
                if (n instanceof Map<?, ?> m) {
                    all.add(new LinkedHashMap<>((Map<String, Object>) m));
                }
            }
        }
        if (all.isEmpty()) {
            throw OneM2MException.badRequest("a Notify to a group carries m2m:sgn or m2m:agn");
        }
        return all;
    }

    /**
     * The notification is of a subscription on a member (or below it, made through {@code fopt/<path>}) of the group:
     * a subscription of this CSE whose gpi names the group, notified by this CSE; or one of another CSE that hosts a
     * member, notified by that CSE.
     */
    private void requireFromMember(Transaction tx, RequestPrimitive req, Resource group, Map<String, Object> sgn) {
        if (!(sgn.get("sur") instanceof String sur)) {
            throw OneM2MException.badRequest("a notification carries its subscriptionReference (sur)");
        }
        Route route;
        try {
            route = ctx.router.route(tx, sur);
        } catch (OneM2MException e) {
            throw notFromMember(group, sur);
        }
        if (route instanceof Route.Local local) {
            // gpi is an attribute of a subscription only
            Resource sub = local.resource();
            boolean ofGroup = address(group).equals(sub.get("gpi")) || group.ri.equals(sub.get("gpi"));
            if (!isThisCse(req.from) || !ofGroup || !underLocalMember(tx, group, sub)) {
                throw notFromMember(group, sur);
            }
        } else if (route instanceof Route.Remote remote) {
            String host = cse(remote.cseId());
            if (host == null || !host.equals(cse(req.from)) || !memberHosts(tx, group).contains(host)) {
                throw notFromMember(group, sur);
            }
        } else {
            throw notFromMember(group, sur);
        }
    }

    private void requireMemberHost(Transaction tx, Resource group, String from) {
        String host = cse(from);
        boolean local = isThisCse(from) && !localMembers(tx, group).isEmpty();
        if (!local && (host == null || !memberHosts(tx, group).contains(host))) {
            throw OneM2MException.noPrivilege(from + " hosts no member of " + group.srn + ": it sends the group no notifications");
        }
    }

    private boolean underLocalMember(Transaction tx, Resource group, Resource sub) {
        Set<String> members = localMembers(tx, group);
        for (Resource r = tx.tree().find(sub.pi); r != null; r = r.pi == null ? null : tx.tree().find(r.pi)) {
            if (members.contains(r.ri)) {
                return true;
            }
        }
        return false;
    }

    /** The ris of the group's members on this CSE, and of the members of those that are groups (sub-groups). */
    private Set<String> localMembers(Transaction tx, Resource group) {
        Set<String> ris = new HashSet<>();
        collectLocalMembers(tx, group, ris, new HashSet<>(Set.of(group.ri)));
        return ris;
    }

    private void collectLocalMembers(Transaction tx, Resource group, Set<String> ris, Set<String> visited) {
        for (String member : members(group)) {
            try {
                Route route = ctx.router.route(tx, member);
                if (route instanceof Route.Local || route instanceof Route.FanOut) {
                    Resource r = route.resource(); // for a member <group>/fopt, the group
                    ris.add(r.ri);
                    if (r.get(GroupType.MEMBER_IDS) != null && visited.add(r.ri)) { // a sub-group
                        collectLocalMembers(tx, r, ris, visited);
                    }
                }
            } catch (OneM2MException gone) {
                // a member that no longer resolves sends nothing
            }
        }
    }

    /** The CSE-IDs (without the slash) of the other CSEs hosting members. */
    private Set<String> memberHosts(Transaction tx, Resource group) {
        Set<String> hosts = new HashSet<>();
        for (String member : members(group)) {
            try {
                if (ctx.router.route(tx, member) instanceof Route.Remote remote && cse(remote.cseId()) != null) {
                    hosts.add(cse(remote.cseId()));
                }
            } catch (OneM2MException gone) {
                // a member that no longer resolves sends nothing
            }
        }
        return hosts;
    }

    @SuppressWarnings("unchecked")
    private static List<String> members(Resource group) {
        return group.get(GroupType.MEMBER_IDS) instanceof List<?> mid ? (List<String>) mid : List.of();
    }

    private boolean isThisCse(String from) {
        return from != null && (from.equals(ctx.cse.spRelativeCseId()) || from.equals(ctx.cse.cseBaseRi()));
    }

    /** A CSE-ID without its leading slash; null for none. */
    private static String cse(String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        return id.startsWith("/") ? id.substring(1) : id;
    }

    private static OneM2MException notFromMember(Resource group, String sur) {
        return OneM2MException.noPrivilege("the notification of " + sur + " is not of a subscription made through "
                + group.srn + " on one of its members, notified by that member's hosting CSE");
    }
}
