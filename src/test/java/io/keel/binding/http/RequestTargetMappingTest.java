package io.keel.binding.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** TS-0009 table 6.2.2.1-1, both ways, and the paths that are not resource IDs. */
class RequestTargetMappingTest {
    @ParameterizedTest(name = "{0}: {1} ⇄ {2}")
    @CsvSource({
            "structured CSE-relative, CSEBase/ae12/cont27/contInst696, /CSEBase/ae12/cont27/contInst696",
            "unstructured CSE-relative, cin00856, /cin00856",
            "structured SP-relative, /CSE178/CSEBase/ae12/cont27/contInst696, /~/CSE178/CSEBase/ae12/cont27/contInst696",
            "unstructured SP-relative, /CSE178/cin00856, /~/CSE178/cin00856",
            "structured absolute, //mym2msp.org/CSE178/CSEBase/ae12/cont27/contInst696, /_/mym2msp.org/CSE178/CSEBase/ae12/cont27/contInst696",
            "unstructured absolute, //mym2msp.org/CSE178/cin00856, /_/mym2msp.org/CSE178/cin00856"})
    void clause6_2_2_1_table(String form, String to, String path) {
        assertEquals(to, RequestTargetMapping.toParameter(path), form);
        assertEquals(path, RequestTargetMapping.originForm(to), form);
    }

    @ParameterizedTest
    @CsvSource({"/CSEBase/ae12/cont27/contInst696/, CSEBase/ae12/cont27/contInst696", "/cse-in/my%20app, cse-in/my app",
            "/cse-in/%C3%A9t%C3%A9, cse-in/été", "/-/ae, -/ae"})
    void clause6_2_2_1_decodingAndTrailingSlash(String path, String to) {
        assertEquals(to, RequestTargetMapping.toParameter(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/~", "/~/", "/_", "/_/", "/_/sp-only", "/a//b", "/a/./b", "/a/../b", "/a/%2e%2e/b",
            "/a%2Fb", "/a%ZZ", "/a%4", "/%C3%28", "/a%00b", "/a%0Ab", "relative"})
    void clause6_2_2_1_malformedPathsAre4000(String path) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> RequestTargetMapping.toParameter(path));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
    }

    @ParameterizedTest
    @CsvSource({"cse-in/my app, /cse-in/my%20app", "cse-in/a#b, /cse-in/a%23b", "cse-in/a?b, /cse-in/a%3Fb"})
    void clause6_2_2_1_originFormEncodesWhatAPathCannotCarry(String to, String path) {
        assertEquals(path, RequestTargetMapping.originForm(to));
        assertEquals(to, RequestTargetMapping.toParameter(path));
    }
}
