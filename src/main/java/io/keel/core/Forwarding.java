package io.keel.core;

import io.keel.core.routing.NextHop;
import io.keel.core.routing.Route;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResponseTypeValue;
import io.keel.primitive.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Retargeting (TS-0004 7.3.2.6, TS-0001 10.2.3): a request whose To names another CSE goes, as it came, to the next
 * hop the router found, and the next hop's answer comes back unchanged. This CSE changes only what the clause asks:
 * a CSE-relative From becomes SP-relative (absolute when an IN-CSE sends it to another service provider), a Release 1
 * next hop gets no X-M2M-RVI/VSI, and a request whose times have passed is not forwarded (4008).
 * <p>
 * A request runs here as a blocking one: a non-blocking request has its {@code <request>} on this CSE already (7.3.2.2),
 * and its result is the next hop's final answer. A request this CSE is forwarding already and which comes back to it
 * (same originator, request identifier, operation and To) is a forwarding loop: it ends with 5103 instead of being
 * sent round again.
 */
public final class Forwarding {
    private static final int IN_CSE = 1;
    /** What the core adds to the hop's own timeout before it gives up on an Outbound that does not answer. */
    private static final long GRACE_MILLIS = 1_000;
    private final CseIdentity cse;
    private final Outbound outbound;
    private final Clock clock;
    private final long timeoutMillis;
    private final String authorization;
    /** The requests being forwarded now, by {@link #loopKey}. */
    private final Set<String> underWay = ConcurrentHashMap.newKeySet();

    /**
     * @param timeoutMillis how long a next hop has to answer (after the request's operation execution time)
     * @param authorization the Authorization value presented to next hops other than the registrar, or empty
     */
    public Forwarding(CseIdentity cse, Outbound outbound, Clock clock, long timeoutMillis, String authorization) {
        this.cse = cse;
        this.outbound = outbound;
        this.clock = clock;
        this.timeoutMillis = timeoutMillis;
        this.authorization = authorization == null ? "" : authorization;
    }

    /** Forwarding for a core that sends nothing: every request for another CSE is answered here. */
    static Forwarding none(CseIdentity cse, Clock clock) {
        return new Forwarding(cse, null, clock, 0, "");
    }

