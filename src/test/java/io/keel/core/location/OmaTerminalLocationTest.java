package io.keel.core.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.keel.core.Settings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OMA RESTful NetAPI for Terminal Location client (TS-0004 annex G.2.3.1) against a local HTTP server. */
class OmaTerminalLocationTest {
    private static final io.keel.core.store.FakeStore STORE = new io.keel.core.store.FakeStore();
    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<String> subscriptions = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/1/location/queries/location", exchange -> {
            queries.add(exchange.getRequestURI().getRawQuery());
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/api/1/location/subscriptions/periodic", exchange -> {
            subscriptions.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = ("DELETE".equals(exchange.getRequestMethod()) ? "" : "{\"periodicNotificationSubscription\":"
                    + "{\"resourceURL\":\"" + base + "/location/subscriptions/periodic/sub1\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders("DELETE".equals(exchange.getRequestMethod()) ? 204 : 201, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/1";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private NetworkLocationSource source() {
        return NetworkLocationSource.configured(new Settings(Map.of("keel.location.server", base + "/")::get), STORE).orElseThrow();
    }

    @Test
    void ts0004_G_2_3_1_aSingleQueryGivesTheTerminalsCurrentLocation() throws Exception {
        answer = "{\"terminalLocationList\":{\"terminalLocation\":[{\"address\":\"tel:+15551234\",\"locationRetrievalStatus\":"
                + "\"Retrieved\",\"currentLocation\":{\"latitude\":35.6,\"longitude\":139.7,\"accuracy\":10}}]}}";
        NetworkLocationSource source = source();
        assertEquals(base, source.serverFor("tel:+15551234").orElseThrow(), "the provisioned server");
        NetworkLocationSource.Position p = source.locate(new NetworkLocationSource.Request("tel:+15551234", base,
                "acr:app", false));
        assertEquals(139.7, p.longitude());
        assertEquals(35.6, p.latitude());
        String q = queries.get(0);
        assertTrue(q.startsWith("address=tel%3A%2B15551234&requestedAccuracy=1000&acceptableAccuracy=1000"), q);
        assertTrue(q.contains("&requester=acr%3Aapp"), "authID as the requester (table G.2.2-4): " + q);
        assertFalse(q.contains("maximumAge"), q);
    }

    @Test
    void ts0004_7_4_10_2_1_thePolicyExceptionIsTheStatus() {
        status = 403;
        answer = "{\"requestError\":{\"policyException\":{\"messageId\":\"POL0002\",\"text\":\"Privacy verification failed\"}}}";
        NetworkLocationSource.Failure f = assertThrows(NetworkLocationSource.Failure.class,
                () -> source().locate(new NetworkLocationSource.Request("tel:+1", base, "acr:app", false)));
        assertEquals("POL0002", f.statusCode());
        status = 200;
        answer = "{\"terminalLocationList\":{\"terminalLocation\":{\"address\":\"tel:+1\",\"locationRetrievalStatus\":"
                + "\"NotRetrieved\",\"errorInformation\":{\"messageId\":\"SVC0200\"}}}}";
        f = assertThrows(NetworkLocationSource.Failure.class,
                () -> source().locate(new NetworkLocationSource.Request("tel:+1", base, null, false)));
        assertEquals("SVC0200", f.statusCode());
    }

    @Test
    void onlyTheProvisionedServersAreAsked() {
        NetworkLocationSource source = source();
        assertTrue(source.reaches(base + "/"));
        assertFalse(source.reaches("http://169.254.169.254/latest"));
        NetworkLocationSource.Failure f = assertThrows(NetworkLocationSource.Failure.class,
                () -> source.locate(new NetworkLocationSource.Request("tel:+1", "http://169.254.169.254", null, false)));
        assertEquals("4000", f.statusCode());
        assertTrue(queries.isEmpty());
    }

    @Test
    void noServerSettingNoInterface() {
        assertTrue(NetworkLocationSource.configured(new Settings(k -> null), STORE).isEmpty());
        assertThrows(IllegalStateException.class,
                () -> NetworkLocationSource.configured(new Settings(Map.of("keel.location.server", "ftp://x")::get), STORE));
    }

    /** G.2.4: location changes through a periodic notification subscription, deleted when the policy goes. */
    @Test
    void ts0004_G_2_4_aPeriodicNotificationSubscriptionReportsTheLocation() throws Exception {
        NetworkLocationSource source = source();
        java.time.Instant until = java.time.Instant.now().plusSeconds(3600);
        NetworkLocationSource.Subscription made = source.subscribe(new NetworkLocationSource.Request("tel:+15551234",
                base, "acr:app", false), "http://keel.example/.well-known/keel/location/tok", until,
                java.time.Duration.ofMillis(1500)).orElseThrow();
        com.fasterxml.jackson.databind.JsonNode sent = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(subscriptions.get(0).substring(subscriptions.get(0).indexOf('{'))).path("periodicNotificationSubscription");
        assertTrue(subscriptions.get(0).startsWith("POST /api/1/location/subscriptions/periodic "), subscriptions.get(0));
        assertEquals("http://keel.example/.well-known/keel/location/tok", sent.path("callbackReference").path("notifyURL").asText());
        assertEquals("tel:+15551234", sent.path("address").path(0).asText());
        assertEquals(1, sent.path("frequency").asInt(), "the tracker's interval, in whole seconds");
        assertTrue(sent.path("duration").asLong() > 3500 && sent.path("duration").asLong() <= 3600, sent.toString());
        assertEquals("acr:app", sent.path("requester").asText());
        assertEquals(base + "/location/subscriptions/periodic/sub1", made.url());

        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals(List.of(new NetworkLocationSource.Position(139.7, 35.6)), source.notified(made.api(), json.readTree(
                "{\"subscriptionNotification\":{\"terminalLocation\":[{\"address\":\"tel:+15551234\",\"locationRetrievalStatus\":"
                + "\"Retrieved\",\"currentLocation\":{\"latitude\":35.6,\"longitude\":139.7}},{\"address\":\"tel:+15551234\","
                + "\"locationRetrievalStatus\":\"NotRetrieved\"}]}}")));
        assertTrue(source.notified(made.api(), json.readTree("{\"subscriptionCancellationNotification\":{}}")).isEmpty());
        assertTrue(source.cancels(made.api(), json.readTree("{\"subscriptionCancellationNotification\":{\"reason\":"
                + "{\"messageId\":\"SVC0001\"}}}")), "a cancellation ends the subscription");
        assertFalse(source.cancels(made.api(), json.readTree("{\"subscriptionNotification\":{}}")));
        assertThrows(NetworkLocationSource.Failure.class, () -> source.notified(made.api(), json.readTree("{\"x\":1}")));

        source.unsubscribe(made);
        assertTrue(subscriptions.get(1).startsWith("DELETE /api/1/location/subscriptions/periodic/sub1"), subscriptions.toString());
    }
}
