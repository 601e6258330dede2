package io.keel.binding.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one writer of HTTP answers: status, headers and body agree with each other. */
class HttpResponseWriterTest {
    @Test
    void ts0009_6_4_5_contentIsSerializedInTheMediaTypeWithItsExactLength() {
        ResponsePrimitive rsp = ResponsePrimitive.error(ResponseStatusCode.NOT_FOUND, "no \"x\" here\n");
        HttpResponseWriter.HttpMessage http = HttpResponseWriter.write(rsp, MediaTypes.JSON, "");
        assertEquals(404, http.status());
        assertEquals("{\"m2m:dbg\":\"no \\\"x\\\" here\\n\"}", new String(http.body(), StandardCharsets.UTF_8));
        assertEquals(MediaTypes.JSON, http.headers().get("Content-Type"));
        assertEquals(String.valueOf(http.body().length), http.headers().get("Content-Length"));
        assertEquals("4004", http.headers().get(HeaderMapping.RSC));
    }

    @Test
    void ts0009_6_4_6_anEmptyAnswerSaysSoExceptANotModified() {
        HttpResponseWriter.HttpMessage deleted = HttpResponseWriter.write(new ResponsePrimitive(ResponseStatusCode.DELETED, null),
                MediaTypes.JSON, "");
        assertNull(deleted.body());
        assertEquals("0", deleted.headers().get("Content-Length"));
        assertFalse(deleted.headers().containsKey("Content-Type"));
        ResponsePrimitive unchanged = new ResponsePrimitive(ResponseStatusCode.OK, null);
        unchanged.conditionalOutcome = ResponsePrimitive.ConditionalOutcome.NOT_MODIFIED;
        HttpResponseWriter.HttpMessage notModified = HttpResponseWriter.write(unchanged, MediaTypes.JSON, "");
        assertEquals(304, notModified.status());
        assertFalse(notModified.headers().containsKey("Content-Length"));
    }

    @Test
    void ts0009_6_3_2_anotherStatusKeepsTheHeadersAndBody() {
        HttpResponseWriter.HttpMessage http = HttpResponseWriter.write(
                ResponsePrimitive.error(ResponseStatusCode.BAD_REQUEST, "slow down"), MediaTypes.JSON, "");
        HttpResponseWriter.HttpMessage refused = http.withStatus(429);
        assertEquals(429, refused.status());
        assertEquals(http.headers(), refused.headers());
        assertEquals(http.body(), refused.body());
    }
}
