package io.keel.binding.http;

import io.keel.primitive.OneM2MException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The To parameter ⇄ the path of a request, as TS-0009 6.2.2.1 (HTTP origin-form) and TS-0008 6.2.2.3 (CoAP Uri-Path
 * options) both write it: a CSE-relative ID is the path itself, an SP-relative one follows a first segment "~", and
 * in an absolute one a first segment "_" stands for the first "/" of "//". The bindings differ only in how segments
 * travel: HTTP percent-encodes them in one string, CoAP sends each as an option of its own.
 */
public final class RequestTargetMapping {
    private static final String SP_RELATIVE = "~";
    private static final String ABSOLUTE = "_";

    private RequestTargetMapping() {
    }

    /**
     * HTTP server side: the undecoded path within the web application (starting with "/") → To. Each segment is
     * percent-decoded on its own, so an encoded "/" can never create a segment, and the "~"/"_" markers are matched
     * before decoding (a resource named "~" travels as "%7E"); a single trailing "/" is ignored (table 6.2.2.1-1
     * shows one).
     */
    public static String toParameter(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw OneM2MException.badRequest("the request path must start with /");
        }
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        String inner = path.substring(1);
        List<String> segments = inner.isEmpty() ? List.of() : Arrays.asList(inner.split("/", -1));
        return fromSegments(segments, s -> PercentEncoding.decode(s, "the request path"));
    }

    /** CoAP server side (TS-0008 6.2.2.3): the Uri-Path options, each a decoded segment, → To. */
    public static String toParameter(List<String> uriPath) {
        return fromSegments(uriPath, UnaryOperator.identity());
    }

    /**
     * HTTP client side (and Content-Location): To → the origin-form path, each segment percent-encoded as needed. A
     * To with an empty, "." or ".." segment cannot travel in a path and is a 4000.
     */
    public static String originForm(String to) {
        List<String> segments = segmentsOf(to);
        StringBuilder b = new StringBuilder();
        boolean cseRelative = !to.startsWith("/");
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            b.append('/');
            if (i == 0 && !cseRelative) {
                b.append(s); // the marker itself
            } else if (i == 0 && (s.equals(SP_RELATIVE) || s.equals(ABSOLUTE))) {
                b.append(s.equals(SP_RELATIVE) ? "%7E" : "%5F"); // a bare "/~" or "/_" would read as the SP-relative or absolute form
            } else {
                b.append(PercentEncoding.encodeSegment(s));
            }
        }
        return b.toString();
    }

    /**
     * CoAP client side (TS-0008 6.2.2.3, table 6.2.2.3-1): To → the Uri-Path option values. A CSE-relative To whose
     * first segment is "~" or "_" cannot be told from the other forms there and is a 4000.
     */
    public static List<String> uriPath(String to) {
        List<String> segments = segmentsOf(to);
        if (!to.startsWith("/") && (segments.get(0).equals(SP_RELATIVE) || segments.get(0).equals(ABSOLUTE))) {
            throw OneM2MException.badRequest("a CSE-relative To starting with '~' or '_' cannot be sent in Uri-Path: " + to);
        }
        return segments;
    }

    /** To → its segments, the first one the "~" or "_" marker for the SP-relative and absolute forms. */
    private static List<String> segmentsOf(String to) {
        if (to == null || to.isEmpty()) {
            throw OneM2MException.badRequest("To is missing");
        }
        List<String> out = new ArrayList<>();
        String rest;
        if (to.startsWith("//")) {
            out.add(ABSOLUTE);
            rest = to.substring(2);
            if (rest.indexOf('/') < 0) {
                throw OneM2MException.badRequest("To is incomplete: an absolute ID (//<SP-ID>/<CSE-ID>/...) needs an SP-ID and a CSE-ID");
            }
        } else if (to.startsWith("/")) {
            out.add(SP_RELATIVE);
            rest = to.substring(1);
        } else {
            rest = to;
        }
        for (String s : rest.split("/", -1)) {
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                throw OneM2MException.badRequest("To has an empty, '.' or '..' segment: " + to);
            }
            out.add(s);
        }
        return out;
    }

    /** Segments (still encoded, as {@code decode} expects them) → To; the first one may be a form marker. */
    private static String fromSegments(List<String> segments, UnaryOperator<String> decode) {
        String first = segments.isEmpty() ? null : segments.get(0);
        if (SP_RELATIVE.equals(first)) {
            return "/" + decoded(segments.subList(1, segments.size()), decode, "an SP-relative To (/~/<CSE-ID>/...)");
        }
        if (ABSOLUTE.equals(first)) {
            if (segments.size() < 3) {
                throw OneM2MException.badRequest(segments.size() < 2
                        ? "To is missing/incomplete: the request path names no resource for an absolute To"
                        : "To is incomplete: an absolute ID (/_/<SP-ID>/<CSE-ID>/...) needs an SP-ID and a CSE-ID");
            }
            return "//" + decoded(segments.subList(1, segments.size()), decode, "an absolute To");
        }
        return decoded(segments, decode, "a CSE-relative To");
    }

    /** Decodes and checks every segment, joined again by "/". */
    private static String decoded(List<String> segments, UnaryOperator<String> decode, String form) {
        if (segments.isEmpty()) {
            throw OneM2MException.badRequest("To is missing/incomplete: the request path names no resource for " + form);
        }
        StringBuilder to = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            String s = decode.apply(segments.get(i));
            if (s.isEmpty()) {
                throw OneM2MException.badRequest("the request path has an empty segment (//)");
            }
            if (s.equals(".") || s.equals("..")) {
                throw OneM2MException.badRequest("the request path has a '.' or '..' segment");
            }
            for (int c = 0; c < s.length(); c++) {
                char ch = s.charAt(c);
                if (ch == '/') {
                    throw OneM2MException.badRequest("the request path has an encoded '/' (%2F) inside a segment");
                }
                if (Character.isISOControl(ch)) {
                    throw OneM2MException.badRequest("the request path has a control character (NUL, CR, LF, ...) in a segment");
                }
            }
            if (i > 0) {
                to.append('/');
            }
            to.append(s);
        }
        return to.toString();
    }
}
