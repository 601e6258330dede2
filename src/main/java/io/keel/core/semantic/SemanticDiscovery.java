package io.keel.core.semantic;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.semantic.LinkedDescriptor.LinkMethod;
import io.keel.core.resource.types.SemanticDescriptorType;
import io.keel.core.store.DescriptorLinkage;
import io.keel.core.store.DescriptorPatterns;
import io.keel.core.store.ResourceSearch;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.SemanticIndex;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;
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
 * the indexed triples, the pattern inside {@code GRAPH ?g}; the solutions name the descriptors. A descriptor that
 * links others (relatedSemantics, 7.3.3.18.2, else m2m:resourceDescriptorLink, 7.3.3.18.1) and does not answer alone
 * is matched again over its graph joined with all it reaches ({@link RelatedSemantics}): those of this CSE as indexed,
 * those of other CSEs as the operation read them before ({@link FetchedDescriptors}, {@link #scope}).
 */
public final class SemanticDiscovery {
    /** Never a name a query can use (SPARQL variable names have no spaces): it cannot capture the query's own. */
    /** Apart, so that creating the CSE's discovery does not load Jena (Var starts JenaSystem): its warm-up does. */
    private static final class Names {
        static final Var DESCRIPTOR = Var.alloc("keel descriptor");
    }
    /** semanticDescriptorAnnc (TS-0004 6.3.4.2.1: an announced type's number is its original's plus 10000). */
    private static final int ANNOUNCED_DESCRIPTOR = 10_000 + ResourceTypes.SEMANTIC_DESCRIPTOR;
    private static final DescriptorLinkage.Kinds LINKAGE = new DescriptorLinkage.Kinds(ResourceTypes.SEMANTIC_DESCRIPTOR,
            SemanticDescriptorType.RELATED_SEMANTICS, ResourceDescriptorLink.TERM, ANNOUNCED_DESCRIPTOR);
    private final SemanticSettings limits;
    private final int scanMax;
    /** Set by the composition once routing exists; until then addresses are of this CSE only (ri or structured name). */
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

    /** What {@link #check} keeps on the filter criteria: the texts it parsed, and their queries. */
    private record Parsed(List<String> texts, List<Query> queries) {
    }

    /**
     * Syntax first: a semanticsFilter that is no SPARQL query is 4143 before any query runs. The queries are kept on
     * {@code fc} for the rest of the request ({@link #queries}).
     */
    public static void check(FilterCriteria fc) {
        List<Query> queries = fc.semanticsFilter.stream().map(Sparql::query).toList();
        fc.semanticsFilterParsed = new Parsed(List.copyOf(fc.semanticsFilter), queries);
    }

    /** The queries of the semanticsFilter, as {@link #check} parsed them (parsed now if it did not, or the texts changed). */
    static List<Query> queries(FilterCriteria fc) {
        if (fc.semanticsFilterParsed instanceof Parsed p && p.texts().equals(fc.semanticsFilter)) {
            return p.queries();
        }
        return fc.semanticsFilter.stream().map(Sparql::query).toList();
    }

    /**
     * How a semanticsFilter below a target is matched, decided once before it runs ({@link #scope}).
     *
     * @param byEngine a descriptor in reach links others (relatedSemantics, or m2m:resourceDescriptorLink anywhere on
     *                 the CSE) or is an announced one: the SPARQL engine matches, joining what they link; else the
     *                 database may, as a condition of the discovery query ({@link #inDatabase})
     * @param remote   the addresses of descriptors of other CSEs that those reach, to be read before ({@link #select})
     */
    public record Scope(boolean byEngine, Set<String> remote) {
        /** Nothing links, nothing is announced. */
        public static final Scope OWN_GRAPHS = new Scope(false, Set.of());
    }

    /**
     * The {@link Scope} of a semanticsFilter below {@code root} (at most {@code maxDepth} deep) for descriptors that
     * {@code visibility} lets the originator see: one lookup when the CSE holds no descriptor with relatedSemantics,
     * no m2m:resourceDescriptorLink and no announced descriptor ({@link SemanticIndex#linkage}); else the lookups below
     * {@code root} of what it holds.
     */
    public Scope scope(ResourceTree tree, ResourceSearch search, SemanticIndex index, Resource root, Integer maxDepth,
                       Visibility visibility) {
        DescriptorLinkage cse = index.linkage(LINKAGE);
        if (cse.none()) {
            return Scope.OWN_GRAPHS;
        }
        Integer depth = maxDepth == null ? null : maxDepth + 1;
        boolean linking = cse.annotated() || cse.related() && !RelatedSemantics.linking(search, root, depth, visibility, 1).isEmpty();
        if (!linking) {
            return new Scope(cse.announced() && !announced(search, root, depth, visibility, 1).isEmpty(), Set.of());
        }
        return new Scope(true, remoteLinks(tree, search, index, root, depth, visibility));
    }

    /**
     * The semanticsFilter as a condition the database evaluates in the discovery query itself, when the pattern of
     * every query is a basic graph pattern it can match ({@link BasicGraphPattern}) and the {@code scope} leaves it to
     * the database; null otherwise: the engine matches.
     */
    public DescriptorPatterns inDatabase(FilterCriteria fc, Scope scope, Visibility descriptors) {
        if (scope.byEngine()) {
            return null;
        }
        List<List<DescriptorPatterns.TriplePattern>> anyOf = new ArrayList<>();
        for (Query q : queries(fc)) {
            List<DescriptorPatterns.TriplePattern> bgp = BasicGraphPattern.of(q);
            if (bgp == null) {
                return null;
            }
            anyOf.add(bgp);
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

    /**
     * The addresses of descriptors of other CSEs that the descriptors below {@code root} (at most {@code depth} deep,
     * descriptors included) reach through links, directly or through descriptors of this CSE.
     */
    private Set<String> remoteLinks(ResourceTree tree, ResourceSearch search, SemanticIndex index, Resource root, Integer depth,
                                    Visibility visibility) {
        Set<String> inReach = new HashSet<>();
        descriptors(search, root, depth, visibility, scanMax).forEach(d -> inReach.add(d.ri));
        Set<String> linking = linkingIn(search, index, root, depth, visibility, inReach);
        return related.reach(tree, search, index, visibility, linking, FetchedDescriptors.NONE, LinkMethod.MATCHING, scanMax).remote();
    }

    /**
     * The resources below {@code root} (at most {@code maxDepth} deep) that meet the semanticsFilter conditions of
     * {@code fc}; {@code fetched} holds the descriptors of other CSEs that the {@link #scope} named, as read.
     */
    public Match select(ResourceTree tree, ResourceSearch search, SemanticIndex index, Resource root, Integer maxDepth,
                        Visibility visibility, FilterCriteria fc, FetchedDescriptors fetched) {
        List<Query> queries = queries(fc);
        Integer depth = maxDepth == null ? null : maxDepth + 1;
        List<Resource> descriptors = descriptors(search, root, depth, visibility, scanMax + 1);
        boolean cut = descriptors.size() > scanMax;
        Map<String, String> parentOf = new HashMap<>();
        for (Resource d : descriptors.subList(0, Math.min(scanMax, descriptors.size()))) {
            parentOf.put(d.ri, d.srn.substring(0, d.srn.lastIndexOf('/')));
        }
        Set<String> parents = new HashSet<>();
        if (!parentOf.isEmpty()) {
            IndexedDescriptors dataset = new IndexedDescriptors(index, parentOf.keySet(), limits);
            for (Query q : queries) {
                for (String ri : answering(dataset, q)) {
                    parents.add(parentOf.get(ri));
                }
            }
            for (String ri : linkingIn(search, index, root, depth, visibility, parentOf.keySet())) {
                String parent = parentOf.get(ri);
                if (!parents.contains(parent)) {
                    Linked linked = answersWithLinks(tree, search, index, visibility, ri, queries, fetched);
                    if (linked.answers()) {
                        parents.add(parent);
                    }
                    cut |= !linked.answers() && linked.incomplete();
                }
            }
        }
        return new Match(parents, cut);
    }

    /** Those of {@code inReach} that link others: by relatedSemantics (a query of the store) or by their triples. */
    private Set<String> linkingIn(ResourceSearch search, SemanticIndex index, Resource root, Integer depth, Visibility visibility,
                                  Set<String> inReach) {
        Set<String> out = new LinkedHashSet<>();
        for (Resource d : RelatedSemantics.linking(search, root, depth, visibility, scanMax)) {
            if (inReach.contains(d.ri)) {
                out.add(d.ri);
            }
        }
        out.addAll(RelatedSemantics.annotating(index, inReach, scanMax));
        return out;
    }

    /**
     * Whether a descriptor answers joined with all it reaches.
     *
     * @param incomplete a descriptor it reaches could not be read (or lay beyond the bounds): it might have answered
     */
    private record Linked(boolean answers, boolean incomplete) {
    }

    private Linked answersWithLinks(ResourceTree tree, ResourceSearch search, SemanticIndex index, Visibility visibility,
                                    String ri, List<Query> queries, FetchedDescriptors fetched) {
        RelatedSemantics.Reach reach = related.reach(tree, search, index, visibility, Set.of(ri), fetched, LinkMethod.MATCHING,
                scanMax);
        Map<String, Graph> far = fetched.graphs(reach.remote());
        boolean incomplete = reach.cut() || reach.remote().stream().anyMatch(fetched.unavailable()::contains);
        if (reach.local().size() == 1 && far.isEmpty()) {
            return new Linked(false, incomplete); // nothing joins it: it was matched alone
        }
        IndexedDescriptors dataset = new IndexedDescriptors(index, reach.local(), far, limits);
        for (Query q : queries) {
            if (hasSolution(dataset, q)) {
                return new Linked(true, incomplete);
            }
        }
        return new Linked(false, incomplete);
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
        q.addResultVar(Names.DESCRIPTOR);
        ElementGroup where = new ElementGroup();
        where.addElement(new ElementNamedGraph(Names.DESCRIPTOR, query.getQueryPattern()));
        q.setQueryPattern(where);
        q.setPrefixMapping(query.getPrefixMapping());
        Set<String> out = new HashSet<>();
        try (Evaluation e = new Evaluation(q, dataset, limits)) {
            try {
                while (e.rows().hasNext()) {
                    dataset.checkDeadline();
                    Node g = e.rows().next().get(Names.DESCRIPTOR);
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
