package io.keel.core.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.geo.GeoCoordinates;
import io.keel.core.geo.GeometryType;
import io.keel.core.resource.Resource;
import io.keel.core.store.GeoWindow;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/** The geo-query of filter criteria (gmty, geom, gsf; Release 4): its checks, its test, its database prefilter. */
class GeoQueryTest {

    private static FilterCriteria fc(Integer gmty, String geom, Integer gsf) {
        FilterCriteria fc = new FilterCriteria();
        fc.geometryType = gmty;
        fc.geometry = geom;
        fc.geoSpatialFunction = gsf;
        return fc;
    }

    private static String refused(FilterCriteria fc) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> GeoQuery.of(fc));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        return e.getMessage();
    }

    @Test
    void release4_noGeoFieldsNoGeoQuery() {
        assertNull(GeoQuery.of(new FilterCriteria()));
    }

    @Test
    void release4_gmtyGeomAndGsfComeTogether() {
        assertTrue(refused(fc(1, "[1, 2]", null)).contains("gsf (geoSpatialFunction) is missing"));
        assertTrue(refused(fc(1, null, 1)).contains("geom (geometry) is missing"));
        assertTrue(refused(fc(null, "[1, 2]", 1)).contains("gmty (geometryType) is missing"));
        assertTrue(refused(fc(null, null, 3)).contains("is missing"));
    }

    @Test
    void release4_outOfRangeCodesAndMalformedGeometryAreRefused() {
        assertTrue(refused(fc(7, "[1, 2]", 1)).contains("gmty"));
        assertTrue(refused(fc(1, "[1, 2]", 4)).contains("gsf"));
        assertTrue(refused(fc(3, "[[[0, 0], [1, 1], [2, 2], [0, 0]]]", 1)).startsWith("geom (geometry) is not a valid Polygon"));
        assertTrue(refused(fc(1, "[1, 2", 1)).startsWith("geom (geometry) is not a JSON coordinate array"));
    }

    @Test
    void release4_aResourceIsTestedByItsLocation() {
        GeoQuery q = GeoQuery.of(fc(3, "[[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]", 1));
        Resource in = new Resource();
        in.attributes.put("loc", Map.of("typ", 1L, "crd", "[5, 5]"));
        Resource out = new Resource();
        out.attributes.put("loc", Map.of("typ", 1L, "crd", "[15, 5]"));
        assertTrue(q.test(in));
        assertEquals(false, q.test(out));
        assertEquals(false, q.test(new Resource()), "no location");
    }

    /**
     * The window the database applies never drops a resource the exact test would keep: for every pair of sample
     * geometries and every function, a holding relation implies the window relation on the location's box.
     */
    @Test
    void release4_theBoundingBoxPrefilterKeepsEveryMatch() {
        List<String[]> samples = List.of(
                new String[] {"1", "[5, 5]"}, new String[] {"1", "[10, 5]"}, new String[] {"1", "[0, 0]"},
                new String[] {"2", "[[1, 1], [9, 9]]"}, new String[] {"2", "[[-5, 5], [15, 5]]"},
                new String[] {"3", "[[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]"},
                new String[] {"3", "[[[2, 2], [4, 2], [4, 4], [2, 4], [2, 2]]]"},
                new String[] {"3", "[[[5, 5], [15, 5], [15, 15], [5, 15], [5, 5]]]"},
                new String[] {"4", "[[1, 1], [9, 9]]"}, new String[] {"5", "[[[1, 1], [2, 2]], [[8, 8], [9, 9]]]"},
                new String[] {"6", "[[[[1, 1], [2, 1], [2, 2], [1, 1]]], [[[8, 8], [9, 8], [9, 9], [8, 8]]]]"});
        int matches = 0;
        for (String[] query : samples) {
            for (int gsf = 1; gsf <= 3; gsf++) {
                GeoQuery q = GeoQuery.of(fc(Integer.parseInt(query[0]), query[1], gsf));
                GeoWindow w = q.window();
                Envelope window = new Envelope(w.minLon(), w.maxLon(), w.minLat(), w.maxLat());
                for (String[] location : samples) {
                    Geometry loc = GeoCoordinates.parse("crd", GeometryType.of(Integer.parseInt(location[0])), location[1]);
                    if (!q.test(loc)) {
                        continue;
                    }
                    matches++;
                    Envelope box = loc.getEnvelopeInternal();
                    boolean passes = switch (w.relation()) {
                        case INSIDE -> window.covers(box);
                        case COVERS -> box.covers(window);
                        case OVERLAPS -> box.intersects(window);
                    };
                    assertTrue(passes, location[1] + " gsf " + gsf + " " + query[1]);
                }
            }
        }
        assertTrue(matches > 50, "the samples relate in many ways: " + matches);
    }

    @Test
    void theWindowSaysWherePointsMayMeetTheQuery() {
        String triangle = "[[[2, 42], [3, 42], [2, 43], [2, 42]]]";
        assertEquals(0.5, GeoQuery.of(fc(3, triangle, 1)).window().area(), 1e-12, "Within: the triangle, half its box");
        assertEquals(0.5, GeoQuery.of(fc(3, triangle, 3)).window().area(), 1e-12, "Intersects: the triangle");
        assertEquals(1, GeoQuery.of(fc(3, triangle, 2)).window().area(), 1e-12, "Contains: the box");
        assertEquals(0, GeoQuery.of(fc(2, "[[0, 0], [1, 1]]", 3)).window().area(), "a line has no area");
    }
}
