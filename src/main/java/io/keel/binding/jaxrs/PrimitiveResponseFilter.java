package io.keel.binding.jaxrs;

import io.keel.binding.http.HttpResponseWriter;
import io.keel.binding.http.PrimitiveFilter;
import io.keel.primitive.ResponsePrimitive;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;

/**
 * Sets the status and headers {@link HttpResponseWriter} derives from a response primitive, in the media type the
 * binding negotiated; {@link ResponsePrimitiveBodyWriter} then writes its Content.
 */
public class PrimitiveResponseFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof ResponsePrimitive rsp)) {
            return;
        }
        String mediaType = (String) request.getProperty(PrimitiveFilter.RESPONSE_MEDIA_TYPE);
        String contextPath = (String) request.getProperty(PrimitiveFilter.CONTEXT_PATH);
        HttpResponseWriter.HttpMessage head = HttpResponseWriter.head(rsp, mediaType, contextPath == null ? "" : contextPath);
        response.setStatus(head.status());
        head.headers().forEach((name, value) -> {
            if (!name.equals("Content-Type")) {
                response.getHeaders().putSingle(name, value);
            }
        });
        if (rsp.content == null) {
            response.setEntity(null);
            response.getHeaders().remove("Content-Type"); // no body, no Content-Type (TS-0009 6.4.3)
            if (head.status() != 304) {
                response.getHeaders().putSingle("Content-Length", 0);
            }
        } else {
            response.setEntity(rsp, response.getEntityAnnotations(), MediaType.valueOf(mediaType));
        }
    }
}
