package io.keel.core;

import io.keel.core.resource.Resource;
import io.keel.core.store.InMemoryTree;
import io.keel.core.store.Candidate;
import io.keel.core.store.DescriptorPatterns;
import io.keel.core.store.GeoWindow;
import io.keel.core.store.ResourceSearch;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import java.util.List;
import java.util.Set;

/**
 * A {@link ResourceSearch} over a tree whose resources have no children worth finding: every search finds nothing,
 * but for the lookups by one type and attribute values that forwarding (the remoteCSEs, ty 16, by csi or dcse) and the
 * group re-validation (the groups with mtv false) make: the resources of that type below the root with one of the
 * attribute values asked for.
 */
class EmptySearch implements ResourceSearch {
    private final InMemoryTree tree;

    EmptySearch() {
        this(null);
    }

    EmptySearch(InMemoryTree tree) {
        this.tree = tree;
    }

    @Override
    public List<Resource> discover(Resource root, FilterCriteria fc, Visibility visibility, Integer maxDepth, int offset, int limit) {
        if (tree == null || fc.resourceTypes.size() != 1 || fc.attributes.isEmpty()) {
            return List.of();
        }
        return tree.ofType(fc.resourceTypes.get(0)).stream()
                .filter(r -> r.srn.startsWith(root.srn + "/"))
                .filter(r -> fc.attributes.stream().anyMatch(c -> has(r.get(c.name()), c.value())))
                .skip(offset).limit(limit).toList();
    }

    private static boolean has(Object value, String wanted) {
        return value instanceof List<?> list ? list.contains(wanted) : wanted.equals(String.valueOf(value));
    }

    @Override
    public List<Resource> discoverReferences(Resource root, FilterCriteria fc, Visibility visibility, Integer maxDepth, int offset, int limit) {
        return List.of();
    }

    @Override
    public List<Resource> discoverDescribed(Resource root, FilterCriteria fc, DescriptorPatterns described, Visibility visibility,
                                            Integer maxDepth, int offset, int limit, boolean references) {
        return List.of();
    }

    @Override
    public boolean matches(Resource r, FilterCriteria fc) {
        return true;
    }

    @Override
    public List<Candidate> candidates(Resource root, FilterCriteria fc, Set<Integer> contentTypes, GeoWindow geo,
                                      DescriptorPatterns described, Visibility visibility, Integer maxDepth, String after, int batch,
                                      boolean references) {
        return List.of();
    }

    @Override
    public Candidate candidate(Resource r, FilterCriteria fc) {
        return new Candidate(r, 0, 0);
    }
}
