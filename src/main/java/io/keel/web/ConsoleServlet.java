package io.keel.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serves the web console's static files from the WAR folder {@code /.well-known/keel/console}. Its own servlet rather
 * than the container's default one: Jetty's default servlet mapped below a prefix serves the whole WAR, WEB-INF included.
 * Only the console's kinds of file are served, and no path with a segment starting with '.'.
 */
public class ConsoleServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String ROOT = "/.well-known/keel/console";
    /** The long names of the flexContainer specializations and their custom attributes, see {@link FlexNames}. */
    static final String FLEX_NAMES = "/flex-names.json";
    private final byte[] flexNames;

    public ConsoleServlet(String flexNames) {
        this.flexNames = flexNames.getBytes(StandardCharsets.UTF_8);
    }
    /** ES modules must come as JavaScript, or the browser refuses to run them. */
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "css", "text/css;charset=utf-8");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null) {
            // Relative links in the page resolve against the folder only with the trailing slash.
            response.sendRedirect(request.getContextPath() + ROOT + "/");
            return;
        }
        if (path.equals(FLEX_NAMES)) {
            response.setContentType("application/json");
            response.setHeader("Cache-Control", "no-cache");
            response.getOutputStream().write(flexNames);
            return;
        }
        if (path.endsWith("/")) {
            path += "index.html";
        }
        String type = TYPES.get(path.substring(path.lastIndexOf('.') + 1));
        if (type == null || path.contains("/.") || path.indexOf('\\') >= 0) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (InputStream in = getServletContext().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            response.setContentType(type);
            // Always revalidated: after an upgrade of the WAR the browser must not mix old and new modules.
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Content-Type-Options", "nosniff");
            in.transferTo(response.getOutputStream());
        }
    }
}
