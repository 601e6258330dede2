package io.keel.core.location;

import io.keel.core.geo.OriginatorLocations;
import io.keel.core.geo.RegisteredLocations;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.LocationWatches;
import io.keel.core.store.ResourceTree;
import java.util.Optional;
import org.locationtech.jts.geom.Point;

/**
 * Where an originator was last positioned by a {@code <locationPolicy>} of this CSE (TS-0003 annex F.2.1 step 2: the
 * location of the originator the Hosting CSE retains is used for access control): the newest position stored for its
 * {@code <AE>} or {@code <remoteCSE>}, or for the {@code <node>} it runs on (its nodeLink), whichever is newer. Only a
 * Point is a position.
 */
public final class PolicyLocations implements OriginatorLocations {
    private static final String NODE_LINK = "nl";
    private final RegisteredLocations registered;

    public PolicyLocations(RegisteredLocations registered) {
        this.registered = registered;
    }

    @Override
    public Point positionOf(ResourceTree tree, String originator) {
        LocationWatches watches = tree.locationWatches();
        Resource entity = watches == null ? null : registered.registered(tree, originator);
        if (entity == null) {
            return null;
        }
        Optional<LatestPositions.Latest> latest = LatestPositions.of(tree, watches, entity.ri);
        if (entity.get(NODE_LINK) instanceof String nl) {
            Resource node = tree.find(nl);
            Optional<LatestPositions.Latest> ofNode = node == null || node.ty != ResourceTypes.NODE ? Optional.empty()
                    : LatestPositions.of(tree, watches, node.ri);
            if (ofNode.isPresent() && (latest.isEmpty() || ofNode.get().at().isAfter(latest.get().at()))) {
                latest = ofNode;
            }
        }
        return latest.map(LatestPositions.Latest::geometry).filter(Point.class::isInstance).map(Point.class::cast).orElse(null);
    }
}
