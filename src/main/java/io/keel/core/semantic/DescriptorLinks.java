package io.keel.core.semantic;

import io.keel.core.CseIdentity;
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

    /**
     * Addresses in the three forms (TS-0004 6.2.3), read as the CSE {@code cse} reads a To ({@link
     * CseIdentity#cseRelative}), where there is no router: one naming this CSE is its CSE-relative rest; any other
     * naming a CSE names another.
     */
    static DescriptorLinks of(CseIdentity cse) {
        return new DescriptorLinks() {
            @Override
            public Resource local(ResourceTree tree, String address) {
                String rest = cse.cseRelative(address);
                if (rest == null || rest.isEmpty()) {
                    return null;
                }
                int slash = rest.indexOf('/');
                if (slash < 0) {
                    Resource r = tree.find(rest);
                    return r != null ? r : tree.findByStructuredName(rest);
                }
                Resource first = tree.find(rest.substring(0, slash));
                return tree.findByStructuredName(first == null ? rest : first.srn + rest.substring(slash));
            }

            @Override
            public boolean remote(String address) {
                return cse.cseRelative(address) == null;
            }
        };
    }

    /** The stored resource of this CSE the address names; null when none does (or it is of another CSE). */
    Resource local(ResourceTree tree, String address);

    /** Whether the address names a resource of another CSE. */
    boolean remote(String address);
}
