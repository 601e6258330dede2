package io.keel.core.filter;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.store.Candidate;
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
 * Every condition but the content filter (cfs/cfq) is a predicate the database evaluates with its indexes, as one
 * query. The content filter cannot be: JSONPath serves no index, PostgreSQL's SQL/JSON path language is not the
 * JSONPath oneM2M means, and H2 has none. So with a content filter the database still applies what the other
 * conditions allow under filterOperation and the content filter is tested here, in Java, on the candidates it streams
 * in batches ({@link ContentScan}); {@code keel.discovery.content-scan-max} bounds the candidates one request looks at.
 * The content filter is one more condition: with fo AND all hold, with OR at least one, with XOR exactly one.
 * <p>
 * The semanticsFilter (smf) is another condition tested on those candidates: the resources whose descriptors answer
 * are found first, by one SPARQL evaluation over the indexed triples ({@link SemanticDiscovery}).
 */
public final class FilteredSearch {
    private final TypeRegistry types;
    private final int contentScanMax;
    private final SemanticDiscovery semantics;
    private final SemanticQuery semanticQuery;
    /** The types a semanticDescriptor may be created under: the only ones that can meet a semanticsFilter. */
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
            if (t.childTypes().contains(io.keel.core.resource.ResourceTypes.SEMANTIC_DESCRIPTOR)) {
                describable.add(t.ty());
            }
        });
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
        if (fc.semanticsFilter.isEmpty()) {
            return discover(tx.search(), root, fc, visibility, maxDepth, offset, limit, references);
        }
        SemanticDiscovery.Match match = semantics.select(tx.search(), tx.semantics(), root, maxDepth, visibility,
                fc.semanticsFilter);
        ContentFilter content = ContentFilter.of(fc);
        List<Predicate<Resource>> tested = new ArrayList<>();
        Set<Integer> possible = new HashSet<>(describable);
        if (content != null) {
            tested.add(r -> hasMatchingContent(r, content));
            possible.retainAll(types.withContent());
        }
        tested.add(match::test);
        FilterOperation fo = fc.filterOperationOrDefault();
        ContentScan.Result r = ContentScan.scan(
                (after, size) -> tx.search().candidates(root, fc, possible, visibility, maxDepth, after, size),
                c -> meets(fo, c, tested), offset, limit, contentScanMax);
        return new Found(r.matches(), r.cut() || match.cut());
    }

    /**
     * What a search found.
     *
     * @param scanCut the candidates a content filter looked at reached {@code keel.discovery.content-scan-max}
     *                before the end: there may be more matches than found
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
        ContentFilter content = ContentFilter.of(fc);
        if (content == null) {
            return new Found(references ? tx.discoverReferences(root, fc, visibility, maxDepth, offset, limit)
                    : tx.discover(root, fc, visibility, maxDepth, offset, limit), false);
        }
        FilterOperation fo = fc.filterOperationOrDefault();
        ContentScan.Result r = ContentScan.scan(
                (after, size) -> tx.candidates(root, fc, types.withContent(), visibility, maxDepth, after, size),
                c -> meets(fo, c, content), offset, limit, contentScanMax);
        return new Found(r.matches(), r.cut());
    }

    /** Whether the resource meets the conditions of the filter criteria (a conditional operation, fu=2). */
    public boolean matches(ResourceSearch tx, Resource r, FilterCriteria fc) {
        ContentFilter content = ContentFilter.of(fc);
        if (content == null) {
            return !fc.hasConditions() || tx.matches(r, fc);
        }
        return meets(fc.filterOperationOrDefault(), tx.candidate(r, fc), content);
    }

    /** The database's conditions and the content filter combined by filterOperation; content is tested only if needed. */
    boolean meets(FilterOperation fo, Candidate c, ContentFilter content) {
        return meets(fo, c, List.of(r -> hasMatchingContent(r, content)));
    }

    /** The database's conditions and those tested here combined by filterOperation, each tested only if needed. */
    private static boolean meets(FilterOperation fo, Candidate c, List<Predicate<Resource>> tested) {
        int met = c.conditionsMet();
        int of = c.conditions() + tested.size();
        for (int i = 0; i < tested.size(); i++) {
            boolean decided = switch (fo) {
                case AND -> met < c.conditions() + i; // one has failed already
                case OR -> met > 0;
                case XOR -> met > 1;
            };
            if (decided) {
                break;
            }
            if (tested.get(i).test(c.resource())) {
                met++;
            }
        }
        return switch (fo) {
            case AND -> met == of;
            case OR -> met > 0;
            case XOR -> met == 1;
        };
    }

    /** Whether the resource has content, as its type says, that the content filter selects something of. */
    private boolean hasMatchingContent(Resource r, ContentFilter content) {
        ResourceType type = types.get(r.ty);
        return type != null && type.hasContent() && content.test(type.content(r));
    }
}
