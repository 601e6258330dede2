package io.keel.launcher;

import io.keel.core.Settings;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Serves keel.war on an embedded Jetty 12 at keel.http.host:keel.http.port (what {@code java -jar keel.war} does). */
public final class JettyLauncher {
    private JettyLauncher() {
    }

    /** @param webappDir keel.war unpacked ({@link UnpackedWar}) */
    public static void run(Path webappDir) throws Exception {
        Settings settings = Settings.fromEnvironment();
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Let ambiguous or broken paths through to the binding filter, which answers them with a oneM2M 4000
        // instead of Jetty's HTML error page.
        http.setUriCompliance(UriCompliance.LEGACY);
        if (Boolean.parseBoolean(settings.get("keel.http.enabled", "true"))) {
            ServerConnector connector = new ServerConnector(server, new NoReasonPhraseConnectionFactory(http));
            connector.setHost(settings.httpHost());
            connector.setPort(settings.httpPort());
            server.addConnector(connector);
        }
        String httpsPort = settings.get("keel.https.port", null);
        if (httpsPort != null) {
            ServerConnector tls = httpsConnector(server, settings, http, Integer.parseInt(httpsPort));
            server.addConnector(tls);
        }
        if (server.getConnectors().length == 0) {
            throw new IllegalStateException("keel.http.enabled is false and keel.https.port is not set: nothing to serve");
        }

        if (Boolean.parseBoolean(settings.get("keel.http.request-log", "false"))) {
            // One line per HTTP exchange, in the same log as the rest: client, request line, status, the oneM2M
            // response code, request identifier and originator, and the time taken.
            server.setRequestLog(new CustomRequestLog(new Slf4jRequestLogWriter(),
                    "%{client}a \"%r\" %s rsc=%{X-M2M-RSC}o rqi=%{X-M2M-RI}i from=%{X-M2M-Origin}i %{ms}T ms"));
        }

        // No HTTP sessions: nothing in Keel keeps state per client session, and the session handler would look for
        // one on every request.
        WebAppContext webapp = new WebAppContext(null, null, null, null, null, ServletContextHandler.SECURITY) {
            @Override
            protected ClassLoader configureClassLoader(ClassLoader loader) {
                return loader; // the WebappClassLoader as it is, not wrapped in Jetty's
            }
        };
        webapp.setContextPath("/");
        webapp.setWar(webappDir.toString());
        webapp.setClassLoader(WebappClassLoader.of(webappDir, JettyLauncher.class.getClassLoader()));
        webapp.setThrowUnavailableOnStartupException(true);
        // web.xml is metadata-complete: no jar in WEB-INF/lib holds anything for Jetty (fragments, META-INF/resources,
        // TLDs), so none is opened and scanned at start (a sixth of a second of CPU).
        webapp.setAttribute(MetaInfConfiguration.WEBINF_JAR_PATTERN, "^$");
        webapp.getServletHandler().setDecodeAmbiguousURIs(true);
        // Jakarta WebSocket for the WebSocket binding (TS-0020), which the application finds as the servlet context's
        // ServerContainer, as on an application server.
        JakartaWebSocketServletContainerInitializer.configure(webapp, null);
        // A stop lets requests under way finish (up to keel.shutdown.drain) before the webapp, and the CSE, go down.
        GracefulHandler graceful = new GracefulHandler();
        graceful.setHandler(webapp);
        server.setHandler(graceful);
        server.setStopTimeout(settings.getLong("keel.shutdown.drain", 10_000));
        server.setErrorHandler(new OneM2MErrorHandler());
        server.setStopAtShutdown(true);
        server.start();
        StringBuilder serving = new StringBuilder();
        for (var c : server.getConnectors()) {
            ServerConnector sc = (ServerConnector) c;
            String scheme = sc.getConnectionFactory(SslConnectionFactory.class) == null ? "http" : "https";
            serving.append(serving.isEmpty() ? "" : " and ").append(scheme).append("://").append(sc.getHost()).append(':')
                    .append(sc.getLocalPort()).append('/');
        }
        System.out.println("Keel is serving " + serving);
        server.join();
    }

    /**
     * HTTPS (TS-0009 7.2) from a keystore; with keel.tls.client-auth {@code want} or {@code need} the client's
     * certificate is asked for, checked against the truststore, and handed to the binding, which may take it as the
     * originator's credential.
     */
    private static ServerConnector httpsConnector(Server server, Settings settings, HttpConfiguration http, int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(required(settings, "keel.tls.keystore"));
        ssl.setKeyStorePassword(required(settings, "keel.tls.keystore-password"));
        ssl.setKeyStoreType(settings.get("keel.tls.keystore-type", "PKCS12"));
        String truststore = settings.get("keel.tls.truststore", null);
        if (truststore != null) {
            ssl.setTrustStorePath(truststore);
            ssl.setTrustStorePassword(settings.get("keel.tls.truststore-password", ""));
            ssl.setTrustStoreType(settings.get("keel.tls.truststore-type", "PKCS12"));
        }
        switch (settings.get("keel.tls.client-auth", "none")) {
            case "want" -> ssl.setWantClientAuth(true);
            case "need" -> ssl.setNeedClientAuth(true);
            case "none" -> { }
            default -> throw new IllegalStateException("keel.tls.client-auth must be none, want or need");
        }
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // clients address the CSE by IP as often as by name
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new NoReasonPhraseConnectionFactory(https));
        connector.setHost(settings.httpHost());
        connector.setPort(port);
        return connector;
    }

    private static String required(Settings settings, String key) {
        String v = settings.get(key, null);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(key + " is required when keel.https.port is set");
        }
        return v;
    }
}
