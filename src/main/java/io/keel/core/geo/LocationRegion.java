package io.keel.core.geo;

import io.keel.primitive.OneM2MException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Point;

/**
 * m2m:locationRegion (TS-0004 6.3.5.28), the region of an accessControlLocationRegion (aclr, TS-0004 6.3.5.27) and of
 * the locationRegions of deletionContexts (lr, TS-0004 6.3.5.37): either a list of countries, {@code accc}, ISO 3166-1
 * alpha-2 codes (TS-0003 F.1.2), or one circle, {@code accr}: latitude (-90..90), longitude (-180..180) and radius in
 * metres (TS-0003 F.1.1); never both (an xs:choice). A position lies in the region when it lies in one of the countries
 * ({@link CountryBoundaries}), or when its great-circle distance from the centre is at most the radius.
 */
public final class LocationRegion {
    /** countryCode, list of m2m:countryCode (short names: TS-0004 table 8.2.5-1). */
    public static final String COUNTRY_CODE = "accc";
    /** circRegion, list of 3 xs:float: latitude, longitude, radius. */
    public static final String CIRC_REGION = "accr";
    /** The mean radius of the Earth (IUGG), in metres: the sphere distances are measured on. */
    static final double EARTH_RADIUS_METRES = 6_371_008.8;
    private static final Pattern ALPHA_2 = Pattern.compile("[A-Z]{2}");

    private final List<String> countries;
    private final double latitude;
    private final double longitude;
    private final double radius;

    private LocationRegion(List<String> countries, double latitude, double longitude, double radius) {
        this.countries = countries;
        this.latitude = latitude;
        this.longitude = longitude;
        this.radius = radius;
    }

    /**
     * Checks a locationRegion from a request and returns the one form stored: {@code {"accc": ["KR", ...]}} or
     * {@code {"accr": [latitude, longitude, radius]}}.
     *
     * @param where    the field named in errors ({@code pv.acr[0].acco[0].aclr}, {@code dr.lr[1]})
     * @param fromText XML content: a list comes as one space-separated text
     * @throws OneM2MException 4000 naming the field: not an object, unknown members, both or neither of accc and accr,
     *                         a circle without three numbers, a latitude, longitude or radius out of range, a country
     *                         code that is no ISO 3166-1 alpha-2 code
     */
    public static Map<String, Object> normalize(String where, Object value, boolean fromText) {
        if (!(value instanceof Map<?, ?> region)) {
            throw bad(where, "must be an object with either accc (countryCode) or accr (circRegion)");
        }
        for (Object k : region.keySet()) {
            if (!COUNTRY_CODE.equals(k) && !CIRC_REGION.equals(k)) {
                throw bad(where, "holds the unknown member " + k + " (accc countryCode and accr circRegion are known)");
            }
        }
        Object accc = region.get(COUNTRY_CODE);
        Object accr = region.get(CIRC_REGION);
        if ((accc == null) == (accr == null)) {
            throw bad(where, "must hold exactly one of accc (countryCode) and accr (circRegion)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (accc != null) {
            out.put(COUNTRY_CODE, countryCodes(where + "." + COUNTRY_CODE, accc, fromText));
        } else {
            out.put(CIRC_REGION, circle(where + "." + CIRC_REGION, accr, fromText));
        }
        return out;
    }

    /** The region a stored (normalized) value describes. */
    public static LocationRegion of(Map<?, ?> stored) {
        if (stored.get(COUNTRY_CODE) instanceof List<?> codes) {
            return new LocationRegion(codes.stream().map(String::valueOf).toList(), 0, 0, 0);
        }
        List<?> c = (List<?>) stored.get(CIRC_REGION);
        return new LocationRegion(List.of(), number(c.get(0)), number(c.get(1)), number(c.get(2)));
    }

    /**
     * Whether the position (x longitude, y latitude) lies in the region; a position that is not known (null) lies in
     * none. A country's border belongs to it, and so does the circle's edge.
     */
    public boolean contains(Point position) {
        if (position == null || position.isEmpty()) {
            return false;
        }
        double lat = position.getY();
        double lon = position.getX();
        if (!countries.isEmpty()) {
            return countries.stream().anyMatch(code -> CountryBoundaries.contains(code, lon, lat));
        }
        return distanceMetres(latitude, longitude, lat, lon) <= radius;
    }

    /** The great-circle distance between two positions on the mean sphere (haversine formula), in metres. */
    static double distanceMetres(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double h = Math.pow(Math.sin(dPhi / 2), 2) + Math.cos(phi1) * Math.cos(phi2) * Math.pow(Math.sin(dLambda / 2), 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    private static List<String> countryCodes(String where, Object v, boolean fromText) {
        List<?> items = fromText && v instanceof String s ? List.of(s.trim().split("\\s+")) : v instanceof List<?> l ? l : null;
        if (items == null || items.isEmpty()) {
            throw bad(where, "must be a non-empty list of ISO 3166-1 alpha-2 country codes");
        }
        Set<String> out = new TreeSet<>();
        for (Object item : items) {
            if (!(item instanceof String code) || !ALPHA_2.matcher(code).matches()) {
                throw bad(where, "holds " + item + ", which is no ISO 3166-1 alpha-2 country code (two capital letters)");
            }
            if (!CountryBoundaries.isKnown(code)) {
                throw bad(where, "holds " + code + ", which is no ISO 3166-1 alpha-2 country code");
            }
            out.add(code);
        }
        return List.copyOf(out);
    }

    private static List<Double> circle(String where, Object v, boolean fromText) {
        List<?> items = fromText && v instanceof String s ? List.of(s.trim().split("\\s+")) : v instanceof List<?> l ? l : null;
        if (items == null || items.size() != 3) {
            throw bad(where, "must be a list of three numbers: latitude, longitude and radius in metres");
        }
        List<Double> values = new ArrayList<>();
        for (Object item : items) {
            Double d = item instanceof Number n ? Double.valueOf(n.doubleValue()) : fromText && item instanceof String s ? parse(s) : null;
            if (d == null || !Double.isFinite(d)) {
                throw bad(where, "holds " + item + " where a number is expected (latitude, longitude, radius in metres)");
            }
            values.add(d);
        }
        if (!(values.get(0) >= -90 && values.get(0) <= 90)) {
            throw bad(where, "has latitude " + values.get(0) + " outside -90..90 (the list is latitude, longitude, radius)");
        }
        if (!(values.get(1) >= -180 && values.get(1) <= 180)) {
            throw bad(where, "has longitude " + values.get(1) + " outside -180..180 (the list is latitude, longitude, radius)");
        }
        if (values.get(2) < 0) {
            throw bad(where, "has a negative radius " + values.get(2) + " (metres)");
        }
        return List.copyOf(values);
    }

    private static Double parse(String s) {
        try {
            return Double.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }

    private static OneM2MException bad(String where, String problem) {
        return OneM2MException.badRequest(where + " " + problem);
    }
}
