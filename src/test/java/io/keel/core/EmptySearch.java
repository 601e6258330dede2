package io.keel.core;

import io.keel.core.resource.Resource;
import io.keel.core.store.Candidate;
import io.keel.core.store.ResourceSearch;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import java.util.List;
import java.util.Set;

/** A {@link ResourceSearch} over a tree whose resources have no children worth finding: every search finds nothing. */
final class EmptySearch implements ResourceSearch {
    @Override
    public List<Resource> discover(Resource root, FilterCriteria fc, Visibility visibility, Integer maxDepth, int offset, int limit) {
        return List.of();
    }

    @Override
    public List<Resource> discoverReferences(Resource root, FilterCriteria fc, Visibility visibility, Integer maxDepth, int offset, int limit) {
        return List.of();
    }

    @Override
    public boolean matches(Resource r, FilterCriteria fc) {
        return true;
    }

    @Override
    public List<Candidate> candidates(Resource root, FilterCriteria fc, Set<Integer> contentTypes, Visibility visibility,
                                      Integer maxDepth, String after, int batch) {
        return List.of();
    }

    @Override
    public Candidate candidate(Resource r, FilterCriteria fc) {
        return new Candidate(r, 0, 0);
    }
}
