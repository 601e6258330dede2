package io.keel.core.store;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The resource tree as one transaction sees it. Every method is one indexed query. */
public interface ResourceTree {
    /** @return the resource with this ri, or null. */
    Resource find(String ri);

    /** @return the resource with this structured CSE-relative ID (e.g. {@code cse-in/ae/cnt}), or null. */
    Resource findByStructuredName(String srn);

    /**
     * Reads, in one query, the resources with these structured names (a request's target and its ancestors, which the
     * originator check, routing and access control look up one by one next), so that this transaction's
     * {@link #findByStructuredName} of these names, also of one that does not exist, and {@link #find} of what was
     * read answer without a query of their own. A hint: a store may ignore it.
     */
    default void prefetch(Collection<String> srns) {
    }

    /**
     * Reads and write-locks a resource until the transaction ends (serializes changes to it and to its children,
     * also between CSEs sharing the database); null when it no longer exists. Always the latest committed state.
     */
    Resource lock(String ri);

    /** Stores a new resource; a sibling with the same rn → 4105 CONFLICT. */
    void insert(Resource r);

    void update(Resource r);

    /**
     * Deletes the resource and everything below it. Resources of {@code childlessTypes} never have children: the
     * store need not lock them before the delete (nor look for children of such a resource).
     */
    void deleteSubtree(Resource r, Set<Integer> childlessTypes);

    /**
     * Adds {@code by} to the count of {@code <subscription>} children the resource's row keeps ({@link
     * Resource#subscriptions}); the subscription type calls it, with the parent locked, when one is created or deleted.
     * A store that keeps no count ignores it and reads the subscriptions each time.
     */
    default void countSubscriptions(String pi, int by) {
    }

    /** The {@code <subscription>} children of a resource, oldest first; none, without a query, when its row counts none. */
    default List<Resource> subscriptionsOf(Resource r) {
        return r.subscriptions == 0 ? List.of() : children(r.ri, ResourceTypes.SUBSCRIPTION);
    }

    /** The newest (or oldest) direct child of a type, or null: what {@code la} and {@code ol} address. */
    Resource newestOrOldestChild(String pi, int ty, boolean newest);

    /** The direct children of a type, newest first, at most {@code limit}. */
    List<Resource> newestChildren(String pi, int ty, int limit);

    /** The direct children of a type, oldest first, at most {@code limit}. */
    List<Resource> oldestChildren(String pi, int ty, int limit);

    /** The direct children of a type, oldest first: e.g. the subscriptions of a resource. */
    default List<Resource> children(String pi, int ty) {
        return oldestChildren(pi, ty, Integer.MAX_VALUE);
    }

    /**
     * The direct children of a type of each of these parents, oldest first, by parent (a parent without any is not in
     * the map): e.g. the notificationSchedules of all the subscriptions an event concerns, in one query, not one each.
     */
    default Map<String, List<Resource>> childrenOf(Collection<String> pis, int ty) {
        Map<String, List<Resource>> out = new LinkedHashMap<>();
        for (String pi : pis) {
            List<Resource> children = children(pi, ty);
            if (!children.isEmpty()) {
                out.put(pi, children);
            }
        }
        return out;
    }

    /** Every resource of a type (for the few accessControlPolicies a discovery weighs up front). */
    List<Resource> ofType(int ty);

    /**
     * Resources below the structured name {@code below} (not it) whose attribute (a scalar or a list) holds one of the
     * values, in structured-name order, at most {@code limit} of them: e.g. those whose daci names a
     * dynamicAuthorizationConsultation.
     */
    List<Resource> naming(String attribute, Collection<String> values, String below, int limit);

    /**
     * What locationPolicies keep beside them, read in this tree's transaction: for those who only hold the tree and ask
     * where an entity was last positioned (access control); null when the store keeps none.
     */
    default LocationWatches locationWatches() {
        return null;
    }
}
