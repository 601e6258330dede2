package io.keel.core.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import io.keel.serialization.ContentCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/**
 * m2m:locationRegion (TS-0004 6.3.5.28; TS-0003 F.1): a circle (accr: latitude, longitude, radius in metres) or a list
 * of ISO 3166-1 alpha-2 countries (accc), parsed with a 4000 naming the field, and whether a position lies in it.
 */
class LocationRegionTest {
    private static final GeometryFactory GEO = new GeometryFactory();
    /** One metre of latitude, in degrees, on the sphere the distances are measured on. */
    private static final double METRE = Math.toDegrees(1 / LocationRegion.EARTH_RADIUS_METRES);

    private static LocationRegion region(String json) {
        return LocationRegion.of(LocationRegion.normalize("aclr", ContentCodec.fromJson(json), false));
    }

    private static Point at(double latitude, double longitude) {
        return GEO.createPoint(new Coordinate(longitude, latitude));
    }

    @Test
    void ts0004_6_3_5_28_theStoredFormIsTheGivenOne() {
        assertEquals(Map.of("accr", List.of(35.68, 139.69, 1000.0)),
                LocationRegion.normalize("aclr", ContentCodec.fromJson("{\"accr\":[35.68, 139.69, 1000]}"), false));
        // A country named twice counts once; the list is kept in code order.
        assertEquals(Map.of("accc", List.of("DE", "KR")),
                LocationRegion.normalize("aclr", ContentCodec.fromJson("{\"accc\":[\"KR\",\"DE\",\"KR\"]}"), false));
    }

