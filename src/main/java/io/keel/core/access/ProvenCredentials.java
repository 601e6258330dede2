package io.keel.core.access;

import io.keel.core.CseIdentity;
import io.keel.core.access.token.TokenAuthority;
import io.keel.core.access.token.TokenClaims;
import io.keel.core.access.token.TokenPermissions;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.RoleType;
import io.keel.core.resource.types.TokenType;
import io.keel.core.store.CachedTokens.Relation;
import io.keel.core.store.ResourceTree;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The {@link Credentials} a request proves (TS-0003 7.4.3 steps 2–4, 7.3.2.3 step 7): a role ID in rids counts only
 * while a {@code <role>} of this CSE assigns it to the originator; the tokens in tkns, the stored {@code <token>}s
 * tids names and the tokens ltids names count only when this CSE verifies them for the originator, and then give their
 * permissions. A token that fails verification, a tokenID or Local-Token-ID naming none, refuses the request (step
 * 7.1.4: 4103, or 4000 for a token that is no JWT); an unproven role ID just grants nothing.
 */
public final class ProvenCredentials {
    private final CseIdentity cse;
    private final TokenAuthority tokens;
    private final UnaryOperator<String> localId;

    ProvenCredentials(CseIdentity cse, TokenAuthority tokens, UnaryOperator<String> localId) {
        this.cse = cse;
        this.tokens = tokens;
        this.localId = localId;
    }

    /** @param originator the originator in its CSE-relative form */
    Credentials of(ResourceTree tx, RequestPrimitive req, String originator, Instant now) {
        if (req.roleIds.isEmpty() && req.tokens.isEmpty() && req.tokenIds.isEmpty() && req.localTokenIds.isEmpty()) {
            return Credentials.NONE;
        }
        Predicate<String> isOriginator = id -> localId.apply(id).equals(originator);
        Set<String> roles = new HashSet<>();
        List<Credentials.Scoped> scoped = new ArrayList<>();
        for (TokenClaims token : tokens(tx, req, isOriginator, now).values()) {
            for (TokenPermissions.Permission p : token.permissionList()) {
                if (p.resourceIds().isEmpty()) {
                    roles.addAll(p.roleIds());
                } else {
                    List<String> ris = p.resourceIds().stream().map(localId).toList();
                    scoped.add(new Credentials.Scoped(ris, p.privileges() == null ? List.of()
                            : SetOfAcrs.rules(p.privileges(), localId), Set.copyOf(p.roleIds())));
                }
            }
        }
        for (Resource role : byId(tx, ResourceTypes.ROLE, RoleType.ROLE_ID, req.roleIds)) {
            if (RoleType.holds(role, isOriginator, now)) {
                roles.add((String) role.get(RoleType.ROLE_ID));
            }
        }
        return new Credentials(Set.copyOf(roles), List.copyOf(scoped));
    }

    /** The roles and stored tokens a PIP gives for an originator ({@link #information}). */
    record Information(List<Resource> roles, List<Resource> tokens) {
    }

    /**
     * What this CSE keeps for the originator (TS-0003 7.5 PIP): the {@code <role>}s assigning it a role now, and the
     * stored {@code <token>}s it may use here now, verified as {@link #of} verifies them; limited to {@code roleIds} and
     * {@code tokenIds} when they are not empty. A token that does not verify for it is not given, nor is any error said
     * about it: the information is what holds.
     *
     * @param originator the originator in its CSE-relative form
     */
    Information information(ResourceTree tx, String originator, List<String> roleIds, List<String> tokenIds, Instant now) {
        Predicate<String> isOriginator = id -> localId.apply(id).equals(originator);
        List<Resource> roles = new ArrayList<>();
        for (Resource role : roleIds.isEmpty() ? tx.children(cse.cseBaseRi(), ResourceTypes.ROLE)
                : byId(tx, ResourceTypes.ROLE, RoleType.ROLE_ID, roleIds)) {
            if (RoleType.holds(role, isOriginator, now)) {
                roles.add(role);
            }
        }
        List<Resource> stored = new ArrayList<>();
        for (Resource token : tokenIds.isEmpty() ? tx.children(cse.cseBaseRi(), ResourceTypes.TOKEN)
                : byId(tx, ResourceTypes.TOKEN, TokenType.TOKEN_ID, tokenIds)) {
            try {
                tokens.accepted(TokenType.tokenObject(token), isOriginator, now);
                stored.add(token);
            } catch (OneM2MException notForIt) {
                // expired, not yet valid, another holder or audience, or no longer verifiable with the configured key
            }
        }
        return new Information(roles, stored);
    }

