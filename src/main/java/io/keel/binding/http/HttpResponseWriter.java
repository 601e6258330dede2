package io.keel.binding.http;

import io.keel.primitive.ResponsePrimitive;
import io.keel.serialization.ContentCodec;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place a response primitive becomes an HTTP response (TS-0009 6.3, 6.4): status from the Response Status
 * Code, the X-M2M-* headers, Content-Location, ETag, and the Content serialized in the negotiated media type.
 * Both the request filter (for requests it answers itself) and the JAX-RS layer use it.
 */
public final class HttpResponseWriter {
    /** An HTTP response ready to be sent; {@code body} is null when there is none. */
    public record HttpMessage(int status, Map<String, String> headers, byte[] body) {
    }

    private HttpResponseWriter() {
    }

    /**
     * @param mediaType the negotiated response media type (one of {@link MediaTypes}' supported types)
     * @param contextPath the web application's context path, prefixed to Content-Location
     */
    public static HttpMessage write(ResponsePrimitive rsp, String mediaType, String contextPath) {
        byte[] body = body(rsp, mediaType);
        Map<String, String> headers = headers(rsp, mediaType, contextPath);
        if (body != null) {
            headers.put("Content-Length", String.valueOf(body.length));
        }
        return new HttpMessage(status(rsp), headers, body);
    }

    /** The status line's code and every header but Content-Length (which needs the body). */
    public static HttpMessage head(ResponsePrimitive rsp, String mediaType, String contextPath) {
        return new HttpMessage(status(rsp), headers(rsp, mediaType, contextPath), null);
    }

    /** Table 6.3.2-1, except for conditional requests (RFC 7232): 304 Not Modified and 412 Precondition Failed. */
    private static int status(ResponsePrimitive rsp) {
        if (rsp.conditionalOutcome == ResponsePrimitive.ConditionalOutcome.NOT_MODIFIED) {
            return 304;
        }
        if (rsp.conditionalOutcome == ResponsePrimitive.ConditionalOutcome.PRECONDITION_FAILED) {
            return 412;
        }
        return HttpStatusMapping.httpStatus(rsp.responseStatusCode);
    }

    /** The Content serialized in the media type, or null when the response has none. */
    public static byte[] body(ResponsePrimitive rsp, String mediaType) {
        return rsp.content == null ? null : ContentCodec.encode(rsp.content, MediaTypes.serializationOf(mediaType));
    }

    private static Map<String, String> headers(ResponsePrimitive rsp, String mediaType, String contextPath) {
        Map<String, String> headers = new LinkedHashMap<>(HeaderMapping.responseHeaders(rsp));
        if (rsp.contentLocation != null) {
            headers.put("Content-Location", contextPath + RequestTargetMapping.originForm(rsp.contentLocation));
        }
        if (rsp.entityTag != null) {
            headers.put("ETag", '"' + rsp.entityTag + '"');
        }
        if (rsp.lastModified != null) {
            headers.put("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(rsp.lastModified.atOffset(ZoneOffset.UTC)));
        }
        if (rsp.content != null) {
            headers.put("Content-Type", mediaType);
        }
        return headers;
    }
}
