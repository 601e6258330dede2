package io.keel.binding.jaxrs;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Jersey's servlet without its per-request URIs. Jersey builds a base and a request URI from every request's URL
 * (UriBuilder, contextual encoding: 3.5 % of a retrieve's CPU) only to route it, and the binding's filter has parsed
 * the request into its primitive already: the one resource matches any path ({@link PrimitiveResource}) and reads
 * nothing of the URI, so one constant URI routes every request alike.
 */
public final class PrimitiveServletContainer extends ServletContainer {
    private static final URI ROOT = URI.create("http://keel/");

    public PrimitiveServletContainer(KeelApplication application) {
        super(application);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        service(ROOT, ROOT, request, response);
    }
}
