package io.keel.core.store;

import io.keel.core.resource.Resource;
import io.keel.primitive.FilterCriteria;
import java.util.List;
import java.util.Set;

/**
 * Filter criteria as the store evaluates them: one indexed query each; nothing loads a subtree to filter it in
 * memory, except that {@link #candidates} hands out, batch by batch, what a content filter is to test.
 */
public interface ResourceSearch {
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

    /**
     * One batch of discovery candidates for filter criteria with a content filter, which the database cannot
     * evaluate: whole resources below {@code root} (not root itself), at most {@code maxDepth} segments deep when
     * given, visible, in structured-name order, after the structured name {@code after} (null: from the first), at
     * most {@code batch} of them. Each tells how many of the other conditions it meets. Only what cannot match
     * whatever the content filter says is left out: with fo AND, a resource failing another condition or not of one
     * of the {@code contentTypes}; with XOR, one meeting more than one other condition; with OR, nothing.
     */
    List<Candidate> candidates(Resource root, FilterCriteria fc, Set<Integer> contentTypes, Visibility visibility,
                               Integer maxDepth, String after, int batch);

    /** How many of the conditions of the filter criteria other than the content filter one resource meets (fu=2). */
    Candidate candidate(Resource r, FilterCriteria fc);
}
