package io.keel.core.access;

import io.keel.core.CseIdentity;
import io.keel.core.Identifiers;
import io.keel.core.Outbound;
import io.keel.core.notification.Receiver;
import io.keel.core.notification.Receivers;
import io.keel.core.resource.Resource;
import io.keel.core.resource.types.DynamicAuthorizationConsultationType;
import io.keel.core.store.ResourceTree;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.ParameterValues;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Dynamic Authorization Request of Direct Dynamic Authorization (TS-0003 7.3.2.2 steps 2.3–4.1, TS-0001 11.5.2): a
 * Notify whose Content is an m2m:securityInfo of securityInfoType 1 with an m2m:dynAuthDasRequest (TS-0004 6.3.5.46,
 * 6.3.5.48), sent through the outbound binding to the points of access of a dynamicAuthorizationConsultation, and its
 * answer, an m2m:securityInfo of type 2 with an m2m:dynAuthDasResponse (TS-0004 6.3.5.47), read into a
 * {@link DasDecision}. Whatever goes wrong (no answer in time, an error, an answer that does not parse) is a refusal
 * that says why.
 */
final class DecisionPoint {
    static final long REQUEST = 1;
    static final long RESPONSE = 2;
    private final CseIdentity cse;
    private final Outbound outbound;
    private final Receivers receivers;
    /**
     * Decision points that did not answer in time, until when they are not asked again: one that hangs costs one bound,
     * not one per resource of a child list or per request meanwhile.
     */
    private final Map<String, Long> silentUntilNanos = new ConcurrentHashMap<>();
    private final long silenceNanos;

    DecisionPoint(CseIdentity cse, Outbound outbound, Receivers receivers, long silenceNanos) {
        this.cse = cse;
        this.outbound = outbound;
        this.receivers = receivers;
        this.silenceNanos = silenceNanos;
    }

    /**
     * Asks the decision points of {@code dac} in the order of dap until one answers, within {@code deadline}.
     *
     * @param originator the request's originator, as it sent it
     */
    DasDecision ask(ResourceTree tx, Resource dac, RequestPrimitive req, Permission permission, Resource target, Instant now,
                    long deadlineNanos) {
        Map<String, Object> content = Map.of("m2m:sei", Map.of("sit", REQUEST, "dreq", dasRequest(dac, req, permission, target, now)));
        String failures = "";
        for (Object entry : (List<?>) dac.get(DynamicAuthorizationConsultationType.POINT_OF_ACCESS)) {
            Receiver receiver = receivers.resolve(tx, (String) entry);
            if (receiver.kind() != Receiver.Kind.URLS) {
                failures += "; " + entry + " is no decision point this CSE can send to"
                        + (receiver.reason() == null ? "" : " (" + receiver.reason() + ")");
                continue;
            }
            for (String url : receiver.urls()) {
                Long silent = silentUntilNanos.get(url);
                if (silent != null && silent - System.nanoTime() > 0) {
                    failures += "; " + url + " did not answer in time a moment ago";
                    continue;
                }
                silentUntilNanos.remove(url);
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return DasDecision.refused("the decision points of " + dac.ri + " did not answer in time" + failures);
                }
                RequestPrimitive notify = new RequestPrimitive();
                notify.operation = Operation.NOTIFY;
                notify.to = url;
                notify.from = cse.cseId();
                notify.requestIdentifier = "dynauth-" + Identifiers.random(16);
                notify.releaseVersionIndicator = receiver.releaseVersion();
                notify.content = content;
                ResponsePrimitive rsp;
                try {
                    rsp = outbound.send(notify, url, receiver.serialization()).get(left, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    silentUntilNanos.put(url, System.nanoTime() + silenceNanos);
                    return DasDecision.refused("the decision point " + url + " of " + dac.ri + " did not answer within the bound"
                            + " of keel.dynauth.timeout" + failures);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return DasDecision.refused("interrupted while waiting for the decision point " + url);
                } catch (ExecutionException e) {
                    failures += "; " + url + " failed: " + e.getCause();
                    continue;
                }
                if (rsp.responseStatusCode == null || !rsp.responseStatusCode.isSuccess()) {
                    // Unreachable: the next point of access may answer; any other error is the decision point's answer.
                    if (rsp.responseStatusCode == io.keel.primitive.ResponseStatusCode.TARGET_NOT_REACHABLE) {
                        failures += "; " + url + " is not reachable";
                        continue;
                    }
                    return DasDecision.refused("the decision point " + url + " of " + dac.ri + " answered "
                            + (rsp.responseStatusCode == null ? "no status" : rsp.responseStatusCode.code()) + failures);
                }
                return read(rsp.content, url, (String) entry, dac.ri, now);
            }
        }
        return DasDecision.refused("no decision point of " + dac.ri + " could be reached" + failures);
    }

