package io.keel.core;

import io.keel.core.filter.FilteredSearch;
import io.keel.core.semantic.FetchedDescriptors;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.Viewer;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.store.Transaction;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.ContentStatus;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResultContent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds response Content for a resource per Result Content (TS-0004 6.3.4.2.7, 7.5.2, 8.4; TS-0001 table 8.1.2-1), and
 * partial retrieves. Child lists are capped at the CSE's maximum result size; a cut result is reported as
 * PARTIAL_CONTENT.
 */
public final class Representations {
    private final TypeRegistry types;
    private final int maxResultSize;
    private final FilteredSearch search;

    public Representations(TypeRegistry types, int maxResultSize, FilteredSearch search) {
        this.types = types;
        this.maxResultSize = maxResultSize;
        this.search = search;
    }

    /** Content and whether it is complete. */
    public record Built(Object content, ContentStatus status) {
    }

    public Map<String, Object> attributes(Resource r, Viewer viewer) {
        ResourceType t = types.typeOf(r);
        return single(t.rootElement(), t.representation(r, viewer));
    }

    /** {@code m2m:<sn>} with only the listed attributes (partial retrieve); unknown names → 4000. */
    public Map<String, Object> partial(Resource r, List<String> names, Viewer viewer) {
        ResourceType t = types.typeOf(r);
        Map<String, Object> all = t.representation(r, viewer);
        Map<String, Object> picked = new LinkedHashMap<>();
        for (String n : names) {
            if (t.attribute(n) == null) {
                throw OneM2MException.badRequest("unknown attribute " + n + " for " + t.rootElement());
            }
            if (all.containsKey(n)) {
                picked.put(n, all.get(n));
            }
        }
        return single(t.rootElement(), picked);
    }

    /**
     * Content for Retrieve/Delete result contents that involve children (4, 5, 6, 8) or attributes (1, 7). The
     * children are what a discovery finds below the resource: filtered by the filter criteria (a content filter among
     * them, see {@link FilteredSearch}), limited in depth by lvl, visible to the originator (a predicate built only for
     * these), and cut at the maximum result size.
     */
    public Built build(Transaction tx, Resource r, ResultContent rcn, FilterCriteria fc, Supplier<Visibility> visibility,
                       Viewer viewer) {
        return build(tx, r, rcn, fc, visibility, viewer, FetchedDescriptors.NONE);
    }

    /**
     * The same, with the descriptors of other CSEs that the children's descriptors link as read ({@code fetched}, for a
     * semanticsFilter): one that could not be read makes the list partial, as it makes a discovery.
     */
    public Built build(Transaction tx, Resource r, ResultContent rcn, FilterCriteria fc, Supplier<Visibility> visibility,
                       Viewer viewer, FetchedDescriptors fetched) {
        ResourceType t = types.typeOf(r);
        FilterCriteria filter = fc == null ? new FilterCriteria() : fc;
        int depth = r.depth();
        // lim and ofst page through the children as through a discovery's matches (TS-0004 7.3.3.17.10, 7.3.3.17.15).
        int limit = filter.limit == null ? maxResultSize : Math.min(filter.limit, maxResultSize);
        int offset = filter.offset == null ? 0 : Math.max(0, filter.offset - 1);
        boolean cutByMaximum = filter.limit == null || filter.limit > maxResultSize;
        return switch (rcn) {
            case ATTRIBUTES, ORIGINAL_RESOURCE -> new Built(attributes(r, viewer), null);
            case NOTHING -> new Built(null, null);
            case ATTRIBUTES_AND_CHILD_RESOURCES, CHILD_RESOURCES -> {
                Integer maxDepth = filter.level == null ? null : depth + filter.level;
                FilteredSearch.Found found = search.discover(tx, r, filter, visibility.get(), maxDepth, offset, limit + 1, false, fetched);
                Map<String, Object> root = rcn == ResultContent.CHILD_RESOURCES ? new LinkedHashMap<>() : t.representation(r, viewer);
                yield new Built(single(t.rootElement(), nest(r, root, cut(found.resources(), limit), viewer)), status(found, limit, cutByMaximum));
            }
            case ATTRIBUTES_AND_CHILD_RESOURCE_REFERENCES, CHILD_RESOURCE_REFERENCES -> {
                FilteredSearch.Found found = search.discover(tx, r, filter, visibility.get(), depth + 1, offset, limit + 1, true, fetched);
                List<Object> refs = references(cut(found.resources(), limit));
                Object content;
                if (rcn == ResultContent.CHILD_RESOURCE_REFERENCES) {
                    content = single("m2m:rrl", single("rrf", refs));
                } else {
                    Map<String, Object> m = t.representation(r, viewer);
                    if (!refs.isEmpty()) {
                        m.put("ch", refs);
                    }
                    content = single(t.rootElement(), m);
                }
                yield new Built(content, status(found, limit, cutByMaximum));
            }
            default -> throw new IllegalArgumentException("rcn " + rcn + " is not built here");
        };
    }

    /**
     * Hangs each descendant under its parent, grouped by type as {@code m2m:<sn>} lists. A descendant whose parent
     * was filtered out is left out with it.
     */
    private Map<String, Object> nest(Resource r, Map<String, Object> root, List<Resource> descendants, Viewer viewer) {
        List<Resource> ordered = new ArrayList<>(descendants);
        ordered.sort(Comparator.comparing((Resource d) -> d.srn)); // a parent's name is a prefix: it sorts first
        Map<String, Map<String, Object>> nodes = new HashMap<>();
        nodes.put(r.srn, root);
        for (Resource d : ordered) {
            Map<String, Object> parent = nodes.get(d.srn.substring(0, d.srn.lastIndexOf('/')));
            if (parent == null) {
                continue;
            }
            ResourceType dt = types.typeOf(d);
            Map<String, Object> node = dt.representation(d, viewer);
            nodes.put(d.srn, node);
            @SuppressWarnings("unchecked")
            List<Object> group = (List<Object>) parent.computeIfAbsent(dt.rootElement(), k -> new ArrayList<>());
            group.add(node);
        }
        return root;
    }

    private static List<Object> references(List<Resource> children) {
        List<Object> refs = new ArrayList<>();
        children.forEach(child -> refs.add(child.reference(false)));
        return refs;
    }

    private static List<Resource> cut(List<Resource> found, int limit) {
        return found.size() > limit ? found.subList(0, limit) : found;
    }

    /**
     * Partial when the CSE's maximum (not the originator's lim) cut the list, or a content filter could not look at
     * every candidate.
     */
    private static ContentStatus status(FilteredSearch.Found found, int limit, boolean cutByMaximum) {
        return (found.resources().size() > limit && cutByMaximum) || found.scanCut() ? ContentStatus.PARTIAL_CONTENT : null;
    }


    private static Map<String, Object> single(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }
}
