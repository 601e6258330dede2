package io.keel.core.location;

import org.locationtech.jts.geom.Geometry;

/**
 * m2m:geofenceEventCriteria (TS-0004 6.3.4.2.47; TS-0001 figure 9.6.10-1): what a new position means for a
 * geographicalTargetArea, given where the previous one was. Each position is exactly one of them: Entering (outside,
 * now inside), Leaving (inside, now outside), Inside (inside before and now) and Outside (outside before and now). The
 * first position, with none before it, is Inside or Outside: no crossing was seen.
 */
public enum GeofenceEvent {
    ENTERING(1),
    LEAVING(2),
    INSIDE(3),
    OUTSIDE(4);

    private final long code;

    GeofenceEvent(long code) {
        this.code = code;
    }

    /** The number of m2m:geofenceEventCriteria. */
    public long code() {
        return code;
    }

    /**
     * @param wasInside where the previous position was; null when there was none
     * @param isInside  where the new one is
     */
    public static GeofenceEvent of(Boolean wasInside, boolean isInside) {
        if (isInside) {
            return Boolean.FALSE.equals(wasInside) ? ENTERING : INSIDE;
        }
        return Boolean.TRUE.equals(wasInside) ? LEAVING : OUTSIDE;
    }

    /** Whether a position lies in the area: on its boundary counts as inside (the area covers it). */
    public static boolean inside(Geometry area, Geometry position) {
        return area.covers(position);
    }
}
