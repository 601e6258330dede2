package io.keel.binding.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** TS-0009 6.2.2.1, table 6.2.2.1-1 both ways, and the paths that are no resource ID. */
class RequestTargetMappingTest {
    private static OneM2MException badPath(String path) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> RequestTargetMapping.toParameter(path));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc(), path);
        return e;
    }

    /** Every row of table 6.2.2.1-1; the table's structured CSE-relative row shows a trailing '/', tested below. */
    @ParameterizedTest(name = "clause6_2_2_1_{0}: {1} ⇄ {2}")
    @CsvSource({
            "structured CSE-relative, CSEBase/ae12/cont27/contInst696, /CSEBase/ae12/cont27/contInst696",
            "unstructured CSE-relative, cin00856, /cin00856",
            "structured SP-relative, /CSE178/CSEBase/ae12/cont27/contInst696, /~/CSE178/CSEBase/ae12/cont27/contInst696",
            "unstructured SP-relative, /CSE178/cin00856, /~/CSE178/cin00856",
            "structured absolute, //mym2msp.org/CSE178/CSEBase/ae12/cont27/contInst696, /_/mym2msp.org/CSE178/CSEBase/ae12/cont27/contInst696",
            "unstructured absolute, //mym2msp.org/CSE178/cin00856, /_/mym2msp.org/CSE178/cin00856"})
    void clause6_2_2_1_tableRowsBothWays(String form, String to, String path) {
        assertEquals(to, RequestTargetMapping.toParameter(path), form + ": path → To");
        assertEquals(path, RequestTargetMapping.originForm(to), form + ": To → path");
    }

    @Test
    void clause6_2_2_1_tableRowWithTrailingSlash() {
        assertEquals("CSEBase/ae12/cont27/contInst696", RequestTargetMapping.toParameter("/CSEBase/ae12/cont27/contInst696/"));
        assertEquals("/CSE178/cin00856", RequestTargetMapping.toParameter("/~/CSE178/cin00856/"));
        assertEquals("//mym2msp.org/CSE178/cin00856", RequestTargetMapping.toParameter("/_/mym2msp.org/CSE178/cin00856/"));
    }

    @ParameterizedTest(name = "clause6_2_2_1_{0} → {1}")
    @CsvSource({"/cse-in/ae1/cnt, cse-in/ae1/cnt", "/cin00856, cin00856", "/~/CSE178/cse-in/ae12, /CSE178/cse-in/ae12",
            "/~/CSE178/cin00856, /CSE178/cin00856", "/_/mym2msp.org/CSE178/cse-in/x, //mym2msp.org/CSE178/cse-in/x",
            "/~/CSE178, /CSE178", "/_/sp.org/CSE178, //sp.org/CSE178", "/-/ae, -/ae", "/cse-in/cnt/la, cse-in/cnt/la",
            "/~x, ~x", "/_x/y, _x/y"})
    void clause6_2_2_1_serverSideExamples(String path, String to) {
        assertEquals(to, RequestTargetMapping.toParameter(path));
    }

    @ParameterizedTest(name = "clause6_2_2_1_decodes {0} → {1}")
    @CsvSource({"/cse-in/my%20app, cse-in/my app", "/cse-in/%C3%A9t%C3%A9, cse-in/été", "/cse-in/a+b, cse-in/a+b",
            "/cse-in/a%2Bb, cse-in/a+b", "/cse-in/%7Ex, cse-in/~x", "/~/id%2Din/cnt, /id-in/cnt", "/cse-in/%F0%9F%98%80, cse-in/😀",
            "/%7E/x, ~/x", "/%5F/x, _/x"})
    void clause6_2_2_1_percentDecodingPerSegment(String path, String to) {
        assertEquals(to, RequestTargetMapping.toParameter(path));
    }

    @ParameterizedTest(name = "clause6_2_2_1_toIsMissing: {0}")
    @ValueSource(strings = {"/", "//", "/~", "/~/", "/_", "/_/", "/_/x", "/_/mym2msp.org", "/_/mym2msp.org/"})
    void clause6_2_2_1_missingOrIncompleteToIs4000(String path) {
        String reason = badPath(path).getMessage();
        assertTrue(reason.contains("To is missing") || reason.contains("To is incomplete"), reason);
    }

    @ParameterizedTest(name = "clause6_2_2_1_malformed: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "/a//b|empty segment", "/_//CSE178/x|empty segment", "/~//x|empty segment", "/a//|empty segment",
            "/a/./b|'.' or '..'", "/a/../b|'.' or '..'", "/..|'.' or '..'", "/a/%2e%2e/b|'.' or '..'", "/a/%2E|'.' or '..'",
            "/a%2Fb|encoded '/'", "/a%2fb|encoded '/'", "/a%ZZ|percent-escape", "/a%4|percent-escape", "/a%|percent-escape",
            "/%C3%28|UTF-8", "/%FF|UTF-8", "/%C3|UTF-8", "/a%00b|control character", "/a%0Ab|control character",
            "/a%0D%0Ab|control character", "/a%7Fb|control character", "/a%C2%85b|control character",
            "relative|must start with /", "\"\"|must start with /"})
    void clause6_2_2_1_malformedPathsAre4000(String path, String reasonPart) {
        String reason = badPath(path).getMessage();
        assertTrue(reason.contains(reasonPart), reason);
    }

    @Test
    void clause6_2_2_1_nullPathIs4000() {
        badPath(null);
    }

    @ParameterizedTest(name = "clause6_2_2_1_originForm {0} → {1}")
    @CsvSource({"cse-in/my app, /cse-in/my%20app", "cse-in/a#b, /cse-in/a%23b", "cse-in/a?b, /cse-in/a%3Fb",
            "cse-in/été, /cse-in/%C3%A9t%C3%A9", "cse-in/a%b, /cse-in/a%25b", "cse-in/a;b, /cse-in/a%3Bb",
            "cse-in/a+b, /cse-in/a+b", "/id-in/cnt 1, /~/id-in/cnt%201", "//sp.org/id-in/x y, /_/sp.org/id-in/x%20y",
            "~/x, /%7E/x", "_/x, /%5F/x", "~x, /~x", "/~/x, /~/~/x"})
    void clause6_2_2_1_originFormEncodesWhatAPathCannotCarryAndRoundTrips(String to, String path) {
        assertEquals(path, RequestTargetMapping.originForm(to));
        assertEquals(to, RequestTargetMapping.toParameter(path), "the server side reads back the same To");
    }

    @ParameterizedTest(name = "clause6_2_2_1_originFormRefuses {0}")
    @ValueSource(strings = {"", "/", "//", "//sp.org", "//sp.org/", "a//b", "a/", "a/./b", "a/../b", "/id-in/..", "..", "."})
    void clause6_2_2_1_originFormOfAnInvalidToIs4000(String to) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> RequestTargetMapping.originForm(to));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().contains("To"), e.getMessage());
    }

    @Test
    void clause6_2_2_1_originFormOfNullIs4000() {
        assertEquals(ResponseStatusCode.BAD_REQUEST,
                assertThrows(OneM2MException.class, () -> RequestTargetMapping.originForm(null)).rsc());
    }
}
