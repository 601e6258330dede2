package io.keel.core.semantic;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.SemanticDescriptorType;
import io.keel.core.semantic.LinkedDescriptor.LinkMethod;
import io.keel.core.store.ResourceSearch;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.SemanticIndex;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The descriptors whose triples join a {@code <semanticDescriptor>}'s own in the graph a SPARQL request is evaluated
 * over: those its relatedSemantics names (TS-0004 table 7.4.34.1-3, the resource link-based method of 7.3.3.18.2) or
 * its triples link with m2m:resourceDescriptorLink (the annotation-based method, 7.3.3.18.1), as {@link LinkMethod}
 * says, and theirs in turn ({@link LinkClosure}). An address of this CSE counts when it names a descriptor that
 * exists and that the originator may see (Discover for discovery, Retrieve for a query: {@code visibility}); one of
 * another CSE is read from there by the operation, as the originator ({@link FetchedDescriptors}), and what it links
 * is followed from what was read. An address that names nothing, or no descriptor, adds nothing.
 */
public final class RelatedSemantics {
    /** Most links one descriptor's triples are read for. */
    private static final int MAX_ANNOTATIONS = 1000;
    private static final int ANNOUNCED_DESCRIPTOR = 10_000 + ResourceTypes.SEMANTIC_DESCRIPTOR;
    /** Up to this many descriptors in reach, each is asked whether it holds an annotation link. */
    private static final int FEW_DESCRIPTORS = 64;
    private final DescriptorLinks links;

    public RelatedSemantics(DescriptorLinks links) {
        this.links = links;
    }

    /**
     * What descriptors reach: descriptors of this CSE (their ri, the start's included) and addresses of other CSEs.
     *
     * @param cut      a link was not followed: it was too far ({@link LinkClosure#MAX_DEPTH}) or too many were reached
     * @param dangling the addresses of this CSE that name no descriptor the originator may see
     */
    public record Reach(Set<String> local, Set<String> remote, boolean cut, Set<String> dangling) {
    }

    /** A descriptor of this CSE (ri) or one at an address of another CSE. */
    private record Node(String ri, String address) {
    }

    /** The descriptors at and below {@code root} (at most {@code maxDepth} deep) that have relatedSemantics, at most {@code limit}. */
    public static List<Resource> linking(ResourceSearch search, Resource root, Integer maxDepth, Visibility visibility, int limit) {
        FilterCriteria withLinks = new FilterCriteria();
        withLinks.resourceTypes.add(ResourceTypes.SEMANTIC_DESCRIPTOR);
        withLinks.attributes.add(new FilterCriteria.AttributeCondition(SemanticDescriptorType.RELATED_SEMANTICS, "*"));
        return search.discoverReferences(root, withLinks, visibility, maxDepth, 0, limit);
    }

    /**
     * Those of {@code descriptors} whose triples hold m2m:resourceDescriptorLink: a few descriptors one by one, many by
     * one lookup of every annotation of the CSE, unless there are more than {@code limit} of those.
     */
    public static Set<String> annotating(SemanticIndex index, Collection<String> descriptors, int limit) {
        Set<String> out = new LinkedHashSet<>();
        if (descriptors.size() > FEW_DESCRIPTORS) {
            List<SemanticIndex.Quad> all = index.find(null, null, ResourceDescriptorLink.TERM, null, limit + 1);
            if (all.size() <= limit) {
                all.stream().map(SemanticIndex.Quad::graph).filter(descriptors::contains).forEach(out::add);
                return out;
            }
        }
        for (String ri : descriptors) {
            if (!index.find(ri, null, ResourceDescriptorLink.TERM, null, 1).isEmpty()) {
                out.add(ri);
            }
        }
        return out;
    }

    /** What the descriptors {@code start} of this CSE reach, the descriptors of other CSEs as far as {@code fetched} holds them. */
    public Reach reach(ResourceTree tree, ResourceSearch search, SemanticIndex index, Visibility visibility,
                       Collection<String> start, FetchedDescriptors fetched, LinkMethod method, int maxNodes) {
        return closure(tree, search, index, visibility, start.stream().map(ri -> new Node(ri, null)).toList(), new LinkedHashSet<>(),
                fetched, method, maxNodes);
    }

