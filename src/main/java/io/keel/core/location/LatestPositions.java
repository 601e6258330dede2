package io.keel.core.location;

import io.keel.core.geo.Location;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.LocationPolicyType;
import io.keel.core.store.LocationWatches;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.Transaction;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;

/**
 * The latest known position of an entity from its {@code <locationPolicy>} resources: the position of the newest
 * contentInstance the CSE stored in the container of a device- or sharing-based policy whose target is the entity (its
 * {@code <AE>} or {@code <node>}); a network-based policy's target is an identity of the Underlying Network (lot), no
 * entity of this CSE. For those who judge by where an entity is (location regions of access control or deletion
 * rules); a read in the caller's transaction.
 */
public final class LatestPositions {
    /** A position the CSE recorded for a policy, as m2m:geoCoordinates and as a geometry, and when. */
    public record Latest(Map<?, ?> loc, Geometry geometry, Instant at, String policy) {
    }

    private LatestPositions() {
    }

    /** @param entity the resourceID of the AE or node; empty when no policy of it recorded a position */
    public static Optional<Latest> of(Transaction tx, String entity) {
        return of(tx.tree(), tx.locations(), entity);
    }

    /** The same, from the tree and the watches of one transaction. */
    public static Optional<Latest> of(ResourceTree tree, LocationWatches watches, String entity) {
        Latest latest = null;
        for (LocationWatches.Watch w : watches.ofTarget(entity)) {
            Resource policy = tree.find(w.policy());
            if (policy == null || !(policy.get(LocationPolicyType.CONTAINER_ID) instanceof String loi)) {
                continue;
            }
            Resource cin = tree.newestOrOldestChild(loi, ResourceTypes.CONTENT_INSTANCE, true);
            if (cin != null && cin.get(Location.LOC) instanceof Map<?, ?> loc && (latest == null || cin.ct.isAfter(latest.at()))) {
                latest = new Latest(loc, Location.of(cin), cin.ct, policy.ri);
            }
        }
        return Optional.ofNullable(latest);
    }
}
