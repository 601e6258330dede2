package io.keel.binding.http;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * TS-0009 6.4.2 (Accept) and 6.4.3 (Content-Type), TS-0004 6.7: which media types a body may come in, the Create's
 * {@code ty} parameter, and the response media type negotiated from Accept.
 */
public final class MediaTypes {
    public static final String JSON = "application/json";
    public static final String XML = "application/xml";
    public static final String CBOR = "application/cbor";
    private static final String ONEM2M = "application/vnd.onem2m-";
    /** The oneM2M kinds of TS-0004 6.7: resource, notification, request primitive, response primitive. */
    private static final List<String> ONEM2M_KINDS = List.of("res", "ntfy", "preq", "prsp");
    /**
     * What a response body may be sent as, in the order used when Accept leaves a choice; ntfy/preq/prsp describe
     * request bodies or whole primitives, not a response's Content.
     */
    private static final List<String> RESPONSE_TYPES = List.of(JSON, ONEM2M + "res+json", XML, ONEM2M + "res+xml", CBOR,
            ONEM2M + "res+cbor");
    /** RFC 7231 5.3.1 qvalue. */
    private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("[0-9]{1,9}");

    /** A request body's serialization, the Create's resource type (null when no {@code ty}), and the bare media type (lower case). */
    public record RequestBodyType(Serialization serialization, Integer resourceType, String mediaType) {
    }

    private MediaTypes() {
    }

