package io.keel.core.operation;

import io.keel.core.access.AccessDecision;
import io.keel.core.access.Permission;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.types.GroupType;
import io.keel.core.routing.Route;
import io.keel.core.store.Transaction;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.PrimitiveMaps;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A request to a group's fanOutPoint, {@code <group>/fopt[/<relative path>]} (TS-0004 6.8, 7.4.14.2, 7.4.14.3), of any
 * operation: allowed by the group's macp (else its acpi), it is sent to each member, with the relative path appended,
 * through the dispatcher as the original originator's — so each member's own access control applies — and answered 2000
 * with {@code m2m:agr}: one {@code m2m:rsp} per member that answered, its fr the member's ID.
 *
 * <p>Members are waited for until the request expiration timestamp (X-M2M-RET) when there is one; those that have
 * not answered by then are left out, and when none has, the answer is 5209. Without it every member's answer is
 * awaited: the operations on local members answer at once or within their own time limits (a pcu long poll, a Notify
 * passed on to an AE), and a member of another CSE through forwarding (TS-0004 7.3.2.6), within the forwarding
 * timeout.
 *
 * <p>Every member's request carries the Group Request Identifier (X-M2M-GID) of the fan-out, the originator's or one
 * made here, and a fanOutPoint reached again while that group request is under way answers 4104
 * GROUP_REQUEST_IDENTIFIER_EXISTS. Without that, groups that are members of each other would multiply a request
 * {@code g1/fopt/fopt/…/fopt} by the number of members at every {@code fopt}: exponentially in the path's length.
 */
public final class FanOutOperation {
    private final OperationContext ctx;
    private final Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> dispatcher;
    /** Told the {@code <request>} of a non-blocking group request when its first member answers. */
    private final Consumer<String> partiallyCompleted;
    /** Group Request Identifiers of the fan-outs under way. */
    private final Set<String> underWay = ConcurrentHashMap.newKeySet();

    /** @param dispatcher handles each member's request as any other request */
    public FanOutOperation(OperationContext ctx, Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> dispatcher,
                           Consumer<String> partiallyCompleted) {
        this.ctx = ctx;
        this.dispatcher = dispatcher;
        this.partiallyCompleted = partiallyCompleted;
    }

    /** In the read transaction that routed the request: the privilege through the group, and its members. */
    public OperationHandler.Prepared prepare(Transaction tx, RequestPrimitive req, Route.FanOut route) {
        if (req.groupRequestIdentifier != null && underWay.contains(req.groupRequestIdentifier)) {
            throw groupRequestExists(req.groupRequestIdentifier);
        }
        Resource group = route.group();
        Permission permission = req.isDiscovery() ? Permission.DISCOVERY : Permission.of(req.operation);
        AccessDecision decision = ctx.access.decideFanOut(tx.tree(), req, permission, group);
        if (!decision.granted()) {
            String why = decision.refusal();
            throw OneM2MException.noPrivilege("originator " + req.from + " has no " + permission.name().toLowerCase()
                    + " privilege on the members of " + group.srn + " (macp, else acpi)" + (why == null ? "" : ": " + why));
        }
        @SuppressWarnings("unchecked")
        List<String> members = (List<String>) group.get(GroupType.MEMBER_IDS);
        if (members == null || members.isEmpty()) {
            throw new OneM2MException(ResponseStatusCode.NO_MEMBERS, group.srn + " has no members");
        }
        List<String> targets = req.groupRequestTargetMembers == null ? members : targetMembers(tx, group, members,
                req.groupRequestTargetMembers);
        if (req.operation == Operation.CREATE && route.relativePath() == null) {
            // mt says what the members are, so it decides what is created directly under them; below fopt/<path>
            // the resource is created under <member>/<path>, whose type mt does not say.
            requireMemberTypeAccepts(group, req.resourceType);
        }
        RequestPrimitive forMembers = forMembers(req, group);
        return () -> fanOut(forMembers, List.copyOf(targets), route.relativePath());
    }

