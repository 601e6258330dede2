import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The baseline of bench/run.sh: a bare Jetty 12 (ee10) servlet that does no oneM2M work at all. It answers every
 * GET with 200 and every POST with 201, each with a fixed JSON body of a given size (the size of Keel's answer in
 * the same scenario), Content-Type application/json, X-M2M-RSC, the request's X-M2M-RI echoed back and X-M2M-RVI.
 * A POST's request body is read and discarded, as a real server has to read it.
 *
 * <p>Optionally a file per method lists further "Name: value" header lines to send verbatim (run.sh passes the
 * headers Keel sent, minus Date/Content-Length/X-M2M-RI), so that whole responses, not only bodies, are the same size.
 *
 * <p>Usage: {@code java -cp <classes>:<jetty jars> BaselineServer HOST PORT GET_BODY_BYTES POST_BODY_BYTES
 * [GET_HEADERS_FILE POST_HEADERS_FILE]}; PORT 0 picks a free port. Prints
 * {@code Baseline is serving http://HOST:PORT/} when ready.
 */
public final class BaselineServer {
    private BaselineServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 && args.length != 6) {
            System.err.println("usage: BaselineServer HOST PORT GET_BODY_BYTES POST_BODY_BYTES [GET_HEADERS_FILE POST_HEADERS_FILE]");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        Answer get = new Answer(200, "2000", body(Integer.parseInt(args[2])), args.length == 6 ? headers(args[4]) : List.of());
        Answer post = new Answer(201, "2001", body(Integer.parseInt(args[3])), args.length == 6 ? headers(args[5]) : List.of());

        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        // As Keel's launcher does: no Server or X-Powered-By header.
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new FixedServlet(get, post)), "/*");
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();
        System.out.println("Baseline is serving http://" + host + ":" + connector.getLocalPort() + "/ (GET body "
                + get.body.length + " bytes, POST body " + post.body.length + " bytes)");
        server.join();
    }

    /** A JSON document of exactly {@code size} bytes (plain 'x's if it is too small for the JSON frame). */
    static byte[] body(int size) {
        String head = "{\"m2m:cin\":{\"con\":\"";
        String tail = "\"}}";
        String s;
        if (size < head.length() + tail.length()) {
            s = "x".repeat(Math.max(0, size));
        } else {
            s = head + "x".repeat(size - head.length() - tail.length()) + tail;
        }
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        if (b.length != size) {
            throw new IllegalStateException("body is " + b.length + " bytes, wanted " + size);
        }
        return b;
    }

    static List<String[]> headers(String file) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(file), StandardCharsets.ISO_8859_1)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
            }
        }
        return out;
    }

    record Answer(int status, String rsc, byte[] body, List<String[]> extraHeaders) {
    }

    static final class FixedServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient Answer get;
        private final transient Answer post;

        FixedServlet(Answer get, Answer post) {
            this.get = get;
            this.post = post;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            answer(req, resp, get);
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            byte[] buffer = new byte[4096];
            try (InputStream in = req.getInputStream()) {
                while (in.read(buffer) >= 0) {
                    // discard
                }
            }
            answer(req, resp, post);
        }

        private static void answer(HttpServletRequest req, HttpServletResponse resp, Answer a) throws IOException {
            resp.setStatus(a.status);
            resp.setContentType("application/json");
            resp.setHeader("X-M2M-RSC", a.rsc);
            String ri = req.getHeader("X-M2M-RI");
            if (ri != null) {
                resp.setHeader("X-M2M-RI", ri);
            }
            resp.setHeader("X-M2M-RVI", "3");
            for (String[] h : a.extraHeaders) {
                if (h[0].equalsIgnoreCase("Content-Type")) {
                    resp.setContentType(h[1]);
                } else {
                    resp.setHeader(h[0], h[1]);
                }
            }
            resp.setContentLength(a.body.length);
            resp.getOutputStream().write(a.body);
        }
    }
}
