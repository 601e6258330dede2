package io.keel.binding.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3986 percent-encoding as TS-0009 6.2.2.1 (path) and 6.2.2.2 (query, example 3) use it. */
class PercentEncodingTest {
    @ParameterizedTest(name = "clause6_2_2_decode {0} → {1}")
    @CsvSource({"abc, abc", "a%20b, a b", "a+b, a+b", "a%2Bb, a+b", "%41%62, Ab", "%c3%a9, é", "%E2%82%AC, €", "%F0%9F%98%80, 😀",
            "%25, %", "%2F, /"})
    void clause6_2_2_decodesUtf8Escapes(String raw, String decoded) {
        assertEquals(decoded, PercentEncoding.decode(raw, "x"));
    }

    @ParameterizedTest(name = "clause6_2_2_decodeRefuses {0}")
    @ValueSource(strings = {"%", "%4", "a%G1", "%%41", "%C3", "%C3%28", "%FF", "%ED%A0%80", "%C0%AF"})
    void clause6_2_2_brokenEscapeOrInvalidUtf8Is4000NamingTheParameter(String raw) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> PercentEncoding.decode(raw, "query field lbl"));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().startsWith("query field lbl"), e.getMessage());
    }

    @ParameterizedTest(name = "clause6_2_2_1_encode {0} → {1}")
    @CsvSource({"abc-._~, abc-._~", "a b, a%20b", "a/b, a%2Fb", "a?b, a%3Fb", "a#b, a%23b", "a%b, a%25b", "a;b, a%3Bb",
            "é, %C3%A9", "a+b:c@d, a+b:c@d"})
    void clause6_2_2_1_encodesASegment(String segment, String encoded) {
        assertEquals(encoded, PercentEncoding.encodeSegment(segment));
        assertEquals(segment, PercentEncoding.decode(encoded, "x"));
    }
}
