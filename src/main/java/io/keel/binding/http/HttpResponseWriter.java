package io.keel.binding.http;

import io.keel.primitive.ResponsePrimitive;
import io.keel.serialization.ContentCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place a response primitive becomes an HTTP response (TS-0009 6.3, 6.4): status from the Response Status
 * Code, the X-M2M-* headers, Content-Location, ETag, and the Content serialized in the negotiated media type. The
 * binding filter, the JAX-RS layer and the launcher's error handler each only copy the result onto their response.
 * It must need nothing but the primitives, the codec and the JDK: the launcher loads it beside Jetty (pom.xml).
 */
public final class HttpResponseWriter {
    /** An HTTP response ready to be sent; {@code body} is null when there is none. */
    public record HttpMessage(int status, Map<String, String> headers, byte[] body) {
        /** The same answer under a status table 6.3.2-1 has no row for (429, 431, ...): the refusal comes first. */
        public HttpMessage withStatus(int other) {
            return new HttpMessage(other, headers, body);
        }
    }

    private HttpResponseWriter() {
    }

    /**
     * @param mediaType the negotiated response media type (one of {@link MediaTypes}' supported types)
     * @param contextPath the web application's context path, prefixed to Content-Location
     */
    public static HttpMessage write(ResponsePrimitive rsp, String mediaType, String contextPath) {
        int status = status(rsp);
        Object content = content(rsp);
        byte[] body = content == null ? null : ContentCodec.encode(content, MediaTypes.serializationOf(mediaType));
        Map<String, String> headers = headers(rsp, mediaType, contextPath);
        if (body != null) {
            headers.put("Content-Length", String.valueOf(body.length));
        } else if (status != 304) {
            // A 304 describes the representation the client has (RFC 9110 8.6); any other empty answer is empty.
            headers.put("Content-Length", "0");
        }
        return new HttpMessage(status, headers, body);
    }

    /** The message-body: Content, or the Token Request Information of a 4103 (TS-0009 6.5) as m2m:tqf. */
    private static Object content(ResponsePrimitive rsp) {
        return rsp.content != null || rsp.tokenRequestInformation == null ? rsp.content : Map.of("m2m:tqf", rsp.tokenRequestInformation);
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

    private static Map<String, String> headers(ResponsePrimitive rsp, String mediaType, String contextPath) {
        Map<String, String> headers = new LinkedHashMap<>(HeaderMapping.responseHeaders(rsp));
        if (rsp.contentLocation != null) {
            headers.put("Content-Location", contextPath + RequestTargetMapping.originForm(rsp.contentLocation));
        }
        if (rsp.entityTag != null) {
            headers.put("ETag", '"' + rsp.entityTag + '"');
        }
        if (rsp.lastModified != null) {
            headers.put("Last-Modified", HttpDate.format(rsp.lastModified));
        }
        if (content(rsp) != null) {
            headers.put("Content-Type", mediaType);
        }
        return headers;
    }
}
