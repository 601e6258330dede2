package io.keel.core.store;

/**
 * The bounding-box test the database applies before a geo-query (gmty/geom/gsf) is evaluated exactly: a resource
 * whose location's box fails it cannot meet the query, so only those passing it are handed out as candidates. A
 * location that is a single point is its own box, so for it the test is exact ({@link #point}).
 *
 * @param relation how the location's box must relate to the query geometry's box (minLon..maxLon, minLat..maxLat)
 * @param point    whether a location that is the single point (lon, lat) meets the query
 * @param area     the part of the box (square degrees) where points may meet the query: the query geometry's area for
 *                 Within and Intersects (a triangle lets half of its box's points pass), the box's for Contains; only
 *                 to judge how many located resources a page has to read
 */
public record GeoWindow(double minLon, double minLat, double maxLon, double maxLat, Relation relation, PointTest point, double area) {
    public enum Relation {
        /** The location's box lies inside the window (Within). */
        INSIDE,
        /** The location's box covers the window (Contains). */
        COVERS,
        /** The boxes share a point (Intersects). */
        OVERLAPS
    }

    /** The exact test of a location that is one point. */
    @FunctionalInterface
    public interface PointTest {
        boolean test(double lon, double lat);
    }

    /**
     * Whether a location with this bounding box can meet the query: the box relation holds, and for a point (a box
     * without extent) the exact test does too.
     */
    public boolean admits(double boxMinLon, double boxMinLat, double boxMaxLon, double boxMaxLat) {
        boolean box = switch (relation) {
            case INSIDE -> boxMinLon >= minLon && boxMaxLon <= maxLon && boxMinLat >= minLat && boxMaxLat <= maxLat;
            case COVERS -> boxMinLon <= minLon && boxMaxLon >= maxLon && boxMinLat <= minLat && boxMaxLat >= maxLat;
            case OVERLAPS -> boxMinLon <= maxLon && boxMaxLon >= minLon && boxMinLat <= maxLat && boxMaxLat >= minLat;
        };
        return box && (boxMinLon != boxMaxLon || boxMinLat != boxMaxLat || point.test(boxMinLon, boxMinLat));
    }
}
