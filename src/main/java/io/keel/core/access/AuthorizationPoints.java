package io.keel.core.access;

import io.keel.core.CseIdentity;
import io.keel.core.Identifiers;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.AuthorizationFunctions;
import io.keel.core.routing.Route;
import io.keel.core.routing.Router;
import io.keel.core.store.ResourceTree;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The requests of this CSE as PEP to the PDPs, PRPs and PIPs an accessControlPolicy names (TS-0003 7.5.2–7.5.4; TS-0001
 * 11.6.2): one of this CSE is asked in-process, through the functions bound to its own {@code <authorizationDecision>},
 * {@code <authorizationPolicy>} and {@code <authorizationInformation>}; one of another CSE gets the request as the text
 * carries it, an Update of the resource's request attributes, from this CSE over the outbound binding, within the
 * caller's deadline. Whatever the answer, it is read into an {@link Answer}.
 */
public final class AuthorizationPoints {
    /** m2m:authorizationStatus (TS-0004 6.3.4.2.52). */
    static final long OK = 1;
    static final long NOT_APPLICABLE = 2;
    private static final String RELEASE = "4";

    /** How a request reaches a resource of another CSE: as a forwarded request does, the next hop found when it is sent. */
    public interface Remote {
        CompletableFuture<ResponsePrimitive> send(RequestPrimitive request);
    }

    /**
     * What one PDP, PRP or PIP answered: its status (sus) and the attributes of its answer, or why there is no answer
     * to read (then status is 0).
     */
    record Answer(long status, Map<?, ?> content, String failure) {
        static Answer failed(String why) {
            return new Answer(0, Map.of(), why);
        }

        boolean ok() {
            return failure == null && status == OK;
        }
    }

    private final CseIdentity cse;
    private final Router router;
    private final Supplier<AuthorizationFunctions> local;
    private final Remote remote;

    /** @param local the functions bound to this CSE's authorization resources (its PDP, PRP and PIP) */
    AuthorizationPoints(CseIdentity cse, Router router, Supplier<AuthorizationFunctions> local, Remote remote) {
        this.cse = cse;
        this.router = router;
        this.local = local;
        this.remote = remote;
    }

    /** An access control decision request about the request on the target (TS-0003 table 7.5.2-1). */
    Answer decision(ResourceTree tx, String address, RequestPrimitive req, Permission permission, Resource target, Instant now,
                    long deadlineNanos) {
        return ask(tx, address, ResourceTypes.AUTHORIZATION_DECISION, "m2m:auds", () -> decisionRequest(req, permission, target, now),
                pdp -> {
                    Boolean permit = local.get().decide(tx, req, permission, target.ri);
                    return permit == null ? new Answer(NOT_APPLICABLE, Map.of(), null)
                            : new Answer(OK, Map.of("dec", permit ? 1L : 2L), null);
                }, deadlineNanos);
    }

    /** An access control policy request for the policies of the target (TS-0003 table 7.5.3-1). */
    Answer policies(ResourceTree tx, String address, Resource target, long deadlineNanos) {
        return ask(tx, address, ResourceTypes.AUTHORIZATION_POLICY, "m2m:aupy", () -> Map.of("to", remoteAddress(target)),
                prp -> {
                    List<Map<String, Object>> found = local.get().policies(tx, target.ri);
                    return found == null || found.isEmpty() ? new Answer(NOT_APPLICABLE, Map.of(), null)
                            : new Answer(OK, Map.of("ps", Map.of("pv", found), "ca", 1L), null);
                }, deadlineNanos);
    }

    /** An access control information request for the roles and tokens of the originator (TS-0003 table 7.5.4-1). */
    Answer information(ResourceTree tx, String address, RequestPrimitive req, long deadlineNanos) {
        return ask(tx, address, ResourceTypes.AUTHORIZATION_INFORMATION, "m2m:auif", () -> {
            Map<String, Object> asked = new LinkedHashMap<>();
            asked.put("fr", spRelative(req.from));
            if (!req.roleIds.isEmpty()) {
                asked.put("rids", List.copyOf(req.roleIds));
            }
            if (!req.tokenIds.isEmpty()) {
                asked.put("tids", List.copyOf(req.tokenIds));
            }
            return asked;
        }, pip -> {
            Map<String, List<Map<String, Object>>> found = local.get().information(tx, req.from, List.copyOf(req.roleIds),
                    List.copyOf(req.tokenIds));
            return found.isEmpty() ? new Answer(NOT_APPLICABLE, Map.of(), null) : new Answer(OK, found, null);
        }, deadlineNanos);
    }

