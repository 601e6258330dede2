package io.keel.binding.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** TS-0009 6.4.2 Accept and 6.4.3 Content-Type (with ty), TS-0004 6.7 media types. */
class MediaTypesTest {
    private static final Set<String> RESPONSE_TYPES = Set.of("application/json", "application/xml", "application/cbor",
            "application/vnd.onem2m-res+json", "application/vnd.onem2m-res+xml", "application/vnd.onem2m-res+cbor");

    @ParameterizedTest(name = "clause6_4_3_contentType {0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "application/json|JSON|null|application/json",
            "application/xml|XML|null|application/xml",
            "application/cbor|CBOR|null|application/cbor",
            "application/vnd.onem2m-res+json; ty=3|JSON|3|application/vnd.onem2m-res+json",
            "application/vnd.onem2m-res+xml;ty=4|XML|4|application/vnd.onem2m-res+xml",
            "application/vnd.onem2m-res+cbor ; ty=2|CBOR|2|application/vnd.onem2m-res+cbor",
            "application/vnd.onem2m-ntfy+json|JSON|null|application/vnd.onem2m-ntfy+json",
            "application/vnd.onem2m-ntfy+xml|XML|null|application/vnd.onem2m-ntfy+xml",
            "application/vnd.onem2m-ntfy+cbor|CBOR|null|application/vnd.onem2m-ntfy+cbor",
            "application/vnd.onem2m-preq+json|JSON|null|application/vnd.onem2m-preq+json",
            "application/vnd.onem2m-preq+xml|XML|null|application/vnd.onem2m-preq+xml",
            "application/vnd.onem2m-prsp+cbor|CBOR|null|application/vnd.onem2m-prsp+cbor",
            "Application/JSON;charset=utf-8;ty=23|JSON|23|application/json",
            "APPLICATION/VND.ONEM2M-RES+XML; CHARSET=\"UTF-8\" ; TY=16|XML|16|application/vnd.onem2m-res+xml",
            "application/json;ty=0|JSON|0|application/json",
            "application/json;ty=03|JSON|3|application/json",
            "application/json;|JSON|null|application/json"})
    void clause6_4_3_contentTypeAndResourceType(String header, Serialization s, Integer ty, String mediaType) {
        MediaTypes.RequestBodyType t = MediaTypes.parseContentType(header);
        assertEquals(new MediaTypes.RequestBodyType(s, ty, mediaType), t);
    }

    @Test
    void clause6_2_1_noTyMeansNoResourceTypeSoPostIsANotify() {
        assertNull(MediaTypes.parseContentType("application/vnd.onem2m-ntfy+json").resourceType());
        assertEquals(2, MediaTypes.parseContentType("application/json;ty=2").resourceType());
    }

    @ParameterizedTest(name = "clause6_4_3_badTy {0}")
    @ValueSource(strings = {"application/json;ty=x", "application/json;ty=-1", "application/json;ty=+1", "application/json;ty=3;ty=4",
            "application/json;ty=3;ty=3", "application/json;ty=", "application/json;ty", "application/json;ty=1.5",
            "application/json;ty=9999999999", "application/json;ty=\"3\""})
    void clause6_4_3_badTyIs4000(String header) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> MediaTypes.parseContentType(header));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().contains("ty"), e.getMessage());
    }

    @ParameterizedTest(name = "clause6_4_3_unsupported {0}")
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json;charset=latin1",
            "application/cbor;charset=utf-8", "application/json;boundary=x", "multipart/form-data", "application/vnd.onem2m-res+yaml",
            "application/vnd.onem2m-foo+json", "application/jsonx", "json", "application/*", "*/*", "application/json+xml"})
    void clause6_4_3_unsupportedMediaTypeIs4015(String header) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> MediaTypes.parseContentType(header));
        assertEquals(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE, e.rsc());
    }

    @ParameterizedTest(name = "clause6_4_3_missing [{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void clause6_4_3_missingContentTypeIs4015(String header) {
        assertEquals(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE,
                assertThrows(OneM2MException.class, () -> MediaTypes.parseContentType(header)).rsc());
    }

    @ParameterizedTest(name = "clause6_4_2_accept [{0}] request [{1}] → {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "null|null|application/json",
            "''|null|application/json",
            "' '|null|application/json",
            "*/*|null|application/json",
            "*/*|application/xml|application/xml",
            "null|application/xml|application/xml",
            "null|application/cbor|application/cbor",
            "''|application/cbor|application/cbor",
            "null|application/vnd.onem2m-res+cbor|application/vnd.onem2m-res+cbor",
            "null|application/vnd.onem2m-ntfy+xml|application/vnd.onem2m-res+xml",
            "*/*|application/vnd.onem2m-res+json|application/vnd.onem2m-res+json",
            "application/*|application/xml|application/xml",
            "application/*|null|application/json",
            "application/xml|application/json|application/xml",
            "application/cbor|null|application/cbor",
            "application/vnd.onem2m-res+json|null|application/vnd.onem2m-res+json",
            "application/vnd.onem2m-res+xml|application/json|application/vnd.onem2m-res+xml",
            "Application/XML|null|application/xml",
            "application/cbor;q=0.5, application/xml|null|application/xml",
            "application/xml;q=0.4, application/cbor;q=0.9|null|application/cbor",
            "application/xml, application/json|null|application/xml",
            "application/json, application/xml|application/xml|application/json",
            "text/html, application/*;q=0.1|null|application/json",
            "text/html, application/*;q=0.1|application/cbor|application/cbor",
            "application/json;q=0, application/cbor|null|application/cbor",
            "application/json;q=0, */*|application/json|application/vnd.onem2m-res+json",
            "*/*;q=0.1, application/xml;q=0.5|null|application/xml",
            "application/*, application/xml|application/json|application/xml",
            "application/json;charset=utf-8|null|application/json",
            "application/json; q=1.000|null|application/json",
            "application/xml;q=0.001, text/html|null|application/xml",
            "application/xml;q=2, application/cbor;q=0.2|null|application/cbor",
            "application/xml;q=abc, application/cbor;q=0.2|null|application/cbor",
            "json, application/cbor|null|application/cbor",
            "application/json,,application/xml|null|application/json"})
    void clause6_4_2_acceptNegotiation(String accept, String requestType, String expected) {
        String negotiated = MediaTypes.negotiate(accept, requestType);
        assertEquals(expected, negotiated);
        assertTrue(RESPONSE_TYPES.contains(negotiated), "exactly one of the supported types, no parameters");
    }

    @ParameterizedTest(name = "clause6_4_2_notAcceptable {0}")
    @ValueSource(strings = {"text/html", "application/json;q=0", "image/png, text/*", "application/vnd.onem2m-ntfy+json",
            "application/vnd.onem2m-prsp+json", "application/*;q=0", "*/*;q=0", "text/plain;q=1, application/*;q=0", "json",
            "application/yaml"})
    void clause6_4_2_nothingAcceptableIs5207(String accept) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> MediaTypes.negotiate(accept, null));
        assertEquals(ResponseStatusCode.NOT_ACCEPTABLE, e.rsc());
        assertTrue(e.getMessage().contains("Accept"), e.getMessage());
    }

    @ParameterizedTest(name = "clause6_4_3_serializationOf {0}")
    @CsvSource(delimiter = '|', value = {"application/json|JSON", "application/xml|XML", "application/cbor|CBOR",
            "application/vnd.onem2m-res+json|JSON", "application/vnd.onem2m-res+xml|XML", "application/vnd.onem2m-res+cbor|CBOR",
            "application/vnd.onem2m-ntfy+cbor|CBOR", "application/vnd.onem2m-prsp+xml|XML", "Application/Json; charset=UTF-8|JSON",
            "application/vnd.onem2m-res+json;ty=2|JSON"})
    void clause6_4_3_serializationOfAMediaType(String mediaType, Serialization expected) {
        assertEquals(expected, MediaTypes.serializationOf(mediaType));
    }

    @ParameterizedTest(name = "clause6_4_3_serializationOfUnsupported [{0}]")
    @NullAndEmptySource
    @ValueSource(strings = {"text/plain", "application/yaml", "*/*"})
    void clause6_4_3_serializationOfAnUnsupportedTypeIs4015(String mediaType) {
        assertEquals(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE,
                assertThrows(OneM2MException.class, () -> MediaTypes.serializationOf(mediaType)).rsc());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"*/*", " , ", "*/*;q=0.5", "*/*, */*"})
    void ts0004_7_3_3_12_anAcceptOfAnythingLeavesTheResponseSerializationOpen(String accept) {
        assertTrue(MediaTypes.acceptsAnything(accept));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/*", "*/*, application/xml", "*/*;q=0"})
    void ts0004_7_3_3_12_anAcceptNamingATypeChoosesTheSerialization(String accept) {
        assertTrue(!MediaTypes.acceptsAnything(accept));
    }
}
