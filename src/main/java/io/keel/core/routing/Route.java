package io.keel.core.routing;

import io.keel.core.resource.Resource;
import io.keel.core.resource.VirtualChild;

/**
 * Where a request goes, decided once from its To parameter before any operation runs (TS-0004 7.3.2): a stored
 * resource of this CSE, a virtual child of one, a group's fanOutPoint, or another CSE.
 */
public sealed interface Route {
    /** The stored resource the route reaches on this CSE (for a virtual child or fan-out, its parent); null if remote. */
    Resource resource();

    /** A stored resource of this CSE. */
    record Local(Resource resource) implements Route {
    }

    /** A virtual child ({@code la}, {@code ol}, {@code pcu}) of a stored resource, answered by its handler. */
    record Virtual(VirtualChild child, Resource parent) implements Route {
        @Override
        public Resource resource() {
            return parent;
        }
    }

    /**
     * A group's fanOutPoint (TS-0004 7.4.14), with the path that followed it ({@code fopt/la}: {@code la}), to be
     * appended to each member's ID; null when nothing follows.
     */
    record FanOut(Resource group, VirtualChild point, String relativePath) implements Route {
        @Override
        public Resource resource() {
            return group;
        }
    }

    /**
     * A resource of another CSE (TS-0001 10.2.3): the other service provider's ID (null when it is this CSE's own),
     * the CSE-ID (null when the To names none), and the CSE to pass the request to (TS-0004 7.3.2.6), null when this
     * CSE knows none or when it was not looked for ({@link Router#route(io.keel.core.store.ResourceTree, String)}).
     */
    record Remote(String spId, String cseId, NextHop nextHop) implements Route {
        @Override
        public Resource resource() {
            return null;
        }
    }
}
