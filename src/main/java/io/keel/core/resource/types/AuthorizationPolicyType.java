package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceTypes;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code <authorizationPolicy>} (ty 36, m2m:aupy), TS-0004 7.4.44; TS-0001 9.6.42: a PRP. The CSE binds its own
 * policies to every one: an Update of to is an access control policy request, answered in ps (m2m:setOfPermissions:
 * the setOfAcrs of the accessControlPolicies governing that resource), ca (1, PERMIT_OVERRIDES: any rule of any
 * policy grants, as Keel decides) and sus; to is not kept.
 */
public final class AuthorizationPolicyType extends AuthorizationFunctionType {
    static final String POLICIES = "ps";
    static final String COMBINING_ALGORITHM = "ca";
    static final long PERMIT_OVERRIDES = 1;

    AuthorizationPolicyType(Supplier<AuthorizationFunctions> functions) {
        super(ResourceTypes.AUTHORIZATION_POLICY, "aupy", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.readOnly(POLICIES, AttributeType.ANY),
                AttributeDef.readOnly(COMBINING_ALGORITHM, AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.readOnly(AuthorizationStatus.ATTRIBUTE, AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.optional("to", AttributeType.ANY_URI)), "policy", List.of("to"), List.of("to"), functions);
    }

    /** TS-0004 7.4.44.2.3: the rules of the policies governing to, combined as Keel combines them. */
    @Override
    AuthorizationStatus answer(ResourceOperation op, AuthorizationFunctions functions) {
        op.resource.attributes.remove(POLICIES);
        op.resource.attributes.remove(COMBINING_ALGORITHM);
        List<Map<String, Object>> found = functions.policies(op.tree, (String) op.given.get("to"));
        if (found == null || found.isEmpty()) {
            return AuthorizationStatus.NOT_APPLICABLE;
        }
        op.resource.attributes.put(POLICIES, Map.of("pv", found)); // m2m:setOfPermissions: privileges 0..n
        op.resource.attributes.put(COMBINING_ALGORITHM, PERMIT_OVERRIDES);
        return AuthorizationStatus.OK;
    }
}
