package io.keel.core.access;

import io.keel.core.CseIdentity;
import io.keel.core.Identifiers;
import io.keel.core.Outbound;
import io.keel.core.access.token.AuthorizationSignatures;
import io.keel.core.access.token.HeldByAnother;
import io.keel.core.access.token.LocalTokenIds;
import io.keel.core.access.token.TokenAuthority;
import io.keel.core.access.token.TokenClaims;
import io.keel.core.notification.Receiver;
import io.keel.core.notification.Receivers;
import io.keel.core.resource.NotificationTargets;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.DynamicAuthorizationConsultationType;
import io.keel.core.resource.types.TokenType;
import io.keel.core.store.CachedTokens.Cached;
import io.keel.core.store.CachedTokens.Relation;
import io.keel.core.store.ResourceStore;
import io.keel.core.store.ResourceTree;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.SignatureRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Authorization Relationship Mapping at the Hosting CSE (TS-0003 7.3.2.2 steps 4.1.1.3–7, 7.3.2.3 step 7.1.5,
 * 7.3.2.7; TS-0004 7.5.1.2.14, 7.5.1.2.15): the tokens a decision point issued asking for authorization signatures are
 * cached with the originator as holder and the response asks it to sign (asri); the AE's signatures, sent in a Notify
 * of securityInfoType 7, are checked ({@link AuthorizationSignatures}) and go on to that decision point; when an AE
 * with a new AE-ID presents such a token, the decision point is asked for the signature it keeps (type 7 with asri,
 * answered by type 8) and the holder moves to the new AE-ID once the AE's signatures equal it. For a relationship the
 * DAS keeps (auri), the DAS AE moves the holder with a Notify of type 7 naming the new AE-ID.
 */
final class AuthorizationRelationships {
    static final long MAPPING_REQUEST = 7;
    static final long MAPPING_RESPONSE = 8;
    private final ResourceStore store;
    private final TokenAuthority tokens;
    private final AuthorizationSignatures signatures;
    private final Outbound outbound;
    private final Receivers receivers;
    private final OwnershipRules ownership;
    private final CseIdentity cse;
    private final long timeoutMillis;

