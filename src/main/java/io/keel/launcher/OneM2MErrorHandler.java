package io.keel.launcher;

import io.keel.binding.http.HttpResponseWriter;
import io.keel.binding.http.HttpStatusMapping;
import io.keel.binding.http.MediaTypes;
import io.keel.primitive.ResponsePrimitive;
import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers what Jetty rejects before the web application sees it (a path above the root, oversized headers, …) as a
 * oneM2M error — X-M2M-RSC and an {@code m2m:dbg} body, written by the binding's {@link HttpResponseWriter} — rather
 * than an HTML page. Jetty's status stays: it is more precise than the RSC's row in the status table.
 */
final class OneM2MErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        Object message = request.getAttribute(ERROR_MESSAGE);
        String reason = message == null ? "the request was rejected (HTTP " + status + ")" : message.toString();
        ResponsePrimitive rsp = ResponsePrimitive.error(HttpStatusMapping.fallbackRsc(status), reason);
        // No Accept to negotiate with: the request may not even have been parsed.
        HttpResponseWriter.HttpMessage http = HttpResponseWriter.write(rsp, MediaTypes.JSON, "").withStatus(status);
        response.setStatus(http.status());
        http.headers().forEach(response.getHeaders()::put);
        response.write(true, ByteBuffer.wrap(http.body()), callback);
        return true;
    }
}
