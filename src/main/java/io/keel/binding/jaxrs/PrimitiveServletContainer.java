package io.keel.binding.jaxrs;

import io.keel.primitive.RequestPrimitive;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Jersey's servlet, lean for the one resource it serves. Jersey builds a base and a request URI from every request's
 * URL (UriBuilder, contextual encoding: 3.5 % of a retrieve's CPU) only to route it, and the binding's filter has
 * parsed the request into its primitive already: the one resource matches any path ({@link PrimitiveResource}) and
 * reads nothing of the URI, so one constant URI routes every request alike. The primitive reaches the resource
 * method on this thread, which Jersey invokes it on, rather than through an injected request context (HK2's lookup
 * of that context was 4 % of a retrieve's CPU).
 */
public final class PrimitiveServletContainer extends ServletContainer {
    private static final URI ROOT = URI.create("http://keel/");
    private static final ThreadLocal<RequestPrimitive> CURRENT = new ThreadLocal<>();

    public PrimitiveServletContainer(KeelApplication application) {
        super(application);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        CURRENT.set((RequestPrimitive) request.getAttribute(RequestPrimitive.ATTRIBUTE));
        try {
            service(ROOT, ROOT, request, response);
        } finally {
            CURRENT.remove();
        }
    }

    /** The primitive of the request this thread is serving: the resource method runs within {@link #service}. */
    static RequestPrimitive current() {
        RequestPrimitive primitive = CURRENT.get();
        if (primitive == null) {
            throw new IllegalStateException("no request primitive: the request did not come through the binding's filter");
        }
        return primitive;
    }
}
