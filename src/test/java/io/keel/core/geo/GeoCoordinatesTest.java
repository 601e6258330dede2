package io.keel.core.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

/**
 * The coordinates of a Release 4 location (loc.crd) and of a geo-query (geom): a GeoJSON-style coordinate array of
 * the geometry type, [longitude, latitude] positions, checked as OGC Simple Features (JTS isValid).
 */
class GeoCoordinatesTest {

    private static Geometry parse(GeometryType type, String crd) {
        return GeoCoordinates.parse("loc.crd", type, crd);
    }

    /** The 4000 a bad value gets, its message naming the field. */
    private static String refused(GeometryType type, String crd) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> parse(type, crd));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().startsWith("loc.crd "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void release4_everyGeometryTypeParsesToItsGeometry() {
        assertEquals("Point", parse(GeometryType.POINT, "[139.69, 35.68]").getGeometryType());
        assertEquals("LineString", parse(GeometryType.LINE_STRING, "[[0, 0], [1, 1]]").getGeometryType());
        assertEquals("Polygon", parse(GeometryType.POLYGON, "[[[0, 0], [1, 0], [1, 1], [0, 0]]]").getGeometryType());
        assertEquals("MultiPoint", parse(GeometryType.MULTI_POINT, "[[0, 0], [1, 1]]").getGeometryType());
        assertEquals("MultiLineString", parse(GeometryType.MULTI_LINE_STRING, "[[[0, 0], [1, 1]], [[2, 2], [3, 3]]]").getGeometryType());
        assertEquals("MultiPolygon", parse(GeometryType.MULTI_POLYGON,
                "[[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]]").getGeometryType());
    }

    @Test
    void release4_positionsAreLongitudeThenLatitude() {
        Geometry p = parse(GeometryType.POINT, "[139.69, 35.68]");
        assertEquals(139.69, p.getCoordinate().x);
        assertEquals(35.68, p.getCoordinate().y);
        assertTrue(refused(GeometryType.POINT, "[35.68, 139.69]").contains("latitude 139.69 outside -90..90"));
        assertTrue(refused(GeometryType.POINT, "[180.5, 0]").contains("longitude 180.5 outside -180..180"));
        assertEquals(-180.0, parse(GeometryType.POINT, "[-180, -90]").getCoordinate().x, "the limits themselves are valid");
    }

    @Test
    void release4_anAltitudeIsKeptButAFourthNumberIsRefused() {
        assertEquals(12.5, parse(GeometryType.POINT, "[1, 2, 12.5]").getCoordinate().getZ());
        refused(GeometryType.POINT, "[1, 2, 3, 4]");
        refused(GeometryType.POINT, "[1]");
        refused(GeometryType.POINT, "[1, \"2\"]");
    }

    @Test
    void release4_coordinatesOfAnotherTypeAreRefused() {
        refused(GeometryType.POINT, "[[1, 2]]");
        refused(GeometryType.POLYGON, "[[0, 0], [1, 0], [1, 1], [0, 0]]");
        refused(GeometryType.LINE_STRING, "[1, 2]");
        refused(GeometryType.MULTI_POINT, "[]");
    }

    @Test
    void release4_malformedTextIsRefusedWithTheReason() {
        assertTrue(refused(GeometryType.POINT, "[1, 2").contains("not a JSON coordinate array"));
        refused(GeometryType.POINT, "[1, 2] [3, 4]");
        refused(GeometryType.POINT, "");
        refused(GeometryType.POINT, "POINT(1 2)");
    }

    @Test
    void release4_aLineStringNeedsTwoDistinctPositions() {
        assertTrue(refused(GeometryType.LINE_STRING, "[[0, 0]]").contains("at least 2"));
        assertTrue(refused(GeometryType.LINE_STRING, "[[0, 0], [0, 0]]").contains("not a valid LineString"));
    }

    @Test
    void release4_aPolygonRingIsClosedWithAtLeastFourPositions() {
        assertTrue(refused(GeometryType.POLYGON, "[[[0, 0], [1, 0], [1, 1], [0, 1]]]").contains("not closed"));
        assertTrue(refused(GeometryType.POLYGON, "[[[0, 0], [1, 0], [0, 0]]]").contains("at least 4"));
        refused(GeometryType.POLYGON, "[]");
    }

    @Test
    void release4_degenerateAndSelfIntersectingPolygonsAreRefused() {
        // All positions on one line: a ring without area.
        assertTrue(refused(GeometryType.POLYGON, "[[[0, 0], [1, 1], [2, 2], [0, 0]]]").contains("not a valid Polygon"));
        // A bow tie: the ring crosses itself at [1, 1].
        String bowTie = refused(GeometryType.POLYGON, "[[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]");
        assertTrue(bowTie.contains("self-intersection") && bowTie.contains("[1.0, 1.0]"), bowTie);
        // A hole outside its shell.
        refused(GeometryType.POLYGON, "[[[0, 0], [1, 0], [1, 1], [0, 0]], [[5, 5], [6, 5], [6, 6], [5, 5]]]");
        // Two polygons of a MultiPolygon overlapping.
        refused(GeometryType.MULTI_POLYGON, "[[[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]], [[[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]]]");
    }

    @Test
    void release4_aPolygonWithAHoleIsValid() {
        Geometry g = parse(GeometryType.POLYGON,
                "[[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]]");
        assertEquals(96.0, g.getArea());
    }
}
