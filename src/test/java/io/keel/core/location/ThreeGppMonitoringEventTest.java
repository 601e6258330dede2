package io.keel.core.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.keel.core.Settings;
import io.keel.core.store.FakeStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The 3GPP Monitoring Event API client (TS-0004 annex G.3, TS-0026 7.4.7; 3GPP TS 29.122 as known) against a local
 * HTTP server playing the SCEF/NEF: what it sends, and the answers it takes (200 with the report, 201 and the report
 * notified later, ProblemDetails, no server, shapes that are no position).
 */
class ThreeGppMonitoringEventTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLBACK = "http://keel.example:8080";
    private HttpServer server;
    private final List<JsonNode> posted = new CopyOnWriteArrayList<>();
    private final List<String> deleted = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{}";
    private volatile String location;
    private String base;
    /** The database the CSE instances of a test share. */
    private final FakeStore store = new FakeStore();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/3gpp-monitoring-event/v1/scs1/subscriptions", exchange -> {
            if ("DELETE".equals(exchange.getRequestMethod())) {
                deleted.add(exchange.getRequestURI().getPath());
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
                return;
            }
            posted.add(JSON.readTree(exchange.getRequestBody()));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/3gpp-monitoring-event/v1/scs1";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private NetworkLocationSource source(long timeoutMillis) {
        return NetworkLocationSource.configured(new Settings(Map.of("keel.location.scef", base, "keel.location.callback",
                CALLBACK, "keel.location.timeout", String.valueOf(timeoutMillis))::get), store).orElseThrow();
    }

    private static String report(String area) {
        return "{\"monitoringType\":\"LOCATION_REPORTING\",\"locationInfo\":{\"geographicArea\":" + area + "}}";
    }

    private static NetworkLocationSource.Request current(String target) {
        return new NetworkLocationSource.Request(target, null, "app@operator.example", false);
    }

    @Test
    void ts0004_G_3_aOneTimeReportAnsweredAt200IsThePosition() throws Exception {
        answer = report("{\"shape\":\"POINT\",\"point\":{\"lon\":139.7,\"lat\":35.6}}");
        NetworkLocationSource.Position p = source(5_000).locate(current("tel:+15551234"));
        assertEquals(new NetworkLocationSource.Position(139.7, 35.6), p);
        JsonNode s = posted.get(0);
        assertEquals("15551234", s.path("msisdn").asText(), "a telephone number goes as msisdn: " + s);
        assertTrue(s.path("externalId").isMissingNode(), s.toString());
        assertEquals("LOCATION_REPORTING", s.path("monitoringType").asText());
        assertEquals(1, s.path("maximumNumberOfReports").asInt(), "a one-time report");
        assertEquals("CURRENT_LOCATION", s.path("locationType").asText());
        assertEquals("GEO_AREA", s.path("accuracy").asText());
        assertEquals(1000, s.path("locQoS").path("hAccuracy").asInt());
        assertTrue(s.path("notificationDestination").asText().startsWith(CALLBACK + "/.well-known/keel/location/"), s.toString());
        Instant expires = Instant.parse(s.path("monitorExpireTime").asText());
        assertTrue(expires.isAfter(Instant.now()) && expires.isBefore(Instant.now().plusSeconds(10)), "bounded by the wait: " + s);
        assertTrue(s.path("requester").isMissingNode() && !s.toString().contains("app@operator.example"),
                "authID has no place in a MonitoringEventSubscription: " + s);

        source(5_000).locate(current("dev1@operator.example"));
        assertEquals("dev1@operator.example", posted.get(1).path("externalId").asText(), posted.get(1).toString());
        assertTrue(posted.get(1).path("msisdn").isMissingNode());
    }

    /** TS-0004 7.4.10.2.1 step 6: the ask after a failure with rlkl is for the last known location. */
    @Test
    void ts0004_7_4_10_2_1_theLastKnownLocationIsAskedAsLastKnownLocation() throws Exception {
        answer = report("{\"shape\":\"POINT_UNCERTAINTY_CIRCLE\",\"point\":{\"lon\":2.35,\"lat\":48.85},\"uncertainty\":50}");
        NetworkLocationSource.Position p = source(5_000).locate(current("tel:+15551234").forLastKnown());
        assertEquals(new NetworkLocationSource.Position(2.35, 48.85), p);
        assertEquals("LAST_KNOWN_LOCATION", posted.get(0).path("locationType").asText());
    }

    @Test
    void ts0004_G_3_aReportSentLaterToTheNotificationDestinationIsAwaited() throws Exception {
        status = 201;
        location = base + "/subscriptions/sub-1";
        answer = "{\"monitoringType\":\"LOCATION_REPORTING\",\"self\":\"" + location + "\"}";
        NetworkLocationSource source = source(5_000);
        Thread scef = new Thread(() -> {
            try {
                while (posted.isEmpty()) {
                    Thread.sleep(10);
                }
                String url = posted.get(0).path("notificationDestination").asText();
                String token = url.substring(url.lastIndexOf('/') + 1);
                while (!source.awaits(token)) {
                    Thread.sleep(10);
                }
                assertFalse(source.awaits("someone-else"));
                source.awaited(token, JSON.readTree("{\"subscription\":\"" + location + "\",\"monitoringEventReports\":["
                        + report("{\"shape\":\"POLYGON\",\"pointList\":[{\"lon\":0,\"lat\":0},{\"lon\":2,\"lat\":0},"
                        + "{\"lon\":2,\"lat\":2},{\"lon\":0,\"lat\":2}]}") + "]}"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        scef.start();
        NetworkLocationSource.Position p = source.locate(current("tel:+15551234"));
        scef.join();
        assertEquals(new NetworkLocationSource.Position(1, 1), p, "a polygon's position is its centroid");
    }

    /**
     * Several CSE instances behind one callback URL: the report notified to another instance on the database is taken
     * there for the asking one, which reads it; the token is forgotten afterwards.
     */
    @Test
    void ts0004_G_3_aReportNotifiedToAnotherInstanceOnTheDatabaseIsTheAskingInstancesPosition() throws Exception {
        status = 201;
        location = base + "/subscriptions/sub-4";
        answer = "{\"monitoringType\":\"LOCATION_REPORTING\"}";
        NetworkLocationSource asking = source(5_000);
        NetworkLocationSource other = source(5_000);
        List<Boolean> taken = new CopyOnWriteArrayList<>();
        List<String> tokens = new CopyOnWriteArrayList<>();
        Thread scef = new Thread(() -> {
            try {
                while (posted.isEmpty()) {
                    Thread.sleep(10);
                }
                String url = posted.get(0).path("notificationDestination").asText();
                String token = url.substring(url.lastIndexOf('/') + 1);
                tokens.add(token);
                for (int i = 0; i < 300 && !other.awaits(token); i++) {
                    Thread.sleep(10);
                }
                taken.add(other.awaited(token, JSON.readTree("{\"monitoringEventReports\":["
                        + report("{\"shape\":\"POINT\",\"point\":{\"lon\":7,\"lat\":8}}") + "]}")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        scef.start();
        NetworkLocationSource.Position p = asking.locate(current("tel:+15551234"));
        scef.join();
        assertEquals(List.of(true), taken, "the other instance takes the report");
        assertEquals(new NetworkLocationSource.Position(7, 8), p);
        assertEquals(0, store.locationReports.size(), "the row deleted afterwards");
        assertFalse(other.awaits(tokens.get(0)));
        assertFalse(other.awaited(tokens.get(0), JSON.readTree("{\"monitoringEventReports\":[]}")), "a late copy is unknown");
    }

    @Test
    void ts0004_G_3_noReportWithinTheTimeoutIsAFailureAndTheSubscriptionIsDeleted() {
        status = 201;
        location = base + "/subscriptions/sub-2";
        NetworkLocationSource.Failure f = assertThrows(NetworkLocationSource.Failure.class,
                () -> source(200).locate(current("tel:+15551234")));
        assertEquals("4008", f.statusCode());
        assertEquals(List.of("/3gpp-monitoring-event/v1/scs1/subscriptions/sub-2"), deleted,
                "the unanswered subscription deleted at the SCEF/NEF");
        assertEquals(0, store.locationReports.size());
    }

    @Test
    void ts0004_7_4_10_2_1_theProblemDetailsCauseIsTheStatus() {
        status = 403;
        answer = "{\"title\":\"Forbidden\",\"status\":403,\"cause\":\"REQUEST_NOT_AUTHORIZED\"}";
        NetworkLocationSource.Failure f = assertThrows(NetworkLocationSource.Failure.class,
                () -> source(5_000).locate(current("tel:+15551234")));
        assertEquals("REQUEST_NOT_AUTHORIZED", f.statusCode());
        status = 500;
        answer = "";
        f = assertThrows(NetworkLocationSource.Failure.class, () -> source(5_000).locate(current("tel:+15551234")));
        assertEquals("5000", f.statusCode(), "no cause: a bad answer");
    }

    @Test
    void ts0004_7_4_10_2_1_anUnreachableScefIs5103() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        NetworkLocationSource source = NetworkLocationSource.configured(new Settings(Map.of("keel.location.scef",
                "http://127.0.0.1:" + closed + "/3gpp-monitoring-event/v1/scs1", "keel.location.callback", CALLBACK)::get), store)
                .orElseThrow();
        NetworkLocationSource.Failure f = assertThrows(NetworkLocationSource.Failure.class,
                () -> source.locate(current("tel:+15551234")));
        assertEquals("5103", f.statusCode());
    }

    @Test
    void ts0004_G_3_shapesThatAreNoPositionAreABadAnswer() {
        for (String area : List.of("{\"shape\":\"ELLIPSOID_ARC\",\"point\":{\"lon\":1,\"lat\":2},\"innerRadius\":10}",
                "{\"shape\":\"POINT\",\"point\":{\"lon\":1}}",
                "{\"shape\":\"POLYGON\",\"pointList\":[{\"lon\":0,\"lat\":0},{\"lon\":1,\"lat\":1}]}",
                "{\"shape\":\"POLYGON\",\"pointList\":[{\"lon\":0,\"lat\":0},{\"lon\":1,\"lat\":1},{\"lon\":2,\"lat\":2}]}",
                "\"somewhere\"")) {
            answer = report(area);
            NetworkLocationSource.Failure f = assertThrows(NetworkLocationSource.Failure.class,
                    () -> source(5_000).locate(current("tel:+15551234")), area);
            assertEquals("5000", f.statusCode(), area);
        }
        answer = "not json";
        assertEquals("5000", assertThrows(NetworkLocationSource.Failure.class,
                () -> source(5_000).locate(current("tel:+15551234"))).statusCode());
    }

    /** TS-0004 6.3.4.2.56: a continuous LOCATION_REPORTING subscription, deleted at the SCEF/NEF when it ends. */
    @Test
    void ts0004_6_3_4_2_56_locationChangesAreAContinuousSubscription() throws Exception {
        status = 201;
        location = base + "/subscriptions/sub-3";
        answer = "{\"monitoringType\":\"LOCATION_REPORTING\",\"monitorExpireTime\":\"2030-01-01T00:00:00Z\"}";
        NetworkLocationSource source = source(5_000);
        Instant until = Instant.parse("2031-01-01T00:00:00Z");
        NetworkLocationSource.Subscription made = source.subscribe(current("tel:+15551234"),
                CALLBACK + "/.well-known/keel/location/tok", until, Duration.ofSeconds(1)).orElseThrow();
        JsonNode s = posted.get(0);
        assertTrue(s.path("maximumNumberOfReports").isMissingNode(), "reports until it ends: " + s);
        assertEquals("2031-01-01T00:00:00Z", s.path("monitorExpireTime").asText(), "the policy's expirationTime");
        assertEquals(CALLBACK + "/.well-known/keel/location/tok", s.path("notificationDestination").asText());
        assertEquals(location, made.url());
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), made.expires(), "the SCEF/NEF's own monitorExpireTime");

        List<NetworkLocationSource.Position> at = source.notified(made.api(), JSON.readTree("{\"subscription\":\""
                + location + "\",\"monitoringEventReports\":[" + report("{\"shape\":\"POINT\",\"point\":{\"lon\":1,\"lat\":2}}")
                + "," + report("{\"shape\":\"POINT_ALTITUDE\",\"point\":{\"lon\":3,\"lat\":4},\"altitude\":10}") + "]}"));
        assertEquals(List.of(new NetworkLocationSource.Position(1, 2), new NetworkLocationSource.Position(3, 4)), at);
        assertThrows(NetworkLocationSource.Failure.class, () -> source.notified(made.api(), JSON.readTree("{\"x\":1}")));
        JsonNode cancel = JSON.readTree("{\"subscription\":\"" + location + "\",\"cancelInd\":true,\"monitoringEventReports\":["
                + report("{\"shape\":\"POINT\",\"point\":{\"lon\":5,\"lat\":6}}") + "]}");
        assertTrue(source.cancels(made.api(), cancel), "cancelInd true ends the subscription");
        assertEquals(List.of(new NetworkLocationSource.Position(5, 6)), source.notified(made.api(), cancel));
        assertFalse(source.cancels(made.api(), JSON.readTree("{\"cancelInd\":false,\"monitoringEventReports\":[]}")));

        source.unsubscribe(made);
        assertEquals(List.of("/3gpp-monitoring-event/v1/scs1/subscriptions/sub-3"), deleted);
    }

    @Test
    void theSettingsAreChecked() {
        assertThrows(IllegalStateException.class, () -> NetworkLocationSource.configured(
                new Settings(Map.of("keel.location.scef", base)::get), store), "notificationDestination is mandatory");
        assertThrows(IllegalStateException.class, () -> NetworkLocationSource.configured(
                new Settings(Map.of("keel.location.scef", "ftp://x/y", "keel.location.callback", CALLBACK)::get), store));
        assertThrows(IllegalStateException.class, () -> NetworkLocationSource.configured(
                new Settings(Map.of("keel.location.scef", base, "keel.location.callback", "keel.example")::get), store));
    }

    /** TS-0004 7.4.10.2.1 step 3: with rlkl the 3GPP API only; without, OMA when it is configured. */
    @Test
    void ts0004_7_4_10_2_1_retrieveLastKnownLocationIsServedByThe3gppApiOnly() throws Exception {
        NetworkLocationSource both = NetworkLocationSource.configured(new Settings(Map.of("keel.location.scef", base,
                "keel.location.callback", CALLBACK, "keel.location.server", "http://127.0.0.1:9/oma/1")::get), store).orElseThrow();
        assertEquals("http://127.0.0.1:9/oma/1", both.serverFor("tel:+1", false).orElseThrow());
        assertEquals(base, both.serverFor("tel:+1", true).orElseThrow());
        assertTrue(both.servesLastKnownLocation());
        answer = report("{\"shape\":\"POINT\",\"point\":{\"lon\":1,\"lat\":2}}");
        NetworkLocationSource.Request rlkl = new NetworkLocationSource.Request("tel:+15551234", "http://127.0.0.1:9/oma/1",
                null, true);
        assertEquals(new NetworkLocationSource.Position(1, 2), both.locate(rlkl), "the SCEF, whatever lor names");
        assertEquals(1, posted.size());
        NetworkLocationSource.Failure oma = assertThrows(NetworkLocationSource.Failure.class, () -> both.locate(
                new NetworkLocationSource.Request("tel:+15551234", "http://127.0.0.1:9/oma/1", null, false)));
        assertEquals("5103", oma.statusCode(), "without rlkl the OMA server (unreachable here) is asked");
        assertEquals(1, posted.size());

        assertTrue(both.subscribePeriodic(rlkl, CALLBACK + "/x", null, Duration.ofMinutes(1)).isEmpty(),
                "no periodic subscription on the 3GPP API");
        assertEquals("5103", assertThrows(NetworkLocationSource.Failure.class, () -> both.subscribePeriodic(
                new NetworkLocationSource.Request("tel:+15551234", "http://127.0.0.1:9/oma/1", null, false), CALLBACK + "/x",
                null, Duration.ofMinutes(1))).statusCode(), "the OMA server (unreachable here) subscribes periodically");
        assertEquals(1, posted.size());

        NetworkLocationSource omaOnly = NetworkLocationSource.configured(new Settings(Map.of("keel.location.server",
                "http://127.0.0.1:9/oma/1")::get), store).orElseThrow();
        assertFalse(omaOnly.servesLastKnownLocation());
        assertEquals("4000", assertThrows(NetworkLocationSource.Failure.class, () -> omaOnly.locate(rlkl)).statusCode());
    }
}
