package io.keel.binding.jaxrs;

import io.keel.binding.http.HttpResponseWriter;
import io.keel.binding.http.MediaTypes;
import io.keel.binding.http.PrimitiveFilter;
import io.keel.primitive.ResponsePrimitive;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces a response primitive with the HTTP answer {@link HttpResponseWriter} makes of it, in the media type the
 * binding negotiated: status, headers, and the serialized Content as a byte[] entity Jersey writes unchanged.
 */
public class PrimitiveResponseFilter implements ContainerResponseFilter {
    /** The few media types a response is sent in ({@link MediaTypes}' own), each parsed once rather than per response. */
    private static final Map<String, MediaType> MEDIA_TYPES = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof ResponsePrimitive rsp)) {
            return;
        }
        String mediaType = rsp.serialization != null ? MediaTypes.of(rsp.serialization)
                : (String) request.getProperty(PrimitiveFilter.RESPONSE_MEDIA_TYPE);
        String contextPath = (String) request.getProperty(PrimitiveFilter.CONTEXT_PATH);
        HttpResponseWriter.HttpMessage http = HttpResponseWriter.write(rsp, mediaType, contextPath == null ? "" : contextPath);
        response.setStatus(http.status());
        http.headers().forEach((name, value) -> {
            // Content-Type comes with the entity, below.
            if (!name.equals("Content-Type")) {
                response.getHeaders().putSingle(name, value);
            }
        });
        if (http.body() == null) {
            response.setEntity(null);
            response.getHeaders().remove("Content-Type"); // no body, no Content-Type (TS-0009 6.4.3)
        } else {
            // Jersey writes the entity straight to the servlet's stream (KeelApplication turns its buffer off), so the
            // length it would have measured in its buffer is given here.
            response.getHeaders().putSingle("Content-Length", Integer.toString(http.body().length));
            response.setEntity(http.body(), response.getEntityAnnotations(), MEDIA_TYPES.computeIfAbsent(mediaType, MediaType::valueOf));
        }
    }
}
