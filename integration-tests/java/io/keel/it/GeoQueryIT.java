package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.keel.it.OneM2MClient.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Release 4: the location attribute (loc, m2m:geoCoordinates) and geo-queries in filter criteria (gmty, geom, gsf)
 * in discovery, child lists and conditional operations, on the real WAR and database.
 */
class GeoQueryIT extends KeelIT {
    /** The square 139..140 × 35..36 (longitude × latitude) around Tokyo. */
    private static final String KANTO = "[[[139, 35], [140, 35], [140, 36], [139, 36], [139, 35]]]";
    private static final CBORMapper CBOR = new CBORMapper();

    private String ae;
    private String base;

    /**
     * ae / tokyo (cnt, point [139.69, 35.68], lbl city) / reading (cin, point [139.7, 35.7])
     *    / osaka (cnt, point [135.5, 34.69], lbl city)
     *    / edge (cnt, point [140, 36]: a corner of KANTO)
     *    / route (cnt, line [139, 35] → [141, 37]: leaves KANTO)
     *    / park (ae, polygon 139.6..139.8 × 35.6..35.8)   — an AE below the CSEBase is not below ae, so a container
     *    / nowhere (cnt, no location, lbl city)
     */
    @BeforeEach
    void tree() {
        String name = OneM2MClient.unique("geo");
        ae = cse.registerAe("C" + OneM2MClient.unique("geo"), name);
        base = "cse-in/" + name;
        container("tokyo", point(139.69, 35.68), "city");
        create("/" + ae + "/tokyo", 4, "{\"m2m:cin\":{\"rn\":\"reading\",\"con\":\"21\"," + point(139.7, 35.7) + "}}");
        container("osaka", point(135.5, 34.69), "city");
        container("edge", point(140, 36), null);
        container("route", loc(2, "[[139, 35], [141, 37]]"), null);
        container("park", loc(3, "[[[139.6, 35.6], [139.8, 35.6], [139.8, 35.8], [139.6, 35.8], [139.6, 35.6]]]"), null);
        container("nowhere", null, "city");
    }

    private static String loc(int typ, String crd) {
        return "\"loc\":{\"typ\":" + typ + ",\"crd\":\"" + crd + "\"}";
    }

    private static String point(double lon, double lat) {
        return loc(1, "[" + lon + ", " + lat + "]");
    }

