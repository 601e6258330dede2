package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code <authorizationInformation>} (ty 37, m2m:auif), TS-0004 7.4.45; TS-0001 9.6.43; TS-0003 7.5: a PIP. An Update
 * of fr (with rids and tids to narrow it) is an access control information request for the roles and tokens this CSE
 * keeps for that originator ({@link AuthorizationFunctions#information}). The response carries them as the child
 * resources of the representation ({@code m2m:rol}, {@code m2m:tk}) with sus 1 (OK), or sus 2 (NOT_APPLICABLE) when
 * there are none; neither the request nor the information is kept (TS-0004 7.4.45.2.3 step 6).
 */
public final class AuthorizationInformationType extends ResourceType {
    /** The attributes of an access control information request (TS-0004 7.4.45.2.3 step 1a). */
    private static final List<String> REQUEST = List.of("fr", "rids", "tids");
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(AuthorizationInformationType.class.getName());
    private final Supplier<AuthorizationFunctions> functions;

    AuthorizationInformationType(Supplier<AuthorizationFunctions> functions) {
        super(ResourceTypes.AUTHORIZATION_INFORMATION, "auif", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.readOnly(AuthorizationStatus.ATTRIBUTE, AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.optional("fr", AttributeType.ID),
                AttributeDef.optional("rids", AttributeType.LIST),
                AttributeDef.optional("tids", AttributeType.LIST)));
        this.functions = functions;
    }

    /** TS-0004 table 7.4.45.1-4 (Keel has no transaction). */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION);
    }

    @Override
    public void prepareCreate(ResourceOperation op) {
        REQUEST.forEach(op.resource.attributes::remove);
    }

    /**
     * TS-0004 7.4.45.2.3: an Update of fr (with rids and tids, the information asked for) must update nothing else and
     * must give fr (4000); one without any of them is an ordinary one.
     */
    @Override
    public void prepareUpdate(ResourceOperation op) {
        if (REQUEST.stream().noneMatch(op.given::containsKey)) {
            return;
        }
        if (!REQUEST.containsAll(op.given.keySet()) || op.given.get("fr") == null) {
            throw OneM2MException.badRequest("an access control information request gives fr (and rids, tids), and nothing else");
        }
        List<String> roleIds = strings(op.given.get("rids"), "rids");
        List<String> tokenIds = strings(op.given.get("tids"), "tids");
        AuthorizationStatus status;
        Map<String, List<Map<String, Object>>> found = Map.of();
        try {
            found = functions.get().information(op.tree, (String) op.given.get("fr"), roleIds, tokenIds);
            status = found.isEmpty() ? AuthorizationStatus.NOT_APPLICABLE : AuthorizationStatus.OK;
        } catch (RuntimeException e) {
            LOG.log(java.util.logging.Level.WARNING, "access control information request on " + op.resource.ri + " failed", e);
            status = AuthorizationStatus.PROCESSING_ERROR;
        }
        REQUEST.forEach(op.resource.attributes::remove);
        op.resource.attributes.put(AuthorizationStatus.ATTRIBUTE, status.value);
        found.forEach(op::answer);
    }

    /** rids and tids: lists of role IDs and tokenIDs, strings (TS-0004 7.4.45.2.3 step 1c). */
    private static List<String> strings(Object value, String sn) {
        if (value == null) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        for (Object o : (List<?>) value) {
            if (!(o instanceof String s) || s.isEmpty()) {
                throw OneM2MException.badRequest(sn + " must be a list of " + (sn.equals("rids") ? "role IDs" : "tokenIDs") + " (strings)");
            }
            out.add(s);
        }
        return out;
    }
}
