package io.keel.persistence;

import io.keel.core.resource.Resource;
import io.keel.primitive.FilterCriteria;
import java.time.Instant;
import java.util.List;

/**
 * The resource tree as one transaction sees it. Every method is one indexed query; nothing loads a subtree to
 * filter it in memory.
 */
public interface TreeTransaction {
    /** @return the resource with this ri, or null. */
    Resource find(String ri);

    /** @return the resource with this structured CSE-relative ID (e.g. {@code cse-in/ae/cnt}), or null. */
    Resource findByStructuredName(String srn);

    /**
     * Reads and write-locks a resource until the transaction ends (serializes changes to it and to its children,
     * also between CSEs sharing the database); null when it no longer exists. Always the latest committed state.
     */
    Resource lock(String ri);

    /** Stores a new resource; a sibling with the same rn → 4105 CONFLICT. */
    void insert(Resource r);

    void update(Resource r);

    /** Deletes the resource and everything below it. */
    void deleteSubtree(Resource r);

    /** The newest (or oldest) direct child of a type, or null: what {@code la} and {@code ol} address. */
    Resource newestOrOldestChild(String pi, int ty, boolean newest);

    List<Resource> oldestChildren(String pi, int ty, int limit);

    /**
     * Discovery: resources below {@code root} (not root itself), at most {@code maxDepth} segments deep when given,
     * that match the filter criteria and are visible, in structured-name order; {@code offset} skipped, at most
     * {@code limit} returned.
     */
    List<Resource> discover(Resource root, FilterCriteria fc, Visibility visibility, Integer maxDepth, int offset, int limit);

    /**
     * Like {@link #discover}, but each resource carries only ri, rn, ty and srn (a discovery result, a reference):
     * the database returns four columns instead of whole rows.
     */
    List<Resource> discoverReferences(Resource root, FilterCriteria fc, Visibility visibility, Integer maxDepth, int offset, int limit);

    /** Whether one resource meets the conditions of the filter criteria (conditional operations, fu=2). */
    boolean matches(Resource r, FilterCriteria fc);

    /** Resources whose expirationTime has passed, soonest first. */
    List<Resource> expired(Instant now, int limit);
}
