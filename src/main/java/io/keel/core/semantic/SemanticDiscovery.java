package io.keel.core.semantic;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.DescriptorPatterns;
import io.keel.core.store.ResourceSearch;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.SemanticIndex;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementNamedGraph;

/**
 * The semanticsFilter condition of discovery (TS-0004 7.3.3.18, table 7.3.3.17-1 smf): a resource meets it when the
 * descriptor of one of its semanticDescriptor children that the originator may discover answers one of the queries.
 * A descriptor answers a query when the query's WHERE pattern has a solution in its graph (what the query would then
 * select, order or limit does not change whether it matches). All the descriptors are matched in one evaluation over
 * the indexed triples, the pattern inside {@code GRAPH ?g}; the solutions name the descriptors. A descriptor with
 * relatedSemantics that does not answer alone is matched again over its graph joined with those it names
 * (TS-0004 7.3.3.18.2, {@link RelatedSemantics}); addresses of other CSEs among them are not read in a discovery.
 */
public final class SemanticDiscovery {
    /** Never a name a query can use (SPARQL variable names have no spaces): it cannot capture the query's own. */
    private static final Var DESCRIPTOR = Var.alloc("keel descriptor");
    /** semanticDescriptorAnnc (TS-0004 6.3.4.2.1: an announced type's number is its original's plus 10000). */
    private static final int ANNOUNCED_DESCRIPTOR = 10_000 + ResourceTypes.SEMANTIC_DESCRIPTOR;
    private final SemanticSettings limits;
    private final int scanMax;
    /** Set by the composition once routing exists; until then addresses are of this CSE only. */
    private volatile RelatedSemantics related = new RelatedSemantics(DescriptorLinks.CSE_RELATIVE);

    public SemanticDiscovery(SemanticSettings limits, int scanMax) {
        this.limits = limits;
        this.scanMax = scanMax;
    }

    /**
     * The parents whose descriptors answer.
     *
     * @param cut more descriptors than keel.discovery.content-scan-max were below the target: some were not looked at
     */
    public record Match(Set<String> parentSrns, boolean cut) {
        public boolean test(Resource r) {
            return parentSrns.contains(r.srn);
        }
    }

    /** How relatedSemantics addresses are resolved. */
    public void linksWith(DescriptorLinks links) {
        this.related = new RelatedSemantics(links);
    }

    /** Syntax first: a semanticsFilter that is no SPARQL query is 4143 before any query runs. */
    public static void check(List<String> filters) {
        filters.forEach(Sparql::query);
    }

    /**
     * The semanticsFilter as a condition the database evaluates in the discovery query itself, when the pattern of
     * every query is a basic graph pattern it can match ({@link BasicGraphPattern}); null when one is not, and when a
     * descriptor in reach links others (relatedSemantics) or is an announced one: those are matched by the engine.
     */
    public DescriptorPatterns inDatabase(ResourceSearch search, Resource root, Integer maxDepth, List<String> filters,
                                         Visibility descriptors) {
        List<List<DescriptorPatterns.TriplePattern>> anyOf = new ArrayList<>();
        for (String f : filters) {
            List<DescriptorPatterns.TriplePattern> bgp = BasicGraphPattern.of(Sparql.query(f));
            if (bgp == null) {
                return null;
            }
            anyOf.add(bgp);
        }
        Integer depth = maxDepth == null ? null : maxDepth + 1;
        if (!RelatedSemantics.linking(search, root, depth, descriptors, 1).isEmpty()
                || !announced(search, root, depth, descriptors, 1).isEmpty()) {
            return null;
        }
        return new DescriptorPatterns(anyOf, ResourceTypes.SEMANTIC_DESCRIPTOR, descriptors, limits.queryTimeoutMillis());
    }

    /** Filter criteria that only semanticDescriptors meet (ty 24). */
    public static FilterCriteria descriptorsOnly() {
        FilterCriteria fc = new FilterCriteria();
        fc.resourceTypes.add(ResourceTypes.SEMANTIC_DESCRIPTOR);
        return fc;
    }

    /**
     * The descriptors below {@code root} (at most {@code maxDepth} deep when given) that are visible, at most {@code limit}:
     * this CSE's and those announced to it (semanticDescriptorAnnc, whose announced triples it indexes).
     */
    static List<Resource> descriptors(ResourceSearch search, Resource root, Integer maxDepth, Visibility visibility, int limit) {
        List<Resource> found = search.discoverReferences(root, descriptorsOnly(), visibility, maxDepth, 0, limit);
        return found.size() < limit ? withAnnounced(found, search, root, maxDepth, visibility, limit) : found;
    }

