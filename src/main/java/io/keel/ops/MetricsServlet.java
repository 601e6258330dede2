package io.keel.ops;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /.well-known/keel/metrics}: every metric in the Prometheus text format, or OpenMetrics when the scraper
 * asks for it, to the clients {@link MetricsAccess} admits; 401 to the others when a token is set, else 403.
 */
public class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient KeelMetrics metrics;
    private final transient MetricsAccess access;

    public MetricsServlet(KeelMetrics metrics, MetricsAccess access) {
        this.metrics = metrics;
        this.access = access;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!access.allows(request.getRemoteAddr(), request.getHeader("Authorization"))) {
            if (access.byToken()) {
                // RFC 6750 3: a missing or wrong bearer token is a 401 with the challenge that names the scheme.
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setHeader("WWW-Authenticate", "Bearer realm=\"keel metrics\"");
            } else {
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            }
            response.setContentType("text/plain;charset=utf-8");
            response.getWriter().write(access.refusal());
            return;
        }
        String type = KeelMetrics.contentType(request.getHeader("Accept"));
        response.setContentType(type);
        metrics.scrape(type, response.getOutputStream());
    }
}
