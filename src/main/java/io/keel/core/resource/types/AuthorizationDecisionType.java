package io.keel.core.resource.types;

import io.keel.core.access.Permission;
import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code <authorizationDecision>} (ty 35, m2m:auds), TS-0004 7.4.43; TS-0001 9.6.41: a PDP. The CSE binds its own
 * access decision to every one: an Update giving to, fr and op (and optionally the other request attributes) is an
 * access control decision request, answered in dec (1 PERMIT, 2 DENY) and sus (m2m:authorizationStatus); the
 * request attributes are not kept.
 */
public final class AuthorizationDecisionType extends ResourceType {
    static final String DECISION = "dec";
    static final long PERMIT = 1;
    static final long DENY = 2;
    /** The attributes of an access control decision request (TS-0004 7.4.43.2.3 step 1a). */
    private static final List<String> REQUEST = List.of("to", "fr", "op", "rrt", "fu", "rids", "tids", "tkns", "rtm", "olo", "oip");
    private static final Logger LOG = Logger.getLogger(AuthorizationDecisionType.class.getName());
    private final Supplier<AuthorizationFunctions> functions;

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
                AttributeDef.optional("oip", AttributeType.ANY)));
        this.functions = functions;
    }

    /** TS-0004 table 7.4.43.1-4 (Keel has no transaction). */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION);
    }

    /** A Create takes no request: what it gave is not kept (nothing is decided before an Update asks). */
    @Override
    public void prepareCreate(ResourceOperation op) {
        REQUEST.forEach(op.resource.attributes::remove);
    }

    /**
     * TS-0004 7.4.43.2.3: an Update with any of the request attributes is a decision request; it must give to, fr and op
     * and nothing else but request attributes (4000). An Update without any (lbl, et, acpi) is an ordinary one.
     */
    @Override
    public void prepareUpdate(ResourceOperation op) {
        if (REQUEST.stream().noneMatch(op.given::containsKey)) {
            return;
        }
        for (String sn : op.given.keySet()) {
            if (!REQUEST.contains(sn)) {
                throw OneM2MException.badRequest("an access control decision request (an update of to, fr, op, ...) cannot also"
                        + " update " + sn);
            }
        }
        for (String sn : List.of("to", "fr", "op")) {
            if (op.given.get(sn) == null) {
                throw OneM2MException.badRequest("an access control decision request needs " + sn);
            }
        }
        if (op.given.get("oip") != null && !(op.given.get("oip") instanceof Map<?, ?> oip && (oip.get("ip4") instanceof String
                || oip.get("ip6") instanceof String))) {
            throw OneM2MException.badRequest("oip must be an m2m:ipAddress: {\"ip4\": ...} or {\"ip6\": ...}");
        }
        if (op.given.get("fu") instanceof Number fu && (fu.longValue() < 1 || fu.longValue() > 3)) {
            throw OneM2MException.badRequest("fu must be a filterUsage: 1 (discovery), 2 (conditional operation) or 3 (IPE on-demand discovery)");
        }
        AuthorizationStatus status;
        Long decision = null;
        try {
            Boolean permit = functions.get().decide(op.tree, asked(op.given), permission(op.given), (String) op.given.get("to"));
            status = permit == null ? AuthorizationStatus.NOT_APPLICABLE : AuthorizationStatus.OK;
            decision = permit == null ? null : permit ? PERMIT : DENY;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "access control decision request on " + op.resource.ri + " failed", e);
            status = AuthorizationStatus.PROCESSING_ERROR;
        }
        // The request is not kept (TS-0004 7.4.43.2.3 step 7): only what was decided.
        REQUEST.forEach(op.resource.attributes::remove);
        op.resource.attributes.remove(DECISION);
        if (decision != null) {
            op.resource.attributes.put(DECISION, decision);
        }
        op.resource.attributes.put(AuthorizationStatus.ATTRIBUTE, status.value);
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
