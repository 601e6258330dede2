package io.keel.binding.http;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import java.util.List;
import java.util.Locale;

/**
 * TS-0009 6.4.2/6.4.3 and TS-0004 6.7: request Content-Type (with the {@code ty} parameter of a Create) and the
 * response media type negotiated from Accept.
 */
public final class MediaTypes {
    /** What responses may be sent as, in order of preference when Accept leaves the choice open. */
    private static final List<String> RESPONSE_TYPES = List.of("application/json", "application/vnd.onem2m-res+json",
            "application/xml", "application/vnd.onem2m-res+xml", "application/cbor", "application/vnd.onem2m-res+cbor");
    private static final List<String> ONEM2M_KINDS = List.of("res", "ntfy", "preq", "prsp");

    /** A request body's serialization, the Create's resource type (or null), and the media type as named. */
    public record RequestBodyType(Serialization serialization, Integer resourceType, String mediaType) {
    }

    private MediaTypes() {
    }

    public static RequestBodyType parseContentType(String contentType) {
        String[] parts = contentType.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        Serialization serialization = serializationOfType(type);
        if (serialization == null) {
            throw new OneM2MException(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE, "unsupported Content-Type " + parts[0].trim()
                    + "; use application/json, application/xml, application/cbor or a oneM2M type");
        }
        Integer ty = null;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : p.substring(eq + 1).trim();
            if (name.equals("ty")) {
                if (ty != null) {
                    throw OneM2MException.badRequest("Content-Type carries ty more than once");
                }
                if (!value.matches("\\d{1,9}")) {
                    throw OneM2MException.badRequest("Content-Type parameter ty must be a resource type number: " + value);
                }
                ty = Integer.valueOf(value);
            } else if (name.equals("charset")) {
                if (serialization == Serialization.CBOR || !value.replace("\"", "").equalsIgnoreCase("utf-8")) {
                    throw new OneM2MException(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE, "only UTF-8 text bodies are supported");
                }
            } else if (!name.isEmpty()) {
                throw new OneM2MException(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE, "unsupported Content-Type parameter " + name);
            }
        }
        return new RequestBodyType(serialization, ty, type);
    }

    /**
     * The response media type: the best acceptable one of Accept, or — when Accept leaves it open — the request's
     * own family, else JSON. Nothing acceptable → 5207 NOT_ACCEPTABLE.
     */
    public static String negotiate(String accept, String requestMediaType) {
        String preferred = requestMediaType != null && requestMediaType.startsWith("application/vnd.onem2m-")
                ? "application/vnd.onem2m-res+" + serializationOf(requestMediaType).token()
                : requestMediaType != null ? "application/" + serializationOf(requestMediaType).token() : "application/json";
        if (accept == null || accept.isBlank()) {
            return preferred;
        }
        String best = null;
        double bestQ = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            String candidate = switch (type) {
                case "*/*", "application/*" -> preferred;
                default -> RESPONSE_TYPES.contains(type) ? type : null;
            };
            if (candidate != null && q > bestQ) {
                best = candidate;
                bestQ = q;
            }
        }
        if (best == null) {
            throw new OneM2MException(ResponseStatusCode.NOT_ACCEPTABLE,
                    "none of the Accept types is supported; use application/json, application/xml, application/cbor or a oneM2M type");
        }
        return best;
    }

    public static Serialization serializationOf(String mediaType) {
        Serialization s = serializationOfType(mediaType.toLowerCase(Locale.ROOT));
        if (s == null) {
            throw new IllegalArgumentException("not a supported media type: " + mediaType);
        }
        return s;
    }

    private static Serialization serializationOfType(String type) {
        for (Serialization s : Serialization.values()) {
            if (type.equals("application/" + s.token())) {
                return s;
            }
            for (String kind : ONEM2M_KINDS) {
                if (type.equals("application/vnd.onem2m-" + kind + "+" + s.token())) {
                    return s;
                }
            }
        }
        return null;
    }
}
