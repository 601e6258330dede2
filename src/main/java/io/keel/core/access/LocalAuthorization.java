package io.keel.core.access;

import io.keel.core.Clock;
import io.keel.core.CseIdentity;
import io.keel.core.access.token.TokenAuthority;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.AccessControlPolicyType;
import io.keel.core.resource.types.AuthorizationFunctions;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.routing.Route;
import io.keel.core.routing.Router;
import io.keel.core.store.ResourceTree;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSE as the PDP and PRP of distributed authorization (TS-0003 7.5, TS-0004 7.4.43, 7.4.44): it decides an access
 * control decision request as it decides requests it receives ({@link AccessPolicy}), and answers an access control
 * policy request with the rules of the policies governing the resource. Only resources of this CSE are decided. As
 * the PIP it gives the roles and tokens it keeps for an originator.
 */
public final class LocalAuthorization implements AuthorizationFunctions {
    private final AccessPolicy access;
    private final Router router;
    private final TypeRegistry types;
    private final ProvenCredentials credentials;
    private final OwnershipRules ownership;
    private final Clock clock;

    /** @param tokens how the tokens the PIP gives are verified: as the access decision verifies them */
    public LocalAuthorization(AccessPolicy access, Router router, TypeRegistry types, CseIdentity cse, TokenAuthority tokens,
                              Clock clock) {
        this.access = access;
        this.router = router;
        this.types = types;
        this.ownership = new OwnershipRules(cse);
        this.credentials = new ProvenCredentials(cse, tokens, ownership::localId);
        this.clock = clock;
    }

    @Override
    public Boolean decide(ResourceTree tree, RequestPrimitive asked, Permission permission, String to) {
        Resource target = local(tree, to);
        return target == null ? null : access.allows(tree, asked, permission, target);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> policies(ResourceTree tree, String to) {
        Resource target = local(tree, to);
        if (target == null) {
            return null;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        if (target.ty == ResourceTypes.ACCESS_CONTROL_POLICY) {
            out.add((Map<String, Object>) target.get(AccessControlPolicyType.SELF_PRIVILEGES));
            return out;
        }
        Resource governed = target;
        if (!types.typeOf(target).hasAccessControlPolicyIds() && target.pi != null) {
            governed = tree.find(target.pi); // a contentInstance: its container's policies
        }
        for (String ri : GoverningPolicies.ids(governed == null ? null : governed.get(ResourceType.ACCESS_CONTROL_POLICY_IDS))) {
            Resource acp = tree.find(ri);
            if (acp != null && acp.ty == ResourceTypes.ACCESS_CONTROL_POLICY) {
                out.add((Map<String, Object>) acp.get(AccessControlPolicyType.PRIVILEGES));
            }
        }
        return out;
    }

    @Override
    public Map<String, List<Map<String, Object>>> information(ResourceTree tree, String from, List<String> roleIds,
                                                              List<String> tokenIds) {
        ProvenCredentials.Information found = credentials.information(tree, ownership.localId(from), roleIds, tokenIds, clock.now());
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        if (!found.roles().isEmpty()) {
            out.put(types.typeOf(found.roles().get(0)).rootElement(), found.roles().stream().map(r -> types.typeOf(r).representation(r)).toList());
        }
        if (!found.tokens().isEmpty()) {
            out.put(types.typeOf(found.tokens().get(0)).rootElement(), found.tokens().stream().map(r -> types.typeOf(r).representation(r)).toList());
        }
        return out;
    }

    private Resource local(ResourceTree tree, String to) {
        try {
            return router.route(tree, to) instanceof Route.Local local ? local.resource() : null;
        } catch (OneM2MException e) {
            return null;
        }
    }
}
