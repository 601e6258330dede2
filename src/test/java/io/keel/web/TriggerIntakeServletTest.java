package io.keel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * Who reaches the trigger intake (README "Operations"): nobody without keel.trigger.token, only the bearer of the token
 * with it. The refusals come before the trigger is looked at, so no CSE is needed behind the servlet.
 */
class TriggerIntakeServletTest {
    private static HttpResponse<String> post(String token, String bearer) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new TriggerIntakeServlet(null, token)), "/.well-known/keel/triggers/*");
        server.setHandler(context);
        server.start();
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.getLocalPort()
                    + "/.well-known/keel/triggers/Cae")).POST(HttpRequest.BodyPublishers.ofString("{\"m2m:tgp\":{\"tpe\":1}}"));
            if (bearer != null) {
                b.header("Authorization", "Bearer " + bearer);
            }
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } finally {
            server.stop();
        }
    }

    @Test
    void withoutATokenSettingTheIntakeRefusesEverybody() throws Exception {
        HttpResponse<String> r = post(null, "anything");
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("keel.trigger.token"), r.body());
        assertEquals(403, post("", null).statusCode());
    }

    @Test
    void withATokenSettingOnlyItsBearerIsLetThrough() throws Exception {
        HttpResponse<String> none = post("s3cret", null);
        assertEquals(401, none.statusCode());
        assertEquals("Bearer realm=\"keel triggers\"", none.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(401, post("s3cret", "s3cre").statusCode());
        assertNull(none.headers().firstValue("X-M2M-RSC").orElse(null), "refused before any oneM2M processing");
    }
}
