package io.keel.binding.http;

import io.keel.primitive.OneM2MException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding of path segments and query items, always UTF-8. Decoding is strict: a broken escape or
 * bytes that are not UTF-8 are a 4000 naming what was being decoded, never a silently replaced character.
 */
public final class PercentEncoding {
    /** RFC 3986 unreserved characters plus the sub-delims and ':' '@' a path segment may carry unescaped (';' excluded: servlet containers treat it as a path parameter). */
    private static final String SEGMENT_SAFE = "-._~!$&'()*+,=:@";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    /**
     * Decodes {@code %XX} escapes; every other character stands for itself ('+' too: it is not a space here).
     *
     * @param what names the decoded thing in the error reason, e.g. {@code "the request path"} or {@code "query field ty"}
     */
    public static String decode(String raw, String what) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw OneM2MException.badRequest(what + " has a broken percent-escape (%XX expected)");
                }
                bytes.write(hi * 16 + lo);
                i += 3;
            } else {
                int next = raw.indexOf('%', i);
                int end = next < 0 ? raw.length() : next;
                bytes.writeBytes(utf8(raw.substring(i, end), what));
                i = end;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw OneM2MException.badRequest(what + " is not valid UTF-8 after percent-decoding");
        }
    }

    private static byte[] utf8(String s, String what) {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw OneM2MException.badRequest(what + " holds a character that is not valid Unicode");
        }
    }

    /** Encodes one path segment: everything but unreserved characters and the safe sub-delims becomes %XX of its UTF-8 bytes. */
    public static String encodeSegment(String segment) {
        StringBuilder b = new StringBuilder(segment.length());
        for (byte by : utf8(segment, "the path segment")) {
            int c = by & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || SEGMENT_SAFE.indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return b.toString();
    }

}
