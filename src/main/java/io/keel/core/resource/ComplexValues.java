package io.keel.core.resource;

import io.keel.core.geo.GeoCoordinates;
import io.keel.core.geo.GeometryType;
import io.keel.core.geo.LocationRegion;
import io.keel.core.schedule.InvalidScheduleEntry;
import io.keel.core.schedule.ScheduleEntry;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks and normalizes the complex attribute values (TS-0004 6.3.5.6, 6.3.5.7, 6.3.5.31, 6.3.5.67) element by
 * element: every member known, of its type, integers as longs, timestamps and durations in their canonical text, so
 * stored values and notifications read the same whatever serialization the request used.
 */
final class ComplexValues {
    private static final Set<String> TIMESTAMPS = Set.of("crb", "cra", "ms", "us", "exb", "exa");
    /** stateTagSmaller and sizeBelow are xs:positiveInteger, stateTagBigger and sizeAbove xs:nonNegativeInteger. */
    private static final Set<String> POSITIVE = Set.of("sts", "szb");
    private static final Set<String> NON_NEGATIVE = Set.of("stb", "sza");
    /** xs:NCName, the items of an m2m:attributeList. */
    private static final Pattern NC_NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}._\\-\\u00B7\\p{M}]*");
    /** xs:duration's lexical form: at least one component, a T only before time components, '.' for fractions. */
    private static final Pattern XS_DURATION = Pattern.compile("-?P(?=\\d|T\\d)(\\d+Y)?(\\d+M)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?");

    private ComplexValues() {
    }

    static Map<String, Object> eventNotificationCriteria(String sn, Map<String, Object> enc, boolean fromText) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : enc.entrySet()) {
            String name = e.getKey();
            Object v = e.getValue();
            String where = sn + "." + name;
            if (v == null) {
                continue;
            }
            if (TIMESTAMPS.contains(name)) {
                out.put(name, Timestamps.format((Instant) AttributeType.TIMESTAMP.normalize(where, v, fromText)));
            } else if (POSITIVE.contains(name)) {
                out.put(name, AttributeType.POSITIVE_INTEGER.normalize(where, v, fromText));
            } else if (NON_NEGATIVE.contains(name)) {
                out.put(name, AttributeType.NON_NEGATIVE_INTEGER.normalize(where, v, fromText));
            } else {
                switch (name) {
                    case "net" -> out.put(name, eventTypes(where, v, fromText));
                    case "chty" -> out.put(name, AttributeType.resourceTypes(where, v, fromText));
                    case "atr" -> out.put(name, attributeList(where, v, fromText));
                    case "fo" -> out.put(name, AttributeType.enumerated(where, v, fromText, n -> n == 1 || n == 2,
                            "a filterOperation: 1 (AND) or 2 (OR)"));
                    case "om" -> out.put(name, operationMonitors(where, v, fromText));
                    case "md" -> out.put(name, missingData(where, AttributeType.object(where, v), fromText));
                    default -> throw OneM2MException.badRequest("unknown member " + where);
                }
            }
        }
        return out;
    }

    /**
     * notificationEventType, 0..5 elements (TS-0004 table 6.3.5.7-1): a JSON/CBOR array of numbers; in XML one value
     * per element, the element repeated.
     */
    private static List<Long> eventTypes(String where, Object v, boolean fromText) {
        List<?> items = v instanceof List<?> l ? l : fromText ? List.of(v) : null;
        if (items == null) {
            throw AttributeType.wrongType(where, "a list of notificationEventTypes");
        }
        if (items.size() > 5) {
            throw OneM2MException.badRequest(where + " lists at most 5 event types");
        }
        List<Long> net = new ArrayList<>();
        for (Object item : items) {
            long n = AttributeType.enumerated(where, item, fromText, t -> t >= 1 && t <= 8, "a notificationEventType 1-8");
            net.add(n);
        }
        return net;
    }

    /** m2m:attributeList (TS-0004 table 6.3.3-1): at least one short name, each an xs:NCName. */
    private static List<String> attributeList(String where, Object v, boolean fromText) {
        List<String> out = new ArrayList<>();
        for (Object item : AttributeType.list(where, v, fromText, true)) {
            if (!(item instanceof String s) || !NC_NAME.matcher(s).matches()) {
                throw OneM2MException.badRequest(where + " must list attribute short names (xs:NCName), not " + item);
            }
            out.add(s);
        }
        return out;
    }

    /**
     * batchNotify (TS-0004 6.3.5.6): number (xs:nonNegativeInteger) and duration (xs:duration), each optional; without a
     * duration the CSE's default applies (TS-0001 10.2.10.7).
     */
    static Map<String, Object> batchNotify(String sn, Map<String, Object> value, boolean fromText) {
        known(sn, value, "num", "dur");
        Map<String, Object> out = new LinkedHashMap<>();
        if (value.get("num") != null) {
            out.put("num", AttributeType.NON_NEGATIVE_INTEGER.normalize(sn + ".num", value.get("num"), fromText));
        }
        if (value.get("dur") != null) {
            out.put("dur", duration(sn + ".dur", value.get("dur"), fromText).toString());
        }
        return out;
    }

    /** m2m:scheduleEntries (TS-0004 6.3.5.11): sce, at least one entry, each well formed (table 7.4.9.1-4). */
    static Map<String, Object> scheduleEntries(String sn, Map<String, Object> value, boolean fromText) {
        known(sn, value, "sce");
        return Map.of("sce", scheduleEntryList(sn + ".sce", value.get("sce"), fromText));
    }

    /**
     * A list of m2m:scheduleEntry (TS-0004 table 7.4.9.1-4), at least one, each well formed. In XML each entry is its
     * own element (an entry holds spaces, so it is no xs:list): one element reads as a single text.
     */
    private static List<String> scheduleEntryList(String where, Object given, boolean fromText) {
        List<?> items = given instanceof List<?> l ? l : fromText && given != null ? List.of(given) : null;
        if (items == null || items.isEmpty()) {
            throw OneM2MException.badRequest(where + " must list at least one schedule entry");
        }
        List<String> entries = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String s)) {
                throw AttributeType.wrongType(where, "a list of schedule entries (strings)");
            }
            try {
                ScheduleEntry.parse(s);
            } catch (InvalidScheduleEntry e) {
                throw OneM2MException.badRequest(where + ": " + e.getMessage());
            }
            entries.add(s);
        }
        return List.copyOf(entries);
    }

    /**
     * deletionContexts (TS-0004 6.3.5.37): timeOfDay, schedule entries (format of TS-0004 table 7.4.9.1-4), and
     * locationRegions, m2m:locationRegion each (in XML one element, repeated). At least one of the two.
     */
    static Map<String, Object> deletionContexts(String sn, Map<String, Object> value, boolean fromText) {
        known(sn, value, "tod", "lr");
        if (value.get("tod") == null && value.get("lr") == null) {
            throw OneM2MException.badRequest(sn + " must hold tod (timeOfDay) or lr (locationRegions)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (value.get("tod") != null) {
            out.put("tod", scheduleEntryList(sn + ".tod", value.get("tod"), fromText));
        }
        if (value.get("lr") != null) {
            Object lr = value.get("lr");
            List<?> items = lr instanceof List<?> l ? l : fromText && lr instanceof Map<?, ?> ? List.of(lr) : null;
            if (items == null || items.isEmpty()) {
                throw AttributeType.wrongType(sn + ".lr", "a non-empty list of locationRegions");
            }
            List<Map<String, Object>> regions = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                regions.add(LocationRegion.normalize(sn + ".lr[" + i + "]", items.get(i), fromText));
            }
            out.put("lr", List.copyOf(regions));
        }
        return out;
    }

    /**
     * operationMonitor, 0..n (TS-0004 table 6.3.5.57-1): each with operations (accessControlOperations, 1–63) and/or
     * an originator, at least one of them; in XML one element, repeated.
     */
    private static List<Map<String, Object>> operationMonitors(String where, Object v, boolean fromText) {
        List<?> items = v instanceof List<?> l ? l : v instanceof Map<?, ?> ? List.of(v) : null;
        if (items == null || items.isEmpty()) {
            throw AttributeType.wrongType(where, "a list of operationMonitors");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : items) {
            Map<String, Object> monitor = AttributeType.object(where, item);
            known(where, monitor, "ops", "or");
            Map<String, Object> checked = new LinkedHashMap<>();
            if (monitor.get("ops") != null) {
                checked.put("ops", AttributeType.enumerated(where + ".ops", monitor.get("ops"), fromText, n -> n >= 1 && n <= 63,
                        "accessControlOperations 1-63"));
            }
            if (monitor.get("or") != null) {
                if (!(monitor.get("or") instanceof String or) || or.isBlank()) {
                    throw AttributeType.wrongType(where + ".or", "an originator ID");
                }
                checked.put("or", or);
            }
            if (checked.isEmpty()) {
                throw OneM2MException.badRequest(where + " needs operations (ops) or an originator (or)");
            }
            out.add(checked);
        }
        return out;
    }

    /** missingData (TS-0004 6.3.5.40): number (xs:positiveInteger) and duration (xs:duration), both present. */
    static Map<String, Object> missingData(String sn, Map<String, Object> value, boolean fromText) {
        known(sn, value, "num", "dur");
        for (String k : List.of("num", "dur")) {
            if (value.get(k) == null) {
                throw OneM2MException.badRequest(sn + "." + k + " is missing");
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("num", AttributeType.POSITIVE_INTEGER.normalize(sn + ".num", value.get("num"), fromText));
        out.put("dur", duration(sn + ".dur", value.get("dur"), fromText).toString());
        return out;
    }

    /**
     * rateLimit (TS-0004 6.3.5.31): maxNrOfNotify and timeWindow, both present. The schema allows mnn 0; Keel refuses it,
     * as a window in which nothing may be sent would hold every notification back for ever.
     */
    static Map<String, Object> rateLimit(String sn, Map<String, Object> value, boolean fromText) {
        known(sn, value, "mnn", "tww");
        for (String k : List.of("mnn", "tww")) {
            if (value.get(k) == null) {
                throw OneM2MException.badRequest(sn + "." + k + " is missing");
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mnn", AttributeType.POSITIVE_INTEGER.normalize(sn + ".mnn", value.get("mnn"), fromText));
        out.put("tww", duration(sn + ".tww", value.get("tww"), fromText).toString());
        return out;
    }

    /**
     * m2m:geoCoordinates (Release 4): typ (geometryType, 1 Point to 6 MultiPolygon) and crd (a GeoJSON-style
     * coordinate array of that type in a string), both present; crd must describe a valid geometry of type typ
     * ({@link GeoCoordinates}). crd is kept as given.
     */
    static Map<String, Object> geoCoordinates(String sn, Map<String, Object> value, boolean fromText) {
        known(sn, value, "typ", "crd");
        for (String k : List.of("typ", "crd")) {
            if (value.get(k) == null) {
                throw OneM2MException.badRequest(sn + "." + k + " is missing");
            }
        }
        long typ = AttributeType.enumerated(sn + ".typ", value.get("typ"), fromText, t -> GeometryType.of(t) != null,
                "a geometryType: 1 (Point), 2 (LineString), 3 (Polygon), 4 (MultiPoint), 5 (MultiLineString) or 6 (MultiPolygon)");
        if (!(value.get("crd") instanceof String crd)) {
            throw AttributeType.wrongType(sn + ".crd", "a string holding a coordinate array");
        }
        GeoCoordinates.parse(sn + ".crd", GeometryType.of(typ), crd);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("typ", typ);
        out.put("crd", crd);
        return out;
    }

    /** specializationType (TS-0004 6.3.5.67): a choice of containerDefinition (xs:anyURI) or mgmtDefinition. */
    static Map<String, Object> specializationType(String sn, Map<String, Object> value, boolean fromText) {
        known(sn, value, "cnd", "mgd");
        Object cnd = value.get("cnd");
        Object mgd = value.get("mgd");
        if ((cnd == null) == (mgd == null)) {
            throw OneM2MException.badRequest(sn + " holds either cnd (containerDefinition) or mgd (mgmtDefinition)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (cnd != null) {
            out.put("cnd", AttributeType.ANY_URI.normalize(sn + ".cnd", cnd, fromText));
        } else {
            // m2m:mgmtDefinition (TS-0004 6.3.4.2.22): 0 (self-defined) or 1001-1026.
            out.put("mgd", AttributeType.enumerated(sn + ".mgd", mgd, fromText, n -> n == 0 || (n >= 1001 && n <= 1026),
                    "a mgmtDefinition: 0 or 1001-1026"));
        }
        return out;
    }

    /** m2m:actionStatus (TS-0004 6.3.5.14): action (acn, xs:anyURI) and status (sus, m2m:status 0-3), both optional. */
    static Map<String, Object> actionStatus(String sn, Map<String, Object> value, boolean fromText) {
        known(sn, value, "acn", "sus");
        Map<String, Object> out = new LinkedHashMap<>();
        if (value.get("acn") != null) {
            out.put("acn", AttributeType.ANY_URI.normalize(sn + ".acn", value.get("acn"), fromText));
        }
        if (value.get("sus") != null) {
            out.put("sus", AttributeType.enumerated(sn + ".sus", value.get("sus"), fromText, n -> n >= 0 && n <= 3,
                    "a status: 0 (uninitialized), 1 (successful), 2 (failure) or 3 (in process)"));
        }
        return out;
    }

    /**
     * m2m:backOffParameters (TS-0004 6.3.5.54): one or more bops sets, each with ibt, abt, mbt (mandatory), nwa
     * (m2m:networkAction 1-5) and rbt (optional).
     */
    static Map<String, Object> backOffParameters(String sn, Map<String, Object> value, boolean fromText) {
        known(sn, value, "bops");
        Object sets = value.get("bops");
        List<?> given = sets instanceof List<?> l ? l : sets == null ? List.of() : List.of(sets);
        if (given.isEmpty()) {
            throw OneM2MException.badRequest(sn + ".bops must hold at least one backOffParametersSet");
        }
        List<Object> out = new ArrayList<>();
        for (Object set : given) {
            Map<String, Object> m = AttributeType.object(sn + ".bops", set);
            known(sn + ".bops", m, "nwa", "ibt", "abt", "mbt", "rbt");
            Map<String, Object> o = new LinkedHashMap<>();
            if (m.get("nwa") != null) {
                o.put("nwa", AttributeType.enumerated(sn + ".bops.nwa", m.get("nwa"), fromText, n -> n >= 1 && n <= 5,
                        "a networkAction 1-5"));
            }
            for (String k : List.of("ibt", "abt", "mbt", "rbt")) {
                if (m.get(k) != null) {
                    o.put(k, AttributeType.NON_NEGATIVE_INTEGER.normalize(sn + ".bops." + k, m.get(k), fromText));
                } else if (!k.equals("rbt")) {
                    throw OneM2MException.badRequest(sn + ".bops." + k + " is missing");
                }
            }
            out.add(o);
        }
        return Map.of("bops", out);
    }

    private static void known(String sn, Map<String, Object> value, String... members) {
        for (String k : value.keySet()) {
            if (!List.of(members).contains(k)) {
                throw OneM2MException.badRequest("unknown member " + sn + "." + k + " (" + String.join(", ", members) + " are known)");
            }
        }
    }

    /**
     * An xs:duration in its lexical form ({@code PT30S}, {@code P1DT2H}), kept as the equivalent Java duration text. Keel
     * takes a year as 365 days and a month as 30, and refuses a duration that is not positive: no batch or window can
     * last zero or less.
     */
    static Duration duration(String where, Object v, boolean fromText) {
        Duration d = anyDuration(where, v, fromText);
        if (d.isNegative() || d.isZero()) {
            throw OneM2MException.badRequest(where + " must be a positive duration");
        }
        return d;
    }

    /** An xs:duration as {@link #duration}, zero allowed (an execDelay of none). */
    static Duration nonNegativeDuration(String where, Object v, boolean fromText) {
        Duration d = anyDuration(where, v, fromText);
        if (d.isNegative()) {
            throw OneM2MException.badRequest(where + " must not be a negative duration");
        }
        return d;
    }

    private static Duration anyDuration(String where, Object v, boolean fromText) {
        String s = AttributeType.text(v, fromText);
        if (s == null || !XS_DURATION.matcher(s).matches()) {
            throw OneM2MException.badRequest(where + " must be an xs:duration such as PT30S, not " + v);
        }
        try {
            return Timestamps.parseDuration(s, where);
        } catch (ArithmeticException | NumberFormatException e) {
            throw OneM2MException.badRequest(where + " is too long a duration for this CSE: " + s);
        }
    }
}
