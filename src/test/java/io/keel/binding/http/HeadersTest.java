package io.keel.binding.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TS-0009 5.1: header names are case-insensitive, whatever map the HTTP layer hands over. */
class HeadersTest {
    @Test
    void clause5_1_lookupIgnoresCase() {
        Headers h = Headers.of("X-M2M-RI", "r1");
        assertEquals("r1", h.single("x-m2m-ri"));
        assertEquals("r1", h.single("X-M2M-RI"));
        assertEquals("r1", h.first("x-M2M-rI"));
        assertTrue(h.contains("X-m2m-Ri"));
        assertFalse(h.contains("X-M2M-RSC"));
        assertNull(h.single("X-M2M-RSC"));
        assertEquals(List.of(), h.all("X-M2M-RSC"));
    }

    @Test
    void clause5_1_namesDifferingOnlyInCaseAreMerged() {
        Map<String, List<String>> raw = new HashMap<>();
        raw.put("if-match", List.of("\"a\""));
        raw.put("If-Match", List.of("\"b\""));
        Headers h = Headers.of(raw);
        assertEquals(2, h.all("IF-MATCH").size());
        OneM2MException e = assertThrows(OneM2MException.class, () -> h.single("If-Match"));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
    }

    @Test
    void clause5_1_namesAndLookupFunction() {
        Map<String, List<String>> raw = Map.of("Content-Type", List.of("application/json"), "X-M2M-Origin", List.of("Cae", "Cae"));
        Headers h = Headers.of(raw.keySet(), raw::get);
        assertEquals("Cae", h.single("x-m2m-origin"), "the same value twice is one value");
        assertEquals("application/json", h.first("content-type"));
    }

    @Test
    void clause5_1_nullNamesAndValuesAreSkipped() {
        Map<String, List<String>> raw = new HashMap<>();
        raw.put(null, List.of("x")); // HttpURLConnection reports the status line under a null name
        raw.put("X-M2M-RI", Arrays.asList("r", null));
        Headers h = Headers.of(raw);
        assertEquals("r", h.single("X-M2M-RI"));
        assertTrue(Headers.of((Map<String, List<String>>) null).all("X-M2M-RI").isEmpty());
    }
}
