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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code <authorizationPolicy>} (ty 36, m2m:aupy), TS-0004 7.4.44; TS-0001 9.6.42: a PRP. The CSE binds its own
 * policies to every one: an Update of to is an access control policy request, answered in ps (m2m:setOfPermissions:
 * the setOfAcrs of the accessControlPolicies governing that resource), ca (1, PERMIT_OVERRIDES: any rule of any
 * policy grants, as Keel decides) and sus; to is not kept.
 */
public final class AuthorizationPolicyType extends ResourceType {
    static final String POLICIES = "ps";
    static final String COMBINING_ALGORITHM = "ca";
    static final long PERMIT_OVERRIDES = 1;
    private static final Logger LOG = Logger.getLogger(AuthorizationPolicyType.class.getName());
    private final Supplier<AuthorizationFunctions> functions;

    AuthorizationPolicyType(Supplier<AuthorizationFunctions> functions) {
        super(ResourceTypes.AUTHORIZATION_POLICY, "aupy", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.readOnly(POLICIES, AttributeType.ANY),
                AttributeDef.readOnly(COMBINING_ALGORITHM, AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.readOnly(AuthorizationStatus.ATTRIBUTE, AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.optional("to", AttributeType.ANY_URI)));
        this.functions = functions;
    }

    /** TS-0004 table 7.4.44.1-4 (Keel has no transaction). */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION);
    }

    @Override
    public void prepareCreate(ResourceOperation op) {
        op.resource.attributes.remove("to");
    }

    /** TS-0004 7.4.44.2.3: an Update of to must update nothing else (4000); one without to is an ordinary one. */
    @Override
    public void prepareUpdate(ResourceOperation op) {
        if (!op.given.containsKey("to")) {
            return;
        }
        if (op.given.size() > 1 || op.given.get("to") == null) {
            throw OneM2MException.badRequest("an access control policy request updates to, and to only");
        }
        op.resource.attributes.remove("to");
        op.resource.attributes.remove(POLICIES);
        op.resource.attributes.remove(COMBINING_ALGORITHM);
        AuthorizationStatus status;
        try {
            List<Map<String, Object>> found = functions.get().policies(op.tree, (String) op.given.get("to"));
            if (found == null || found.isEmpty()) {
                status = AuthorizationStatus.NOT_APPLICABLE;
            } else {
                op.resource.attributes.put(POLICIES, Map.of("pv", found)); // m2m:setOfPermissions: privileges 0..n
                op.resource.attributes.put(COMBINING_ALGORITHM, PERMIT_OVERRIDES);
                status = AuthorizationStatus.OK;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "access control policy request on " + op.resource.ri + " failed", e);
            status = AuthorizationStatus.PROCESSING_ERROR;
        }
        op.resource.attributes.put(AuthorizationStatus.ATTRIBUTE, status.value);
    }
}
