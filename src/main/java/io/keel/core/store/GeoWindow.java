package io.keel.core.store;

/**
 * The bounding-box test the database applies before a geo-query (gmty/geom/gsf) is evaluated exactly: a resource
 * whose location's box fails it cannot meet the query, so only those passing it are handed out as candidates.
 *
 * @param relation how the location's box must relate to the query geometry's box (minLon..maxLon, minLat..maxLat)
 */
public record GeoWindow(double minLon, double minLat, double maxLon, double maxLat, Relation relation) {
    public enum Relation {
        /** The location's box lies inside the window (Within). */
        INSIDE,
        /** The location's box covers the window (Contains). */
        COVERS,
        /** The boxes share a point (Intersects). */
        OVERLAPS
    }
}
