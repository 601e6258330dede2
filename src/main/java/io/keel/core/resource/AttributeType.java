package io.keel.core.resource;

import io.keel.core.access.SetOfAcrs;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ReleaseVersion;
import io.keel.primitive.Timestamps;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The value types attributes are declared with. {@link #normalize} checks a value from a request and returns it
 * in the one form the core stores; XML gives every scalar as text, so text is accepted where {@code fromText}.
 */
public enum AttributeType {
    STRING {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            if (v instanceof String s) {
                return s;
            }
            throw wrongType(sn, "a string");
        }
    },
    /** A string that must be a URI-ish token without spaces (poa entries, IDs). */
    TOKEN {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            if (v instanceof String s && !s.isEmpty() && !s.chars().anyMatch(Character::isWhitespace)) {
                return s;
            }
            throw wrongType(sn, "a non-empty string without spaces");
        }
    },
    NON_NEGATIVE_INTEGER {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            long n = integer(sn, v, fromText);
            if (n < 0) {
                throw OneM2MException.badRequest("attribute " + sn + " must not be negative");
            }
            return n;
        }
    },
    POSITIVE_INTEGER {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            long n = integer(sn, v, fromText);
            if (n <= 0) {
                throw OneM2MException.badRequest("attribute " + sn + " must be a positive integer");
            }
            return n;
        }
    },
    BOOLEAN {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            if (v instanceof Boolean b) {
                return b;
            }
            if (fromText && v instanceof String s && (s.equals("true") || s.equals("false"))) {
                return Boolean.valueOf(s);
            }
            throw wrongType(sn, "a boolean");
        }
    },
    TIMESTAMP {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            if (v instanceof String s) {
                return Timestamps.parse(s, "attribute " + sn);
            }
            throw wrongType(sn, "a timestamp");
        }
    },
    /** contentInfo: {@code type/subtype:encoding[:contentSecurity]}. */
    CONTENT_INFO {
        @Override
        Object normalizeScalar(String sn, Object v, boolean fromText) {
            if (v instanceof String s && CONTENT_INFO_SYNTAX.matcher(s).matches()) {
                return s;
            }
            throw OneM2MException.badRequest("attribute " + sn + " must be <type>/<subtype>:<encoding 0-2>[:<security 0-5>]"
                    + " (the encoding is mandatory), not " + v);
        }
    },
    /**
     * labels: a list of xs:token (TS-0004 table 6.3.2-1 universal attribute lbl), which may hold single spaces inside
     * ({@code "To be deleted"}) but no leading, trailing or repeated spaces and no other white space. In XML the list
     * is separated by white space, so an XML label has none.
     */
    LABELS {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            List<String> out = new ArrayList<>();
            for (Object item : list(sn, v, fromText)) {
                if (!(item instanceof String s) || !XS_TOKEN.matcher(s).matches()) {
                    throw OneM2MException.badRequest("attribute " + sn + " holds " + (item instanceof String ? "\"" + item + "\"" : item)
                            + ", which is no label: a non-empty xs:token, single spaces between its words only");
                }
                out.add(s);
            }
            return out;
        }
    },
    /** A list of tokens without any white space (IDs, URIs, media types), xs:list in XML. */
    LIST_OF_TOKENS {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            List<String> out = new ArrayList<>();
            for (Object item : list(sn, v, fromText)) {
                out.add((String) TOKEN.normalizeScalar(sn, item, fromText));
            }
            return out;
        }
    },
    LIST_OF_RELEASE_VERSIONS {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            List<String> out = new ArrayList<>();
            for (Object item : list(sn, v, fromText)) {
                if (!(item instanceof String s) || !ReleaseVersion.DEFINED.contains(s)) {
                    throw OneM2MException.badRequest("attribute " + sn + " holds an unknown release version: " + item);
                }
                out.add(s);
            }
            if (out.isEmpty()) {
                throw OneM2MException.badRequest("attribute " + sn + " must list at least one release version");
            }
            return out;
        }
    },
    /** eventNotificationCriteria (TS-0004 6.3.5.7), normalized by {@link ComplexValues#eventNotificationCriteria}. */
    EVENT_NOTIFICATION_CRITERIA {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            return ComplexValues.eventNotificationCriteria(sn, object(sn, v), fromText);
        }
    },
    /** batchNotify {num, dur} (TS-0004 6.3.5.6). */
    BATCH_NOTIFY {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            return ComplexValues.countAndDuration(sn, object(sn, v), fromText, "num", "dur", false);
        }
    },
    /** rateLimit {mnn, tww} (TS-0004 6.3.5.31). */
    RATE_LIMIT {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            return ComplexValues.countAndDuration(sn, object(sn, v), fromText, "mnn", "tww", true);
        }
    },
    /** The setOfAcrs of an accessControlPolicy's pv and pvs. */
    SET_OF_ACRS {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            return SetOfAcrs.normalize(sn, v, fromText);
        }
    },
    /** Any JSON value (the content of a contentInstance). */
    ANY {
        @Override
        Object normalize(String sn, Object v, boolean fromText) {
            return v;
        }
    };

    /**
     * m2m:contentInfo (TS-0004 table 6.3.3-1): a media type, then an m2m:encodingType (6.3.4.2.28: 0–2), then
     * optionally an m2m:contentSecurity (6.3.4.2.38: 0–5), separated by ':'.
     */
    /** xs:token, non-empty: words of non-white-space characters separated by single spaces. */
    private static final Pattern XS_TOKEN = Pattern.compile("[^\\s]+( [^\\s]+)*");
    private static final Pattern CONTENT_INFO_SYNTAX =
            Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+:[0-2](:[0-5])?");

    /** Checks and normalizes a non-null value. */
    Object normalize(String sn, Object v, boolean fromText) {
        if (v instanceof Map || v instanceof Collection) {
            throw wrongType(sn, "a single value");
        }
        return normalizeScalar(sn, v, fromText);
    }

    Object normalizeScalar(String sn, Object v, boolean fromText) {
        throw new IllegalStateException(name() + " is not scalar");
    }

    static OneM2MException wrongType(String sn, String expected) {
        return OneM2MException.badRequest("attribute " + sn + " must be " + expected);
    }

    static long integer(String sn, Object v, boolean fromText) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            return ((Number) v).longValue();
        }
        if (fromText && v instanceof String s && s.matches("-?\\d{1,18}")) {
            return Long.parseLong(s);
        }
        throw wrongType(sn, "an integer");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String sn, Object v) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw wrongType(sn, "an object");
    }

    /** A list from JSON/CBOR arrays, or from XML's space-separated text (xs:list) or repeated elements. */
    static List<?> list(String sn, Object v, boolean fromText) {
        if (v instanceof List<?> l) {
            return l;
        }
        if (fromText && v instanceof String s) {
            return s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
        }
        throw wrongType(sn, "a list");
    }
}
