package io.keel.core.resource.types;

import io.keel.core.CseIdentity;
import io.keel.core.access.token.AuthorizationAuthority;
import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code <role>} (ty 31, m2m:rol), TS-0004 7.4.40; TS-0001 9.6.38: a role the Authorization Authority assigns to an
 * originator (its holder) from notBefore to notAfter. A request naming the role ID in rids has the role while such a
 * resource of this CSE says it holds it (TS-0003 7.4.3 steps 2–4); see {@link io.keel.core.access.ProvenCredentials}.
 */
public final class RoleType extends ResourceType {
    public static final String ROLE_ID = "rlid";
    public static final String ISSUER = "tkis";
    public static final String HOLDER = "tkhd";
    public static final String NOT_BEFORE = "tknb";
    public static final String NOT_AFTER = "tkna";

    public RoleType() {
        super(ResourceTypes.ROLE, "rol", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                // TS-0004 table 7.4.40.1-3: all M on Create, NP on Update but tokenLink.
                AttributeDef.createOnly(ROLE_ID, AttributeType.GLOBAL_ID, Presence.MANDATORY),
                AttributeDef.createOnly(ISSUER, AttributeType.ID, Presence.MANDATORY),
                AttributeDef.createOnly(HOLDER, AttributeType.ID, Presence.MANDATORY),
                AttributeDef.createOnly(NOT_BEFORE, AttributeType.TIMESTAMP, Presence.MANDATORY),
                AttributeDef.createOnly(NOT_AFTER, AttributeType.TIMESTAMP, Presence.MANDATORY),
                AttributeDef.createOnly("rlnm", AttributeType.STRING, Presence.OPTIONAL),
                AttributeDef.optional("rltl", AttributeType.ANY_URI)));
    }

    /** TS-0004 table 7.4.40.1-4 (Keel has no transaction). */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION);
    }

    /** Assigning a role grants what policies give the role: the Authorization Authority alone does (4103). */
    @Override
    public void checkCreator(RequestPrimitive req, CseIdentity cse) {
        if (!AuthorizationAuthority.is(req.from, cse)) {
            throw OneM2MException.noPrivilege("only the Authorization Authority (the administrator originator) assigns roles");
        }
    }

    /** notBefore before notAfter (4000); both stored as m2m:timestamps. */
    @Override
    public void prepareCreate(ResourceOperation op) {
        Instant nbf = (Instant) op.resource.get(NOT_BEFORE);
        Instant naf = (Instant) op.resource.get(NOT_AFTER);
        if (!nbf.isBefore(naf)) {
            throw OneM2MException.badRequest("tkna (notAfter) must lie after tknb (notBefore)");
        }
        op.resource.attributes.put(NOT_BEFORE, Timestamps.format(nbf));
        op.resource.attributes.put(NOT_AFTER, Timestamps.format(naf));
    }

    /** Whether the role resource gives its role to this holder now. */
    public static boolean holds(Resource role, java.util.function.Predicate<String> isHolder, Instant now) {
        Object nbf = role.get(NOT_BEFORE);
        Object naf = role.get(NOT_AFTER);
        return nbf instanceof String b && naf instanceof String a && role.get(HOLDER) instanceof String h && isHolder.test(h)
                && !now.isBefore(Timestamps.parse(b, NOT_BEFORE)) && now.isBefore(Timestamps.parse(a, NOT_AFTER));
    }
}
