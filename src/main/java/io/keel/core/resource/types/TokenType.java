package io.keel.core.resource.types;

import io.keel.core.access.token.AuthorizationAuthority;
import io.keel.core.access.token.TokenAuthority;
import io.keel.core.access.token.TokenClaims;
import io.keel.core.access.token.TokenSettings;
import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code <token>} (ty 32, m2m:tk), TS-0004 7.4.41; TS-0001 9.6.39: a token issued to an originator, kept in this CSE as
 * token repository. Its tokenObject (a oneM2M JWT, TS-0003 7.3.2.6) is the token; the other attributes are its claims,
 * which this CSE reads from it. A Create gives tkob, a token of this CSE's issuer; or, from the Authorization Authority
 * only, the claims without tkob, and this CSE issues the token (TS-0003 7.4.2.3 steps 1–3) with its signing key.
 * A request names a stored token by its tokenID in tids.
 */
public final class TokenType extends ResourceType {
    public static final String TOKEN_ID = "tkid";
    public static final String TOKEN_OBJECT = "tkob";
    private static final String VERSION = "vr";
    private static final String ISSUER = "tkis";
    private static final String HOLDER = "tkhd";
    private static final String NOT_BEFORE = "tknb";
    private static final String NOT_AFTER = "tkna";
    private static final String NAME = "tknm";
    private static final String AUDIENCE = "tkau";
    private static final String PERMISSIONS = "tkps";
    private static final String EXTENSION = "tkex";
    private volatile TokenAuthority authority = new TokenAuthority(new TokenSettings(null, "", "//unset/unset", 0), null);

    public TokenType() {
        super(ResourceTypes.TOKEN, "tk", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                // TS-0004 table 7.4.41.1-3: tkid and tkob M, the claims O, all NP on Update. Keel lets the Authorization
                // Authority leave out tkob and tkid to have the token issued.
                AttributeDef.createOnly(TOKEN_ID, AttributeType.GLOBAL_ID, Presence.OPTIONAL),
                AttributeDef.createOnly(TOKEN_OBJECT, AttributeType.STRING, Presence.OPTIONAL),
                AttributeDef.createOnly(VERSION, AttributeType.STRING, Presence.OPTIONAL),
                AttributeDef.createOnly(ISSUER, AttributeType.ID, Presence.OPTIONAL),
                AttributeDef.createOnly(HOLDER, AttributeType.ID, Presence.OPTIONAL),
                AttributeDef.createOnly(NOT_BEFORE, AttributeType.TIMESTAMP, Presence.OPTIONAL),
                AttributeDef.createOnly(NOT_AFTER, AttributeType.TIMESTAMP, Presence.OPTIONAL),
                AttributeDef.createOnly(NAME, AttributeType.STRING, Presence.OPTIONAL),
                AttributeDef.createOnly(AUDIENCE, AttributeType.LIST_OF_URIS, Presence.OPTIONAL),
                AttributeDef.createOnly(PERMISSIONS, AttributeType.TOKEN_PERMISSIONS, Presence.OPTIONAL),
                AttributeDef.createOnly(EXTENSION, AttributeType.STRING, Presence.OPTIONAL)));
    }

    /** The CSE's issuer and verifier, set once at start. */
    public void authorityWith(TokenAuthority authority) {
        this.authority = authority;
    }

    /** TS-0004 table 7.4.41.1-4 (Keel has no transaction). */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void prepareCreate(ResourceOperation op) {
        Map<String, Object> a = op.resource.attributes;
        TokenClaims claims;
        String token = (String) a.get(TOKEN_OBJECT);
        if (token == null) {
            if (!AuthorizationAuthority.is(op.request.from, op.cse)) {
                throw OneM2MException.noPrivilege("tkob (tokenObject) is missing: only the Authorization Authority (the"
                        + " administrator originator) has this CSE issue tokens");
            }
            if (a.get(HOLDER) == null) {
                throw OneM2MException.badRequest("tkhd (holder) is missing: the originator the token is issued to");
            }
            TokenAuthority.Issued issued = authority.issue((String) a.get(TOKEN_ID), (String) a.get(HOLDER),
                    (Instant) a.get(NOT_BEFORE), (Instant) a.get(NOT_AFTER), (String) a.get(NAME), (List<String>) a.get(AUDIENCE),
                    (Map<String, Object>) a.get(PERMISSIONS), (String) a.get(EXTENSION), op.now);
            claims = issued.claims();
            token = issued.token();
        } else {
            try {
                claims = authority.authentic(token);
            } catch (OneM2MException e) {
                throw OneM2MException.badRequest("tkob (tokenObject): " + e.getMessage());
            }
            agree(a, claims);
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        if (a.get(ACCESS_CONTROL_POLICY_IDS) != null) {
            stored.put(ACCESS_CONTROL_POLICY_IDS, a.get(ACCESS_CONTROL_POLICY_IDS));
        }
        stored.putAll(representation(claims));
        stored.put(TOKEN_OBJECT, token);
        a.clear();
        a.putAll(stored);
    }

    /** The claims a Create gives beside tkob must be the token's own (4000 naming the first that differs). */
    private static void agree(Map<String, Object> given, TokenClaims claims) {
        Map<String, Object> actual = representation(claims);
        for (String sn : List.of(TOKEN_ID, VERSION, ISSUER, HOLDER, NOT_BEFORE, NOT_AFTER, NAME, AUDIENCE, PERMISSIONS, EXTENSION)) {
            Object g = given.get(sn) instanceof Instant t ? Timestamps.format(t) : given.get(sn);
            if (g != null && !Objects.equals(g, actual.get(sn))) {
                throw OneM2MException.badRequest(sn + " differs from the claim of the same name in tkob (tokenObject)");
            }
        }
    }

    private static Map<String, Object> representation(TokenClaims c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(TOKEN_ID, c.tokenId());
        m.put(VERSION, c.version());
        m.put(ISSUER, c.issuer());
        m.put(HOLDER, c.holder());
        m.put(NOT_BEFORE, Timestamps.format(c.notBefore()));
        m.put(NOT_AFTER, Timestamps.format(c.notAfter()));
        if (c.name() != null) {
            m.put(NAME, c.name());
        }
        if (!c.audience().isEmpty()) {
            m.put(AUDIENCE, c.audience());
        }
        if (c.permissions() != null) {
            m.put(PERMISSIONS, c.permissions());
        }
        if (c.extension() != null) {
            m.put(EXTENSION, c.extension());
        }
        return m;
    }

    /** The token a stored {@code <token>} resource holds. */
    public static String tokenObject(Resource r) {
        return (String) r.get(TOKEN_OBJECT);
    }
}
