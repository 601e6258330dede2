package io.keel.core.operation;

import io.keel.core.resource.Resource;
import io.keel.core.routing.Route;
import io.keel.core.routing.Router;
import io.keel.core.semantic.DescriptorLinks;
import io.keel.core.store.ResourceTree;
import io.keel.primitive.OneM2MException;

/** relatedSemantics addresses as the router reads any To: CSE-relative, SP-relative or absolute. */
final class RoutedDescriptorLinks implements DescriptorLinks {
    private final Router router;

    RoutedDescriptorLinks(Router router) {
        this.router = router;
    }

    @Override
    public Resource local(ResourceTree tree, String address) {
        try {
            return router.route(tree, address) instanceof Route.Local local ? local.resource() : null;
        } catch (OneM2MException none) {
            return null;
        }
    }

    @Override
    public boolean remote(String address) {
        try {
            return router.isRemote(address);
        } catch (OneM2MException malformed) {
            return false;
        }
    }
}