    /**
     * The request the members get: for a Create or Update, the attributes as the created or updated type has them made
     * through a group (a subscription's gpi and nfu, TS-0004 7.4.14.2.3).
     */
    private RequestPrimitive forMembers(RequestPrimitive req, Resource group) {
        if ((req.operation != Operation.CREATE && req.operation != Operation.UPDATE) || !(req.content instanceof Map<?, ?> content)
                || content.size() != 1) {
            return req;
        }
        Map.Entry<?, ?> root = content.entrySet().iterator().next();
        ResourceType type = req.operation == Operation.CREATE && req.resourceType != null
                ? ctx.types.get(req.resourceType) : ctx.types.byRootElement(String.valueOf(root.getKey()));
        if (type == null || !(root.getValue() instanceof Map<?, ?> given)) {
            return req;
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        given.forEach((k, v) -> attributes.put(String.valueOf(k), v));
        Map<String, Object> forMembers = type.forGroupMembers(attributes, req.operation == Operation.CREATE, group,
                ctx.cse.spRelativeCseId() + "/" + group.ri, req.groupRequestIdentifier != null);
        if (forMembers == attributes) {
            return req;
        }
        RequestPrimitive m = req.copy();
        m.content = Map.of(String.valueOf(root.getKey()), forMembers);
        return m;
    }

    /**
     * Group Request Target Members (TS-0004 7.4.14.2.1 and the other fanOutPoint procedures): the request goes to
     * these members only, each of which must be a member of the group or of one of its sub-groups (groups among its
     * members, at any depth); otherwise 4000.
     */
    private List<String> targetMembers(Transaction tx, Resource group, List<String> members, List<String> targets) {
        if (targets.isEmpty()) {
            throw OneM2MException.badRequest("grtm names no member");
        }
        Set<String> known = new HashSet<>();
        collectMembers(tx, members, known, new HashSet<>(Set.of(group.ri)));
        for (String t : targets) {
            if (!known.contains(t)) {
                throw OneM2MException.badRequest("grtm names " + t + ", which is no member of " + group.srn + " or of its sub-groups");
            }
        }
        return targets;
    }

    private void collectMembers(Transaction tx, List<String> members, Set<String> known, Set<String> visited) {
        for (String member : members) {
            known.add(member);
            Route r;
            try {
                r = ctx.router.route(tx, member);
            } catch (OneM2MException gone) {
                continue; // a member that no longer resolves has no sub-members
            }
            // a member that has members is a sub-group
            if (r instanceof Route.Local local && local.resource().get(GroupType.MEMBER_IDS) instanceof List<?> sub
                    && visited.add(local.resource().ri)) {
                collectMembers(tx, sub.stream().map(String::valueOf).toList(), known, visited);
            }
        }
    }

    /** A Create through fopt must create what a member of the group's memberType may hold (4108). */
    private void requireMemberTypeAccepts(Resource group, Integer ty) {
        long mt = group.getLong(GroupType.MEMBER_TYPE, 0);
        if (mt == 0 || ty == null) {
            return; // mixed: each member decides
        }
        ResourceType memberType = ctx.types.get((int) mt);
        if (memberType == null || !memberType.childTypes().contains(ty)) {
            throw new OneM2MException(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE,
                    "resource type " + ty + " cannot be created under members of type " + mt);
        }
    }

    private static OneM2MException groupRequestExists(String gid) {
        return new OneM2MException(ResponseStatusCode.GROUP_REQUEST_IDENTIFIER_EXISTS, "group request " + gid
                + " is already being fanned out here: a fanOutPoint reached through another one (nested groups) is not followed");
    }

    private CompletableFuture<ResponsePrimitive> fanOut(RequestPrimitive req, List<String> members, String relativePath) {
        String gid = req.groupRequestIdentifier != null ? req.groupRequestIdentifier : "gid-" + UUID.randomUUID();
        if (!underWay.add(gid)) {
            return CompletableFuture.failedFuture(groupRequestExists(gid));
        }
        try {
            return fanOut(req, members, relativePath, gid).whenComplete((rsp, failure) -> underWay.remove(gid));
        } catch (RuntimeException e) {
            underWay.remove(gid);
            throw e;
        }
    }

    private CompletableFuture<ResponsePrimitive> fanOut(RequestPrimitive req, List<String> members, String relativePath,
                                                        String gid) {
        Instant deadline = req.requestExpirationTimestamp;
        List<CompletableFuture<ResponsePrimitive>> answers = new ArrayList<>();
        AtomicBoolean firstAnswered = new AtomicBoolean();
        for (String member : members) {
            RequestPrimitive m = memberRequest(req, relativePath == null ? member : member + "/" + relativePath);
            m.groupRequestIdentifier = gid;
            CompletableFuture<ResponsePrimitive> answer = dispatcher.apply(m).thenApply(rsp -> {
                rsp.from = member;
                rsp.to = req.from;
                if (req.requestResourceId != null && members.size() > 1 && firstAnswered.compareAndSet(false, true)) {
                    partiallyCompleted.accept(req.requestResourceId);
                }
                return rsp;
            });
            if (deadline != null) {
                long wait = Math.max(0, Duration.between(ctx.clock.now(), deadline).toMillis());
                answer = answer.copy().completeOnTimeout(null, wait, TimeUnit.MILLISECONDS);
            }
            answers.add(answer);
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Object> rsps = new ArrayList<>();
            for (CompletableFuture<ResponsePrimitive> a : answers) {
                ResponsePrimitive rsp = a.join();
                if (rsp != null) {
                    rsps.add(PrimitiveMaps.response(rsp));
                }
            }
            if (rsps.isEmpty()) {
                return ResponsePrimitive.error(ResponseStatusCode.GROUP_MEMBERS_NOT_RESPONDED,
                        "no member answered before the request expired (X-M2M-RET)");
            }
            return new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:agr", Map.of("m2m:rsp", rsps)));
        });
    }

    /**
     * The request a member gets: the original, addressed to the member, blocking (a non-blocking request to the group
     * is already running in the background here), without what applies to the group's answer as a whole — its
     * result expiration, result persistence and the HTTP preconditions (which name the fanOutPoint's state, not a
     * member's).
     */
    private static RequestPrimitive memberRequest(RequestPrimitive req, String to) {
        RequestPrimitive m = req.copy();
        m.to = to;
        m.groupRequestTargetMembers = null; // chosen here: a sub-group member fans out to all of its own
        m.responseType = null;
        m.responseTypeNotificationUris = null;
        m.resultExpirationTimestamp = null;
        m.resultPersistence = null;
        m.operationExecutionTime = null;
        m.preconditions = null;
        return m;
    }
}