    /** The m2m:dynAuthDasRequest of TS-0003 table 7.3.2.2-1 for this request. */
    static Map<String, Object> dasRequest(Resource dac, RequestPrimitive req, Permission permission, Resource target,
                                                  Instant now) {
        Map<String, Object> dreq = new LinkedHashMap<>();
        dreq.put("or", req.from);
        dreq.put("trt", (long) target.ty);
        // Discovery is a Retrieve with filter criteria (TS-0004 7.3.3.14); m2m:operation has no other value for it.
        dreq.put("op", (long) permission.operation().value());
        if (req.originatorAddress != null) {
            dreq.put("oip", Map.of(req.originatorAddress.contains(":") ? "ip6" : "ip4", req.originatorAddress));
        }
        if (!req.roleIds.isEmpty()) {
            dreq.put("orid", List.copyOf(req.roleIds));
        }
        dreq.put("rts", Timestamps.format(now));
        dreq.put("trid", target.ri);
        if (dac.get(DynamicAuthorizationConsultationType.LIFETIME) instanceof Instant dal) {
            dreq.put("ppl", Timestamps.format(dal));
        }
        if (!req.tokenIds.isEmpty()) {
            dreq.put("tids", List.copyOf(req.tokenIds));
        }
        if (req.authorizationSignatureIndicator != null) {
            dreq.put("asi", req.authorizationSignatureIndicator); // TS-0004 7.5.1.2.10 i)
        }
        return dreq;
    }

    /**
     * The answer: no Content (TS-0001 11.5.2 step 3.2: nothing granted) or an m2m:securityInfo of type 2; its
     * dynamicACPInfo's grantedPrivileges, a setOfAcrs, until privilegesLifetime, and its tokens (TS-0004 6.3.5.47).
     */
    static DasDecision read(Object content, String url, String point, String dacRi, Instant now) {
        if (content == null) {
            // The bindings leave out a body they cannot read: no content and unreadable content alike grant nothing.
            return DasDecision.refused("the decision point " + url + " of " + dacRi + " granted nothing (its answer carried no"
                    + " content this CSE could read)");
        }
        String garbage = "the decision point " + url + " of " + dacRi + " answered no m2m:securityInfo of securityInfoType 2"
                + " with an m2m:dynAuthDasResponse";
        if (!(content instanceof Map<?, ?> root) || !(root.get("m2m:sei") instanceof Map<?, ?> sei)
                || !(sei.get("sit") instanceof Number sit) || sit.longValue() != RESPONSE) {
            return DasDecision.refused(garbage);
        }
        if (sei.get("dres") == null) {
            return DasDecision.refused("the decision point " + url + " of " + dacRi + " granted nothing");
        }
        if (!(sei.get("dres") instanceof Map<?, ?> dres) || (dres.get("dai") != null && !(dres.get("dai") instanceof Map<?, ?>))
                || (dres.get("tkns") != null && !(dres.get("tkns") instanceof List<?>))) {
            return DasDecision.refused(garbage);
        }
        List<String> tokens = new java.util.ArrayList<>();
        if (dres.get("tkns") instanceof List<?> tkns) {
            for (Object t : tkns) {
                if (!(t instanceof String jwt) || jwt.isBlank()) {
                    return DasDecision.refused(garbage + ": dres.tkns must be a list of m2m:dynAuthJWT (compact JWS strings)");
                }
                tokens.add(jwt.trim());
            }
        }
        Map<?, ?> dai = dres.get("dai") instanceof Map<?, ?> m ? m : Map.of();
        if (dai.get("gp") == null && tokens.isEmpty()) {
            return DasDecision.refused("the decision point " + url + " of " + dacRi + " granted no privileges and issued no tokens");
        }
        try {
            Map<String, Object> gp = dai.get("gp") == null ? null : SetOfAcrs.normalize("dres.dai.gp", dai.get("gp"), false);
            Instant until = dai.get("pl") == null ? null : Timestamps.parseAbsRel(String.valueOf(dai.get("pl")), now, "dres.dai.pl");
            // TS-0003 7.3.2.2 step 3.2: asri only means something with tokens to sign.
            boolean asri = !tokens.isEmpty() && dres.get("asri") != null
                    && ParameterValues.bool("dres.asri", String.valueOf(dres.get("asri")));
            return DasDecision.granted(gp, until, tokens, url, point, asri);
        } catch (OneM2MException | ClassCastException e) {
            return DasDecision.refused(garbage + ": " + e.getMessage());
        }
    }
}
