package io.keel.core.semantic;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.SemanticDescriptorType;
import io.keel.core.store.ResourceSearch;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * relatedSemantics of a {@code <semanticDescriptor>} (TS-0004 table 7.4.34.1-3; the resource link-based method of
 * TS-0004 7.3.3.18.2): the other descriptors whose triples join its own in the graph a semanticsFilter is evaluated
 * over. An address of this CSE counts when it names a {@code <semanticDescriptor>} that exists and that the
 * originator may see (Discover for discovery, Retrieve for a query: {@code visibility}); one of another CSE is read
 * from there by the operation, as the originator. An address that names nothing, or no descriptor, adds nothing.
 */
public final class RelatedSemantics {
    private final DescriptorLinks links;

    public RelatedSemantics(DescriptorLinks links) {
        this.links = links;
    }

    /** The addresses a descriptor names, sorted: descriptors of this CSE (their ri), and addresses of other CSEs. */
    public record Linked(Set<String> local, Set<String> remote) {
        public boolean isEmpty() {
            return local.isEmpty() && remote.isEmpty();
        }
    }

    /** The descriptors at and below {@code root} (at most {@code maxDepth} deep) that have relatedSemantics, at most {@code limit}. */
    public static List<Resource> linking(ResourceSearch search, Resource root, Integer maxDepth, Visibility visibility, int limit) {
        FilterCriteria withLinks = new FilterCriteria();
        withLinks.resourceTypes.add(ResourceTypes.SEMANTIC_DESCRIPTOR);
        withLinks.attributes.add(new FilterCriteria.AttributeCondition(SemanticDescriptorType.RELATED_SEMANTICS, "*"));
        return search.discoverReferences(root, withLinks, visibility, maxDepth, 0, limit);
    }

    /** What the relatedSemantics of the stored descriptor {@code ri} name. */
    public Linked of(ResourceTree tree, ResourceSearch search, Visibility visibility, String ri) {
        Resource descriptor = tree.find(ri);
        return descriptor == null ? new Linked(Set.of(), Set.of()) : of(tree, search, visibility, addresses(descriptor.get(
                SemanticDescriptorType.RELATED_SEMANTICS)));
    }

    /** What the addresses name. */
    public Linked of(ResourceTree tree, ResourceSearch search, Visibility visibility, List<String> addresses) {
        Set<String> local = new LinkedHashSet<>();
        Set<String> remote = new LinkedHashSet<>();
        for (String address : addresses) {
            if (links.remote(address)) {
                remote.add(address);
                continue;
            }
            Resource r = links.local(tree, address);
            if (r != null && r.ty == ResourceTypes.SEMANTIC_DESCRIPTOR && visible(tree, search, visibility, r)) {
                local.add(r.ri);
            }
        }
        return new Linked(local, remote);
    }

    /** A relatedSemantics value as a list of addresses. */
    public static List<String> addresses(Object rels) {
        List<String> out = new ArrayList<>();
        if (rels instanceof List<?> l) {
            l.forEach(a -> out.add(String.valueOf(a)));
        }
        return out;
    }

    /** Whether the originator may see the descriptor: one lookup below its parent, by its name. */
    private static boolean visible(ResourceTree tree, ResourceSearch search, Visibility visibility, Resource descriptor) {
        Resource parent = descriptor.pi == null ? null : tree.find(descriptor.pi);
        if (parent == null) {
            return false;
        }
        FilterCriteria named = new FilterCriteria();
        named.resourceTypes.add(ResourceTypes.SEMANTIC_DESCRIPTOR);
        named.attributes.add(new FilterCriteria.AttributeCondition("rn", descriptor.rn));
        return !search.discoverReferences(parent, named, visibility, parent.depth() + 1, 0, 1).isEmpty();
    }
}