    /**
     * Passes the request on, or throws the error the originator gets instead.
     *
     * @param registration whether the request registers an AE, which it does with this CSE, never through it
     */
    public CompletableFuture<ResponsePrimitive> forward(RequestPrimitive req, Route.Remote route, boolean registration) {
        String what = route.spId() == null ? "CSE /" + route.cseId() : "service provider " + route.spId();
        if (registration) {
            throw OneM2MException.badRequest("an AE registers with this CSE, not through it with " + what);
        }
        NextHop hop = route.nextHop();
        if (hop == null || outbound == null) {
            throw unforwardable(what);
        }
        Instant now = clock.now();
        refuseExpired(req, now);
        List<String> poas = hop.pointsOfAccess().stream().filter(outbound::reaches).toList();
        if (poas.isEmpty()) {
            throw new OneM2MException(ResponseStatusCode.TARGET_NOT_REACHABLE, "the next hop to " + what
                    + (hop.cseId() == null ? "" : ", " + hop.cseId()) + ", has no point of access a binding of this CSE serves");
        }
        RequestPrimitive out = outgoing(req, route, hop, now);
        String key = loopKey(out);
        if (!underWay.add(key)) {
            throw new OneM2MException(ResponseStatusCode.TARGET_NOT_REACHABLE, "forwarding loop: request " + out.requestIdentifier
                    + " of " + out.from + " for " + out.to + " came back to " + cse.spRelativeCseId()
                    + ", which is forwarding it already; the CSEs' remoteCSE and registrar settings point at each other");
        }
        long wait = waitMillis(out, now);
        Serialization serialization = req.contentSerialization != null ? req.contentSerialization : Serialization.JSON;
        CompletableFuture<ResponsePrimitive> answer;
        try {
            answer = attempt(out, serialization, hop, poas, 0, now, wait);
        } catch (RuntimeException e) {
            underWay.remove(key);
            throw e;
        }
        return answer.handle((rsp, e) -> {
            underWay.remove(key);
            if (rsp == null) {
                return ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE, "cannot forward to " + poas + ": " + e);
            }
            locate(rsp, route);
            return rsp;
        });
    }

    /**
     * Sends the request to the next hop's {@code index}th point of access; one that is unreachable (5103: refused, no
     * route, unknown host) is followed by the next, in order (a CSE lists several points of access so that another
     * is used when one fails, TS-0001 9.6.3/9.6.4 pointOfAccess). A timeout (4008) or any other answer is the answer:
     * the next hop may have done the operation. All attempts together get the wait the first one had.
     */
    private CompletableFuture<ResponsePrimitive> attempt(RequestPrimitive out, Serialization serialization, NextHop hop,
                                                         List<String> poas, int index, Instant started, long wait) {
        String poa = poas.get(index);
        long left = index == 0 ? wait : Math.max(1, wait - Duration.between(started, clock.now()).toMillis());
        CompletableFuture<ResponsePrimitive> sent;
        try {
            sent = outbound.forward(out, serialization, new Outbound.Hop(poa, credential(hop), left, hop.cseId()));
        } catch (RuntimeException e) {
            if (index == 0) {
                throw e; // the request itself cannot be sent (forward's caller answers with it): no other poa helps
            }
            sent = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<ResponsePrimitive> answered = sent.completeOnTimeout(ResponsePrimitive.error(
                        ResponseStatusCode.REQUEST_TIMEOUT, "no answer from " + poa + " within " + left + " ms"),
                left + GRACE_MILLIS, TimeUnit.MILLISECONDS)
                .handle((rsp, e) -> rsp != null ? rsp : ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE,
                        "cannot forward to " + poa + ": " + e));
        if (index + 1 == poas.size()) {
            return answered;
        }
        return answered.thenCompose(rsp -> rsp.responseStatusCode == ResponseStatusCode.TARGET_NOT_REACHABLE
                ? attempt(out, serialization, hop, poas, index + 1, started, wait)
                : CompletableFuture.completedFuture(rsp));
    }

    /**
     * No next hop (7.3.2.6): an IN-CSE that knows no matching remoteCSE answers 4004; an MN- or ASN-CSE without a
     * registrar cannot reach anything beyond itself, 5103.
     */
    private OneM2MException unforwardable(String what) {
        if (cse.cseType() == IN_CSE) {
            return OneM2MException.notFound(what + " is not known to this IN-CSE (no remoteCSE), so the request is not forwarded");
        }
        return new OneM2MException(ResponseStatusCode.TARGET_NOT_REACHABLE,
                what + " is not reachable from this CSE (no matching remoteCSE and no registrar)");
    }

    /** A request or result expiration time that has passed: 4008, not forwarded (7.3.2.6). */
    private static void refuseExpired(RequestPrimitive req, Instant now) {
        if (req.requestExpirationTimestamp != null && !req.requestExpirationTimestamp.isAfter(now)) {
            throw new OneM2MException(ResponseStatusCode.REQUEST_TIMEOUT, "the request expired (X-M2M-RET) before it could be forwarded");
        }
        if (req.resultExpirationTimestamp != null && !req.resultExpirationTimestamp.isAfter(now)) {
            throw new OneM2MException(ResponseStatusCode.REQUEST_TIMEOUT,
                    "the result expiration time (X-M2M-RST) passed before the request could be forwarded");
        }
    }

    /** The request as the next hop gets it. */
    private RequestPrimitive outgoing(RequestPrimitive req, Route.Remote route, NextHop hop, Instant now) {
        RequestPrimitive out = req.copy();
        out.from = forwardedFrom(req.from, cse, route.spId() != null);
        if (hop.release1()) {
            out.releaseVersionIndicator = null;
            out.vendorInformation = null;
        }
        // It runs here as a blocking request (a non-blocking one has its <request> here): the next hop answers with
        // the result, so it gets no response type and nobody to notify.
        if (out.responseType == ResponseTypeValue.BLOCKING_REQUEST) {
            out.responseType = null;
        }
        if (out.responseType == null) {
            out.responseTypeNotificationUris = null;
        }
        // An operation execution time that has come means "at once": the next hop need not wait.
        if (out.operationExecutionTime != null && !out.operationExecutionTime.isAfter(now)) {
            out.operationExecutionTime = null;
        }
        out.originatorAuthenticated = false;
        out.originatorAddress = null;
        return out;
    }

    /**
     * The From of a forwarded request (7.3.2.6; the AE-ID forms of TS-0001 table 7.2-1): a CSE-relative ID gets this
     * CSE's CSE-ID in front ({@code Cae} → {@code /id-mn/Cae}), an S-AE-ID-Stem only a slash ({@code /Sae}, unique in
     * the service provider); an IN-CSE sending to another service provider makes it absolute.
     */
    static String forwardedFrom(String from, CseIdentity cse, boolean otherSp) {
        if (from == null || from.isEmpty()) {
            return from;
        }
        String f = from;
        if (!f.startsWith("/")) {
            f = f.startsWith("S") ? "/" + f : cse.spRelativeCseId() + "/" + f;
        }
        if (otherSp && cse.cseType() == IN_CSE && !f.startsWith("//")) {
            f = "//" + cse.spId() + f;
        }
        return f;
    }

    /** What identifies a request while it is being forwarded: it is the same on every hop after the first. */
    private static String loopKey(RequestPrimitive out) {
        return out.from + "\n" + out.requestIdentifier + "\n" + out.operation + "\n" + out.to;
    }

    /**
     * How long the next hop may take: the forwarding timeout after the operation execution time (it waits for that
     * time itself), never beyond the request expiration time.
     */
    private long waitMillis(RequestPrimitive out, Instant now) {
        Instant start = out.operationExecutionTime != null && out.operationExecutionTime.isAfter(now) ? out.operationExecutionTime : now;
        Instant deadline = start.plusMillis(timeoutMillis);
        if (out.requestExpirationTimestamp != null && out.requestExpirationTimestamp.isBefore(deadline)) {
            deadline = out.requestExpirationTimestamp;
        }
        return Math.max(1, Duration.between(now, deadline).toMillis());
    }

    private String credential(NextHop hop) {
        String value = hop.registrar() ? cse.registrarAuthorization() : authorization;
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * A resource created on another CSE is located by its SP-relative ID there (TS-0009 6.4.4): the hosting CSE's
     * Content-Location would be relative to it.
     */
    private static void locate(ResponsePrimitive rsp, Route.Remote route) {
        if (rsp.responseStatusCode == ResponseStatusCode.CREATED && route.spId() == null && route.cseId() != null
                && rsp.content instanceof Map<?, ?> m && m.size() == 1
                && m.values().iterator().next() instanceof Map<?, ?> resource && resource.get("ri") instanceof String ri) {
            rsp.contentLocation = ri.startsWith("/") ? ri : "/" + route.cseId() + "/" + ri;
        } else {
            rsp.contentLocation = null;
        }
    }
}