    @Test
    void ts0004_6_3_5_28_xmlListsAreSpaceSeparatedText() {
        assertEquals(Map.of("accr", List.of(-33.9, 18.4, 250.5)),
                LocationRegion.normalize("lr", Map.of("accr", "-33.9 18.4 250.5"), true));
        assertEquals(Map.of("accc", List.of("JP", "KR")), LocationRegion.normalize("lr", Map.of("accc", " KR  JP "), true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[\"KR\"]                              | aclr must be an object",
            "{}                                    | aclr must hold exactly one of accc",
            "{\"accc\":[\"KR\"],\"accr\":[0,0,1]}  | aclr must hold exactly one of accc",
            "{\"cc\":[\"KR\"]}                     | aclr holds the unknown member cc",
            "{\"accr\":[35, 139]}                  | aclr.accr must be a list of three numbers",
            "{\"accr\":[35, 139, 10, 4]}           | aclr.accr must be a list of three numbers",
            "{\"accr\":\"35 139 10\"}              | aclr.accr must be a list of three numbers",
            "{\"accr\":[35, \"east\", 10]}         | aclr.accr holds east where a number is expected",
            "{\"accr\":[90.5, 0, 10]}              | aclr.accr has latitude 90.5 outside -90..90",
            "{\"accr\":[0, -180.5, 10]}            | aclr.accr has longitude -180.5 outside -180..180",
            "{\"accr\":[0, 0, -1]}                 | aclr.accr has a negative radius -1.0",
            "{\"accc\":[]}                         | aclr.accc must be a non-empty list",
            "{\"accc\":\"KR\"}                     | aclr.accc must be a non-empty list",
            "{\"accc\":[\"kr\"]}                   | aclr.accc holds kr, which is no ISO 3166-1 alpha-2 country code (two capital letters)",
            "{\"accc\":[\"KOR\"]}                  | aclr.accc holds KOR, which is no ISO 3166-1 alpha-2",
            "{\"accc\":[\"KR\", \"QQ\"]}           | aclr.accc holds QQ, which is no ISO 3166-1 alpha-2 country code"})
    void ts0004_6_3_5_28_malformedRegionsAreBadRequestsNamingTheField(String json, String reason) {
        OneM2MException e = assertThrows(OneM2MException.class,
                () -> LocationRegion.normalize("aclr", ContentCodec.fromJson(json), false));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().startsWith(reason), e.getMessage());
    }

    @Test
    void ts0004_6_3_5_28_xmlTextThatIsNoNumberIsRefused() {
        OneM2MException e = assertThrows(OneM2MException.class, () -> LocationRegion.normalize("lr[0]", Map.of("accr", "1 NaN 3"), true));
        assertTrue(e.getMessage().startsWith("lr[0].accr holds NaN where a number is expected"), e.getMessage());
    }

    @Test
    void ts0003_F_1_1_theCircleHoldsWhatIsWithinItsRadiusItsEdgeIncluded() {
        LocationRegion circle = region("{\"accr\":[10, 20, 1000]}");
        assertTrue(circle.contains(at(10, 20)));
        assertTrue(circle.contains(at(10 + 999 * METRE, 20)));
        assertTrue(circle.contains(at(10 - 999.9 * METRE, 20)));
        assertFalse(circle.contains(at(10 + 1000.1 * METRE, 20)));
        assertFalse(circle.contains(at(10, 21)));
        // A radius of 0 holds its centre alone.
        assertTrue(region("{\"accr\":[10, 20, 0]}").contains(at(10, 20)));
        assertFalse(region("{\"accr\":[10, 20, 0]}").contains(at(10 + METRE, 20)));
    }

    @Test
    void ts0003_F_1_1_distancesAreGreatCircleOnes() {
        // Paris to London: about 343.5 km along the sphere.
        assertEquals(343_560, LocationRegion.distanceMetres(48.8566, 2.3522, 51.5074, -0.1278), 500);
        // A degree of longitude shrinks with latitude: 111.2 km at the equator, half that at 60 degrees.
        assertEquals(111_195, LocationRegion.distanceMetres(0, 0, 0, 1), 10);
        assertEquals(55_600, LocationRegion.distanceMetres(60, 0, 60, 1), 100);
        // Across the antimeridian, the short way round.
        assertTrue(region("{\"accr\":[0, 179.999, 300]}").contains(at(0, -179.999)));
        // Around a pole every longitude is near.
        assertTrue(region("{\"accr\":[90, 0, 2000]}").contains(at(89.99, 135)));
    }

    @Test
    void ts0003_F_2_1_anUnknownPositionIsInNoRegion() {
        assertFalse(region("{\"accr\":[0, 0, 20000000]}").contains(null));
        assertFalse(region("{\"accc\":[\"DE\"]}").contains(null));
    }

    @Test
    void ts0003_F_1_2_aCountryHoldsItsTerritory() {
        LocationRegion germany = region("{\"accc\":[\"DE\"]}");
        assertTrue(germany.contains(at(52.52, 13.405)));      // Berlin
        assertTrue(germany.contains(at(48.137, 11.575)));     // Munich
        assertFalse(germany.contains(at(52.23, 21.01)));      // Warsaw
        assertFalse(germany.contains(at(48.8566, 2.3522)));   // Paris
        assertTrue(region("{\"accc\":[\"KR\"]}").contains(at(37.5665, 126.978)));   // Seoul
        assertFalse(region("{\"accc\":[\"KR\"]}").contains(at(39.0392, 125.7625))); // Pyongyang
        assertTrue(region("{\"accc\":[\"BR\"]}").contains(at(-15.79, -47.88)));     // Brasília, south of the equator
        // Any of the listed countries will do.
        assertTrue(region("{\"accc\":[\"PL\",\"DE\"]}").contains(at(52.23, 21.01)));
    }

    @Test
    void ts0003_F_1_2_aCountryOfSeveralPolygonsHoldsEachOfThem() {
        LocationRegion japan = region("{\"accc\":[\"JP\"]}");
        assertTrue(japan.contains(at(35.68, 139.69)));   // Tokyo, Honshu
        assertTrue(japan.contains(at(43.06, 141.35)));   // Sapporo, Hokkaido
        assertTrue(japan.contains(at(26.334, 127.805))); // Okinawa City, Okinawa
        assertFalse(japan.contains(at(37.5665, 126.978)));
        LocationRegion usa = region("{\"accc\":[\"US\"]}");
        assertTrue(usa.contains(at(39.74, -104.99)));    // Denver
        assertTrue(usa.contains(at(64.84, -147.72)));    // Fairbanks, Alaska
        assertTrue(usa.contains(at(19.6, -155.5)));      // Mauna Loa, Hawaii
        assertFalse(usa.contains(at(45.5, -73.57)));     // Montréal
        // An island of a country elsewhere in the list is no island of another.
        assertTrue(region("{\"accc\":[\"FR\"]}").contains(at(41.93, 8.74)));   // Ajaccio, Corsica
        assertFalse(region("{\"accc\":[\"IT\"]}").contains(at(41.93, 8.74)));
        assertTrue(region("{\"accc\":[\"IT\"]}").contains(at(39.22, 9.12)));   // Cagliari, Sardinia
    }

    @Test
    void ts0003_F_1_2_nearABorderEachSideIsItsCountrys() {
        // Strasbourg and Kehl face each other across the Rhine, about 5 km apart.
        assertTrue(region("{\"accc\":[\"FR\"]}").contains(at(48.5734, 7.7521)));
        assertFalse(region("{\"accc\":[\"DE\"]}").contains(at(48.5734, 7.7521)));
        assertTrue(region("{\"accc\":[\"DE\"]}").contains(at(48.5755, 7.8150)));
        assertFalse(region("{\"accc\":[\"FR\"]}").contains(at(48.5755, 7.8150)));
        // Geneva and Annemasse: about 7 km apart, the border between.
        assertTrue(region("{\"accc\":[\"CH\"]}").contains(at(46.2044, 6.1432)));
        assertTrue(region("{\"accc\":[\"FR\"]}").contains(at(46.1934, 6.2342)));
        assertFalse(region("{\"accc\":[\"CH\"]}").contains(at(46.1934, 6.2342)));
    }

    @Test
    void ts0003_F_1_2_theSeaIsInNoCountry() {
        assertFalse(region("{\"accc\":[\"GH\",\"NG\",\"GA\"]}").contains(at(0, 0)));
        assertFalse(region("{\"accc\":[\"GB\",\"FR\"]}").contains(at(50.2, -1.0))); // the Channel
    }

    @Test
    void naturalEarthTerritoriesWithoutAnIsoCodeBelongToTheCountryIsoGivesThem() {
        assertTrue(region("{\"accc\":[\"SO\"]}").contains(at(9.56, 44.06)));   // Hargeisa (Somaliland)
        assertTrue(region("{\"accc\":[\"XK\"]}").contains(at(42.66, 21.17)));  // Pristina
        assertFalse(region("{\"accc\":[\"RS\"]}").contains(at(42.66, 21.17)));
    }
}
