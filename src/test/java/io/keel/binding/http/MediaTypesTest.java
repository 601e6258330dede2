package io.keel.binding.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** TS-0009 6.4.2 Accept and 6.4.3 Content-Type (with ty). */
class MediaTypesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "application/json|JSON|", "application/xml|XML|", "application/cbor|CBOR|",
            "application/vnd.onem2m-res+json; ty=3|JSON|3", "application/vnd.onem2m-res+xml;ty=4|XML|4",
            "application/vnd.onem2m-res+cbor ; ty=2|CBOR|2", "Application/JSON;charset=utf-8;ty=23|JSON|23",
            "application/vnd.onem2m-ntfy+json|JSON|", "application/vnd.onem2m-preq+xml|XML|"})
    void clause6_4_3_contentTypeAndResourceType(String header, Serialization s, Integer ty) {
        MediaTypes.RequestBodyType t = MediaTypes.parseContentType(header);
        assertEquals(s, t.serialization());
        assertEquals(ty, t.resourceType());
    }

    @Test
    void clause6_2_1_noTyMeansNoResourceType() {
        assertNull(MediaTypes.parseContentType("application/json").resourceType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json;ty=x", "application/json;ty=-1", "application/json;ty=3;ty=4", "application/json;ty="})
    void clause6_4_3_badTyIs4000(String header) {
        assertEquals(ResponseStatusCode.BAD_REQUEST, assertThrows(OneM2MException.class, () -> MediaTypes.parseContentType(header)).rsc());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json;charset=latin1",
            "application/cbor;charset=utf-8", "application/json;boundary=x", "multipart/form-data"})
    void clause6_4_3_unsupportedMediaTypeIs4015(String header) {
        assertEquals(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE,
                assertThrows(OneM2MException.class, () -> MediaTypes.parseContentType(header)).rsc());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "null|null|application/json", "*/*|null|application/json", "*/*|application/xml|application/xml",
            "null|application/vnd.onem2m-res+cbor|application/vnd.onem2m-res+cbor", "application/xml|application/json|application/xml",
            "application/cbor;q=0.5, application/xml|null|application/xml", "text/html, application/*;q=0.1|null|application/json",
            "application/vnd.onem2m-res+json|null|application/vnd.onem2m-res+json", "application/json;q=0, application/cbor|null|application/cbor"})
    void clause6_4_2_acceptNegotiation(String accept, String requestType, String expected) {
        assertEquals(expected, MediaTypes.negotiate(accept, requestType));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "application/json;q=0", "image/png, text/*"})
    void clause6_4_2_nothingAcceptableIs5207(String accept) {
        assertEquals(ResponseStatusCode.NOT_ACCEPTABLE, assertThrows(OneM2MException.class, () -> MediaTypes.negotiate(accept, null)).rsc());
    }
}
