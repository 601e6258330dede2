package io.keel.ops;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * {@code /.well-known/keel/health/live}: the process answers. {@code /.well-known/keel/health/ready}: the CSE can
 * serve requests ({@link Readiness}), else 503. Only statuses, nothing about the setup: open to every client.
 */
public class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient Readiness readiness;

    public HealthServlet(Readiness readiness) {
        this.readiness = readiness;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if ("/live".equals(path)) {
            write(response, HttpServletResponse.SC_OK, "{\"status\":\"UP\"}");
        } else if ("/ready".equals(path)) {
            Readiness.Report report = readiness.check();
            write(response, report.ready() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "{\"status\":" + status(report.ready()) + ",\"checks\":{" + report.checks().entrySet().stream()
                            .map(c -> "\"" + c.getKey() + "\":" + status(c.getValue())).collect(Collectors.joining(",")) + "}}");
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private static String status(boolean up) {
        return up ? "\"UP\"" : "\"DOWN\"";
    }

    private static void write(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        // A probe must see the state of now, never a cached answer.
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(json);
    }
}