    /** What the descriptors at {@code addresses} reach, those included: the links of a descriptor not stored (yet). */
    public Reach reachFrom(ResourceTree tree, ResourceSearch search, SemanticIndex index, Visibility visibility,
                           List<String> addresses, FetchedDescriptors fetched, LinkMethod method, int maxNodes) {
        Set<String> dangling = new LinkedHashSet<>();
        List<Node> start = new ArrayList<>();
        for (String address : addresses) {
            Node n = resolve(tree, search, visibility, fetched, address);
            if (n == null) {
                dangling.add(address);
            } else {
                start.add(n);
            }
        }
        return closure(tree, search, index, visibility, start, dangling, fetched, method, maxNodes);
    }

    private Reach closure(ResourceTree tree, ResourceSearch search, SemanticIndex index, Visibility visibility, List<Node> start,
                          Set<String> dangling, FetchedDescriptors fetched, LinkMethod method, int maxNodes) {
        LinkClosure.Reached<Node> reached = LinkClosure.of(start, n -> linked(tree, search, index, visibility, fetched, method, n,
                dangling), LinkClosure.MAX_DEPTH, maxNodes);
        Set<String> local = new LinkedHashSet<>();
        Set<String> remote = new LinkedHashSet<>();
        for (Node n : reached.nodes()) {
            if (n.ri() != null) {
                local.add(n.ri());
            } else {
                remote.add(n.address());
            }
        }
        return new Reach(local, remote, reached.cut(), dangling);
    }

    private List<Node> linked(ResourceTree tree, ResourceSearch search, SemanticIndex index, Visibility visibility,
                              FetchedDescriptors fetched, LinkMethod method, Node n, Set<String> dangling) {
        List<String> addresses;
        if (n.ri() == null) {
            LinkedDescriptor d = fetched.found().get(n.address());
            addresses = d == null ? List.of() : d.links(method);
        } else {
            Resource descriptor = tree.find(n.ri());
            if (descriptor == null) {
                return List.of();
            }
            Object rels = descriptor.get(SemanticDescriptorType.RELATED_SEMANTICS);
            List<String> related = rels == null ? null : addresses(rels);
            addresses = method == LinkMethod.MATCHING && related != null ? related
                    : method.links(related, annotated(index, n.ri()));
        }
        List<Node> out = new ArrayList<>();
        for (String address : addresses) {
            Node target = resolve(tree, search, visibility, fetched, address);
            if (target != null) {
                out.add(target);
            } else {
                dangling.add(address);
            }
        }
        return out;
    }

    /** Read from another CSE (or to be), a descriptor of this CSE the originator may see, or nothing. */
    private Node resolve(ResourceTree tree, ResourceSearch search, Visibility visibility, FetchedDescriptors fetched, String address) {
        if (fetched.found().containsKey(address) || links.remote(address)) {
            return new Node(null, address);
        }
        Resource r = links.local(tree, address);
        boolean descriptor = r != null && (r.ty == ResourceTypes.SEMANTIC_DESCRIPTOR || r.ty == ANNOUNCED_DESCRIPTOR);
        return descriptor && visible(tree, search, visibility, r) ? new Node(r.ri, null) : null;
    }

    /** The addresses a stored descriptor's triples link with m2m:resourceDescriptorLink. */
    private static List<String> annotated(SemanticIndex index, String ri) {
        List<String> out = new ArrayList<>();
        for (SemanticIndex.Quad q : index.find(ri, null, ResourceDescriptorLink.TERM, null, MAX_ANNOTATIONS)) {
            String a = ResourceDescriptorLink.address(Terms.decode(q.o()));
            if (a != null && !out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    /** A relatedSemantics value as a list of addresses. */
    public static List<String> addresses(Object rels) {
        List<String> out = new ArrayList<>();
        if (rels instanceof List<?> l) {
            l.forEach(a -> out.add(String.valueOf(a)));
        }
        return out;
    }

    /** Whether the originator may see the descriptor: one lookup below its parent, by its name (none to see everything). */
    private static boolean visible(ResourceTree tree, ResourceSearch search, Visibility visibility, Resource descriptor) {
        if (visibility.everything()) {
            return true;
        }
        Resource parent = descriptor.pi == null ? null : tree.find(descriptor.pi);
        if (parent == null) {
            return false;
        }
        FilterCriteria named = new FilterCriteria();
        named.resourceTypes.add(descriptor.ty);
        named.attributes.add(new FilterCriteria.AttributeCondition("rn", descriptor.rn));
        return !search.discoverReferences(parent, named, visibility, parent.depth() + 1, 0, 1).isEmpty();
    }
}
