package io.keel.core.geo;

/**
 * m2m:geometryType (Release 4, TS-0004 6.3.4.2): the kind of geometry a location's or a geo-query's coordinates
 * describe, numbered as oneM2M numbers them.
 */
public enum GeometryType {
    POINT(1, "Point"),
    LINE_STRING(2, "LineString"),
    POLYGON(3, "Polygon"),
    MULTI_POINT(4, "MultiPoint"),
    MULTI_LINE_STRING(5, "MultiLineString"),
    MULTI_POLYGON(6, "MultiPolygon");

    private final int code;
    private final String label;

    GeometryType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The type numbered {@code code}, or null when there is none (outside 1..6). */
    public static GeometryType of(long code) {
        for (GeometryType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