    private Answer ask(ResourceTree tx, String address, int ty, String root, Supplier<Map<String, Object>> request,
                       Function<Resource, Answer> inProcess, long deadlineNanos) {
        String what = "<" + kind(ty) + "> " + address;
        Route route;
        try {
            route = router.route(tx, address);
        } catch (OneM2MException e) {
            return Answer.failed(what + " cannot be reached: " + e.getMessage());
        }
        if (route instanceof Route.Local here) {
            if (here.resource().ty != ty) {
                return Answer.failed(address + " is no <" + kind(ty) + ">");
            }
            try {
                return inProcess.apply(here.resource());
            } catch (RuntimeException e) {
                return Answer.failed(what + " failed: " + e.getMessage());
            }
        }
        if (!(route instanceof Route.Remote)) {
            return Answer.failed(address + " is no <" + kind(ty) + ">");
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return Answer.failed("no time was left within keel.dynauth.timeout to ask " + what);
        }
        RequestPrimitive update = new RequestPrimitive();
        update.operation = Operation.UPDATE;
        update.to = address;
        update.from = cse.spRelativeCseId();
        update.requestIdentifier = "pep-" + Identifiers.random(16);
        update.releaseVersionIndicator = RELEASE; // the release that defines the three resource types
        update.content = Map.of(root, request.get());
        ResponsePrimitive rsp;
        try {
            rsp = remote.send(update).get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return Answer.failed(what + " did not answer within keel.dynauth.timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.failed("interrupted while waiting for " + what);
        } catch (ExecutionException | OneM2MException e) {
            return Answer.failed(what + " cannot be reached: " + (e instanceof ExecutionException ? e.getCause() : e.getMessage()));
        }
        return read(rsp, what, root);
    }

    /** The answer to the Update: its resource's status (sus) and the rest of its representation (TS-0004 7.4.43–7.4.45). */
    static Answer read(ResponsePrimitive rsp, String what, String root) {
        if (rsp.responseStatusCode != ResponseStatusCode.UPDATED) {
            String dbg = rsp.content instanceof Map<?, ?> m && m.get("m2m:dbg") != null ? ": " + m.get("m2m:dbg") : "";
            return Answer.failed(what + " answered " + (rsp.responseStatusCode == null ? "no status" : rsp.responseStatusCode.code()) + dbg);
        }
        if (!(rsp.content instanceof Map<?, ?> body) || !(body.get(root) instanceof Map<?, ?> answer)
                || !(answer.get("sus") instanceof Number sus)) {
            return Answer.failed(what + " answered no " + root + " with a status (sus)");
        }
        return new Answer(sus.longValue(), answer, null);
    }

    /** TS-0003 table 7.5.2-1, for a PDP of another CSE: what it needs to decide as this CSE would. */
    private Map<String, Object> decisionRequest(RequestPrimitive req, Permission permission, Resource target, Instant now) {
        Map<String, Object> asked = new LinkedHashMap<>();
        asked.put("to", remoteAddress(target));
        asked.put("fr", spRelative(req.from));
        asked.put("op", (long) permission.operation().value());
        if (permission == Permission.CREATE && req.resourceType != null) {
            asked.put("rrt", (long) req.resourceType);
        }
        if (permission == Permission.DISCOVERY) {
            asked.put("fu", 1L); // discovery is a Retrieve with filterUsage discovery (TS-0004 7.3.3.14)
        }
        if (!req.roleIds.isEmpty()) {
            asked.put("rids", List.copyOf(req.roleIds));
        }
        if (!req.tokenIds.isEmpty()) {
            asked.put("tids", List.copyOf(req.tokenIds));
        }
        if (!req.tokens.isEmpty()) {
            asked.put("tkns", List.copyOf(req.tokens));
        }
        asked.put("rtm", Timestamps.format(now));
        if (req.originatorAddress != null) {
            asked.put("oip", Map.of(req.originatorAddress.contains(":") ? "ip6" : "ip4", req.originatorAddress));
        }
        return asked;
    }

    /** The target as another CSE addresses it: SP-relative. */
    private String remoteAddress(Resource target) {
        return cse.spRelativeCseId() + "/" + target.ri;
    }

    /** An originator as another CSE names it: a CSE-relative AE-ID becomes SP-relative. */
    private String spRelative(String originator) {
        return originator.startsWith("/") ? originator : cse.spRelativeCseId() + "/" + originator;
    }

    private static String kind(int ty) {
        return switch (ty) {
            case ResourceTypes.AUTHORIZATION_DECISION -> "authorizationDecision";
            case ResourceTypes.AUTHORIZATION_POLICY -> "authorizationPolicy";
            default -> "authorizationInformation";
        };
    }
}
