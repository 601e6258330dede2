package io.keel.core.geo;

import io.keel.core.resource.Resource;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * The location attribute (loc, m2m:geoCoordinates, Release 4) of a resource: {typ: geometryType, crd: coordinates}.
 * Stored values were checked on create and update, so reading them back cannot fail.
 */
public final class Location {
    /** The attribute's short name. */
    public static final String LOC = "loc";

    private Location() {
    }

    /** The geometry a stored location describes; null when the attributes hold none. */
    public static Geometry of(Map<?, ?> attributes) {
        if (!(attributes.get(LOC) instanceof Map<?, ?> loc) || !(loc.get("typ") instanceof Number typ)
                || !(loc.get("crd") instanceof String crd)) {
            return null;
        }
        GeometryType type = GeometryType.of(typ.longValue());
        return type == null ? null : GeoCoordinates.parse(LOC + ".crd", type, crd);
    }

    /** The geometry of the resource's location; null when it has none. */
    public static Geometry of(Resource r) {
        return of(r.attributes);
    }
}
