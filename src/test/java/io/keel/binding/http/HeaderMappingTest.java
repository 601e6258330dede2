package io.keel.binding.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.keel.primitive.ContentStatus;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** TS-0009 6.4: every X-M2M-* header field (and Authorization), request and response, server and client side. */
class HeaderMappingTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Instant T1 = Timestamps.parse("20260102T030405", "t");
    private static final Instant T2 = Timestamps.parse("20270101T000000,123456", "t");

    private static RequestPrimitive request(String... nameValue) {
        RequestPrimitive r = new RequestPrimitive();
        HeaderMapping.applyRequestHeaders(Headers.of(nameValue), r, NOW);
        return r;
    }

    private static OneM2MException refused(String... nameValue) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> request(nameValue));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        return e;
    }

    private static Arguments header(String name, String value, Function<RequestPrimitive, Object> parameter, Object expected) {
        return arguments(name, value, parameter, expected);
    }

    /** Each request header of 6.4 and the request primitive parameter it maps to. */
    static Stream<Arguments> requestHeaders() {
        return Stream.of(
                header("X-M2M-Origin", "Cae1", r -> r.from, "Cae1"),
                header("X-M2M-Origin", "", r -> r.from, ""),
                header("X-M2M-RI", "req-1", r -> r.requestIdentifier, "req-1"),
                header("X-M2M-GID", "g-7", r -> r.groupRequestIdentifier, "g-7"),
                header("X-M2M-RTU", "http://a:1/x&http://b:2/y?k=v", r -> r.responseTypeNotificationUris, List.of("http://a:1/x", "http://b:2/y?k=v")),
                header("X-M2M-RTU", "mqtt://broker/topic", r -> r.responseTypeNotificationUris, List.of("mqtt://broker/topic")),
                header("X-M2M-RTU", "", r -> r.responseTypeNotificationUris, List.of()),
                header("X-M2M-OT", "20260102T030405", r -> r.originatingTimestamp, T1),
                header("X-M2M-RST", "20270101T000000,123456", r -> r.resultExpirationTimestamp, T2),
                header("X-M2M-RST", "60000", r -> r.resultExpirationTimestamp, NOW.plusSeconds(60)),
                header("X-M2M-RET", "10000", r -> r.requestExpirationTimestamp, NOW.plusMillis(10000)),
                header("X-M2M-RET", "20260102T030405", r -> r.requestExpirationTimestamp, T1),
                header("X-M2M-OET", "PT5S", r -> r.operationExecutionTime, NOW.plusSeconds(5)),
                header("X-M2M-OET", "0", r -> r.operationExecutionTime, NOW),
                header("X-M2M-EC", "2", r -> r.eventCategory, 2),
                header("X-M2M-EC", "3", r -> r.eventCategory, 3),
                header("X-M2M-EC", "4", r -> r.eventCategory, 4),
                header("X-M2M-EC", "100", r -> r.eventCategory, 100),
                header("X-M2M-EC", "999", r -> r.eventCategory, 999),
                header("X-M2M-RVI", "3", r -> r.releaseVersionIndicator, "3"),
                header("X-M2M-RVI", "1", r -> r.releaseVersionIndicator, "1"),
                header("X-M2M-VSI", "vendor/1.0", r -> r.vendorInformation, "vendor/1.0"),
                header("X-M2M-AS", "i6watmQQ==+ IWijxQjU==", r -> r.authorizationSignatures, List.of("i6watmQQ==", "IWijxQjU==")),
                header("X-M2M-PRPI", "prp-1", r -> r.primitiveProfileIdentifier, "prp-1"),
                header("X-M2M-MSU", "user-1", r -> r.m2mServiceUser, "user-1"),
                header("X-M2M-OMR", "/IN-CSE-0001/omr1+/IN-CSE-0001/omr2", r -> r.ontologyMappingResources,
                        List.of("/IN-CSE-0001/omr1", "/IN-CSE-0001/omr2")),
                header("Authorization", "eyJ0eXAiOiJK.eyJpc3MiOiJqb2UiLA0KIC.dBjftJeZ4CVP+ eyJ0eXAiOiJK.eyJpc3MiOiJqb2UiLA0KIC.dBjftJeZ4CVP"
                        + ".5eym8TW_c8SuK.SdiwkIr3a.XFB0MYUZo", r -> r.tokens, List.of("eyJ0eXAiOiJK.eyJpc3MiOiJqb2UiLA0KIC.dBjftJeZ4CVP",
                        "eyJ0eXAiOiJK.eyJpc3MiOiJqb2UiLA0KIC.dBjftJeZ4CVP.5eym8TW_c8SuK.SdiwkIr3a.XFB0MYUZo")));
    }

    @ParameterizedTest(name = "clause6_4_request {0}: {1}")
    @MethodSource("requestHeaders")
    void clause6_4_requestHeaderMapsToItsParameter(String name, String value, Function<RequestPrimitive, Object> parameter, Object expected) {
        assertEquals(expected, parameter.apply(request(name, value)), "canonical case");
        assertEquals(expected, parameter.apply(request(name.toLowerCase(Locale.ROOT), value)), "lower case");
        assertEquals(expected, parameter.apply(request(name.toUpperCase(Locale.ROOT), value)), "upper case");
    }

    @Test
    void clause6_4_absentHeadersLeaveParametersUnset() {
        RequestPrimitive r = request();
        assertNull(r.from);
        assertNull(r.requestIdentifier);
        assertNull(r.groupRequestIdentifier);
        assertNull(r.responseTypeNotificationUris, "absent RTU is null, unlike an empty one");
        assertNull(r.originatingTimestamp);
        assertNull(r.resultExpirationTimestamp);
        assertNull(r.requestExpirationTimestamp);
        assertNull(r.operationExecutionTime);
        assertNull(r.eventCategory);
        assertNull(r.releaseVersionIndicator);
        assertNull(r.vendorInformation);
        assertNull(r.primitiveProfileIdentifier);
        assertNull(r.m2mServiceUser);
        assertNull(r.preconditions);
        assertTrue(r.authorizationSignatures.isEmpty());
        assertTrue(r.ontologyMappingResources.isEmpty());
        assertTrue(r.tokens.isEmpty());
    }

    @Test
    void clause5_1_headerNamesInLowerUpperAndMixedCase() {
        RequestPrimitive r = request("x-m2m-origin", "Cae1", "X-m2M-rI", "r", "X-M2M-RVI", "3", "x-M2m-Rtu", "http://a", "AUTHORIZATION", "t1");
        assertEquals("Cae1", r.from);
        assertEquals("r", r.requestIdentifier);
        assertEquals("3", r.releaseVersionIndicator);
        assertEquals(List.of("http://a"), r.responseTypeNotificationUris);
        assertEquals(List.of("t1"), r.tokens);
    }

    @Test
    void clause5_1_caseInsensitivityDoesNotDependOnTheCallersMap() {
        Map<String, List<String>> caseSensitive = new LinkedHashMap<>();
        caseSensitive.put("x-m2m-ri", List.of("abc"));
        caseSensitive.put("X-M2M-ORIGIN", List.of("Cae1"));
        RequestPrimitive r = new RequestPrimitive();
        HeaderMapping.applyRequestHeaders(caseSensitive, r, NOW);
        assertEquals("abc", r.requestIdentifier);
        assertEquals("Cae1", r.from);
    }

    @Test
    void clause5_1_headersFromNamesAndALookup() {
        Map<String, List<String>> servletLike = Map.of("X-M2M-Origin", List.of("Cae1"), "x-m2m-ec", List.of("4"));
        Headers h = Headers.of(servletLike.keySet(), servletLike::get);
        RequestPrimitive r = new RequestPrimitive();
        HeaderMapping.applyRequestHeaders(h, r, NOW);
        assertEquals("Cae1", r.from);
        assertEquals(4, r.eventCategory);
        assertEquals("Cae1", h.single("X-M2M-ORIGIN"));
        assertEquals(List.of("4"), h.all("X-M2M-EC"));
    }

    @Test
    void clause6_4_sameHeaderInTwoCasesWithDifferentValuesIs4000() {
        Map<String, List<String>> raw = new LinkedHashMap<>();
        raw.put("X-M2M-RI", List.of("a"));
        raw.put("x-m2m-ri", List.of("b"));
        RequestPrimitive r = new RequestPrimitive();
        OneM2MException e = assertThrows(OneM2MException.class, () -> HeaderMapping.applyRequestHeaders(raw, r, NOW));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
    }

    @ParameterizedTest(name = "clause6_4_conflicting {0}")
    @ValueSource(strings = {"X-M2M-Origin", "X-M2M-RI", "X-M2M-GID", "X-M2M-RTU", "X-M2M-OT", "X-M2M-RST", "X-M2M-RET", "X-M2M-OET",
            "X-M2M-EC", "X-M2M-RVI", "X-M2M-VSI", "X-M2M-AS", "X-M2M-PRPI", "X-M2M-MSU", "X-M2M-OMR", "Authorization"})
    void clause6_4_headerGivenTwiceWithDifferentValuesIs4000(String name) {
        String reason = refused(name, "100", name.toLowerCase(Locale.ROOT), "101").getMessage();
        assertTrue(reason.contains(name) && reason.contains("more than once"), reason);
    }

    @Test
    void clause6_4_headerRepeatedWithTheSameValueIsAccepted() {
        assertEquals("a", request("X-M2M-RI", "a", "x-m2m-ri", " a ").requestIdentifier);
    }

    @Test
    void clause6_4_valuesAreTrimmed() {
        RequestPrimitive r = request("X-M2M-Origin", "  Cae1 ", "X-M2M-EC", " 3 ", "X-M2M-OT", " 20260102T030405 ");
        assertEquals("Cae1", r.from);
        assertEquals(3, r.eventCategory);
        assertEquals(T1, r.originatingTimestamp);
    }

    @ParameterizedTest(name = "clause6_4_malformed {0}: {1}")
    @CsvSource(delimiter = '|', value = {"X-M2M-OT|yesterday", "X-M2M-OT|10000", "X-M2M-OT|20261301T000000", "X-M2M-RET|soon",
            "X-M2M-RET|P", "X-M2M-RST|2026-01-01", "X-M2M-RST|P99999999999Y", "X-M2M-OET|P", "X-M2M-OET|PT", "X-M2M-EC|0", "X-M2M-EC|1",
            "X-M2M-EC|5", "X-M2M-EC|99", "X-M2M-EC|1000", "X-M2M-EC|x", "X-M2M-EC|+3", "X-M2M-EC|-3", "X-M2M-EC|3.0",
            "X-M2M-EC|99999999999"})
    void clause6_4_malformedHeaderValueIs4000NamingTheHeader(String name, String value) {
        String reason = refused(name, value).getMessage();
        assertTrue(reason.contains(name), reason);
    }

    @Test
    void clause6_4_11_rtuSplitsOnAmpersandAndEmptyMeansNoNotification() {
        assertEquals(List.of("http://a", "http://b", "/id-in/Cae"), request("X-M2M-RTU", "http://a&http://b&/id-in/Cae")
                .responseTypeNotificationUris);
        assertEquals(List.of(), request("X-M2M-RTU", "").responseTypeNotificationUris);
        assertEquals(List.of(), request("X-M2M-RTU", "  ").responseTypeNotificationUris);
        assertNull(request().responseTypeNotificationUris);
    }

    @Test
    void clause6_4_19_authorizationTokensSplitOnPlus() {
        assertEquals(List.of("a.b.c", "d.e.f", "g.h.i"), request("Authorization", "a.b.c+d.e.f + g.h.i").tokens);
        assertEquals(List.of("a.b.c"), request("Authorization", "a.b.c").tokens);
    }

    @ParameterizedTest(name = "clause7_1_httpAuthentication {0}")
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Bearer abc.def+ghi", "bearer abc.def", "BASIC dXNlcjpwYXNz", "Bearer", "Bearer\tabc"})
    void clause7_1_basicAndBearerAreHttpAuthenticationNotTokens(String authorization) {
        assertTrue(request("Authorization", authorization).tokens.isEmpty());
    }

    @Test
    void clause6_4_24_authorizationSignaturesTrimmedAndSplitOnPlus() {
        assertEquals(List.of("s1", "s2", "s3"), request("X-M2M-AS", " s1 + s2+s3 ").authorizationSignatures);
    }

    @Test
    void clause6_4_responseOnlyHeadersAreIgnoredInARequest() {
        RequestPrimitive r = request("X-M2M-RSC", "not a number", "X-M2M-CTS", "x", "X-M2M-CTO", "y", "X-M2M-ATI", "z", "X-M2M-ASRI", "w",
                "X-M2M-RI", "r1");
        assertEquals("r1", r.requestIdentifier);
    }

    @Test
    void clause6_4_unrecognizedHeadersAreIgnored() {
        assertEquals("r1", request("X-Custom", "1", "User-Agent", "curl", "X-M2M-RI", "r1").requestIdentifier);
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
        assertTrue(refused("If-Match", "unquoted").getMessage().contains("If-Match"));
    }

    // ---------------------------------------------------------------- server side: response headers

    @Test
    void clause6_4_responseHeadersFromParameters() {
        ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.OK, null);
        rsp.requestIdentifier = "r1";
        rsp.from = "/id-in";
        rsp.releaseVersionIndicator = "3";
        rsp.originatingTimestamp = T1;
        rsp.vendorInformation = "v";
        rsp.resultExpirationTimestamp = T2;
        rsp.eventCategory = 4;
        rsp.contentStatus = ContentStatus.PARTIAL_CONTENT;
        rsp.contentOffset = 11;
        rsp.assignedTokenIdentifiers = "lti1:tk1+lti2:tk2";
        rsp.authorizationSignatureRequestInformation = true;
        rsp.m2mServiceUser = "u";
        Map<String, String> h = HeaderMapping.responseHeaders(rsp);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("X-M2M-RSC", "2000");
        expected.put("X-M2M-RI", "r1");
        expected.put("X-M2M-Origin", "/id-in");
        expected.put("X-M2M-RVI", "3");
        expected.put("X-M2M-OT", "20260102T030405,000000");
        expected.put("X-M2M-VSI", "v");
        expected.put("X-M2M-RST", "20270101T000000,123456");
        expected.put("X-M2M-EC", "4");
        expected.put("X-M2M-CTS", "1");
        expected.put("X-M2M-CTO", "11");
        expected.put("X-M2M-ATI", "lti1:tk1+lti2:tk2");
        expected.put("X-M2M-ASRI", "true");
        expected.put("X-M2M-MSU", "u");
        assertEquals(expected, h);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(h.keySet()), "canonical names, in order");
    }

    @Test
    void clause6_4_17_rscIsAlwaysSentAndNothingUnset() {
        assertEquals(Map.of("X-M2M-RSC", "4004"), HeaderMapping.responseHeaders(new ResponsePrimitive(ResponseStatusCode.NOT_FOUND, null)));
        assertEquals(Map.of("X-M2M-RSC", "5000"), HeaderMapping.responseHeaders(new ResponsePrimitive()), "a missing rsc is an internal error");
    }

    @Test
    void clause6_4_20_contentStatusFullContent() {
        ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.OK, null);
        rsp.contentStatus = ContentStatus.FULL_CONTENT;
        rsp.authorizationSignatureRequestInformation = false;
        Map<String, String> h = HeaderMapping.responseHeaders(rsp);
        assertEquals("2", h.get("X-M2M-CTS"));
        assertEquals("false", h.get("X-M2M-ASRI"));
    }

    // ---------------------------------------------------------------- client side: request headers

    @Test
    void clause6_1_useCase1_requestPrimitiveToHeaders() {
        RequestPrimitive req = new RequestPrimitive();
        req.from = "/id-in";
        req.requestIdentifier = "n-1";
        req.groupRequestIdentifier = "g";
        req.responseTypeNotificationUris = List.of("http://a", "http://b");
        req.originatingTimestamp = T1;
        req.resultExpirationTimestamp = T2;
        req.requestExpirationTimestamp = T1;
        req.operationExecutionTime = T2;
        req.eventCategory = 100;
        req.releaseVersionIndicator = "4";
        req.vendorInformation = "v";
        req.authorizationSignatures.addAll(List.of("s1", "s2"));
        req.primitiveProfileIdentifier = "p";
        req.m2mServiceUser = "m";
        req.ontologyMappingResources.addAll(List.of("/in/omr1", "/in/omr2"));
        req.tokens.addAll(List.of("t.1", "t.2"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("X-M2M-Origin", "/id-in");
        expected.put("X-M2M-RI", "n-1");
        expected.put("X-M2M-GID", "g");
        expected.put("X-M2M-RTU", "http://a&http://b");
        expected.put("X-M2M-OT", "20260102T030405,000000");
        expected.put("X-M2M-RST", "20270101T000000,123456");
        expected.put("X-M2M-RET", "20260102T030405,000000");
        expected.put("X-M2M-OET", "20270101T000000,123456");
        expected.put("X-M2M-EC", "100");
        expected.put("X-M2M-RVI", "4");
        expected.put("X-M2M-VSI", "v");
        expected.put("X-M2M-AS", "s1+s2");
        expected.put("X-M2M-PRPI", "p");
        expected.put("X-M2M-MSU", "m");
        expected.put("X-M2M-OMR", "/in/omr1+/in/omr2");
        expected.put("Authorization", "t.1+t.2");
        assertEquals(expected, HeaderMapping.requestHeaders(req));
    }

    @Test
    void clause6_1_useCase1_unsetParametersSendNoHeaderButAnEmptyRtuIsSent() {
        assertEquals(Map.of(), HeaderMapping.requestHeaders(new RequestPrimitive()));
        RequestPrimitive req = new RequestPrimitive();
        req.responseTypeNotificationUris = List.of();
        assertEquals(Map.of("X-M2M-RTU", ""), HeaderMapping.requestHeaders(req));
    }

    @Test
    void clause6_1_useCases1and2_requestHeadersRoundTrip() {
        RequestPrimitive out = request("X-M2M-Origin", "/id-in", "X-M2M-RI", "n-1", "X-M2M-RVI", "3", "X-M2M-RTU", "http://a&http://b",
                "X-M2M-OT", "20260102T030405", "X-M2M-RST", "20270101T000000,123456", "X-M2M-RET", "5000", "X-M2M-OET", "PT1S",
                "X-M2M-EC", "2", "X-M2M-AS", "s1+s2", "X-M2M-OMR", "o1+o2", "Authorization", "t1+t2", "X-M2M-GID", "g",
                "X-M2M-VSI", "v", "X-M2M-PRPI", "p", "X-M2M-MSU", "m");
        Map<String, List<String>> asLists = new LinkedHashMap<>();
        HeaderMapping.requestHeaders(out).forEach((k, v) -> asLists.put(k, List.of(v)));
        RequestPrimitive back = new RequestPrimitive();
        HeaderMapping.applyRequestHeaders(asLists, back, NOW.plusSeconds(3600)); // relative values were resolved: now no longer matters
        assertEquals(out.from, back.from);
        assertEquals(out.requestIdentifier, back.requestIdentifier);
        assertEquals(out.releaseVersionIndicator, back.releaseVersionIndicator);
        assertEquals(out.responseTypeNotificationUris, back.responseTypeNotificationUris);
        assertEquals(out.originatingTimestamp, back.originatingTimestamp);
        assertEquals(out.resultExpirationTimestamp, back.resultExpirationTimestamp);
        assertEquals(NOW.plusMillis(5000), back.requestExpirationTimestamp);
        assertEquals(NOW.plusSeconds(1), back.operationExecutionTime);
        assertEquals(out.eventCategory, back.eventCategory);
        assertEquals(out.authorizationSignatures, back.authorizationSignatures);
        assertEquals(out.ontologyMappingResources, back.ontologyMappingResources);
        assertEquals(out.tokens, back.tokens);
        assertEquals(out.groupRequestIdentifier, back.groupRequestIdentifier);
        assertEquals(out.vendorInformation, back.vendorInformation);
        assertEquals(out.primitiveProfileIdentifier, back.primitiveProfileIdentifier);
        assertEquals(out.m2mServiceUser, back.m2mServiceUser);
    }

    @ParameterizedTest(name = "clause6_1_useCase1_unsendable {0}")
    @ValueSource(strings = {"a\r\nX-Injected: 1", "a\nb", "a\u0000b", "a\u007fb"})
    void clause6_1_useCase1_valueWithControlCharacterCannotBeSent(String value) {
        RequestPrimitive req = new RequestPrimitive();
        req.requestIdentifier = value;
        OneM2MException e = assertThrows(OneM2MException.class, () -> HeaderMapping.requestHeaders(req));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().contains("X-M2M-RI"), e.getMessage());
    }

    // ---------------------------------------------------------------- client side: response headers

    @Test
    void clause6_1_useCase4_responseHeadersToPrimitive() {
        ResponsePrimitive rsp = HeaderMapping.readResponse(201, Headers.of("x-m2m-rsc", "2001", "X-M2M-RI", "r", "X-M2M-RVI", "3",
                "X-M2M-VSI", "v", "X-M2M-OT", "20260102T030405", "X-M2M-RST", "20270101T000000,123456", "X-M2M-EC", "100",
                "X-M2M-CTS", "2", "X-M2M-CTO", "5", "X-M2M-ATI", "l1:t1+l2:t2", "X-M2M-ASRI", "false", "X-M2M-MSU", "u",
                "X-M2M-Origin", "/id-mn"));
        assertEquals(ResponseStatusCode.CREATED, rsp.responseStatusCode);
        assertEquals("r", rsp.requestIdentifier);
        assertEquals("3", rsp.releaseVersionIndicator);
        assertEquals("v", rsp.vendorInformation);
        assertEquals(T1, rsp.originatingTimestamp);
        assertEquals(T2, rsp.resultExpirationTimestamp);
        assertEquals(100, rsp.eventCategory);
        assertEquals(ContentStatus.FULL_CONTENT, rsp.contentStatus);
        assertEquals(5, rsp.contentOffset);
        assertEquals("l1:t1+l2:t2", rsp.assignedTokenIdentifiers);
        assertFalse(rsp.authorizationSignatureRequestInformation);
        assertEquals("u", rsp.m2mServiceUser);
        assertEquals("/id-mn", rsp.from);
    }

    @Test
    void clause6_4_17_rscHeaderWinsOverTheHttpStatus() {
        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, HeaderMapping.readResponse(403,
                Headers.of("X-M2M-RSC", "4103")).responseStatusCode);
        assertEquals(ResponseStatusCode.CONTENTS_UNACCEPTABLE, HeaderMapping.readResponse(400,
                Headers.of("X-M2M-RSC", "4102")).responseStatusCode);
    }

    @ParameterizedTest(name = "clause6_1_useCase4_fallback X-M2M-RSC={1} HTTP {0}")
    @CsvSource(nullValues = "null", value = {"404, null, 4004", "200, bogus, 2000", "201, '', 2001", "409, 4105x, 4105",
            "500, 4141, 5000", "403, 99999999999, 4103", "202, null, 1000"})
    void clause6_1_useCase4_missingOrUnusableRscFallsBackToTheStatus(int status, String rsc, int expected) {
        Headers h = rsc == null ? Headers.of() : Headers.of("X-M2M-RSC", rsc);
        assertEquals(ResponseStatusCode.of(expected), HeaderMapping.readResponse(status, h).responseStatusCode);
    }

    @Test
    void clause6_1_useCase4_malformedFieldsFromARemoteEntityAreLeftUnset() {
        ResponsePrimitive rsp = HeaderMapping.readResponse(200, Map.of("X-M2M-RSC", List.of("2000"), "X-M2M-OT", List.of("20261301T000000"),
                "X-M2M-RST", List.of("later"), "X-M2M-EC", List.of("x"), "X-M2M-CTS", List.of("3"), "X-M2M-CTO", List.of("x"),
                "X-M2M-ASRI", List.of("maybe")));
        assertEquals(ResponseStatusCode.OK, rsp.responseStatusCode);
        assertNull(rsp.originatingTimestamp);
        assertNull(rsp.resultExpirationTimestamp);
        assertNull(rsp.eventCategory);
        assertNull(rsp.contentStatus);
        assertNull(rsp.contentOffset);
        assertNull(rsp.authorizationSignatureRequestInformation);
    }

    @Test
    void clause6_1_useCases3and4_responseHeadersRoundTrip() {
        ResponsePrimitive out = new ResponsePrimitive(ResponseStatusCode.TARGET_NOT_REACHABLE, null);
        out.requestIdentifier = "r9";
        out.releaseVersionIndicator = "5";
        out.originatingTimestamp = T2;
        out.contentStatus = ContentStatus.PARTIAL_CONTENT;
        out.contentOffset = 21;
        out.authorizationSignatureRequestInformation = true;
        Map<String, List<String>> wire = new LinkedHashMap<>();
        HeaderMapping.responseHeaders(out).forEach((k, v) -> wire.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(List.of(v))));
        ResponsePrimitive back = HeaderMapping.readResponse(HttpStatusMapping.httpStatus(out.responseStatusCode), wire);
        assertEquals(ResponseStatusCode.TARGET_NOT_REACHABLE, back.responseStatusCode);
        assertEquals("r9", back.requestIdentifier);
        assertEquals("5", back.releaseVersionIndicator);
        assertEquals(T2, back.originatingTimestamp);
        assertEquals(ContentStatus.PARTIAL_CONTENT, back.contentStatus);
        assertEquals(21, back.contentOffset);
        assertTrue(back.authorizationSignatureRequestInformation);
    }
}
