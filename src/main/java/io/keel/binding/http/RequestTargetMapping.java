package io.keel.binding.http;

import io.keel.primitive.OneM2MException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * TS-0009 6.2.2.1: the path component of the Request-Target ⇄ the To parameter. CSE-relative IDs are the path
 * after "/", SP-relative ones follow "/~", absolute ones follow "/_" (which stands for the first "/" of "//").
 */
public final class RequestTargetMapping {
    private RequestTargetMapping() {
    }

    /** Server side: the undecoded path within the web application → To. */
    public static String toParameter(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw OneM2MException.badRequest("the request path must start with /");
        }
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        String prefix;
        String rest;
        if (path.equals("/~") || path.startsWith("/~/")) {
            prefix = "/";
            rest = path.length() > 3 ? path.substring(3) : "";
        } else if (path.equals("/_") || path.startsWith("/_/")) {
            prefix = "//";
            rest = path.length() > 3 ? path.substring(3) : "";
            if (rest.indexOf('/') < 0) {
                throw OneM2MException.badRequest("To is incomplete: an absolute ID needs an SP-ID and a CSE-ID");
            }
        } else {
            prefix = "";
            rest = path.substring(1);
        }
        if (rest.isEmpty()) {
            throw OneM2MException.badRequest("To is missing: the request path names no resource");
        }
        StringBuilder to = new StringBuilder(prefix);
        String[] segments = rest.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = decode(segments[i]);
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                throw OneM2MException.badRequest("the request path has an empty, '.' or '..' segment");
            }
            for (int c = 0; c < s.length(); c++) {
                char ch = s.charAt(c);
                if (ch == '/' || ch < 0x20 || ch == 0x7f) {
                    throw OneM2MException.badRequest("the request path has an encoded '/' or a control character in a segment");
                }
            }
            if (i > 0) {
                to.append('/');
            }
            to.append(s);
        }
        return to.toString();
    }

    /** Client side (and Content-Location): To → the origin-form path. */
    public static String originForm(String to) {
        String prefix;
        String rest;
        if (to.startsWith("//")) {
            prefix = "/_/";
            rest = to.substring(2);
        } else if (to.startsWith("/")) {
            prefix = "/~/";
            rest = to.substring(1);
        } else {
            prefix = "/";
            rest = to;
        }
        StringBuilder b = new StringBuilder(prefix);
        String[] segments = rest.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                b.append('/');
            }
            b.append(encode(segments[i]));
        }
        return b.toString();
    }

    /** Percent-decodes one segment as UTF-8; a broken escape or invalid UTF-8 is a 4000. */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    throw OneM2MException.badRequest("the request path has a broken percent-escape");
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw OneM2MException.badRequest("the request path has a broken percent-escape");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw OneM2MException.badRequest("the request path is not valid UTF-8");
        }
    }

    private static String encode(String segment) {
        StringBuilder b = new StringBuilder();
        for (byte by : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = by & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }
}
