package io.keel.core.access;

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
import java.util.List;
import java.util.Map;

/**
 * The CSE as the PDP and PRP of distributed authorization (TS-0003 7.5, TS-0004 7.4.43, 7.4.44): it decides an access
 * control decision request as it decides requests it receives ({@link AccessPolicy}), and answers an access control
 * policy request with the rules of the policies governing the resource. Only resources of this CSE are decided.
 */
public final class LocalAuthorization implements AuthorizationFunctions {
    private final AccessPolicy access;
    private final Router router;
    private final TypeRegistry types;

    public LocalAuthorization(AccessPolicy access, Router router, TypeRegistry types) {
        this.access = access;
        this.router = router;
        this.types = types;
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

    private Resource local(ResourceTree tree, String to) {
        try {
            return router.route(tree, to) instanceof Route.Local local ? local.resource() : null;
        } catch (OneM2MException e) {
            return null;
        }
    }
}
