package io.keel.launcher;

import io.keel.core.Settings;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Serves keel.war on an embedded Jetty 12 at keel.http.host:keel.http.port (what {@code java -jar keel.war} does). */
public final class JettyLauncher {
    private JettyLauncher() {
    }

    public static void run(Path war) throws Exception {
        Settings settings = Settings.fromEnvironment();
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Let ambiguous or broken paths through to the binding filter, which answers them with a oneM2M 4000
        // instead of Jetty's HTML error page.
        http.setUriCompliance(UriCompliance.LEGACY);
        ServerConnector connector = new ServerConnector(server, new NoReasonPhraseConnectionFactory(http));
        connector.setHost(settings.httpHost());
        connector.setPort(settings.httpPort());
        server.addConnector(connector);

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setWar(war.toString());
        webapp.setParentLoaderPriority(false);
        webapp.setThrowUnavailableOnStartupException(true);
        webapp.getServletHandler().setDecodeAmbiguousURIs(true);
        server.setHandler(webapp);
        server.setErrorHandler(new OneM2MErrorHandler());
        server.setStopAtShutdown(true);
        server.start();
        System.out.println("Keel is serving http://" + settings.httpHost() + ":" + connector.getLocalPort() + "/");
        server.join();
    }
}
