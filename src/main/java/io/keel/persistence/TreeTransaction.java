package io.keel.persistence;

import io.keel.core.resource.Resource;
import io.keel.primitive.FilterCriteria;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The resource tree as one transaction sees it. Every method is one indexed query; nothing loads a subtree to
 * filter it in memory, except that {@link #candidates} hands out, batch by batch, what a content filter is to test.
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

    /** The direct children of a type, oldest first: e.g. the subscriptions of a resource. */
    default List<Resource> children(String pi, int ty) {
        return oldestChildren(pi, ty, Integer.MAX_VALUE);
    }

    /**
     * The listener of this class registered on this write transaction, created and registered by {@code create} on
     * first use: one per transaction, e.g. the notifications its changes cause.
     */
    <T extends TransactionListener> T listener(Class<T> type, java.util.function.Supplier<T> create);

    /** Records that this instance runs the pending non-blocking request, alive as of {@code nowMicros}. */
    void claimRequest(String ri, String instance, long nowMicros);

    /** The request is done: no instance runs it any more. */
    void releaseRequest(String ri);

    /** Renews the claims of an instance; with 0 it lets go of them (an orderly stop). */
    void renewRequests(String instance, long heartbeatMicros);

    /** Requests whose runner has not renewed its claim since {@code beforeMicros}. */
    List<String> abandonedRequests(long beforeMicros);

    /** Queues a request in a pollingChannel. */
    void enqueue(QueuedRequest request);

    /** Removes and returns the oldest unexpired request queued in a pollingChannel, or null. */
    QueuedRequest dequeue(String pollingChannel, long nowMicros);

    /** Every resource of a type (for the few accessControlPolicies a discovery weighs up front). */
    List<Resource> ofType(int ty);

    /**
     * The accessControlPolicies governing a resource, kept beside it so that visibility is a database predicate: its
     * acpi, or for types without acpi its parent's. Replaces what was kept for it.
     */
    void setGoverningPolicies(String ri, List<String> acpRis);

    /** {@link #setGoverningPolicies} for every direct child of {@code pi} of the given types at once. */
    void setGoverningPoliciesOfChildren(String pi, Collection<Integer> types, List<String> acpRis);

    /** Resources whose expirationTime has passed, soonest first. */
    List<Resource> expired(Instant now, int limit);
}
