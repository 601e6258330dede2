package io.keel.core.semantic;

import io.keel.core.resource.Resource;
import io.keel.core.store.ResourceTree;

/** Where an address in a relatedSemantics list leads: a resource of this CSE, another CSE, or nowhere. */
public interface DescriptorLinks {
    /** Addresses as this CSE's ri or structured name only (no routing known). */
    DescriptorLinks CSE_RELATIVE = new DescriptorLinks() {
        @Override
        public Resource local(ResourceTree tree, String address) {
            Resource r = tree.find(address);
            return r != null ? r : tree.findByStructuredName(address);
        }

        @Override
        public boolean remote(String address) {
            return false;
        }
    };

    /** The stored resource of this CSE the address names; null when none does (or it is of another CSE). */
    Resource local(ResourceTree tree, String address);

    /** Whether the address names a resource of another CSE. */
    boolean remote(String address);
}