    /**
     * Parses a request's Content-Type: a supported media type (case-insensitive), then parameters separated by ';':
     * {@code ty=<n>} (at most once) and, for JSON and XML, {@code charset=utf-8}. A malformed ty is a 4000; an
     * unsupported type, charset or parameter a 4015.
     */
    public static RequestBodyType parseContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new OneM2MException(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type is missing");
        }
        String[] parts = contentType.split(";", -1);
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        Serialization serialization = serializationOfType(type);
        if (serialization == null) {
            throw new OneM2MException(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE, "unsupported Content-Type " + parts[0].trim()
                    + "; use application/json, application/xml, application/cbor or application/vnd.onem2m-res+json|xml|cbor");
        }
        Integer ty = null;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : p.substring(eq + 1).trim();
            switch (name) {
                case "ty" -> {
                    if (ty != null) {
                        throw OneM2MException.badRequest("Content-Type carries the ty parameter more than once");
                    }
                    if (!RESOURCE_TYPE.matcher(value).matches()) {
                        throw OneM2MException.badRequest("Content-Type parameter ty must be a resource type number: '" + value + "'");
                    }
                    ty = Integer.valueOf(value);
                }
                case "charset" -> {
                    if (serialization == Serialization.CBOR || !unquote(value).equalsIgnoreCase("utf-8")) {
                        throw new OneM2MException(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE,
                                "Content-Type charset " + value + " is not supported; JSON and XML bodies are UTF-8, CBOR has no charset");
                    }
                }
                default -> throw new OneM2MException(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE,
                        "unsupported Content-Type parameter " + name);
            }
        }
        return new RequestBodyType(serialization, ty, type);
    }

    /**
     * The response media type (RFC 7231 5.3.2). Accept absent, empty or only {@code *}{@code /*}: the family of the
     * request's Content-Type (oneM2M types answer with the {@code res} type of the same serialization), else JSON.
     * Otherwise every supported type gets the q of the most specific range that matches it; the highest q wins
     * ({@code q=0} excludes), ties going to the more specific range, then the range listed first, then the request's
     * family. Nothing acceptable is a 5207 NOT_ACCEPTABLE.
     *
     * @param requestMediaType the request's bare Content-Type media type, or null when it had none
     */
    public static String negotiate(String acceptHeader, String requestMediaType) {
        String preferred = preferred(requestMediaType);
        if (acceptHeader == null || acceptHeader.replace(',', ' ').isBlank()) {
            return preferred;
        }
        List<Range> ranges = ranges(acceptHeader);
        List<String> candidates = new ArrayList<>();
        candidates.add(preferred);
        RESPONSE_TYPES.stream().filter(t -> !t.equals(preferred)).forEach(candidates::add);
        String best = null;
        Range bestRange = null;
        for (String candidate : candidates) {
            Range r = mostSpecificMatch(ranges, candidate);
            if (r == null || r.q() <= 0) {
                continue;
            }
            if (bestRange == null || r.q() > bestRange.q()
                    || (r.q() == bestRange.q() && (r.specificity() > bestRange.specificity()
                    || (r.specificity() == bestRange.specificity() && r.position() < bestRange.position())))) {
                best = candidate;
                bestRange = r;
            }
        }
        if (best == null) {
            throw new OneM2MException(ResponseStatusCode.NOT_ACCEPTABLE, "none of the media types in Accept (" + acceptHeader.trim()
                    + ") can be served; use application/json, application/xml, application/cbor or application/vnd.onem2m-res+json|xml|cbor");
        }
        return best;
    }

    /**
     * The serialization of a supported media type (parameters such as {@code ;ty=} or {@code ;charset=} ignored).
     * Anything else is a 4015.
     */
    public static Serialization serializationOf(String mediaType) {
        Serialization s = mediaType == null ? null : serializationOfType(mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT));
        if (s == null) {
            throw new OneM2MException(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE, "unsupported media type " + mediaType);
        }
        return s;
    }

    /** The plain media type of a serialization, what the CSE sends: no charset or other parameter. */
    public static String forSerialization(Serialization s) {
        return "application/" + s.token();
    }

    /** The response type when Accept leaves the choice open. */
    /** Whether an Accept header leaves the response's media type open: absent, empty, or only {@code *}{@code /*}. */
    public static boolean acceptsAnything(String acceptHeader) {
        if (acceptHeader == null || acceptHeader.replace(',', ' ').isBlank()) {
            return true;
        }
        return ranges(acceptHeader).stream().allMatch(r -> r.type().equals("*") && r.subtype().equals("*") && r.q() > 0);
    }

    /** The media type a serialization is answered in when the request named none: the plain one. */
    public static String of(Serialization s) {
        return "application/" + s.token();
    }

    private static String preferred(String requestMediaType) {
        if (requestMediaType == null || requestMediaType.isBlank()) {
            return JSON;
        }
        String type = requestMediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        Serialization s = serializationOfType(type);
        if (s == null) {
            return JSON;
        }
        return type.startsWith(ONEM2M) ? ONEM2M + "res+" + s.token() : "application/" + s.token();
    }

    private static Serialization serializationOfType(String type) {
        for (Serialization s : Serialization.values()) {
            if (type.equals("application/" + s.token())) {
                return s;
            }
            for (String kind : ONEM2M_KINDS) {
                if (type.equals(ONEM2M + kind + "+" + s.token())) {
                    return s;
                }
            }
        }
        return null;
    }

    /** One media range of Accept: type/subtype (either may be '*'), its q, its specificity and its position. */
    private record Range(String type, String subtype, double q, int specificity, int position) {
        boolean matches(String mediaType) {
            int slash = mediaType.indexOf('/');
            return (type.equals("*") || type.equals(mediaType.substring(0, slash)))
                    && (subtype.equals("*") || subtype.equals(mediaType.substring(slash + 1)));
        }
    }

    /** The well-formed ranges of Accept; malformed ones (no '/', bad q) are ignored, so they match nothing. */
    private static List<Range> ranges(String accept) {
        List<Range> out = new ArrayList<>();
        String[] items = accept.split(",");
        for (int i = 0; i < items.length; i++) {
            String[] parts = items[i].split(";", -1);
            String mediaRange = parts[0].trim().toLowerCase(Locale.ROOT);
            int slash = mediaRange.indexOf('/');
            if (slash <= 0 || slash == mediaRange.length() - 1) {
                continue;
            }
            String type = mediaRange.substring(0, slash);
            String subtype = mediaRange.substring(slash + 1);
            if (type.equals("*") && !subtype.equals("*")) {
                continue;
            }
            Double q = 1.0;
            for (int p = 1; p < parts.length; p++) {
                String param = parts[p].trim();
                if (param.regionMatches(true, 0, "q=", 0, 2)) {
                    String value = param.substring(2).trim();
                    q = QVALUE.matcher(value).matches() ? Double.valueOf(value) : null;
                }
            }
            if (q == null) {
                continue;
            }
            int specificity = type.equals("*") ? 0 : subtype.equals("*") ? 1 : 2;
            out.add(new Range(type, subtype, q, specificity, i));
        }
        return out;
    }

    /** RFC 7231 5.3.2: the most specific range that matches decides a type's q. */
    private static Range mostSpecificMatch(List<Range> ranges, String mediaType) {
        Range best = null;
        for (Range r : ranges) {
            if (r.matches(mediaType) && (best == null || r.specificity() > best.specificity())) {
                best = r;
            }
        }
        return best;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