    /** The announced ones after this CSE's own, by a query of their own type (each on the type's index). */
    private static List<Resource> withAnnounced(List<Resource> own, ResourceSearch search, Resource root, Integer maxDepth,
                                                Visibility visibility, int limit) {
        List<Resource> announced = announced(search, root, maxDepth, visibility, limit - own.size());
        if (announced.isEmpty()) {
            return own;
        }
        List<Resource> all = new java.util.ArrayList<>(own);
        all.addAll(announced);
        return all;
    }

    /** The semanticDescriptorAnnc resources below {@code root} that are visible, at most {@code limit}. */
    private static List<Resource> announced(ResourceSearch search, Resource root, Integer maxDepth, Visibility visibility,
                                            int limit) {
        FilterCriteria announcedOnly = new FilterCriteria();
        announcedOnly.resourceTypes.add(ANNOUNCED_DESCRIPTOR);
        return search.discoverReferences(root, announcedOnly, visibility, maxDepth, 0, limit);
    }

    /** The resources below {@code root} (at most {@code maxDepth} deep) that meet the semanticsFilter conditions. */
    public Match select(ResourceTree tree, ResourceSearch search, SemanticIndex index, Resource root, Integer maxDepth,
                        Visibility visibility, List<String> filters) {
        List<Resource> descriptors = descriptors(search, root, maxDepth == null ? null : maxDepth + 1, visibility, scanMax + 1);
        boolean cut = descriptors.size() > scanMax;
        Map<String, String> parentOf = new HashMap<>();
        for (Resource d : descriptors.subList(0, Math.min(scanMax, descriptors.size()))) {
            parentOf.put(d.ri, d.srn.substring(0, d.srn.lastIndexOf('/')));
        }
        Set<String> parents = new HashSet<>();
        if (!parentOf.isEmpty()) {
            IndexedDescriptors dataset = new IndexedDescriptors(index, parentOf.keySet(), limits);
            for (String f : filters) {
                for (String ri : answering(dataset, Sparql.query(f))) {
                    parents.add(parentOf.get(ri));
                }
            }
            Integer linkDepth = maxDepth == null ? null : maxDepth + 1;
            for (Resource d : RelatedSemantics.linking(search, root, linkDepth, visibility, scanMax)) {
                String parent = parentOf.get(d.ri);
                if (parent != null && !parents.contains(parent) && answersWithLinks(tree, search, index, visibility, d.ri, filters)) {
                    parents.add(parent);
                }
            }
        }
        return new Match(parents, cut);
    }

    /** Whether a query has a solution over the descriptor's graph joined with the local ones its relatedSemantics names. */
    private boolean answersWithLinks(ResourceTree tree, ResourceSearch search, SemanticIndex index, Visibility visibility,
                                     String ri, List<String> filters) {
        RelatedSemantics.Linked linked = related.of(tree, search, visibility, ri);
        if (linked.local().isEmpty()) {
            return false;
        }
        Set<String> graphs = new HashSet<>(linked.local());
        graphs.add(ri);
        IndexedDescriptors dataset = new IndexedDescriptors(index, graphs, limits);
        for (String f : filters) {
            if (hasSolution(dataset, Sparql.query(f))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the query's WHERE pattern has a solution over the union of the dataset's graphs. */
    static boolean hasSolution(IndexedDescriptors dataset, Query query) {
        Query ask = new Query();
        ask.setQueryAskType();
        ask.setQueryPattern(query.getQueryPattern());
        ask.setPrefixMapping(query.getPrefixMapping());
        try (Evaluation e = new Evaluation(ask, dataset, dataset.limits())) {
            try {
                return e.rows().hasNext();
            } catch (QueryCancelledException x) {
                throw e.timedOut();
            }
        }
    }

    private Set<String> answering(IndexedDescriptors dataset, Query query) {
        Query q = new Query();
        q.setQuerySelectType();
        q.addResultVar(DESCRIPTOR);
        ElementGroup where = new ElementGroup();
        where.addElement(new ElementNamedGraph(DESCRIPTOR, query.getQueryPattern()));
        q.setQueryPattern(where);
        q.setPrefixMapping(query.getPrefixMapping());
        Set<String> out = new HashSet<>();
        try (Evaluation e = new Evaluation(q, dataset, limits)) {
            try {
                while (e.rows().hasNext()) {
                    dataset.checkDeadline();
                    Node g = e.rows().next().get(DESCRIPTOR);
                    String ri = g == null ? null : IndexedDescriptors.ri(g);
                    if (ri != null) {
                        out.add(ri);
                    }
                }
            } catch (QueryCancelledException x) {
                throw e.timedOut();
            }
        }
        return out;
    }
}
