package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.keel.it.OneM2MClient.Reply;
import java.io.IOException;
import java.net.InetSocketAddress;
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
 * Network-based {@code <locationPolicy>} (los 1, TS-0004 7.4.10.2.1 step 3, annex G.2.3.1) on a Keel process whose
 * Location Server is provisioned by the setting keel.location.server: a real local HTTP server speaking OMA RESTful
 * NetAPI for Terminal Location answers its single queries. Without a period, a Retrieve of the container's latest
 * positions (TS-0001 10.2.9.7); with locationUpdateEventCriteria only changed positions are stored; the server's policy
 * exception becomes locationStatus.
 */
class NetworkLocationIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static HttpServer locationServer;
    private static final List<String> QUERIES = new CopyOnWriteArrayList<>();
    /** What the server answers next, as [longitude, latitude], or a messageId of a policy exception; the last stays. */
    private static final ConcurrentLinkedDeque<Object> ANSWERS = new ConcurrentLinkedDeque<>();
    private static KeelProcess keel;
    private static OneM2MClient client;
    private static NetworkPolicies policies;

    @BeforeAll
    static void start() throws IOException {
        locationServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        locationServer.createContext("/tl/1/location/queries/location", exchange -> {
            QUERIES.add(exchange.getRequestURI().getRawQuery());
            Object next = ANSWERS.size() > 1 ? ANSWERS.poll() : ANSWERS.peek();
            int status = 200;
            String body;
            if (next instanceof double[] at) {
                body = "{\"terminalLocationList\":{\"terminalLocation\":[{\"address\":\"tel:+15550100\","
                        + "\"locationRetrievalStatus\":\"Retrieved\",\"currentLocation\":{\"longitude\":" + at[0]
                        + ",\"latitude\":" + at[1] + ",\"accuracy\":20}}]}}";
            } else {
                status = 403;
                body = "{\"requestError\":{\"policyException\":{\"messageId\":\"" + next + "\",\"text\":\"denied\"}}}";
            }
            LocationServerExchanges.answer(exchange, status, null, body);
        });
        locationServer.start();
        keel = CseEnv.of(Files.createTempDirectory("keel-network-location"), "id-loc", "cse-loc", "IN")
                .set("KEEL_LOCATION_SERVER", "http://127.0.0.1:" + locationServer.getAddress().getPort() + "/tl/1")
                .set("KEEL_LOCATION_FIX_INTERVAL", "200").start();
        client = new OneM2MClient(keel.base());
        policies = new NetworkPolicies(client, "/cse-loc");
    }

    @AfterAll
    static void stop() {
        if (keel != null) {
            keel.close();
        }
        if (locationServer != null) {
            locationServer.stop(0);
        }
    }

    @BeforeEach
    void reset() {
        ANSWERS.clear();
        QUERIES.clear();
    }

    @Test
    void ts0001_10_2_9_7_withoutAPeriodTheRetrieveOfLatestAsksTheLocationServer() {
        ANSWERS.add(new double[] {139.7, 35.6});
        JsonNode lcp = policies.create("\"aid\":\"app@operator.example\"");
        assertTrue(lcp.path("lor").asText().endsWith("/tl/1"), "the provisioned Location Server: " + lcp);
        String loi = lcp.path("loi").asText();
        Eventually.holds(WAIT, () -> policies.instances(loi) == 1, "positioned once at creation");
        assertTrue(QUERIES.get(0).contains("address=tel%3A%2B15550100") && QUERIES.get(0).contains("requester=app%40operator.example"),
                QUERIES.toString());

        ANSWERS.clear();
        ANSWERS.add(new double[] {2.35, 48.85});
        Reply latest = client.get("/" + loi + "/la").header("X-M2M-RVI", "4").send();
        assertEquals(200, latest.status(), latest.text());
        assertEquals("[2.35, 48.85]", latest.json().path("m2m:cin").path("loc").path("crd").asText(), latest.text());
        assertEquals(2, policies.instances(loi), "the Retrieve stored the position it answered with");
        assertEquals(2, QUERIES.size(), "no period: only the creation and the Retrieve ask: " + QUERIES);
        assertEquals("2000", policies.status(lcp.path("ri").asText()));
    }

    @Test
    void ts0004_6_3_4_2_56_locationChangeStoresOnlyChangedPositions() {
        ANSWERS.add(new double[] {10, 50});
        JsonNode lcp = policies.create("\"luec\":0");
        String loi = lcp.path("loi").asText();
        Eventually.holds(WAIT, () -> policies.instances(loi) == 1 && QUERIES.size() >= 3, "asked again and again, stored once");
        ANSWERS.clear();
        ANSWERS.add(new double[] {11, 51});
        Eventually.holds(WAIT, () -> policies.instances(loi) == 2, "the change is stored");
        int asked = QUERIES.size();
        Eventually.holds(WAIT, () -> QUERIES.size() >= asked + 3, "the server is still asked");
        assertEquals(2, policies.instances(loi), "the same position is no location update");
        assertEquals("[11.0, 51.0]", client.get("/" + loi + "/la").header("X-M2M-RVI", "4").send().json().path("m2m:cin").path("loc").path("crd").asText());
        assertEquals(200, client.delete("/" + lcp.path("ri").asText()).send().status());
    }

    @Test
    void ts0004_7_4_10_2_1_thePolicyExceptionIsTheLocationStatus() {
        ANSWERS.add("POL0002");
        JsonNode lcp = policies.create("\"aid\":\"stranger@operator.example\"");
        Eventually.holds(WAIT, () -> "POL0002".equals(policies.status(lcp.path("ri").asText())), "locationStatus POL0002");
        assertEquals(0, policies.instances(lcp.path("loi").asText()));
    }

    @Test
    void ts0004_7_4_10_2_1_aLocationServerNotProvisionedIsRefused() {
        Reply r = client.create("/cse-loc", 10, "{\"m2m:lcp\":{\"los\":1,\"lot\":\"tel:+15550100\","
                + "\"lor\":\"http://169.254.169.254/tl/1\"}}").header("X-M2M-RVI", "4").send();
        assertEquals(4000, r.rsc(), r.text());
        assertTrue(r.text().contains("lor"), r.text());
        assertTrue(QUERIES.isEmpty());
    }

    /** TS-0004 7.4.10.2.1 step 3: rlkl is served by the 3GPP Monitoring Event API only, which this CSE has not. */
    @Test
    void ts0004_7_4_10_2_1_retrieveLastKnownLocationWithoutThe3gppApiIsRefused() {
        Reply r = client.create("/cse-loc", 10, "{\"m2m:lcp\":{\"los\":1,\"lot\":\"tel:+15550100\",\"rlkl\":true}}")
                .header("X-M2M-RVI", "4").send();
        assertEquals(4000, r.rsc(), r.text());
        assertTrue(r.text().contains("rlkl") && r.text().contains("3GPP"), r.text());
        assertTrue(QUERIES.isEmpty());
    }
}
