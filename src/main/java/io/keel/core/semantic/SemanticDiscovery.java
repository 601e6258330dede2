package io.keel.core.semantic;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.DescriptorPatterns;
import io.keel.core.store.ResourceSearch;
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
 * the indexed triples, the pattern inside {@code GRAPH ?g}; the solutions name the descriptors.
 */
public final class SemanticDiscovery {
    /** Never a name a query can use (SPARQL variable names have no spaces): it cannot capture the query's own. */
    private static final Var DESCRIPTOR = Var.alloc("keel descriptor");
    private final SemanticSettings limits;
    private final int scanMax;

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

    /** Syntax first: a semanticsFilter that is no SPARQL query is 4143 before any query runs. */
    public static void check(List<String> filters) {
        filters.forEach(Sparql::query);
    }

    /**
     * The semanticsFilter as a condition the database evaluates in the discovery query itself, when the pattern of
     * every query is a basic graph pattern it can match ({@link BasicGraphPattern}); null when one is not.
     */
    public DescriptorPatterns inDatabase(List<String> filters, Visibility descriptors) {
        List<List<DescriptorPatterns.TriplePattern>> anyOf = new ArrayList<>();
        for (String f : filters) {
            List<DescriptorPatterns.TriplePattern> bgp = BasicGraphPattern.of(Sparql.query(f));
            if (bgp == null) {
                return null;
            }
            anyOf.add(bgp);
        }
        return new DescriptorPatterns(anyOf, ResourceTypes.SEMANTIC_DESCRIPTOR, descriptors, limits.queryTimeoutMillis());
    }

    /** The descriptors below {@code root} (at most {@code maxDepth} deep when given) that are visible, at most {@code limit}. */
    static List<Resource> descriptors(ResourceSearch search, Resource root, Integer maxDepth, Visibility visibility, int limit) {
        FilterCriteria descriptorsOnly = new FilterCriteria();
        descriptorsOnly.resourceTypes.add(ResourceTypes.SEMANTIC_DESCRIPTOR);
        return search.discoverReferences(root, descriptorsOnly, visibility, maxDepth, 0, limit);
    }

    /** The resources below {@code root} (at most {@code maxDepth} deep) that meet the semanticsFilter conditions. */
    public Match select(ResourceSearch search, SemanticIndex index, Resource root, Integer maxDepth, Visibility visibility,
                        List<String> filters) {
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
        }
        return new Match(parents, cut);
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
