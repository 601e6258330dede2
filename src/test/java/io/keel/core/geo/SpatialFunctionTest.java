package io.keel.core.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * geoSpatialFunction (gsf, Release 4) on every geometry type: "location FUNCTION query geometry" with the OGC Simple
 * Features meaning of Within, Contains and Intersects.
 */
class SpatialFunctionTest {
    /** The query area: the square 0..10 × 0..10. */
    private static final String SQUARE = "[[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]";

    private static Geometry g(GeometryType type, String crd) {
        return GeoCoordinates.parse("crd", type, crd);
    }

    private static boolean holds(SpatialFunction f, Geometry location, Geometry query) {
        return f.test(location, PreparedGeometryFactory.prepare(query));
    }

    /** Within, Contains, Intersects of a location against a query geometry. */
    private static void expect(Geometry location, Geometry query, boolean within, boolean contains, boolean intersects) {
        assertEquals(within, holds(SpatialFunction.WITHIN, location, query), "within");
        assertEquals(contains, holds(SpatialFunction.CONTAINS, location, query), "contains");
        assertEquals(intersects, holds(SpatialFunction.INTERSECTS, location, query), "intersects");
        // Within and Contains are converses, and both imply Intersects.
        assertEquals(within, query.contains(location));
        assertEquals(contains, query.within(location));
    }

    private static final Geometry AREA = g(GeometryType.POLYGON, SQUARE);

    @Test
    void release4_pointAgainstPolygon() {
        expect(g(GeometryType.POINT, "[5, 5]"), AREA, true, false, true);
        expect(g(GeometryType.POINT, "[15, 5]"), AREA, false, false, false);
    }

    @Test
    void release4_aPointOnThePolygonBoundaryIntersectsButIsNotWithin() {
        expect(g(GeometryType.POINT, "[10, 5]"), AREA, false, false, true);
        expect(g(GeometryType.POINT, "[0, 0]"), AREA, false, false, true);
    }

    @Test
    void release4_aPointInAHoleIsNotWithinThePolygon() {
        Geometry holed = g(GeometryType.POLYGON,
                "[[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]]");
        expect(g(GeometryType.POINT, "[5, 5]"), holed, false, false, false);
        expect(g(GeometryType.POINT, "[2, 2]"), holed, true, false, true);
    }

    @Test
    void release4_pointAgainstPoint() {
        expect(g(GeometryType.POINT, "[1, 2]"), g(GeometryType.POINT, "[1, 2]"), true, true, true);
        expect(g(GeometryType.POINT, "[1, 2]"), g(GeometryType.POINT, "[1, 3]"), false, false, false);
    }

    @Test
    void release4_pointAgainstLineString() {
        Geometry line = g(GeometryType.LINE_STRING, "[[0, 0], [10, 10]]");
        expect(g(GeometryType.POINT, "[5, 5]"), line, true, false, true);
        // An end point is the line's boundary: it touches the line but is not within it.
        expect(g(GeometryType.POINT, "[0, 0]"), line, false, false, true);
        expect(g(GeometryType.POINT, "[5, 6]"), line, false, false, false);
    }

    @Test
    void release4_lineStringAgainstPolygon() {
        expect(g(GeometryType.LINE_STRING, "[[1, 1], [9, 9]]"), AREA, true, false, true);
        expect(g(GeometryType.LINE_STRING, "[[5, 5], [15, 5]]"), AREA, false, false, true);
        expect(g(GeometryType.LINE_STRING, "[[20, 20], [30, 30]]"), AREA, false, false, false);
        // Along the boundary only: no interior point in common, so not within.
        expect(g(GeometryType.LINE_STRING, "[[0, 0], [10, 0]]"), AREA, false, false, true);
    }

    @Test
    void release4_lineStringAgainstLineString() {
        expect(g(GeometryType.LINE_STRING, "[[0, 10], [10, 0]]"), g(GeometryType.LINE_STRING, "[[0, 0], [10, 10]]"),
                false, false, true);
        expect(g(GeometryType.LINE_STRING, "[[2, 2], [4, 4]]"), g(GeometryType.LINE_STRING, "[[0, 0], [10, 10]]"),
                true, false, true);
        expect(g(GeometryType.LINE_STRING, "[[0, 0], [10, 10]]"), g(GeometryType.LINE_STRING, "[[2, 2], [4, 4]]"),
                false, true, true);
    }

