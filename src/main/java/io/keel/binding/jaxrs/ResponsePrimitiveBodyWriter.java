package io.keel.binding.jaxrs;

import io.keel.binding.http.HttpResponseWriter;
import io.keel.primitive.ResponsePrimitive;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/** Writes a response primitive's Content as the body, with its exact Content-Length (TS-0009 6.4.5, 6.5). */
@Produces({"application/json", "application/vnd.onem2m-res+json", "application/xml", "application/vnd.onem2m-res+xml",
        "application/cbor", "application/vnd.onem2m-res+cbor"})
public class ResponsePrimitiveBodyWriter implements MessageBodyWriter<ResponsePrimitive> {
    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return ResponsePrimitive.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(ResponsePrimitive rsp, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> httpHeaders, OutputStream out) throws IOException {
        String media = mediaType.getType() + "/" + mediaType.getSubtype();
        byte[] body = HttpResponseWriter.body(rsp, media);
        // Headers are still open until the first byte is written.
        httpHeaders.putSingle("Content-Length", body.length);
        out.write(body);
    }
}
