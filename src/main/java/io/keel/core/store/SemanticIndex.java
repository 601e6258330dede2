package io.keel.core.store;

import java.util.List;

/**
 * The RDF triples of the semanticDescriptors (TS-0004 7.4.34), one graph per descriptor named by its ri, kept in the
 * store beside the resources and changed in the same transaction: semantic discovery reads them by index instead of
 * parsing descriptors. Terms are in N-Triples form ({@code <iri>}, {@code "lit"^^<dt>}, {@code _:label}).
 */
public interface SemanticIndex {
    /** One triple of a graph. */
    record Quad(String graph, String s, String p, String o) {
    }

    /** Replaces the triples of a graph (the resource named {@code graph} exists). */
    void replace(String graph, List<Quad> triples);

    /**
     * {@link #replace(String, List)} for the graph of a semanticDescriptor, with the resource it describes (its parent),
     * which an index may keep to test candidates of a discovery by that resource; an index with no use for it ignores it.
     */
    default void replace(String graph, String described, List<Quad> triples) {
        replace(graph, triples);
    }

    /**
     * The triples matching a pattern, each of {@code graph}, {@code s}, {@code p}, {@code o} a term or null for any,
     * at most {@code limit} of them.
     */
    List<Quad> find(String graph, String s, String p, String o, int limit);

    /**
     * Which of {@code kinds} the CSE holds at all; an index that cannot tell for relatedSemantics or announced
     * descriptors says it may (the callers then look below their target).
     */
    default DescriptorLinkage linkage(DescriptorLinkage.Kinds kinds) {
        return new DescriptorLinkage(true, !find(null, null, kinds.annotation(), null, 1).isEmpty(), true);
    }
}
