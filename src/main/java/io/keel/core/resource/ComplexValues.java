package io.keel.core.resource;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Timestamps;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks and normalizes the complex attribute values of subscriptions (TS-0004 6.3.5.6, 6.3.5.7, 6.3.5.31): every
 * member known, of its type, integers as longs, timestamps and durations in their canonical text, so stored values and
 * notifications read the same whatever serialization the request used.
 */
final class ComplexValues {
    /** Event types Keel raises (TS-0004 6.3.4.2.19): update, delete, create and delete of a direct child. */
    static final Set<Long> SUPPORTED_EVENT_TYPES = Set.of(1L, 2L, 3L, 4L);
    private static final Set<String> TIMESTAMPS = Set.of("crb", "cra", "ms", "us", "exb", "exa");
    private static final Set<String> COUNTS = Set.of("sts", "stb", "sza", "szb");

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
                out.put(name, Timestamps.format((java.time.Instant) AttributeType.TIMESTAMP.normalize(where, v, fromText)));
            } else if (COUNTS.contains(name)) {
                out.put(name, AttributeType.NON_NEGATIVE_INTEGER.normalize(where, v, fromText));
            } else {
                switch (name) {
                    case "net" -> out.put(name, eventTypes(where, v, fromText));
                    case "chty" -> out.put(name, integers(where, v, fromText));
                    case "atr" -> out.put(name, AttributeType.LIST_OF_TOKENS.normalize(where, v, fromText));
                    case "fo" -> {
                        long fo = AttributeType.integer(where, v, fromText);
                        if (fo != 1 && fo != 2) {
                            throw OneM2MException.badRequest(where + " must be 1 (AND) or 2 (OR)");
                        }
                        out.put(name, fo);
                    }
                    case "om" -> throw new OneM2MException(ResponseStatusCode.NOT_IMPLEMENTED,
                            where + " (operationMonitor) is not supported by this CSE");
                    case "md" -> throw OneM2MException.badRequest(where + " (missingData) applies to timeSeries only");
                    default -> throw OneM2MException.badRequest("unknown member " + where);
                }
            }
        }
        return out;
    }

    private static List<Long> eventTypes(String where, Object v, boolean fromText) {
        List<Long> net = integers(where, v, fromText);
        if (net.size() > 5) {
            throw OneM2MException.badRequest(where + " lists at most 5 event types");
        }
        for (Long n : net) {
            if (n < 1 || n > 8) {
                throw OneM2MException.badRequest(where + " holds an unknown notificationEventType " + n);
            }
            if (!SUPPORTED_EVENT_TYPES.contains(n)) {
                throw new OneM2MException(ResponseStatusCode.NOT_IMPLEMENTED,
                        "notificationEventType " + n + " is not supported by this CSE (1-4 are)");
            }
        }
        return net;
    }

    private static List<Long> integers(String where, Object v, boolean fromText) {
        List<Long> out = new ArrayList<>();
        for (Object item : v instanceof List<?> ? (List<?>) v : AttributeType.list(where, v, fromText)) {
            out.add((Long) AttributeType.NON_NEGATIVE_INTEGER.normalizeScalar(where, item, fromText));
        }
        return out;
    }

    /**
     * {num, dur} of batchNotify and {mnn, tww} of rateLimit: a positive count and a duration — xs:duration text
     * ({@code PT30S}) or a number of seconds — kept as xs:duration text.
     */
    static Map<String, Object> countAndDuration(String sn, Map<String, Object> value, boolean fromText, String count,
                                                String duration, boolean durationMandatory) {
        for (String k : value.keySet()) {
            if (!k.equals(count) && !k.equals(duration)) {
                throw OneM2MException.badRequest("unknown member " + sn + "." + k);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Object c = value.get(count);
        if (c == null) {
            throw OneM2MException.badRequest(sn + "." + count + " is missing");
        }
        out.put(count, AttributeType.POSITIVE_INTEGER.normalize(sn + "." + count, c, fromText));
        Object d = value.get(duration);
        if (d == null) {
            if (durationMandatory) {
                throw OneM2MException.badRequest(sn + "." + duration + " is missing");
            }
            return out;
        }
        out.put(duration, duration(sn + "." + duration, d, fromText).toString());
        return out;
    }

    static Duration duration(String where, Object v, boolean fromText) {
        Duration d;
        if (v instanceof String s && s.startsWith("P")) {
            try {
                d = Duration.parse(s);
            } catch (DateTimeParseException e) {
                throw OneM2MException.badRequest(where + " is not an xs:duration such as PT30S: " + s);
            }
        } else {
            d = Duration.ofSeconds((Long) AttributeType.POSITIVE_INTEGER.normalize(where, v, fromText));
        }
        if (d.isNegative() || d.isZero()) {
            throw OneM2MException.badRequest(where + " must be a positive duration");
        }
        return d;
    }
}