    private void container(String rn, String loc, String label) {
        create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"" + rn + "\"" + (loc == null ? "" : "," + loc)
                + (label == null ? "" : ",\"lbl\":[\"" + label + "\"]") + "}}");
    }

    private void create(String path, int ty, String body) {
        Reply r = r4(cse.create(path, ty, body)).send();
        assertEquals(201, r.status(), r.text());
    }

    /** A Release 4 request from the AE: loc is a Release 4 attribute. */
    private OneM2MClient.Call r4(OneM2MClient.Call call) {
        return call.from(ae).header("X-M2M-RVI", "4");
    }

    private static String geo(int gmty, String geom, int gsf) {
        return "gmty=" + gmty + "&geom=" + URLEncoder.encode(geom, StandardCharsets.UTF_8).replace("+", "%20") + "&gsf=" + gsf;
    }

    private List<String> discover(String query) {
        Reply r = r4(cse.get("/" + ae + "?fu=1&" + query)).send();
        assertEquals(200, r.status(), query + " → " + r.text());
        List<String> out = new ArrayList<>();
        r.json().path("m2m:uril").forEach(n -> out.add(n.asText().substring(base.length() + 1)));
        return out;
    }

    private Reply refused(String path) {
        Reply r = r4(cse.get(path)).send();
        assertEquals(4000, r.rsc(), path + " → " + r.text());
        return r;
    }

    @Test
    void release4_withinFindsTheLocationsInsideTheGeometryButNotOnItsBoundary() {
        assertEquals(List.of("park", "tokyo", "tokyo/reading"), discover(geo(3, KANTO, 1)));
    }

    @Test
    void release4_intersectsFindsEveryLocationSharingAPoint() {
        assertEquals(List.of("edge", "park", "route", "tokyo", "tokyo/reading"), discover(geo(3, KANTO, 3)));
        assertEquals(List.of("route"), discover(geo(2, "[[140.5, 36], [140.5, 37]]", 3)), "a line crossing the route");
    }

    @Test
    void release4_containsFindsTheLocationsHoldingTheGeometry() {
        // The park holds the point, and the reading is located exactly there (a point contains an equal point).
        assertEquals(List.of("park", "tokyo/reading"), discover(geo(1, "[139.7, 35.7]", 2)));
        assertEquals(List.of("park"), discover(geo(4, "[[139.65, 35.65], [139.75, 35.75]]", 2)));
        assertEquals(List.of(), discover(geo(6, "[[[[139.65, 35.65], [139.7, 35.65], [139.7, 35.7], [139.65, 35.65]]],"
                + " [[[135, 34], [136, 34], [136, 35], [135, 34]]]]", 2)), "one of the two polygons lies outside the park");
    }

    /**
     * A large region is listed in coarse grid cells only (resource_geo, V35): a point near its far corner, in a
     * fine cell the region is not listed in, still finds it.
     */
    @Test
    void release4_aLargeRegionIsFoundNearItsFarCorner() {
        container("region", loc(3, "[[[100, 0], [130, 0], [130, 30], [100, 30], [100, 0]]]"), null);
        assertEquals(List.of("region"), discover(geo(1, "[129.5, 29.5]", 3)));
        assertEquals(List.of("region"), discover(geo(1, "[129.5, 29.5]", 2)));
        assertEquals(List.of("region"), discover(geo(3, "[[[129, 29], [131, 29], [131, 31], [129, 31], [129, 29]]]", 3)));
        assertEquals(List.of(), discover(geo(1, "[130.5, 29.5]", 3)));
    }

    /**
     * Continent-sized locations (one 90° across, one covering everything) are found by the queries that reach them
     * and by no other, on the merged-cells path (fo AND) and the subquery path (fo OR) alike.
     */
    @Test
    void release4_continentSizedLocationsAreFoundWhereverTheQueryTouchesThem() {
        container("asia", loc(3, "[[[60, 0], [150, 0], [150, 60], [60, 60], [60, 0]]]"), null);
        container("world", loc(3, "[[[-180, -90], [180, -90], [180, 90], [-180, 90], [-180, -90]]]"), null);
        assertEquals(List.of("asia", "world"), discover(geo(1, "[149.9, 59.9]", 3)));
        assertEquals(List.of("asia", "world"), discover(geo(1, "[60.1, 0.1]", 2)));
        assertEquals(List.of("world"), discover(geo(1, "[-120, -45]", 2)));
        assertEquals(List.of("world"), discover(geo(1, "[179.99, 89.99]", 2)), "the last cell of the plane");
        assertEquals(List.of("asia", "edge", "park", "route", "tokyo", "tokyo/reading", "world"), discover(geo(3, KANTO, 3)));
        assertEquals(List.of("asia", "edge", "nowhere", "osaka", "park", "route", "tokyo", "tokyo/reading", "world"),
                discover("fo=2&lbl=city&" + geo(3, KANTO, 3)));
        assertEquals(List.of("park", "tokyo", "tokyo/reading"), discover(geo(3, KANTO, 1)), "neither lies within Kanto");
    }

    /**
     * Grid cells have exact binary sides (360° / 4^n from -180 and -90): a point on a cell corner, and a line crossing
     * cell borders, are found from queries on every side of the border.
     */
    @Test
    void release4_locationsOnAndAcrossGridCellBordersAreFound() {
        // 139.921875 = -180 + 910 × 0.3515625, 35.5078125 = -90 + 357 × 0.3515625: a corner of cells on levels 5 to 7.
        container("corner", point(139.921875, 35.5078125), null);
        container("crossing", loc(2, "[[139.9, 35.5], [139.95, 35.52]]"), null);
        String around = "[[[139.92, 35.50], [139.93, 35.50], [139.93, 35.51], [139.92, 35.51], [139.92, 35.50]]]";
        assertEquals(List.of("corner", "crossing"), discover(geo(3, around, 3)));
        assertEquals(List.of("corner"), discover(geo(3, around, 1)));
        for (String quadrant : List.of(
                "[[[139.921875, 35.5078125], [139.93, 35.5078125], [139.93, 35.51], [139.921875, 35.5078125]]]",
                "[[[139.921875, 35.5078125], [139.92, 35.5078125], [139.92, 35.50], [139.921875, 35.5078125]]]",
                "[[[139.921875, 35.5078125], [139.921875, 35.51], [139.91, 35.51], [139.921875, 35.5078125]]]",
                "[[[139.921875, 35.5078125], [139.921875, 35.50], [139.93, 35.50], [139.921875, 35.5078125]]]")) {
            assertTrue(discover(geo(3, quadrant, 3)).contains("corner"), "touched from " + quadrant);
            assertTrue(!discover(geo(3, quadrant, 1)).contains("corner"), "a vertex of the polygon is not within it: " + quadrant);
        }
        assertEquals(List.of("corner"), discover(geo(1, "[139.921875, 35.5078125]", 2)), "a point contains an equal point");
        assertEquals(List.of("crossing"), discover(geo(1, "[139.95, 35.52]", 3)), "the far end of the line, in another cell");
    }

    @Test
    void release4_aGeoQueryCombinesWithTypeAndLabelsUnderFilterOperation() {
        assertEquals(List.of("park", "tokyo"), discover("ty=3&" + geo(3, KANTO, 1)));
        assertEquals(List.of("tokyo"), discover("lbl=city&" + geo(3, KANTO, 1)));
        assertEquals(List.of("nowhere", "osaka", "park", "tokyo", "tokyo/reading"), discover("fo=2&lbl=city&" + geo(3, KANTO, 1)));
        // XOR: tokyo meets both and is left out.
        assertEquals(List.of("nowhere", "osaka", "park", "tokyo/reading"), discover("fo=3&lbl=city&" + geo(3, KANTO, 1)));
    }

    @Test
    void release4_offsetAndLimitCountGeoMatchesOnly() {
        // ofst counts from 1 (the first match).
        assertEquals(List.of("tokyo"), discover("ofst=2&lim=1&" + geo(3, KANTO, 1)));
        assertEquals(List.of("tokyo/reading"), discover("ofst=3&" + geo(3, KANTO, 1)));
        assertEquals(List.of("park"), discover("lvl=1&lim=1&" + geo(3, KANTO, 1)));
        assertEquals(List.of("park", "tokyo"), discover("lvl=1&" + geo(3, KANTO, 1)), "lvl=1 stops above the reading");
    }

    @Test
    void release4_aChildListKeepsTheChildrenTheGeoQuerySelects() {
        Reply r = r4(cse.get("/" + ae + "?rcn=6&" + geo(3, KANTO, 3))).send();
        assertEquals(200, r.status(), r.text());
        List<String> names = new ArrayList<>();
        r.json().path("m2m:rrl").path("rrf").forEach(n -> names.add(n.path("nm").asText()));
        assertEquals(List.of("edge", "park", "route", "tokyo"), names.stream().sorted().toList(), r.text());
    }

    @Test
    void release4_aConditionalRetrieveAnswersOnlyWhenTheLocationMeetsTheQuery() {
        Reply inside = r4(cse.get("/" + ae + "/tokyo?" + geo(3, KANTO, 1))).send();
        assertEquals(200, inside.status(), inside.text());
        assertEquals("tokyo", inside.json().path("m2m:cnt").path("rn").asText());
        Reply outside = r4(cse.get("/" + ae + "/osaka?" + geo(3, KANTO, 1))).send();
        assertEquals(4004, outside.rsc(), outside.text());
        Reply noLocation = r4(cse.get("/" + ae + "/nowhere?" + geo(3, KANTO, 3))).send();
        assertEquals(4004, noLocation.rsc(), noLocation.text());
    }

    @Test
    void release4_theBoxIndexFollowsUpdatesAndDeletes() {
        Reply moved = r4(cse.put("/" + ae + "/tokyo", "{\"m2m:cnt\":{" + point(135.5, 34.7) + "}}")).send();
        assertEquals(200, moved.status(), moved.text());
        assertEquals(List.of("park", "tokyo/reading"), discover(geo(3, KANTO, 1)));
        Reply located = r4(cse.put("/" + ae + "/nowhere", "{\"m2m:cnt\":{" + point(139.5, 35.5) + "}}")).send();
        assertEquals(200, located.status(), located.text());
        Reply unlocated = r4(cse.put("/" + ae + "/park", "{\"m2m:cnt\":{\"loc\":null}}")).send();
        assertEquals(200, unlocated.status(), unlocated.text());
        assertEquals(List.of("nowhere", "tokyo/reading"), discover(geo(3, KANTO, 1)));
        assertEquals(200, r4(cse.delete("/" + ae + "/nowhere")).send().status());
        assertEquals(List.of("tokyo/reading"), discover(geo(3, KANTO, 1)));
    }

    @Test
    void release4_gmtyGeomAndGsfAreRequiredTogether() {
        String geom = "&geom=" + URLEncoder.encode(KANTO, StandardCharsets.UTF_8).replace("+", "%20");
        assertTrue(refused("/" + ae + "?fu=1&gmty=3" + geom).text().contains("gsf (geoSpatialFunction) is missing"));
        assertTrue(refused("/" + ae + "?fu=1&gsf=1" + geom).text().contains("gmty (geometryType) is missing"));
        assertTrue(refused("/" + ae + "?fu=1&gmty=3&gsf=1").text().contains("geom (geometry) is missing"));
        assertTrue(refused("/" + ae + "/tokyo?gmty=3&gsf=1").text().contains("geom (geometry) is missing"), "conditional too");
    }

    @Test
    void release4_aMalformedOrInvalidQueryGeometryIsRefused() {
        assertTrue(refused("/" + ae + "?fu=1&" + geo(3, "[[[139, 35], [140, 35]", 1)).text().contains("not a JSON coordinate array"));
        assertTrue(refused("/" + ae + "?fu=1&" + geo(3, "[[[139, 35], [140, 35], [140, 36], [139, 35.5]]]", 1)).text()
                .contains("not closed"));
        assertTrue(refused("/" + ae + "?fu=1&" + geo(3, "[[[0, 0], [1, 1], [2, 2], [0, 0]]]", 1)).text()
                .contains("not a valid Polygon"), "a polygon without area");
        assertTrue(refused("/" + ae + "?fu=1&" + geo(1, "[35.68, 139.69]", 1)).text().contains("latitude 139.69"));
        refused("/" + ae + "?fu=1&" + geo(1, "[[139, 35], [140, 36]]", 1)); // a LineString's coordinates as a Point
        refused("/" + ae + "?fu=1&" + geo(7, "[1, 2]", 1));
        refused("/" + ae + "?fu=1&" + geo(1, "[1, 2]", 4));
    }

    @Test
    void release4_anInvalidLocationIsRefusedNamingLoc() {
        String[][] bad = {
                {loc(1, "[200, 10]"), "longitude 200.0"},
                {loc(3, "[[[0, 0], [1, 0], [1, 1], [0, 1]]]"), "not closed"},
                {loc(3, "[[[0, 0], [1, 0], [0, 0]]]"), "at least 4"},
                {loc(3, "[[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]"), "self-intersection"},
                {loc(7, "[1, 2]"), "geometryType"},
                {"\"loc\":{\"typ\":1}", "loc.crd is missing"},
                {loc(2, "[1, 2]"), "loc.crd"},
        };
        for (String[] b : bad) {
            Reply r = r4(cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"bad\"," + b[0] + "}}")).send();
            assertEquals(4000, r.rsc(), b[0] + " → " + r.text());
            assertTrue(r.text().contains("loc") && r.text().contains(b[1]), b[0] + " → " + r.text());
        }
        assertEquals(4004, r4(cse.get("/" + ae + "/bad")).send().rsc(), "nothing half-written");
        Reply release3 = cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"bad\"," + point(1, 2) + "}}").from(ae).send();
        assertEquals(4000, release3.rsc(), "loc is a Release 4 attribute: " + release3.text());
        Reply update = r4(cse.put("/" + ae + "/tokyo", "{\"m2m:cnt\":{" + loc(1, "[10, 95]") + "}}")).send();
        assertEquals(4000, update.rsc(), update.text());
        assertEquals(List.of("park", "tokyo", "tokyo/reading"), discover(geo(3, KANTO, 1)), "tokyo keeps its location");
    }

    @Test
    void release4_locationRoundTripsInJsonXmlAndCbor() throws Exception {
        JsonNode json = r4(cse.get("/" + ae + "/park")).send().json().path("m2m:cnt").path("loc");
        assertEquals(3, json.path("typ").asInt(), json.toString());
        assertEquals("[[[139.6, 35.6], [139.8, 35.6], [139.8, 35.8], [139.6, 35.8], [139.6, 35.6]]]", json.path("crd").asText());

        String xml = "<m2m:cnt xmlns:m2m=\"http://www.onem2m.org/xml/protocols\" rn=\"xmlgeo\"><loc><typ>2</typ>"
                + "<crd>[[139.1, 35.1], [139.2, 35.2]]</crd></loc></m2m:cnt>";
        Reply created = r4(cse.method("POST", "/" + ae).body(xml.getBytes(StandardCharsets.UTF_8), "application/xml;ty=3")
                .header("Accept", "application/xml")).send();
        assertEquals(201, created.status(), created.text());
        assertTrue(created.text().contains("<typ>2</typ>") && created.text().contains("<crd>[[139.1, 35.1], [139.2, 35.2]]</crd>"),
                created.text());

        byte[] cbor = CBOR.writeValueAsBytes(Map.of("m2m:cnt", Map.of("rn", "cborgeo",
                "loc", Map.of("typ", 1, "crd", "[139.3, 35.3]"))));
        Reply cborCreated = r4(cse.method("POST", "/" + ae).body(cbor, "application/cbor;ty=3")
                .header("Accept", "application/cbor")).send();
        assertEquals(201, cborCreated.status(), cborCreated.text());
        JsonNode decoded = CBOR.readTree(cborCreated.response().body()).path("m2m:cnt").path("loc");
        assertTrue(decoded.path("typ").isInt(), decoded.toString());
        assertEquals(1, decoded.path("typ").asInt());
        assertEquals("[139.3, 35.3]", decoded.path("crd").asText());

        assertEquals(List.of("cborgeo", "park", "tokyo", "tokyo/reading", "xmlgeo"), discover(geo(3, KANTO, 1)),
                "locations given in XML and CBOR are found too");
    }

    @Test
    void release4_anAeCarriesALocation() {
        Reply r = r4(cse.put("/" + ae, "{\"m2m:ae\":{" + point(139.75, 35.75) + "}}")).send();
        assertEquals(200, r.status(), r.text());
        assertEquals(1, r.json().path("m2m:ae").path("loc").path("typ").asInt(), r.text());
        Reply found = r4(cse.get("/cse-in?fu=1&ty=2&" + geo(1, "[139.75, 35.75]", 3))).send();
        assertEquals(200, found.status(), found.text());
        List<String> uris = new ArrayList<>();
        found.json().path("m2m:uril").forEach(n -> uris.add(n.asText()));
        assertEquals(List.of(base), uris, found.text());
    }
}
