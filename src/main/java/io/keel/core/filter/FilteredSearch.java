package io.keel.core.filter;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.store.Candidate;
import io.keel.core.store.DescriptorPatterns;
import io.keel.core.semantic.FetchedDescriptors;
import io.keel.core.semantic.SemanticDiscovery;
import io.keel.core.semantic.SemanticQuery;
import io.keel.core.semantic.SemanticSettings;
import io.keel.core.store.ResourceSearch;
import io.keel.core.store.Transaction;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterOperation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What Filter Criteria select: below a resource (discovery, child lists) or the resource itself (fu=2).
 * <p>
 * Every condition but the content filter (cfs/cfq) and the geo-query (gmty/geom/gsf) is a predicate the database
 * evaluates with its indexes, as one query. The content filter cannot be: JSONPath serves no index, PostgreSQL's
 * SQL/JSON path language is not the JSONPath oneM2M means, and H2 has none. Nor can the geo-query exactly: H2 has no
 * geometry, and PostGIS is no requirement. So with either, the database still applies what the other conditions allow
 * under filterOperation, narrows the geo-query by bounding box ({@link GeoQuery#window}), and the undecided conditions
 * are tested here, in Java, on the candidates it streams in batches ({@link ContentScan});
 * {@code keel.discovery.content-scan-max} bounds the candidates one request looks at. Each undecided condition is one
 * more condition: with fo AND all hold, with OR at least one, with XOR exactly one.
 * <p>
 * The semanticsFilter (smf) is a condition of the database's query too when the pattern of each of its queries is a
 * basic graph pattern the database can match as one join ({@link SemanticDiscovery#inDatabase}). Otherwise it is
 * another condition tested on those candidates: the resources whose descriptors answer are found first, by one SPARQL
 * evaluation over the indexed triples ({@link SemanticDiscovery#select}).
 */
public final class FilteredSearch {
    private final TypeRegistry types;
    private final int contentScanMax;
    private final SemanticDiscovery semantics;
    private final SemanticQuery semanticQuery;
    /**
     * The types a semanticDescriptor (or a semanticDescriptorAnnc, whose announced triples count here too) may be
     * created under: the only ones that can meet a semanticsFilter.
     */
    private final Set<Integer> describable = new HashSet<>();

    public FilteredSearch(TypeRegistry types, int contentScanMax) {
        this(types, contentScanMax, SemanticSettings.DEFAULTS);
    }

    public FilteredSearch(TypeRegistry types, int contentScanMax, SemanticSettings semantics) {
        this.types = types;
        this.contentScanMax = contentScanMax;
        this.semantics = new SemanticDiscovery(semantics, contentScanMax);
        this.semanticQuery = new SemanticQuery(semantics, contentScanMax);
        types.forEach(t -> {
            if (t.childTypes().contains(io.keel.core.resource.ResourceTypes.SEMANTIC_DESCRIPTOR)
                    || t.childTypes().contains(10_000 + io.keel.core.resource.ResourceTypes.SEMANTIC_DESCRIPTOR)) {
                describable.add(t.ty());
            }
        });
    }

    /** How the relatedSemantics of descriptors are resolved in a semantic discovery (TS-0004 7.3.3.18.2). */
    public void linksWith(io.keel.core.semantic.DescriptorLinks links) {
        semantics.linksWith(links);
    }

    /** Semantic queries (sqi), bounded like the semanticsFilter. */
    public SemanticQuery semanticQuery() {
        return semanticQuery;
    }

    /**
     * {@link #discover(ResourceSearch, Resource, FilterCriteria, Visibility, Integer, int, int, boolean)}, with the
     * semanticsFilter condition when there is one (its descriptors must be visible like the resources found).
     */
    public Found discover(Transaction tx, Resource root, FilterCriteria fc, Visibility visibility, Integer maxDepth,
                          int offset, int limit, boolean references) {
        return discover(tx, root, fc, visibility, maxDepth, offset, limit, references, FetchedDescriptors.NONE);
    }

    /**
     * The addresses of descriptors on other CSEs that a semantic discovery below {@code root} would join to descriptors
     * it matches (through relatedSemantics or m2m:resourceDescriptorLink): to be read before it runs.
     */
    public Set<String> remoteLinks(Transaction tx, Resource root, FilterCriteria fc, Visibility visibility, Integer maxDepth) {
        return semanticScope(tx, root, fc, visibility, maxDepth).remote();
    }

    /**
     * How a semantic discovery below {@code root} matches its semanticsFilter, and the descriptors of other CSEs it
     * joins ({@link SemanticDiscovery.Scope#remote}, to be read before it runs): looked up once, for the request.
     */
    public SemanticDiscovery.Scope semanticScope(Transaction tx, Resource root, FilterCriteria fc, Visibility visibility,
                                                 Integer maxDepth) {
        return fc.semanticsFilter.isEmpty() ? SemanticDiscovery.Scope.OWN_GRAPHS
                : semantics.scope(tx.tree(), tx.search(), tx.semantics(), root, maxDepth, visibility);
    }

    /** The same, with the descriptors of other CSEs that {@link #remoteLinks} named, as read ({@code fetched}). */
    public Found discover(Transaction tx, Resource root, FilterCriteria fc, Visibility visibility, Integer maxDepth,
                          int offset, int limit, boolean references, FetchedDescriptors fetched) {
        return discover(tx, root, fc, visibility, maxDepth, offset, limit, references,
                semanticScope(tx, root, fc, visibility, maxDepth), fetched);
    }

    /**
     * The same, in the {@code scope} {@link #semanticScope} found (earlier in the request: whether the engine matches
     * cannot change the result, only its cost), with the descriptors of other CSEs it named, as read ({@code fetched}).
     */
    public Found discover(Transaction tx, Resource root, FilterCriteria fc, Visibility visibility, Integer maxDepth,
                          int offset, int limit, boolean references, SemanticDiscovery.Scope scope, FetchedDescriptors fetched) {
        if (fc.semanticsFilter.isEmpty()) {
            return discover(tx.search(), root, fc, visibility, maxDepth, offset, limit, references);
        }
        DescriptorPatterns described = semantics.inDatabase(fc, scope, visibility);
        if (described != null) {
            return discover(tx.search(), root, fc, described, visibility, maxDepth, offset, limit, references);
        }
        SemanticDiscovery.Match match = semantics.select(tx.tree(), tx.search(), tx.semantics(), root, maxDepth, visibility,
                fc, fetched);
        ContentFilter content = ContentFilter.of(fc);
        GeoQuery geo = GeoQuery.of(fc);
        List<Predicate<Candidate>> tested = undecided(content, geo);
        FilterOperation fo = fc.filterOperationOrDefault();
        // The types a candidate may be of: with AND those that can meet smf and the content filter both (and ty, which
        // must hold anyway: one type left lets the database walk (ty, srn) in order); with OR and XOR those that can
        // meet either, besides the rows the database's own conditions find.
        Set<Integer> possible = new HashSet<>(describable);
        if (content != null) {
            if (fo == FilterOperation.AND) {
                possible.retainAll(types.withContent());
            } else {
                possible.addAll(types.withContent());
            }
        }
        if (fo == FilterOperation.AND && !fc.resourceTypes.isEmpty()) {
            possible.retainAll(fc.resourceTypes);
        }
        if (fo == FilterOperation.AND && possible.isEmpty()) {
            return new Found(List.of(), match.cut());
        }
        tested.add(c -> match.test(c.resource()));
        ContentScan.Result r = ContentScan.scan(
                (after, size) -> tx.search().candidates(root, fc, possible, geo == null ? null : geo.window(), null, visibility,
                        maxDepth, after, size, false),
                c -> meets(fo, c, tested), offset, limit, contentScanMax);
        return new Found(r.matches(), r.cut() || match.cut());
    }

    /**
     * What a search found.
     *
     * @param scanCut the candidates a content filter or geo-query looked at reached
     *                {@code keel.discovery.content-scan-max} before the end: there may be more matches than found
     */
    public record Found(List<Resource> resources, boolean scanCut) {
    }

    /**
     * Resources below {@code root} that meet the filter criteria and are visible, in structured-name order;
     * {@code offset} matches skipped, at most {@code limit} returned. With {@code references}, a resource may carry
     * only ri, rn, ty and srn.
     */
    public Found discover(ResourceSearch tx, Resource root, FilterCriteria fc, Visibility visibility, Integer maxDepth,
                          int offset, int limit, boolean references) {
        return discover(tx, root, fc, null, visibility, maxDepth, offset, limit, references);
    }

    /** The same, with a semanticsFilter the database evaluates as one more of its conditions ({@code described}, or null). */
    private Found discover(ResourceSearch tx, Resource root, FilterCriteria fc, DescriptorPatterns described,
                           Visibility visibility, Integer maxDepth, int offset, int limit, boolean references) {
        ContentFilter content = ContentFilter.of(fc);
        GeoQuery geo = GeoQuery.of(fc);
        if (content == null && geo == null) {
            if (described != null) {
                return new Found(tx.discoverDescribed(root, fc, described, visibility, maxDepth, offset, limit, references), false);
            }
            return new Found(references ? tx.discoverReferences(root, fc, visibility, maxDepth, offset, limit)
                    : tx.discover(root, fc, visibility, maxDepth, offset, limit), false);
        }
        List<Predicate<Candidate>> undecided = undecided(content, geo);
        FilterOperation fo = fc.filterOperationOrDefault();
        ContentScan.Result r = ContentScan.scan(
                (after, size) -> tx.candidates(root, fc, content == null ? null : types.withContent(),
                        geo == null ? null : geo.window(), described, visibility, maxDepth, after, size,
                        references && content == null),
                c -> meets(fo, c, undecided), offset, limit, contentScanMax);
        return new Found(r.matches(), r.cut());
    }

    /**
     * Whether the resource meets the conditions of the filter criteria (a conditional operation, fu=2), the
     * semanticsFilter included: its semanticDescriptor children that {@code descriptors} lets the originator see must
     * answer one of the queries (TS-0004 7.3.3.18).
     */
    public boolean matches(Transaction tx, Resource r, FilterCriteria fc, Visibility descriptors) {
        return matches(tx, r, fc, descriptors, FetchedDescriptors.NONE);
    }

    /** The same, with the descriptors of other CSEs its descriptors link as read ({@code fetched}, {@link #remoteLinks}). */
    public boolean matches(Transaction tx, Resource r, FilterCriteria fc, Visibility descriptors, FetchedDescriptors fetched) {
        return condition(tx, r, fc, descriptors, fetched).met();
    }

    /**
     * Whether a conditional operation's target meets the filter criteria.
     *
     * @param undecided it did not, and a descriptor of another CSE its descriptors link could not be read: with it, it
     *                  might have
     */
    public record Condition(boolean met, boolean undecided) {
    }

    /** {@link #matches(Transaction, Resource, FilterCriteria, Visibility, FetchedDescriptors)}, and whether it is undecided. */
    public Condition condition(Transaction tx, Resource r, FilterCriteria fc, Visibility descriptors, FetchedDescriptors fetched) {
        if (fc.semanticsFilter.isEmpty()) {
            return new Condition(matches(tx.search(), r, fc), false);
        }
        SemanticDiscovery.Match match = semantics.select(tx.tree(), tx.search(), tx.semantics(), r, r.depth(), descriptors,
                fc, fetched);
        List<Predicate<Candidate>> tested = undecided(ContentFilter.of(fc), GeoQuery.of(fc));
        tested.add(c -> match.test(c.resource()));
        boolean met = meets(fc.filterOperationOrDefault(), tx.search().candidate(r, fc), tested);
        return new Condition(met, !met && match.cut() && !fetched.unavailable().isEmpty());
    }

    /** Whether the resource meets the conditions of the filter criteria (a conditional operation, fu=2). */
    public boolean matches(ResourceSearch tx, Resource r, FilterCriteria fc) {
        ContentFilter content = ContentFilter.of(fc);
        GeoQuery geo = GeoQuery.of(fc);
        if (content == null && geo == null) {
            return !fc.hasConditions() || tx.matches(r, fc);
        }
        return meets(fc.filterOperationOrDefault(), tx.candidate(r, fc), undecided(content, geo));
    }

    /** The conditions tested here, each on a whole resource (the geo-query not on one the database decided it for). */
    List<Predicate<Candidate>> undecided(ContentFilter content, GeoQuery geo) {
        List<Predicate<Candidate>> out = new ArrayList<>();
        if (content != null) {
            out.add(c -> hasMatchingContent(c.resource(), content));
        }
        if (geo != null) {
            out.add(c -> c.located() || geo.test(c.resource()));
        }
        return out;
    }

    /**
     * The database's conditions and the undecided ones combined by filterOperation; an undecided condition is tested
     * only while the outcome depends on it.
     */
    static boolean meets(FilterOperation fo, Candidate c, List<Predicate<Candidate>> undecided) {
        int met = c.conditionsMet();
        return switch (fo) {
            case AND -> met == c.conditions() && undecided.stream().allMatch(t -> t.test(c));
            case OR -> met > 0 || undecided.stream().anyMatch(t -> t.test(c));
            case XOR -> {
                for (Predicate<Candidate> t : undecided) {
                    if (met > 1) {
                        break;
                    }
                    if (t.test(c)) {
                        met++;
                    }
                }
                yield met == 1;
            }
        };
    }

    /** Whether the resource has content, as its type says, that the content filter selects something of. */
    private boolean hasMatchingContent(Resource r, ContentFilter content) {
        ResourceType type = types.get(r.ty);
        return type != null && type.hasContent() && content.test(type.content(r));
    }
}
