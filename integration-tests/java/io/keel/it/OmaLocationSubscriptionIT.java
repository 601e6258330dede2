package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Network-based {@code <locationPolicy>} over OMA RESTful NetAPI for Terminal Location with a callback URL
 * (keel.location.server, keel.location.callback): locationUpdateEventCriteria and a locationUpdatePeriod become periodic
 * notification subscriptions (TS-0004 annex G.2.4) at a real local HTTP server, which notifies Keel's callback intake;
 * the subscription survives a restart of Keel (it is in the database) and is deleted with the policy.
 */
class OmaLocationSubscriptionIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpServer oma;
    private static final List<JsonNode> SUBSCRIBED = new CopyOnWriteArrayList<>();
    private static final List<String> DELETED = new CopyOnWriteArrayList<>();
    private static CseEnv env;
    private static KeelProcess keel;
    private static OneM2MClient client;
    private static NetworkPolicies policies;

    @BeforeAll
    static void start() throws IOException {
        oma = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        oma.createContext("/tl/1/location/queries/location", exchange -> LocationServerExchanges.answer(exchange, 200, null,
                "{\"terminalLocationList\":{\"terminalLocation\":[{\"address\":\"tel:+15550100\",\"locationRetrievalStatus\":"
                + "\"Retrieved\",\"currentLocation\":{\"longitude\":9,\"latitude\":9}}]}}"));
        oma.createContext("/tl/1/location/subscriptions/periodic", OmaLocationSubscriptionIT::subscriptions);
        oma.start();
        int port = KeelProcess.freePort();
        env = CseEnv.of(Files.createTempDirectory("keel-oma-subscription"), "id-osub", "cse-osub", "IN").port(port)
                .set("KEEL_LOCATION_SERVER", "http://127.0.0.1:" + oma.getAddress().getPort() + "/tl/1")
                .set("KEEL_LOCATION_CALLBACK", "http://127.0.0.1:" + port)
                .set("KEEL_LOCATION_FIX_INTERVAL", "200");
        keel = env.start();
        client = new OneM2MClient(keel.base());
        policies = new NetworkPolicies(client, "/cse-osub");
    }

    @AfterAll
    static void stop() {
        if (keel != null) {
            keel.close();
        }
        if (oma != null) {
            oma.stop(0);
        }
    }

    @BeforeEach
    void reset() {
        SUBSCRIBED.clear();
        DELETED.clear();
    }

    private static void subscriptions(HttpExchange exchange) throws IOException {
        if ("DELETE".equals(exchange.getRequestMethod())) {
            DELETED.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        SUBSCRIBED.add(JSON.readTree(exchange.getRequestBody()).path("periodicNotificationSubscription"));
        String self = "/tl/1/location/subscriptions/periodic/sub-" + SUBSCRIBED.size();
        LocationServerExchanges.answer(exchange, 201, self, "{\"periodicNotificationSubscription\":{\"resourceURL\":\"" + self + "\"}}");
    }

    private static int notify(String url, double lon, double lat) {
        return LocationServerExchanges.notify(url, "{\"subscriptionNotification\":{\"terminalLocation\":[{\"address\":"
                + "\"tel:+15550100\",\"locationRetrievalStatus\":\"Retrieved\",\"currentLocation\":{\"longitude\":" + lon
                + ",\"latitude\":" + lat + "}}]}}").statusCode();
    }

    /** TS-0004 6.3.4.2.56 with G.2.4: changes of periodic notifications stored; kept across a restart; deleted with the policy. */
    @Test
    void ts0004_6_3_4_2_56_locationChangesFromPeriodicNotificationsSurviveARestart() {
        JsonNode lcp = policies.create("\"luec\":0,\"aid\":\"app@operator.example\"");
        String loi = lcp.path("loi").asText();
        Eventually.holds(WAIT, () -> !SUBSCRIBED.isEmpty() && policies.instances(loi) == 1, "subscribed, and positioned once");
        JsonNode s = SUBSCRIBED.get(0);
        assertEquals(1, s.path("frequency").asInt(), "the tracker's interval, at least a second: " + s);
        assertEquals("tel:+15550100", s.path("address").path(0).asText());
        assertEquals("app@operator.example", s.path("requester").asText());
        String url = s.path("callbackReference").path("notifyURL").asText();
        assertTrue(url.contains("/.well-known/keel/location/"), url);
        assertEquals(204, notify(url, 9, 9));
        assertEquals(204, notify(url, 10, 50));
        assertEquals(2, policies.instances(loi), "the unchanged position is no update");

        keel.close();
        keel = env.start();
        client = new OneM2MClient(keel.base());
        policies = new NetworkPolicies(client, "/cse-osub");
        assertEquals(204, notify(url, 11, 51), "the subscription is in the database");
        assertEquals(3, policies.instances(loi));
        assertEquals(1, SUBSCRIBED.size(), "not subscribed again after the restart");

        assertEquals(200, client.delete("/" + lcp.path("ri").asText()).send().status());
        Eventually.holds(WAIT, () -> DELETED.contains("/tl/1/location/subscriptions/periodic/sub-1"), "deleted: " + DELETED);
    }

    /** TS-0004 annex G.2.4: a locationUpdatePeriod is the frequency of periodic notifications, each stored. */
    @Test
    void ts0004_G_2_4_aPeriodIsPeriodicNotifications() {
        JsonNode lcp = policies.create("\"lou\":[\"PT1H\"]");
        String loi = lcp.path("loi").asText();
        Eventually.holds(WAIT, () -> !SUBSCRIBED.isEmpty() && policies.instances(loi) == 1, "subscribed, and positioned once");
        assertEquals(3600, SUBSCRIBED.get(0).path("frequency").asInt());
        String url = SUBSCRIBED.get(0).path("callbackReference").path("notifyURL").asText();
        assertEquals(204, notify(url, 9, 9));
        assertEquals(2, policies.instances(loi), "every periodic position is stored");
        assertEquals(200, client.delete("/" + lcp.path("ri").asText()).send().status());
        Eventually.holds(WAIT, () -> DELETED.size() == 1, "deleted: " + DELETED);
    }
}