    AuthorizationRelationships(CseIdentity cse, ResourceStore store, TokenAuthority tokens, AuthorizationSignatures signatures,
                               Outbound outbound, Receivers receivers, long timeoutMillis) {
        this.cse = cse;
        this.store = store;
        this.tokens = tokens;
        this.signatures = signatures;
        this.outbound = outbound;
        this.receivers = receivers;
        this.ownership = new OwnershipRules(cse);
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * TS-0003 7.3.2.2 step 4.1.1.3: the verified tokens of a decision point that asked for signatures are cached with
     * the originator's Absolute AE-ID as holder, and with the dap entry that answered, where the signatures go.
     *
     * @throws OneM2MException 4103 for a token that does not verify for the originator (nothing of it is cached)
     */
    void signaturesAsked(List<String> issued, String originator, String point, Instant now) {
        String who = ownership.localId(originator);
        for (String t : issued) {
            // Verified first (step 4.1.1.2: the holder is the originator), then cached.
            TokenClaims claims = tokens.accepted(t, id -> ownership.localId(id).equals(who), now);
            tokens.localTokenIds().assign(t, claims, ownership.absoluteId(originator), Relation.DIRECT, point, now);
        }
    }

    /**
     * TS-0003 7.3.2.2 step 5: whether the response asks the originator for signatures (asri): a token it carried is
     * cached for a decision point that asked for them and has not received them yet.
     */
    boolean signaturesWanted(RequestPrimitive req, Instant now) {
        if (req.from == null) {
            return false;
        }
        String originator = ownership.localId(req.from);
        for (String t : req.tokens) {
            Cached c = tokens.localTokenIds().cached(t, now);
            if (c != null && c.relation() == Relation.DIRECT && ownership.localId(c.holder()).equals(originator)) {
                return true;
            }
        }
        return false;
    }

    /**
     * TS-0003 7.3.2.7: a valid token whose kept holder is another AE. With a relationship the decision point keeps
     * (DIRECT, MAPPED), it is asked for its signature (TS-0004 7.5.1.2.15); without the AE's signatures the request is
     * refused asking for them (asri); with signatures equal to it, and MICs of the AE's key, the holder moves to the
     * originator (step 6). Otherwise, and for a relationship the DAS keeps (auri, 7.3.2.7.2 step 3), the refusal stands.
     *
     * @throws OneM2MException 4103 whenever the holder does not move
     */
    void update(ResourceTree tx, RequestPrimitive req, HeldByAnother held, Instant now) {
        Cached cached = held.cached();
        if (cached == null || cached.relation() == Relation.NONE) {
            throw held;
        }
        if (cached.relation() == Relation.INDIRECT) {
            throw OneM2MException.noPrivilege(held.getMessage() + "; the DAS that keeps its authorization relationship may move it"
                    + " to the originator (TS-0003 7.3.2.7.2)");
        }
        TokenClaims claims = held.claims();
        List<String> kept = keptSignatures(cached);
        if (kept.isEmpty()) {
            throw OneM2MException.noPrivilege(held.getMessage() + "; the decision point " + cached.das()
                    + " keeps no authorization signature for it (TS-0003 7.3.2.7.1 step 7)");
        }
        if (req.authorizationSignatures.isEmpty()) {
            throw new SignatureRequest(held.getMessage() + "; to prove it possesses token " + claims.tokenId()
                    + ", the originator sends its Authorization Signatures (aus) with it (TS-0003 7.3.2.7.1 step 4)");
        }
        boolean equal = req.authorizationSignatures.stream().anyMatch(s -> kept.stream().anyMatch(k -> AuthorizationSignatures.same(s, k)));
        if (!equal || !signatures.signs(appId(tx, req.from), req.authorizationSignatures, held.token(), claims.tokenId())) {
            throw OneM2MException.noPrivilege("the Authorization Signatures (aus) of " + req.from + " are not those kept for token "
                    + claims.tokenId() + " (TS-0003 7.3.2.7.1 step 7): its holder stays " + cached.holder());
        }
        tokens.localTokenIds().moveHolder(cached, ownership.absoluteId(req.from));
    }

    /**
     * A Notify of securityInfoType 7 to this CSE (TS-0004 7.5.1.2.14): from an AE, its signatures on tokens it holds,
     * checked and sent on to the decision point that asked for them (TS-0003 7.3.2.2 steps 6.2–7); from the AE of a
     * decision point (one a dynamicAuthorizationConsultation names in dap), the update of a relationship the DAS keeps:
     * the holder of the tokens moves to the originator element (TS-0003 7.3.2.7.2 steps 5.3, 5.4).
     */
    ResponsePrimitive receive(RequestPrimitive req, Instant now) {
        Map<?, ?> darq = mappingRequest(req.content);
        if (req.from == null || req.from.isEmpty()) {
            throw OneM2MException.badRequest("a Dynamic Authorization Relationship Mapping Request needs an originator (From)");
        }
        Signed signed = store.read(tx -> {
            List<String> given = tokensOf(tx.tree(), darq, now);
            if (isDecisionPoint(tx.tree(), req.from)) {
                moveByDas(darq, given, now);
                return null;
            }
            return signed(tx.tree(), req, darq, given, now);
        });
        if (signed != null) {
            forward(signed); // no database connection is held while the decision points answer
        }
        return new ResponsePrimitive(ResponseStatusCode.OK, null);
    }

    /** The checked signatures of an AE and the cached tokens they sign, by the decision point they go to. */
    private record Signed(String originator, List<String> aus, Map<String, List<Cached>> byPoint) {
    }

    /** TS-0003 7.3.2.7.2 steps 5.3, 5.4: the DAS AE moves the holder of tokens whose relationship it keeps. */
    private void moveByDas(Map<?, ?> darq, List<String> given, Instant now) {
        if (!(darq.get("or") instanceof String newHolder) || newHolder.isBlank()) {
            throw OneM2MException.badRequest("darq.or (originator) must name the AE-ID the tokens' holder moves to");
        }
        for (String t : given) {
            Cached c = tokens.localTokenIds().cached(t, now);
            if (c == null || c.relation() != Relation.INDIRECT) {
                throw OneM2MException.noPrivilege("token " + tokens.authentic(t).tokenId() + " is not cached here with an"
                        + " authorization relationship its DAS keeps (auri)");
            }
        }
        for (String t : given) {
            tokens.localTokenIds().moveHolder(tokens.localTokenIds().cached(t, now), ownership.absoluteId(newHolder));
        }
    }

    /** TS-0003 7.3.2.2 step 6.2: the AE's signatures, checked to be MICs of its key over tokens it holds. */
    private Signed signed(ResourceTree tx, RequestPrimitive req, Map<?, ?> darq, List<String> given, Instant now) {
        List<String> aus = strings(darq.get("aus"), "darq.aus");
        if (aus.isEmpty()) {
            throw OneM2MException.badRequest("darq.aus (authorSigns) must hold the signatures, at least one (TS-0004 6.3.3)");
        }
        String originator = ownership.localId(req.from);
        String appId = appId(tx, req.from);
        if (!signatures.sharesKeyWith(appId)) {
            throw OneM2MException.noPrivilege("this CSE shares no key with " + req.from + (appId == null ? " (no registered AE)"
                    : " (App-ID " + appId + ", keel.authsign.keys)") + " to check its authorization signatures with");
        }
        Map<String, List<Cached>> byPoint = new LinkedHashMap<>();
        for (String t : given) {
            TokenClaims claims = tokens.accepted(t, id -> ownership.localId(id).equals(originator), now);
            Cached c = tokens.localTokenIds().cached(t, now);
            if (c == null || (c.relation() != Relation.DIRECT && c.relation() != Relation.MAPPED) || c.das() == null) {
                throw OneM2MException.noPrivilege("no decision point asked for authorization signatures on token " + claims.tokenId());
            }
            if (!signatures.signs(appId, aus, t, claims.tokenId())) {
                throw OneM2MException.noPrivilege("no signature in darq.aus is the MIC of " + req.from + " over token "
                        + claims.tokenId() + " or its tokenID");
            }
            byPoint.computeIfAbsent(c.das(), k -> new ArrayList<>()).add(c);
        }
        return new Signed(ownership.absoluteId(req.from), aus, byPoint);
    }

    /** TS-0003 7.3.2.2 steps 7, 8, TS-0004 7.5.1.2.14: the signatures go on to the decision points that asked. */
    private void forward(Signed signed) {
        for (Map.Entry<String, List<Cached>> e : signed.byPoint().entrySet()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("or", signed.originator());
            out.put("tkns", e.getValue().stream().map(Cached::token).toList());
            out.put("tids", e.getValue().stream().map(Cached::tokenId).toList());
            out.put("aus", signed.aus());
            ResponsePrimitive rsp = send(e.getKey(), out);
            if (rsp.responseStatusCode == null || !rsp.responseStatusCode.isSuccess()) {
                throw new OneM2MException(ResponseStatusCode.TARGET_NOT_REACHABLE, "the decision point " + e.getKey()
                        + " did not create the authorization relationship mapping record: it answered "
                        + (rsp.responseStatusCode == null ? "no status" : rsp.responseStatusCode.code()));
            }
            e.getValue().forEach(tokens.localTokenIds()::mapped);
        }
    }

    /** TS-0004 7.5.1.2.15: the signatures the decision point keeps for a token (type 7 with asri, answered by type 8). */
    private List<String> keptSignatures(Cached cached) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tkns", List.of(cached.token()));
        out.put("tids", List.of(cached.tokenId()));
        out.put("asri", true);
        ResponsePrimitive rsp;
        try {
            rsp = send(cached.das(), out);
        } catch (OneM2MException unreachable) {
            return List.of();
        }
        if (rsp.responseStatusCode == null || !rsp.responseStatusCode.isSuccess()
                || !(rsp.content instanceof Map<?, ?> root) || !(root.get("m2m:sei") instanceof Map<?, ?> sei)
                || !(sei.get("sit") instanceof Number sit) || sit.longValue() != MAPPING_RESPONSE
                || !(sei.get("dars") instanceof Map<?, ?> dars) || !(dars.get("sig") instanceof List<?> sig)) {
            return List.of(); // step 1 of the receiver's procedure: no type 8, no signature, no update
        }
        return sig.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    /** Sends an m2m:dynAuthRelMapRequest to a dap entry and waits, within keel.dynauth.timeout, for the answer. */
    private ResponsePrimitive send(String point, Map<String, Object> darq) {
        Receiver receiver = store.read(tx -> receivers.resolve(tx.tree(), point));
        if (receiver.kind() != Receiver.Kind.URLS || receiver.urls().isEmpty()) {
            throw new OneM2MException(ResponseStatusCode.TARGET_NOT_REACHABLE, "the decision point " + point
                    + " is no address this CSE can send to" + (receiver.reason() == null ? "" : " (" + receiver.reason() + ")"));
        }
        String url = receiver.urls().get(0);
        RequestPrimitive notify = new RequestPrimitive();
        notify.operation = Operation.NOTIFY;
        notify.to = url;
        notify.from = cse.cseId();
        notify.requestIdentifier = "authrel-" + Identifiers.random(16);
        notify.releaseVersionIndicator = receiver.releaseVersion();
        notify.content = Map.of("m2m:sei", Map.of("sit", MAPPING_REQUEST, "darq", darq));
        try {
            return outbound.send(notify, url, receiver.serialization()).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OneM2MException(ResponseStatusCode.TARGET_NOT_REACHABLE, "the decision point " + url
                    + " did not answer within keel.dynauth.timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OneM2MException(ResponseStatusCode.TARGET_NOT_REACHABLE, "interrupted while waiting for " + url);
        } catch (ExecutionException e) {
            throw new OneM2MException(ResponseStatusCode.TARGET_NOT_REACHABLE, "the decision point " + url + " failed: " + e.getCause());
        }
    }

    /** The m2m:dynAuthRelMapRequest of a Notify's content: an m2m:securityInfo of securityInfoType 7. */
    private static Map<?, ?> mappingRequest(Object content) {
        if (!(content instanceof Map<?, ?> root) || !(root.get("m2m:sei") instanceof Map<?, ?> sei)) {
            throw OneM2MException.badRequest("a Notify to the CSE with m2m:sei carries an m2m:securityInfo");
        }
        if (!(sei.get("sit") instanceof Number sit) || sit.longValue() != MAPPING_REQUEST) {
            throw OneM2MException.badRequest("this CSE receives m2m:securityInfo of securityInfoType 7 (Dynamic Authorization"
                    + " Relationship Mapping Request) only, not " + sei.get("sit"));
        }
        if (!(sei.get("darq") instanceof Map<?, ?> darq)) {
            throw OneM2MException.badRequest("securityInfoType 7 needs darq, an m2m:dynAuthRelMapRequest");
        }
        return darq;
    }

    /** The tokens darq names: tkns as given, tids through the {@code <token>}s and tokens this CSE keeps. */
    private List<String> tokensOf(ResourceTree tx, Map<?, ?> darq, Instant now) {
        List<String> out = new ArrayList<>(strings(darq.get("tkns"), "darq.tkns"));
        for (String tid : strings(darq.get("tids"), "darq.tids")) {
            String t = storedToken(tx, tid);
            if (t == null) {
                t = tokens.localTokenIds().tokenOfId(tid, now);
            }
            if (t == null) {
                throw OneM2MException.noPrivilege("darq.tids names " + tid + ", which is no <token> of this CSE nor a token it cached");
            }
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        if (out.isEmpty()) {
            throw OneM2MException.badRequest("darq needs tokens (tkns) or tokenIDs (tids), at least one (TS-0004 6.3.5.58)");
        }
        return out;
    }

    private String storedToken(ResourceTree tx, String tokenId) {
        for (Resource r : tx.naming(TokenType.TOKEN_ID, List.of(tokenId), cse.cseName(), 1)) {
            if (r.ty == ResourceTypes.TOKEN) {
                return TokenType.tokenObject(r);
            }
        }
        return null;
    }

    private static List<String> strings(Object v, String name) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l) || l.stream().anyMatch(o -> !(o instanceof String s) || s.isBlank())) {
            throw OneM2MException.badRequest(name + " must be a list of strings");
        }
        return l.stream().map(o -> ((String) o).trim()).toList();
    }

    /** Whether an originator is the AE of a decision point: an AE-ID in the dap of an enabled consultation. */
    private boolean isDecisionPoint(ResourceTree tx, String from) {
        String who = ownership.localId(from);
        for (Resource dac : tx.ofType(ResourceTypes.DYNAMIC_AUTHORIZATION_CONSULTATION)) {
            if (DynamicAuthorizationConsultationType.enabled(dac)) {
                for (Object entry : (List<?>) dac.get(DynamicAuthorizationConsultationType.POINT_OF_ACCESS)) {
                    if (!NotificationTargets.URL.matcher(String.valueOf(entry)).matches()
                            && ownership.localId(String.valueOf(entry)).equals(who)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The App-ID of a registered AE, which chooses the key of its signatures; null for none. */
    private String appId(ResourceTree tx, String aeId) {
        Resource ae = tx.find(ownership.localId(aeId));
        return ae != null && ae.ty == ResourceTypes.AE && ae.get("api") instanceof String api ? api : null;
    }
}
