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

    /**
     * {@link #discover} ({@link #discoverReferences} with {@code references}) with a semanticsFilter the database
     * evaluates: {@code described} is one more condition of the filter criteria, combined by their filterOperation.
     */
    List<Resource> discoverDescribed(Resource root, FilterCriteria fc, DescriptorPatterns described, Visibility visibility,
                                     Integer maxDepth, int offset, int limit, boolean references);

    /** Whether one resource meets the conditions of the filter criteria (conditional operations, fu=2). */
    boolean matches(Resource r, FilterCriteria fc);

    /**
     * One batch of discovery candidates for filter criteria with conditions the database cannot decide (a content
     * filter, a geo-query): whole resources below {@code root} (not root itself), at most {@code maxDepth} segments
     * deep when given, visible, in structured-name order, after the structured name {@code after} (null: from the
     * first), at most {@code batch} of them. Each tells how many of the other conditions it meets. Each undecided
     * condition comes with what it needs of a resource: for a content filter, one of the {@code contentTypes} (null:
     * no content filter); for a geo-query, a location whose bounding box passes the {@code geo} window (null: no
     * geo-query). Only what cannot match whatever the undecided conditions say is left out: with fo AND, a resource
     * failing any condition or need; with OR, one meeting neither a condition nor a need; with XOR, the same, and one
     * meeting more than one of the other conditions. A semanticsFilter the database evaluates ({@code described}, null
     * when none) is one of the other conditions. With {@code references}, a candidate the database decided the
     * geo-query for ({@link Candidate#located}) may carry only ri, rn, ty and srn.
     */
    List<Candidate> candidates(Resource root, FilterCriteria fc, Set<Integer> contentTypes, GeoWindow geo,
                               DescriptorPatterns described, Visibility visibility, Integer maxDepth, String after, int batch,
                               boolean references);

    /**
     * How many of the conditions of the filter criteria other than the content filter and the geo-query one resource
     * meets (fu=2).
     */
    Candidate candidate(Resource r, FilterCriteria fc);
}
