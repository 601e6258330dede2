package io.keel.core.geo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The countries of ISO 3166-1 alpha-2 codes as areas (TS-0003 F.1.2): the bundled Natural Earth 1:50m admin-0
 * boundaries ({@code geo/countries-50m.topo.json.gz}, see {@code geo/LICENSE-countries.txt}), read once, when a country
 * is first tested, into an STR-tree of polygons. At 1:50m a border is accurate to a few kilometres; a point closer to a
 * border than that may be placed on the wrong side. A known code the data has no area for (some small islands, the
 * Australian Indian Ocean Territories CX and CC) contains no position.
 */
public final class CountryBoundaries {
    static final String RESOURCE = "/geo/countries-50m.topo.json.gz";
    /** User-assigned codes (ISO 3166-1 leaves them to users) the bundled data has an area for: XK, Kosovo. */
    private static final Set<String> USER_ASSIGNED = Set.of("XK");
    private static final Set<String> ISO = Set.copyOf(Arrays.asList(Locale.getISOCountries()));

    private CountryBoundaries() {
    }

    /** Whether a code is an ISO 3166-1 alpha-2 code (or one of the user-assigned codes the data has). */
    public static boolean isKnown(String code) {
        return ISO.contains(code) || USER_ASSIGNED.contains(code);
    }

    /** Whether the position (longitude, latitude) lies in the country, its border included. */
    public static boolean contains(String code, double longitude, double latitude) {
        Coordinate c = new Coordinate(longitude, latitude);
        for (Object o : Index.TREE.query(new Envelope(c))) {
            Area area = (Area) o;
            if (area.code.equals(code) && area.locator.locate(c) != org.locationtech.jts.geom.Location.EXTERIOR) {
                return true;
            }
        }
        return false;
    }

    /** One polygon of a country; a MultiPolygon country (an archipelago, an exclave) is several. */
    private record Area(String code, IndexedPointInAreaLocator locator) {
    }

    /** Loaded on first use (the holder idiom: once, thread-safe, never if no country is ever tested). */
    private static final class Index {
        static final STRtree TREE = load();
    }

    /**
     * Reads the TopoJSON (TopoJSON format specification 1.0): quantized, delta-encoded arcs, turned into
     * positions by the transform; each country geometry a Polygon or MultiPolygon whose rings are lists of arc indexes,
     * a negative index {@code ~i} meaning arc i reversed; consecutive arcs of a ring share their end point.
     */
    static STRtree load() {
        JsonNode topo;
        try (InputStream in = CountryBoundaries.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            topo = new ObjectMapper().readTree(new GZIPInputStream(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        List<Coordinate[]> arcs = arcs(topo);
        GeometryFactory factory = new GeometryFactory();
        STRtree tree = new STRtree();
        for (JsonNode country : topo.path("objects").path("countries").path("geometries")) {
            String code = country.path("id").asText();
            boolean multi = country.path("type").asText().equals("MultiPolygon");
            List<JsonNode> polygons = new ArrayList<>();
            country.path("arcs").forEach(p -> polygons.add(p));
            for (JsonNode polygon : multi ? polygons : List.of(country.path("arcs"))) {
                LinearRing shell = null;
                List<LinearRing> holes = new ArrayList<>();
                for (JsonNode ring : polygon) {
                    LinearRing r = factory.createLinearRing(ring(ring, arcs));
                    if (shell == null) {
                        shell = r;
                    } else {
                        holes.add(r);
                    }
                }
                Polygon p = factory.createPolygon(shell, holes.toArray(LinearRing[]::new));
                tree.insert(p.getEnvelopeInternal(), new Area(code, new IndexedPointInAreaLocator(p)));
            }
        }
        tree.build();
        return tree;
    }

    private static List<Coordinate[]> arcs(JsonNode topo) {
        JsonNode transform = topo.path("transform");
        double sx = transform.path("scale").get(0).doubleValue();
        double sy = transform.path("scale").get(1).doubleValue();
        double tx = transform.path("translate").get(0).doubleValue();
        double ty = transform.path("translate").get(1).doubleValue();
        List<Coordinate[]> arcs = new ArrayList<>();
        for (JsonNode arc : topo.path("arcs")) {
            Coordinate[] positions = new Coordinate[arc.size()];
            long x = 0;
            long y = 0;
            for (int i = 0; i < arc.size(); i++) {
                x += arc.get(i).get(0).longValue();
                y += arc.get(i).get(1).longValue();
                positions[i] = new Coordinate(x * sx + tx, y * sy + ty);
            }
            arcs.add(positions);
        }
        return arcs;
    }

    private static Coordinate[] ring(JsonNode ring, List<Coordinate[]> arcs) {
        List<Coordinate> out = new ArrayList<>();
        for (JsonNode index : ring) {
            int i = index.intValue();
            Coordinate[] arc = arcs.get(i >= 0 ? i : ~i);
            for (int k = 0; k < arc.length; k++) {
                if (k == 0 && !out.isEmpty()) {
                    continue; // the previous arc ended here
                }
                out.add(arc[i >= 0 ? k : arc.length - 1 - k]);
            }
        }
        return out.toArray(Coordinate[]::new);
    }
}
