package io.keel.core.geo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.primitive.OneM2MException;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Coordinates of a geometry as Release 4 writes them (m2m:geoCoordinates crd, filter criteria geom): a string holding
 * a GeoJSON-style coordinate array of the geometry type (RFC 7946 3.1): a position is {@code [longitude, latitude]}
 * (an optional third number, the altitude, is kept but plays no part in the spatial functions); a LineString an array
 * of at least 2 positions; a Polygon an array of linear rings, the first the outer boundary, the others holes, each
 * closed (last position = first) with at least 4 positions; the Multi* types arrays of those. Longitudes lie in
 * -180..180, latitudes in -90..90, and the geometry must be valid as OGC Simple Features define it (no self-intersecting
 * ring, no overlapping polygons of a MultiPolygon, no collapsed line or ring), else the request is refused with 4000
 * naming the field and the problem. Geometries are planar in longitude/latitude: one crossing the antimeridian must be
 * given as a Multi* geometry split at it.
 */
public final class GeoCoordinates {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private GeoCoordinates() {
    }

    /**
     * The geometry of type {@code type} that {@code coordinates} describe.
     *
     * @param where the field named in the error (loc.crd, geom)
     * @throws OneM2MException 4000 when the text is no coordinate array of that type, or the geometry is invalid
     */
    public static Geometry parse(String where, GeometryType type, String coordinates) {
        JsonNode root;
        try {
            root = JSON.readTree(coordinates);
        } catch (JsonProcessingException e) {
            throw bad(where, "is not a JSON coordinate array: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw bad(where, "is empty; it must hold the coordinates of a " + type.label());
        }
        Geometry g = switch (type) {
            case POINT -> point(where, root);
            case LINE_STRING -> line(where, root);
            case POLYGON -> polygon(where, root);
            case MULTI_POINT -> FACTORY.createMultiPoint(items(where, root, "points", n -> point(where, n)).toArray(Point[]::new));
            case MULTI_LINE_STRING -> FACTORY.createMultiLineString(items(where, root, "lines", n -> line(where, n)).toArray(LineString[]::new));
            case MULTI_POLYGON -> FACTORY.createMultiPolygon(items(where, root, "polygons", n -> polygon(where, n)).toArray(Polygon[]::new));
        };
        TopologyValidationError error = new IsValidOp(g).getValidationError();
        if (error != null) {
            throw bad(where, "is not a valid " + type.label() + ": " + error.getMessage().toLowerCase()
                    + " at [" + error.getCoordinate().x + ", " + error.getCoordinate().y + "]");
        }
        return g;
    }

    private interface Reader<T> {
        T read(JsonNode n);
    }

    private static <T> List<T> items(String where, JsonNode n, String what, Reader<T> reader) {
        if (!n.isArray() || n.isEmpty()) {
            throw bad(where, "must be a non-empty array of " + what);
        }
        List<T> out = new ArrayList<>();
        n.forEach(item -> out.add(reader.read(item)));
        return out;
    }

    private static Point point(String where, JsonNode n) {
        return FACTORY.createPoint(position(where, n));
    }

    private static LineString line(String where, JsonNode n) {
        Coordinate[] c = positions(where, n);
        if (c.length < 2) {
            throw bad(where, "has a LineString of " + c.length + " position(s); at least 2 are needed");
        }
        return FACTORY.createLineString(c);
    }

    private static Polygon polygon(String where, JsonNode n) {
        List<LinearRing> rings = items(where, n, "linear rings (a polygon)", r -> ring(where, r));
        return FACTORY.createPolygon(rings.get(0), rings.subList(1, rings.size()).toArray(LinearRing[]::new));
    }

    private static LinearRing ring(String where, JsonNode n) {
        Coordinate[] c = positions(where, n);
        if (c.length < 4) {
            throw bad(where, "has a polygon ring of " + c.length + " position(s); a closed ring needs at least 4");
        }
        if (!c[0].equals2D(c[c.length - 1])) {
            throw bad(where, "has a polygon ring that is not closed: its last position must repeat its first");
        }
        return FACTORY.createLinearRing(c);
    }

    private static Coordinate[] positions(String where, JsonNode n) {
        return items(where, n, "positions", p -> position(where, p)).toArray(Coordinate[]::new);
    }

    private static Coordinate position(String where, JsonNode n) {
        if (!n.isArray() || n.size() < 2 || n.size() > 3) {
            throw bad(where, "has " + n + " where a position [longitude, latitude] is expected");
        }
        for (JsonNode c : n) {
            if (!c.isNumber()) {
                throw bad(where, "has a position " + n + " with a value that is no number");
            }
        }
        double lon = n.get(0).doubleValue();
        double lat = n.get(1).doubleValue();
        if (!(lon >= -180 && lon <= 180)) {
            throw bad(where, "has longitude " + lon + " outside -180..180 (positions are [longitude, latitude])");
        }
        if (!(lat >= -90 && lat <= 90)) {
            throw bad(where, "has latitude " + lat + " outside -90..90 (positions are [longitude, latitude])");
        }
        return n.size() == 3 ? new Coordinate(lon, lat, n.get(2).doubleValue()) : new Coordinate(lon, lat);
    }

    private static OneM2MException bad(String where, String problem) {
        return OneM2MException.badRequest(where + " " + problem);
    }
}
