package io.keel.core.operation;

import io.keel.core.resource.Resource;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.store.Candidate;
import io.keel.core.store.DescriptorPatterns;
import io.keel.core.store.GeoWindow;
import io.keel.core.store.InMemoryTree;
import io.keel.core.store.ResourceSearch;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A {@link ResourceSearch} answering from an {@link InMemoryTree}, evaluating only what these tests use: resource types
 * (ty), labels (lbl) and expireAfter (exa) of the filter criteria, depth, offset and limit, and visibility by ownership (origin and
 * subtrees). Content filters and visibility by policies are not evaluated: they fail loudly.
 */
final class FakeSearch implements ResourceSearch {
    private final InMemoryTree tree;
    private final TypeRegistry types;

    FakeSearch(InMemoryTree tree, TypeRegistry types) {
        this.tree = tree;
        this.types = types;
    }

    @Override
    public List<Resource> discover(Resource root, FilterCriteria fc, Visibility visibility, Integer maxDepth, int offset, int limit) {
        return all().filter(r -> r.srn.startsWith(root.srn + "/"))
                .filter(r -> maxDepth == null || r.depth() <= maxDepth)
                .filter(r -> matches(r, fc))
                .filter(r -> visible(r, visibility))
                .sorted(Comparator.comparing((Resource r) -> r.srn))
                .skip(offset).limit(limit).toList();
    }

    @Override
    public List<Resource> discoverReferences(Resource root, FilterCriteria fc, Visibility visibility, Integer maxDepth,
                                             int offset, int limit) {
        return discover(root, fc, visibility, maxDepth, offset, limit);
    }

    @Override
    public List<Resource> discoverDescribed(Resource root, FilterCriteria fc, DescriptorPatterns described, Visibility visibility,
                                            Integer maxDepth, int offset, int limit, boolean references) {
        throw new UnsupportedOperationException("these tests use no semanticsFilter");
    }

    @Override
    public boolean matches(Resource r, FilterCriteria fc) {
        return (fc.resourceTypes.isEmpty() || fc.resourceTypes.contains(r.ty))
                && (fc.labels.isEmpty() || fc.labels.stream().anyMatch(r.lbl::contains))
                && (fc.expireAfter == null || (r.et != null && !r.et.isBefore(fc.expireAfter)));
    }

    @Override
    public List<Candidate> candidates(Resource root, FilterCriteria fc, Set<Integer> contentTypes, GeoWindow geo,
                                      DescriptorPatterns described, Visibility visibility, Integer maxDepth, String after, int batch,
                                      boolean references) {
        throw new UnsupportedOperationException("these tests use no content filter");
    }

    @Override
    public Candidate candidate(Resource r, FilterCriteria fc) {
        throw new UnsupportedOperationException("these tests use no content filter");
    }

    private Stream<Resource> all() {
        return types.supported().stream().flatMap(ty -> tree.ofType(ty).stream());
    }

    private static boolean visible(Resource r, Visibility v) {
        if (v.everything() || v.alsoVisible().contains(r.ri)) {
            return true;
        }
        if (v.policiesExist()) {
            throw new UnsupportedOperationException("the fake search does not evaluate visibility by policies");
        }
        return r.origin.equals(v.origin()) || v.subtrees().stream().anyMatch(s -> r.srn.equals(s) || r.srn.startsWith(s + "/"));
    }
}
