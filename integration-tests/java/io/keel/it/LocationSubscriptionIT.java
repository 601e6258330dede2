package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.keel.it.OneM2MClient.Reply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Network-based {@code <locationPolicy>} over the 3GPP Monitoring Event API (TS-0004 annex G.3; 3GPP TS 29.122 as
 * known) on a Keel process with keel.location.scef and keel.location.callback: a real local HTTP server plays the
 * SCEF/NEF and notifies Keel's callback intake over HTTP. retrieveLastKnownLocation asks it (and only it) for the
 * current location, then once for the last known one (7.4.10.2.1 steps 3 and 6); locationUpdateEventCriteria subscribes
 * there, stores notified positions when they changed, subscribes anew after the SCEF/NEF cancelled it (cancelInd) or
 * an Update of et, and deletes the subscription with the policy (6.3.4.2.56).
 */
class LocationSubscriptionIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpServer scef;
    private static final List<JsonNode> POSTED = new CopyOnWriteArrayList<>();
    private static final List<String> DELETED = new CopyOnWriteArrayList<>();
    /** The one-time answers, in order: "200 lon lat", "201 lon lat" (the report notified after the answer), "403 cause". */
    private static final ConcurrentLinkedDeque<String> ONE_TIME = new ConcurrentLinkedDeque<>();
    private static KeelProcess keel;
    private static OneM2MClient client;
    private static NetworkPolicies policies;

    @BeforeAll
    static void start() throws IOException {
        scef = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        scef.createContext("/3gpp-monitoring-event/v1/scs1/subscriptions", LocationSubscriptionIT::scef);
        scef.start();
        int port = KeelProcess.freePort();
        keel = CseEnv.of(Files.createTempDirectory("keel-location-subscription"), "id-lsub", "cse-lsub", "IN").port(port)
                .set("KEEL_LOCATION_SCEF", "http://127.0.0.1:" + scef.getAddress().getPort() + "/3gpp-monitoring-event/v1/scs1")
                .set("KEEL_LOCATION_CALLBACK", "http://127.0.0.1:" + port)
                .set("KEEL_LOCATION_FIX_INTERVAL", "200").start();
        client = new OneM2MClient(keel.base());
        policies = new NetworkPolicies(client, "/cse-lsub");
    }

    @AfterAll
    static void stop() {
        if (keel != null) {
            keel.close();
        }
        if (scef != null) {
            scef.stop(0);
        }
    }

    @BeforeEach
    void reset() {
        POSTED.clear();
        DELETED.clear();
        ONE_TIME.clear();
    }

    private static void scef(HttpExchange exchange) throws IOException {
        if ("DELETE".equals(exchange.getRequestMethod())) {
            DELETED.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        JsonNode s = JSON.readTree(exchange.getRequestBody());
        POSTED.add(s);
        String self = "/3gpp-monitoring-event/v1/scs1/subscriptions/sub-" + POSTED.size();
        if (s.path("maximumNumberOfReports").asInt() != 1) {
            LocationServerExchanges.answer(exchange, 201, self, "{\"monitoringType\":\"LOCATION_REPORTING\"}");
            return;
        }
        String[] next = (ONE_TIME.isEmpty() ? "403 NO_ANSWER_QUEUED" : ONE_TIME.poll()).split(" ");
        switch (next[0]) {
            case "200" -> LocationServerExchanges.answer(exchange, 200, null, report(next[1], next[2]));
            case "201" -> {
                LocationServerExchanges.answer(exchange, 201, self, "{\"monitoringType\":\"LOCATION_REPORTING\"}");
                LocationServerExchanges.notify(s.path("notificationDestination").asText(), "{\"subscription\":\"" + self
                        + "\",\"monitoringEventReports\":[" + report(next[1], next[2]) + "]}");
            }
            default -> LocationServerExchanges.answer(exchange, 403, null, "{\"status\":403,\"cause\":\"" + next[1] + "\"}");
        }
    }

    private static String report(String lon, String lat) {
        return "{\"monitoringType\":\"LOCATION_REPORTING\",\"locationInfo\":{\"geographicArea\":{\"shape\":"
                + "\"POINT_UNCERTAINTY_CIRCLE\",\"point\":{\"lon\":" + lon + ",\"lat\":" + lat + "},\"uncertainty\":20}}}";
    }

    /** TS-0004 7.4.10.2.1 steps 3 and 6: the current location, then once the last known one; the report notified later. */
    @Test
    void ts0004_7_4_10_2_1_retrieveLastKnownLocationAsksTheScefForTheLastKnownLocationAfterAFailure() {
        ONE_TIME.add("403 UNKNOWN_LOCATION");
        ONE_TIME.add("201 2.35 48.85");
        JsonNode lcp = policies.create("\"rlkl\":true,\"lou\":[\"PT1H\"]");
        assertTrue(lcp.path("lor").asText().endsWith("/3gpp-monitoring-event/v1/scs1"), lcp.toString());
        String loi = lcp.path("loi").asText();
        Eventually.holds(WAIT, () -> policies.instances(loi) == 1, "positioned at creation");
        assertEquals("[2.35, 48.85]", policies.latest(loi));
        assertEquals(2, POSTED.size(), POSTED.toString());
        assertEquals("CURRENT_LOCATION", POSTED.get(0).path("locationType").asText());
        assertEquals("LAST_KNOWN_LOCATION", POSTED.get(1).path("locationType").asText());
        assertEquals("15550100", POSTED.get(1).path("msisdn").asText());
        assertEquals("2000", client.get("/" + lcp.path("ri").asText()).send().json().path("m2m:lcp").path("lost").asText());
    }

    @Test
    void ts0004_7_4_10_2_1_theProblemDetailsCauseIsTheLocationStatus() {
        ONE_TIME.add("403 REQUEST_NOT_AUTHORIZED");
        JsonNode lcp = policies.create("\"lou\":[\"PT1H\"]");
        Eventually.holds(WAIT, () -> "REQUEST_NOT_AUTHORIZED".equals(client.get("/" + lcp.path("ri").asText()).send().json()
                .path("m2m:lcp").path("lost").asText()), "locationStatus the cause");
        assertEquals(1, POSTED.size(), "without rlkl no second ask");
    }

    /**
     * TS-0004 7.4.10.2.3: an Update of et ends the subscription at the SCEF/NEF, and the next round makes it anew with
     * monitorExpireTime the new expirationTime.
     */
    @Test
    void ts0004_7_4_10_2_3_anUpdateOfEtMakesTheSubscriptionAnewUntilTheNewExpirationTime() {
        ONE_TIME.add("200 9 9");
        JsonNode lcp = policies.create("\"luec\":0");
        String ri = lcp.path("ri").asText();
        Eventually.holds(WAIT, () -> policies.instances(lcp.path("loi").asText()) == 1, "subscribed, and positioned once");
        assertEquals(2, POSTED.size(), POSTED.toString());
        ONE_TIME.add("200 9 9");
        Reply updated = client.put("/" + ri, "{\"m2m:lcp\":{\"et\":\"20991231T000000\"}}").header("X-M2M-RVI", "4").send();
        assertEquals(200, updated.status(), updated.text());
        String et = updated.json().path("m2m:lcp").path("et").asText();
        Eventually.holds(WAIT, () -> POSTED.size() == 4, "subscribed anew at the next round: " + POSTED);
        assertTrue(DELETED.contains("/3gpp-monitoring-event/v1/scs1/subscriptions/sub-1"), "the old one deleted: " + DELETED);
        JsonNode again = POSTED.get(2);
        assertTrue(again.path("maximumNumberOfReports").isMissingNode(), again.toString());
        assertEquals(et.substring(0, 4) + "-" + et.substring(4, 6) + "-" + et.substring(6, 11) + ":" + et.substring(11, 13)
                + ":" + et.substring(13, 15) + "Z", again.path("monitorExpireTime").asText(), "until the new et " + et);
        assertEquals(200, client.delete("/" + ri).send().status());
        Eventually.holds(WAIT, () -> DELETED.contains("/3gpp-monitoring-event/v1/scs1/subscriptions/sub-3"),
                "the new one deleted with the policy: " + DELETED);
    }

    /** TS-0004 6.3.4.2.56: Location_Change is notified by the SCEF/NEF; the subscription goes with the policy. */
    @Test
    void ts0004_6_3_4_2_56_locationChangesAreNotifiedAndStoredWhenTheyChange() {
        ONE_TIME.add("200 9 9");
        JsonNode lcp = policies.create("\"luec\":0");
        String loi = lcp.path("loi").asText();
        Eventually.holds(WAIT, () -> policies.instances(loi) == 1, "subscribed at the SCEF/NEF, and positioned once");
        assertEquals(2, POSTED.size(), POSTED.toString());
        assertEquals("[9.0, 9.0]", policies.latest(loi));
        JsonNode s = POSTED.get(0);
        assertTrue(s.path("maximumNumberOfReports").isMissingNode(), s.toString());
        assertEquals("LOCATION_REPORTING", s.path("monitoringType").asText());
        String url = s.path("notificationDestination").asText();
        assertTrue(url.startsWith(client.base().replaceAll("/$", "") + "/.well-known/keel/location/"), url);
        String self = "/3gpp-monitoring-event/v1/scs1/subscriptions/sub-1";
        for (String[] at : new String[][] {{"10", "50"}, {"10", "50"}, {"11", "51"}, {"11", "51"}}) {
            HttpResponse<String> r = LocationServerExchanges.notify(url, "{\"subscription\":\"" + self + "\",\"monitoringEventReports\":["
                    + report(at[0], at[1]) + "]}");
            assertEquals(204, r.statusCode(), r.body());
        }
        assertEquals(3, policies.instances(loi), "only changes are location updates");
        assertEquals("[11.0, 51.0]", policies.latest(loi));
        assertEquals(2, POSTED.size(), "no polling while subscribed");

        HttpResponse<String> malformed = LocationServerExchanges.notify(url, "{\"monitoringEventReports\":");
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertTrue(malformed.body().startsWith("{\"error\":"), malformed.body());
        assertEquals(400, LocationServerExchanges.notify(url, "{\"subscription\":\"x\"}").statusCode(), "no MonitoringNotification");
        String stranger = url.substring(0, url.lastIndexOf('/') + 1) + "guessed";
        assertEquals(404, LocationServerExchanges.notify(stranger, "{\"monitoringEventReports\":[]}").statusCode());
        assertEquals(404, LocationServerExchanges.notify(stranger, "not json").statusCode(), "an unknown URL is told before the body is judged");
        assertEquals(3, policies.instances(loi));

        // The SCEF/NEF ends the subscription: the next round subscribes anew (and positions once as it starts).
        ONE_TIME.add("200 12 52");
        HttpResponse<String> cancelled = LocationServerExchanges.notify(url, "{\"subscription\":\"" + self + "\",\"cancelInd\":true}");
        assertEquals(204, cancelled.statusCode(), cancelled.body());
        Eventually.holds(WAIT, () -> policies.instances(loi) == 4, "subscribed again, and positioned once");
        assertEquals(4, POSTED.size(), POSTED.toString());
        assertTrue(POSTED.get(2).path("maximumNumberOfReports").isMissingNode(), "a continuous subscription: " + POSTED.get(2));
        String again = POSTED.get(2).path("notificationDestination").asText();
        assertTrue(!again.equals(url), "a new URL");
        assertEquals(404, LocationServerExchanges.notify(url, "{\"monitoringEventReports\":[]}").statusCode(), "the cancelled one is unknown");
        assertTrue(DELETED.isEmpty(), "nothing deleted at the SCEF/NEF: it ended there");

        assertEquals(200, client.delete("/" + lcp.path("ri").asText()).send().status());
        String selfAgain = "/3gpp-monitoring-event/v1/scs1/subscriptions/sub-3";
        Eventually.holds(WAIT, () -> DELETED.contains(selfAgain), "the subscription deleted at the SCEF/NEF: " + DELETED);
        assertEquals(404, LocationServerExchanges.notify(again, "{\"monitoringEventReports\":[]}").statusCode(), "gone with the policy");
    }
}
