package io.keel.launcher;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers what Jetty rejects before the web application sees it (a path above the root, oversized headers, …) as a
 * oneM2M error — X-M2M-RSC and an {@code m2m:dbg} body — rather than an HTML page.
 */
final class OneM2MErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        Object message = request.getAttribute(ERROR_MESSAGE);
        String reason = message == null ? "the request was rejected (HTTP " + status + ")" : message.toString();
        int rsc = switch (status) {
            case 404 -> 4004;
            case 405 -> 4005;
            case 415 -> 4015;
            default -> status >= 500 ? 5000 : 4000;
        };
        byte[] body = ("{\"m2m:dbg\":\"" + escape(reason) + "\"}").getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put("X-M2M-RSC", String.valueOf(rsc));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
