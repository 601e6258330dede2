package io.keel.core.geo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;

/**
 * m2m:geoSpatialFunctionType (Release 4, filter criteria gsf): how a resource's location relates to the geometry
 * of a geo-query. The relation reads "location FUNCTION query geometry" and follows the OGC Simple Features
 * definitions (DE-9IM) as JTS implements them, on the plane of longitude and latitude:
 * <ul>
 * <li>Within: no point of the location lies outside the query geometry and their interiors share a point. A point
 * on the boundary of a polygon is not within it.</li>
 * <li>Contains: the query geometry is within the location.</li>
 * <li>Intersects: they share at least one point, boundaries included.</li>
 * </ul>
 */
public enum SpatialFunction {
    WITHIN(1) {
        @Override
        public boolean test(Geometry location, PreparedGeometry query) {
            return query.contains(location);
        }
    },
    CONTAINS(2) {
        @Override
        public boolean test(Geometry location, PreparedGeometry query) {
            return query.within(location);
        }
    },
    INTERSECTS(3) {
        @Override
        public boolean test(Geometry location, PreparedGeometry query) {
            return query.intersects(location);
        }
    };

    private final int code;

    SpatialFunction(int code) {
        this.code = code;
    }

    /**
     * Whether the location relates to the query geometry as this function says. The query geometry is prepared once
     * for the many locations a discovery tests, so each relation is asked the other way round (A within B is B
     * contains A), with the same result.
     */
    public abstract boolean test(Geometry location, PreparedGeometry query);

    /** The function numbered {@code code}, or null when there is none (outside 1..3). */
    public static SpatialFunction of(long code) {
        for (SpatialFunction f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        return null;
    }
}
