package io.keel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.location.LocationNotifications;
import io.keel.core.store.FakeStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The callback intake of the Location Server's notifications (README "Location"): the token is the credential, an
 * unknown one is 404 whatever the body, a body over the cap is 413, and nothing but POST is taken. The notifications
 * themselves are in LocationServerSubscriptionTest and LocationSubscriptionIT.
 */
class LocationNotificationServletTest {
    private Server server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        LocationNotifications none = new LocationNotifications(new FakeStore(), null, null);
        context.addServlet(new ServletHolder(new LocationNotificationServlet(none)), "/.well-known/keel/location/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/.well-known/keel/location/";
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnknownTokenIs404AndABodyOverTheCapIs413() throws Exception {
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(URI.create(base + "guessed"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"monitoringEventReports\":[]}")));
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().startsWith("{\"error\":"), unknown.body());
        assertEquals(404, send(HttpRequest.newBuilder(URI.create(base + "guessed")).POST(HttpRequest.BodyPublishers.ofString("{"))).statusCode());
        assertEquals(404, send(HttpRequest.newBuilder(URI.create(base)).POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode());
        String big = "{\"x\":\"" + "a".repeat(LocationNotificationServlet.MAX_BODY_BYTES) + "\"}";
        assertEquals(413, send(HttpRequest.newBuilder(URI.create(base + "guessed")).POST(HttpRequest.BodyPublishers.ofString(big))).statusCode());
        assertEquals(405, send(HttpRequest.newBuilder(URI.create(base + "guessed")).GET()).statusCode());
    }
}
