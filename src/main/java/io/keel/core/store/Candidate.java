package io.keel.core.store;

import io.keel.core.resource.Resource;

/**
 * A resource the database found for Filter Criteria it evaluates only in part (all but the content filter), with
 * how many of the conditions it does evaluate the resource meets: the rest of the decision is the caller's.
 *
 * @param conditionsMet how many of the database's conditions hold for the resource
 * @param conditions how many conditions the database evaluated (0 when the content filter is the only one)
 * @param located the resource's location is known to meet the geo-query (the database decided it from the index: a
 *                point), so it need not be tested again; the resource may then carry only ri, rn, ty and srn when
 *                references were asked for
 */
public record Candidate(Resource resource, int conditionsMet, int conditions, boolean located) {
    public Candidate(Resource resource, int conditionsMet, int conditions) {
        this(resource, conditionsMet, conditions, false);
    }
}
