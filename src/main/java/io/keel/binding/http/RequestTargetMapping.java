package io.keel.binding.http;

import io.keel.primitive.OneM2MException;

/**
 * TS-0009 6.2.2.1: the path component of the origin-form Request-Target ⇄ the To parameter. A CSE-relative ID is the
 * path after "/", an SP-relative one follows "/~", and in an absolute one "/_" stands for the first "/" of "//".
 */
public final class RequestTargetMapping {
    private static final String SP_RELATIVE = "/~";
    private static final String ABSOLUTE = "/_";

    private RequestTargetMapping() {
    }

    /**
     * Server side: the undecoded path within the web application (starting with "/") → To. Each segment is
     * percent-decoded on its own, so an encoded "/" can never create a segment; a single trailing "/" is ignored
     * (table 6.2.2.1-1 shows one).
     */
    public static String toParameter(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw OneM2MException.badRequest("the request path must start with /");
        }
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        if (isForm(path, SP_RELATIVE)) {
            return "/" + segments(rest(path), "an SP-relative To (/~/<CSE-ID>/...)");
        }
        if (isForm(path, ABSOLUTE)) {
            String rest = rest(path);
            if (rest.indexOf('/') < 0) {
                throw OneM2MException.badRequest("To is incomplete: an absolute ID (/_/<SP-ID>/<CSE-ID>/...) needs an SP-ID and a CSE-ID");
            }
            return "//" + segments(rest, "an absolute To");
        }
        return segments(path.substring(1), "a CSE-relative To");
    }

    /**
     * Client side (and Content-Location): To → the origin-form path, each segment percent-encoded as needed. A To
     * with an empty, "." or ".." segment cannot travel in a path and is a 4000.
     */
    public static String originForm(String to) {
        if (to == null || to.isEmpty()) {
            throw OneM2MException.badRequest("To is missing");
        }
        String prefix;
        String rest;
        if (to.startsWith("//")) {
            prefix = ABSOLUTE + "/";
            rest = to.substring(2);
            if (rest.indexOf('/') < 0) {
                throw OneM2MException.badRequest("To is incomplete: an absolute ID (//<SP-ID>/<CSE-ID>/...) needs an SP-ID and a CSE-ID");
            }
        } else if (to.startsWith("/")) {
            prefix = SP_RELATIVE + "/";
            rest = to.substring(1);
        } else {
            prefix = "/";
            rest = to;
        }
        StringBuilder b = new StringBuilder(prefix);
        String[] segments = rest.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                throw OneM2MException.badRequest("To has an empty, '.' or '..' segment: " + to);
            }
            if (i > 0) {
                b.append('/');
            }
            if (i == 0 && prefix.equals("/") && (s.equals("~") || s.equals("_"))) {
                b.append(s.equals("~") ? "%7E" : "%5F"); // a bare "/~" or "/_" would read as the SP-relative or absolute form
            } else {
                b.append(PercentEncoding.encodeSegment(s));
            }
        }
        return b.toString();
    }

    /** True for "/~" and "/~/…" (or "/_", "/_/…"), not for a CSE-relative name that merely starts with '~' or '_'. */
    private static boolean isForm(String path, String marker) {
        return path.equals(marker) || path.startsWith(marker + "/");
    }

    private static String rest(String path) {
        return path.length() > 3 ? path.substring(3) : "";
    }

    /** Decodes and checks every segment, joined again by "/". */
    private static String segments(String rest, String form) {
        if (rest.isEmpty()) {
            throw OneM2MException.badRequest("To is missing/incomplete: the request path names no resource for " + form);
        }
        StringBuilder to = new StringBuilder(rest.length());
        String[] segments = rest.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = PercentEncoding.decode(segments[i], "the request path");
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
