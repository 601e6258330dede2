package io.keel.binding.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.ContentStatus;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TS-0009 6.4: every X-M2M-* header of the clause, request and response, server and client side. */
class HeaderMappingTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private static Map<String, List<String>> headers(String... nameValue) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            h.computeIfAbsent(nameValue[i], k -> new java.util.ArrayList<>()).add(nameValue[i + 1]);
        }
        return h;
    }

    private static RequestPrimitive request(String... nameValue) {
        RequestPrimitive r = new RequestPrimitive();
        HeaderMapping.applyRequestHeaders(headers(nameValue), r, NOW);
        return r;
    }

    @Test
    void clause6_4_requestHeadersMapToParameters() {
        RequestPrimitive r = request(
                "X-M2M-Origin", "Cae1", "X-M2M-RI", "req-1", "X-M2M-GID", "g-7", "X-M2M-RTU", "http://a:1/x&http://b:2/y",
                "X-M2M-OT", "20260102T030405", "X-M2M-RST", "20270101T000000", "X-M2M-RET", "10000", "X-M2M-OET", "PT5S",
                "X-M2M-EC", "3", "X-M2M-RVI", "3", "X-M2M-VSI", "vendor/1", "X-M2M-AS", "sig1+ sig2", "X-M2M-PRPI", "prp-1",
                "X-M2M-MSU", "user-1", "X-M2M-OMR", "/in/omr1+/in/omr2", "Authorization", "tok.en.1+tok.en.2");
        assertEquals("Cae1", r.from);
        assertEquals("req-1", r.requestIdentifier);
        assertEquals("g-7", r.groupRequestIdentifier);
        assertEquals(List.of("http://a:1/x", "http://b:2/y"), r.responseTypeNotificationUris);
        assertEquals(Timestamps.parse("20260102T030405", "t"), r.originatingTimestamp);
        assertEquals(Timestamps.parse("20270101T000000", "t"), r.resultExpirationTimestamp);
        assertEquals(NOW.plusMillis(10000), r.requestExpirationTimestamp);
        assertEquals(NOW.plusSeconds(5), r.operationExecutionTime);
        assertEquals(3, r.eventCategory);
        assertEquals("3", r.releaseVersionIndicator);
        assertEquals("vendor/1", r.vendorInformation);
        assertEquals(List.of("sig1", "sig2"), r.authorizationSignatures);
        assertEquals("prp-1", r.primitiveProfileIdentifier);
        assertEquals("user-1", r.m2mServiceUser);
        assertEquals(List.of("/in/omr1", "/in/omr2"), r.ontologyMappingResources);
        assertEquals(List.of("tok.en.1", "tok.en.2"), r.tokens);
    }

    @Test
    void clause5_1_headerNamesInAnyCase() {
        RequestPrimitive r = request("x-m2m-origin", "Cae1", "X-m2M-rI", "r", "X-M2M-RVI", "3");
        assertEquals("Cae1", r.from);
        assertEquals("r", r.requestIdentifier);
    }

    @Test
    void clause6_4_11_emptyRtuIsAnEmptyList() {
        assertEquals(List.of(), request("X-M2M-RTU", "").responseTypeNotificationUris);
        assertNull(request().responseTypeNotificationUris);
    }

    @Test
    void clause7_1_httpAuthenticationSchemesAreNotTokens() {
        assertTrue(request("Authorization", "Basic dXNlcjpwYXNz").tokens.isEmpty());
        assertTrue(request("Authorization", "Bearer abc.def").tokens.isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"X-M2M-OT, yesterday", "X-M2M-RET, soon", "X-M2M-RST, 2026-01-01", "X-M2M-OET, P", "X-M2M-EC, 5", "X-M2M-EC, 1000",
            "X-M2M-EC, x"})
    void clause6_4_malformedHeaderValuesAre4000(String name, String value) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> request(name, value));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void clause6_4_6_conditionalRequestHeaders() {
        RequestPrimitive r = request("If-Match", "\"a\", W/\"b\"", "if-none-match", "*",
                "If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT", "If-Unmodified-Since", "garbage");
        assertEquals(List.of("\"a\"", "W/\"b\""), r.preconditions.ifMatch());
        assertEquals(List.of("*"), r.preconditions.ifNoneMatch());
        assertEquals(Instant.parse("1994-11-06T08:49:37Z"), r.preconditions.ifModifiedSince());
        assertNull(r.preconditions.ifUnmodifiedSince(), "an invalid HTTP-date is ignored (RFC 7232 3.4)");
        assertNull(request("X-M2M-RI", "x").preconditions);
        assertThrows(OneM2MException.class, () -> request("If-Match", "unquoted"));
    }

    @Test
    void clause6_4_conflictingRepeatedHeaderIs4000() {
        assertThrows(OneM2MException.class, () -> request("X-M2M-RI", "a", "x-m2m-ri", "b"));
        assertEquals("a", request("X-M2M-RI", "a", "X-M2M-RI", "a").requestIdentifier);
    }

    @Test
    void clause6_4_responseHeadersFromParameters() {
        ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.OK, null);
        rsp.requestIdentifier = "r1";
        rsp.releaseVersionIndicator = "3";
        rsp.originatingTimestamp = Timestamps.parse("20260102T030405", "t");
        rsp.vendorInformation = "v";
        rsp.resultExpirationTimestamp = Timestamps.parse("20270102T030405", "t");
        rsp.eventCategory = 4;
        rsp.contentStatus = ContentStatus.PARTIAL_CONTENT;
        rsp.contentOffset = 11;
        rsp.assignedTokenIdentifiers = "lti1:tk1+lti2:tk2";
        rsp.authorizationSignatureRequestInformation = true;
        rsp.m2mServiceUser = "u";
        Map<String, String> h = HeaderMapping.responseHeaders(rsp);
        assertEquals("2000", h.get("X-M2M-RSC"));
        assertEquals("r1", h.get("X-M2M-RI"));
        assertEquals("3", h.get("X-M2M-RVI"));
        assertEquals("20260102T030405,000000", h.get("X-M2M-OT"));
        assertEquals("v", h.get("X-M2M-VSI"));
        assertEquals("20270102T030405,000000", h.get("X-M2M-RST"));
        assertEquals("4", h.get("X-M2M-EC"));
        assertEquals("1", h.get("X-M2M-CTS"));
        assertEquals("11", h.get("X-M2M-CTO"));
        assertEquals("lti1:tk1+lti2:tk2", h.get("X-M2M-ATI"));
        assertEquals("true", h.get("X-M2M-ASRI"));
        assertEquals("u", h.get("X-M2M-MSU"));
    }

    @Test
    void clause6_4_17_rscIsAlwaysSent() {
        Map<String, String> h = HeaderMapping.responseHeaders(new ResponsePrimitive(ResponseStatusCode.NOT_FOUND, null));
        assertEquals(Map.of("X-M2M-RSC", "4004"), h);
    }

    @Test
    void clause6_1_useCase1_requestPrimitiveToHeadersAndBack() {
        RequestPrimitive out = request("X-M2M-Origin", "/id-in", "X-M2M-RI", "n-1", "X-M2M-RVI", "3", "X-M2M-RTU", "http://a&http://b",
                "X-M2M-OT", "20260102T030405", "X-M2M-EC", "2", "X-M2M-AS", "s1+s2", "X-M2M-OMR", "o1+o2", "Authorization", "t1+t2",
                "X-M2M-GID", "g", "X-M2M-VSI", "v", "X-M2M-PRPI", "p", "X-M2M-MSU", "m");
        Map<String, String> h = HeaderMapping.requestHeaders(out);
        assertEquals("http://a&http://b", h.get("X-M2M-RTU"));
        assertEquals("s1+s2", h.get("X-M2M-AS"));
        assertEquals("t1+t2", h.get("Authorization"));
        Map<String, List<String>> asLists = new LinkedHashMap<>();
        h.forEach((k, v) -> asLists.put(k, List.of(v)));
        RequestPrimitive back = new RequestPrimitive();
        HeaderMapping.applyRequestHeaders(asLists, back, NOW);
        assertEquals(out.from, back.from);
        assertEquals(out.requestIdentifier, back.requestIdentifier);
        assertEquals(out.responseTypeNotificationUris, back.responseTypeNotificationUris);
        assertEquals(out.originatingTimestamp, back.originatingTimestamp);
        assertEquals(out.eventCategory, back.eventCategory);
        assertEquals(out.authorizationSignatures, back.authorizationSignatures);
        assertEquals(out.ontologyMappingResources, back.ontologyMappingResources);
        assertEquals(out.tokens, back.tokens);
        assertEquals(out.groupRequestIdentifier, back.groupRequestIdentifier);
        assertEquals(out.primitiveProfileIdentifier, back.primitiveProfileIdentifier);
        assertEquals(out.m2mServiceUser, back.m2mServiceUser);
    }

    @Test
    void clause6_1_useCase4_responseHeadersToPrimitive() {
        ResponsePrimitive rsp = HeaderMapping.readResponse(200, headers("x-m2m-rsc", "2001", "X-M2M-RI", "r", "X-M2M-RVI", "3",
                "X-M2M-CTS", "2", "X-M2M-CTO", "5", "X-M2M-EC", "100", "X-M2M-ASRI", "false"));
        assertEquals(ResponseStatusCode.CREATED, rsp.responseStatusCode);
        assertEquals("r", rsp.requestIdentifier);
        assertEquals(ContentStatus.FULL_CONTENT, rsp.contentStatus);
        assertEquals(5, rsp.contentOffset);
        assertEquals(100, rsp.eventCategory);
        assertFalse(rsp.authorizationSignatureRequestInformation);
        assertEquals(ResponseStatusCode.NOT_FOUND, HeaderMapping.readResponse(404, headers()).responseStatusCode);
        assertEquals(ResponseStatusCode.OK, HeaderMapping.readResponse(200, headers("X-M2M-RSC", "bogus")).responseStatusCode);
    }
}
