package io.keel.core.geo;

import io.keel.core.store.ResourceTree;
import org.locationtech.jts.geom.Point;

/**
 * Where an originator is (rq_loc, TS-0003 table 7.1.2-2), for the location regions of access control rules (aclr) and
 * of notification target policies (lr). A source that knows more (the latest position a {@code <locationPolicy>}
 * reported) is put in front of the registered location with {@link #orElse}.
 */
@FunctionalInterface
public interface OriginatorLocations {
    /**
     * @param originator the originator's ID as it came (CSE-relative, SP-relative or absolute)
     * @return its latest known position (x longitude, y latitude), or null when it is not known
     */
    Point positionOf(ResourceTree tx, String originator);

    /** This source's position, or the other's when this one knows none. */
    default OriginatorLocations orElse(OriginatorLocations other) {
        return (tx, originator) -> {
            Point p = positionOf(tx, originator);
            return p != null ? p : other.positionOf(tx, originator);
        };
    }
}