    @Test
    void release4_polygonAgainstPolygon() {
        expect(g(GeometryType.POLYGON, "[[[2, 2], [4, 2], [4, 4], [2, 4], [2, 2]]]"), AREA, true, false, true);
        expect(AREA, g(GeometryType.POLYGON, "[[[2, 2], [4, 2], [4, 4], [2, 4], [2, 2]]]"), false, true, true);
        expect(g(GeometryType.POLYGON, "[[[5, 5], [15, 5], [15, 15], [5, 15], [5, 5]]]"), AREA, false, false, true);
        expect(g(GeometryType.POLYGON, "[[[20, 20], [30, 20], [30, 30], [20, 20]]]"), AREA, false, false, false);
        // Equal polygons are within and contain each other.
        expect(AREA, g(GeometryType.POLYGON, SQUARE), true, true, true);
        // Sharing only an edge: they touch.
        expect(g(GeometryType.POLYGON, "[[[10, 0], [20, 0], [20, 10], [10, 10], [10, 0]]]"), AREA, false, false, true);
    }

    @Test
    void release4_polygonContainsAPoint() {
        expect(AREA, g(GeometryType.POINT, "[5, 5]"), false, true, true);
        expect(AREA, g(GeometryType.POINT, "[10, 10]"), false, false, true);
    }

    @Test
    void release4_multiPointAgainstPolygon() {
        expect(g(GeometryType.MULTI_POINT, "[[1, 1], [9, 9]]"), AREA, true, false, true);
        expect(g(GeometryType.MULTI_POINT, "[[1, 1], [19, 19]]"), AREA, false, false, true);
        expect(g(GeometryType.MULTI_POINT, "[[11, 11], [19, 19]]"), AREA, false, false, false);
        expect(AREA, g(GeometryType.MULTI_POINT, "[[1, 1], [9, 9]]"), false, true, true);
    }

    @Test
    void release4_multiLineStringAgainstPolygon() {
        expect(g(GeometryType.MULTI_LINE_STRING, "[[[1, 1], [2, 2]], [[3, 3], [4, 4]]]"), AREA, true, false, true);
        expect(g(GeometryType.MULTI_LINE_STRING, "[[[1, 1], [2, 2]], [[13, 13], [14, 14]]]"), AREA, false, false, true);
        expect(g(GeometryType.MULTI_LINE_STRING, "[[[11, 11], [12, 12]], [[13, 13], [14, 14]]]"), AREA, false, false, false);
    }

    @Test
    void release4_multiPolygonAgainstPolygonAndPoint() {
        Geometry two = g(GeometryType.MULTI_POLYGON,
                "[[[[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]]], [[[20, 20], [21, 20], [21, 21], [20, 21], [20, 20]]]]");
        expect(two, AREA, false, false, true);
        expect(two, g(GeometryType.POINT, "[20.5, 20.5]"), false, true, true);
        expect(g(GeometryType.POINT, "[20.5, 20.5]"), two, true, false, true);
        expect(g(GeometryType.POINT, "[10, 10]"), two, false, false, false);
        Geometry inside = g(GeometryType.MULTI_POLYGON,
                "[[[[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]]], [[[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]]]");
        expect(inside, AREA, true, false, true);
        expect(AREA, inside, false, true, true);
    }

    @Test
    void release4_geometriesAgainstMultiTypes() {
        Geometry points = g(GeometryType.MULTI_POINT, "[[1, 1], [2, 2]]");
        expect(g(GeometryType.POINT, "[1, 1]"), points, true, false, true);
        expect(points, g(GeometryType.POINT, "[2, 2]"), false, true, true);
        Geometry lines = g(GeometryType.MULTI_LINE_STRING, "[[[0, 0], [10, 0]], [[0, 5], [10, 5]]]");
        expect(g(GeometryType.LINE_STRING, "[[5, -5], [5, 10]]"), lines, false, false, true);
        expect(g(GeometryType.POINT, "[5, 5]"), lines, true, false, true);
    }

    @Test
    void release4_everyFunctionHasItsCode() {
        assertEquals(SpatialFunction.WITHIN, SpatialFunction.of(1));
        assertEquals(SpatialFunction.CONTAINS, SpatialFunction.of(2));
        assertEquals(SpatialFunction.INTERSECTS, SpatialFunction.of(3));
        assertEquals(null, SpatialFunction.of(4));
        assertEquals(GeometryType.MULTI_POLYGON, GeometryType.of(6));
        assertEquals(null, GeometryType.of(0));
    }
}