    /** The verified tokens of the request, by the token itself (tkns, tids, ltids). */
    private Map<String, TokenClaims> tokens(ResourceTree tx, RequestPrimitive req, Predicate<String> isOriginator, Instant now) {
        Map<String, TokenClaims> out = new LinkedHashMap<>();
        for (String t : req.tokens) {
            out.put(t, tokens.accepted(t, isOriginator, now));
        }
        if (!req.tokenIds.isEmpty()) {
            Map<String, String> stored = new LinkedHashMap<>();
            for (Resource r : byId(tx, ResourceTypes.TOKEN, TokenType.TOKEN_ID, req.tokenIds)) {
                stored.put((String) r.get(TokenType.TOKEN_ID), TokenType.tokenObject(r));
            }
            for (String tid : req.tokenIds) {
                // A <token> of this CSE, else a token it cached (TS-0003 7.3.2.7.1 step 2.1).
                String t = stored.containsKey(tid) ? stored.get(tid) : tokens.localTokenIds().tokenOfId(tid, now);
                if (t == null) {
                    throw OneM2MException.noPrivilege("tids names " + tid + ", which is no <token> of this CSE nor a token it cached");
                }
                out.put(t, tokens.accepted(t, isOriginator, now));
            }
        }
        for (String lti : req.localTokenIds) {
            String t = tokens.localTokenIds().token(lti, now);
            if (t == null) {
                throw OneM2MException.noPrivilege("ltids names " + lti + ", which this CSE did not assign or which expired");
            }
            out.put(t, tokens.accepted(t, isOriginator, now));
        }
        return out;
    }

    /**
     * The {@code <role>}s or {@code <token>}s of this CSE (children of the CSEBase) whose ID attribute is one of
     * {@code ids}: an indexed lookup by value, however many the CSE holds.
     */
    private List<Resource> byId(ResourceTree tx, int type, String attribute, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return tx.naming(attribute, Set.copyOf(ids), cse.cseName(), Integer.MAX_VALUE).stream()
                .filter(r -> r.ty == type && cse.cseBaseRi().equals(r.pi)).toList();
    }

    /**
     * The Assigned Token Identifiers for the tokens the request carried (TS-0003 7.3.2.3 step 8.1; TS-0004 6.3.5.43
     * m2m:dynAuthLocalTokenIdAssignments), or null when it carried none. Call after they were verified.
     */
    Map<String, Object> assignments(RequestPrimitive req, String originator, String absoluteOriginator, Instant now) {
        if (req.tokens.isEmpty()) {
            return null;
        }
        // TS-0003 7.3.2.3 step 7.1.5: with auri the DAS keeps the relationship, and the holder kept is the originator.
        Relation relation = Boolean.TRUE.equals(req.authorizationRelationshipIndicator) ? Relation.INDIRECT : Relation.NONE;
        Predicate<String> isOriginator = id -> localId.apply(id).equals(originator);
        List<Object> ltia = new ArrayList<>();
        for (String t : req.tokens) {
            TokenClaims c = tokens.accepted(t, isOriginator, now);
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("lti", tokens.localTokenIds().assign(t, c, relation == Relation.NONE ? c.holder() : absoluteOriginator,
                    relation, null, now));
            a.put("tkid", c.tokenId());
            ltia.add(a);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ltia", ltia);
        return out;
    }
}
