package io.keel.core.resource.types;

import io.keel.core.access.Permission;
import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code <authorizationDecision>} (ty 35, m2m:auds), TS-0004 7.4.43; TS-0001 9.6.41: a PDP. The CSE binds its own
 * access decision to every one: an Update giving to, fr and op (and optionally the other request attributes) is an
 * access control decision request, answered in dec (1 PERMIT, 2 DENY) and sus (m2m:authorizationStatus); the
 * request attributes are not kept.
 */
public final class AuthorizationDecisionType extends AuthorizationFunctionType {
    static final String DECISION = "dec";
    static final long PERMIT = 1;
    static final long DENY = 2;
    /** The attributes of an access control decision request (TS-0004 7.4.43.2.3 step 1a). */
    private static final List<String> REQUEST = List.of("to", "fr", "op", "rrt", "fu", "rids", "tids", "tkns", "rtm", "olo", "oip");

    AuthorizationDecisionType(Supplier<AuthorizationFunctions> functions) {
        super(ResourceTypes.AUTHORIZATION_DECISION, "auds", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.readOnly(DECISION, AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.readOnly(AuthorizationStatus.ATTRIBUTE, AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.optional("to", AttributeType.ANY_URI),
                AttributeDef.optional("fr", AttributeType.ID),
                AttributeDef.optional("op", AttributeType.OPERATION),
                AttributeDef.optional("rrt", AttributeType.RESOURCE_TYPE),
                AttributeDef.optional("fu", AttributeType.POSITIVE_INTEGER),
                AttributeDef.optional("rids", AttributeType.LIST),
                AttributeDef.optional("tids", AttributeType.LIST),
                AttributeDef.optional("tkns", AttributeType.LIST),
                AttributeDef.optional("rtm", AttributeType.TIMESTAMP),
                AttributeDef.optional("olo", AttributeType.ANY),
                AttributeDef.optional("oip", AttributeType.ANY)), "decision", REQUEST, List.of("to", "fr", "op"), functions);
    }

    /** TS-0004 7.4.43.2.3 step 1a: the values beyond their types. */
    @Override
    void validate(ResourceOperation op) {
        if (op.given.get("oip") != null && !(op.given.get("oip") instanceof Map<?, ?> oip && (oip.get("ip4") instanceof String
                || oip.get("ip6") instanceof String))) {
            throw OneM2MException.badRequest("oip must be an m2m:ipAddress: {\"ip4\": ...} or {\"ip6\": ...}");
        }
        if (op.given.get("fu") instanceof Number fu && (fu.longValue() < 1 || fu.longValue() > 3)) {
            throw OneM2MException.badRequest("fu must be a filterUsage: 1 (discovery), 2 (conditional operation) or 3 (IPE on-demand discovery)");
        }
    }

    /** Decided as a request from fr on to would be (TS-0004 7.4.43.2.3): dec and sus. */
    @Override
    AuthorizationStatus answer(ResourceOperation op, AuthorizationFunctions functions) {
        op.resource.attributes.remove(DECISION);
        Boolean permit = functions.decide(op.tree, asked(op.given), permission(op.given), (String) op.given.get("to"));
        if (permit == null) {
            return AuthorizationStatus.NOT_APPLICABLE;
        }
        op.resource.attributes.put(DECISION, permit ? PERMIT : DENY);
        return AuthorizationStatus.OK;
    }

    /** The request the decision is about, as if the originator fr had sent it. */
    private static RequestPrimitive asked(Map<String, Object> given) {
        RequestPrimitive req = new RequestPrimitive();
        req.from = (String) given.get("fr");
        req.to = (String) given.get("to");
        req.operation = Operation.of(((Number) given.get("op")).intValue());
        if (given.get("oip") instanceof Map<?, ?> oip) {
            req.originatorAddress = (String) (oip.get("ip4") != null ? oip.get("ip4") : oip.get("ip6"));
        }
        if (given.get("rids") instanceof List<?> rids) {
            rids.forEach(r -> req.roleIds.add(String.valueOf(r)));
        }
        if (given.get("tids") instanceof List<?> tids) {
            tids.forEach(t -> req.tokenIds.add(String.valueOf(t)));
        }
        return req;
    }

    /** A Retrieve with filterUsage discovery asks for the discovery privilege (TS-0004 7.3.3.14). */
    private static Permission permission(Map<String, Object> given) {
        Operation operation = Operation.of(((Number) given.get("op")).intValue());
        if (operation == Operation.RETRIEVE && given.get("fu") instanceof Number fu && fu.longValue() == 1) {
            return Permission.DISCOVERY;
        }
        return Permission.of(operation);
    }
}
