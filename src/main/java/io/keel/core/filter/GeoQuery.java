package io.keel.core.filter;

import io.keel.core.geo.GeoCoordinates;
import io.keel.core.geo.GeometryType;
import io.keel.core.geo.Location;
import io.keel.core.geo.SpatialFunction;
import io.keel.core.resource.Resource;
import io.keel.core.store.GeoWindow;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.OneM2MException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The geo-query condition of Filter Criteria (Release 4): geometryType (gmty), geometry (geom) and
 * geoSpatialFunction (gsf), which come together. A resource meets it when it has a location (loc) and the location
 * relates to the query geometry as the function says ({@link SpatialFunction}); one without a location never does.
 * The database narrows the candidates by bounding box ({@link #window}); the exact test runs here. Immutable and
 * thread-safe once built.
 */
public final class GeoQuery {
    private final SpatialFunction function;
    private final Geometry geometry;
    /** The query geometry prepared once for the many tests a discovery runs against it. */
    private final PreparedGeometry prepared;

    private GeoQuery(SpatialFunction function, Geometry geometry) {
        this.function = function;
        this.geometry = geometry;
        this.prepared = PreparedGeometryFactory.prepare(geometry);
    }

    /**
     * The geo-query of {@code fc}, or null when it has none. Each of gmty, geom and gsf needs the other two, and geom
     * must hold valid coordinates of the gmty type ({@link GeoCoordinates}); otherwise 4000 naming what is wrong.
     */
    public static GeoQuery of(FilterCriteria fc) {
        if (fc == null || (fc.geometryType == null && fc.geometry == null && fc.geoSpatialFunction == null)) {
            return null;
        }
        require(fc.geometryType != null, "gmty (geometryType)");
        require(fc.geometry != null, "geom (geometry)");
        require(fc.geoSpatialFunction != null, "gsf (geoSpatialFunction)");
        GeometryType type = GeometryType.of(fc.geometryType);
        if (type == null) {
            throw OneM2MException.badRequest("gmty (geometryType) must be 1 (Point) to 6 (MultiPolygon), not " + fc.geometryType);
        }
        SpatialFunction function = SpatialFunction.of(fc.geoSpatialFunction);
        if (function == null) {
            throw OneM2MException.badRequest("gsf (geoSpatialFunction) must be 1 (Within), 2 (Contains) or 3 (Intersects), not "
                    + fc.geoSpatialFunction);
        }
        return new GeoQuery(function, GeoCoordinates.parse("geom (geometry)", type, fc.geometry));
    }

    private static void require(boolean present, String name) {
        if (!present) {
            throw OneM2MException.badRequest("a geo-query needs gmty (geometryType), geom (geometry) and gsf"
                    + " (geoSpatialFunction) together; " + name + " is missing");
        }
    }

    /** Whether the resource has a location that meets the query. */
    public boolean test(Resource r) {
        Geometry location = Location.of(r);
        return location != null && test(location);
    }

    /** Whether a location meets the query. */
    boolean test(Geometry location) {
        return function.test(location, prepared);
    }

    /** The bounding-box condition every location meeting the query meets, exact for points. */
    public GeoWindow window() {
        Envelope e = geometry.getEnvelopeInternal();
        GeoWindow.Relation relation = switch (function) {
            case WITHIN -> GeoWindow.Relation.INSIDE;
            case CONTAINS -> GeoWindow.Relation.COVERS;
            case INTERSECTS -> GeoWindow.Relation.OVERLAPS;
        };
        return new GeoWindow(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY(), relation,
                (lon, lat) -> test(geometry.getFactory().createPoint(new Coordinate(lon, lat))),
                function == SpatialFunction.CONTAINS ? e.getArea() : geometry.getArea());
    }
}
