package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.keel.it.OneM2MClient.Reply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A one-time 3GPP location report (TS-0004 annex G.3; 3GPP TS 29.122 as known) with two Keel instances on one
 * PostgreSQL database behind one callback URL: instance A positions (its tracker runs; B's does not), the SCEF/NEF
 * answers 201 and notifies the report to the callback URL, which is B's. B stores it for A, which stores the position;
 * the awaited row is deleted afterwards. Skipped unless {@value FreshPostgres#SERVER} names a PostgreSQL server.
 */
class LocationReportInstancesIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<JsonNode> POSTED = new CopyOnWriteArrayList<>();
    /** The status each notification of the report was answered with (by B). */
    private static final List<Integer> NOTIFIED = new CopyOnWriteArrayList<>();
    private static HttpServer scef;
    private static FreshPostgres database;
    private static KeelProcess a;
    private static KeelProcess b;

    @BeforeAll
    static void start() throws IOException {
        String server = FreshPostgres.serverFromEnvironment();
        if (server == null) {
            return; // the test then skips itself
        }
        database = FreshPostgres.create(server, "locreport");
        scef = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        scef.createContext("/3gpp-monitoring-event/v1/scs1/subscriptions", LocationReportInstancesIT::scef);
        scef.start();
        int portB = KeelProcess.freePort();
        Map<String, String> shared = Map.of("KEEL_DB_URL", database.url(),
                "KEEL_LOCATION_SCEF", "http://127.0.0.1:" + scef.getAddress().getPort() + "/3gpp-monitoring-event/v1/scs1",
                "KEEL_LOCATION_CALLBACK", "http://127.0.0.1:" + portB, "KEEL_LOCATION_TIMEOUT", "5000");
        // B first: it holds portB, which A's own free port would otherwise be free to take.
        b = KeelProcess.start(with(with(shared, "KEEL_LOCATION_FIX_INTERVAL", "0"), "KEEL_HTTP_PORT", String.valueOf(portB)));
        a = KeelProcess.start(with(shared, "KEEL_LOCATION_FIX_INTERVAL", "200"));
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        java.util.HashMap<String, String> all = new java.util.HashMap<>(settings);
        all.put(key, value);
        return all;
    }

    @AfterAll
    static void stop() {
        for (KeelProcess p : new KeelProcess[] {a, b}) {
            if (p != null) {
                p.close();
            }
        }
        if (scef != null) {
            scef.stop(0);
        }
        if (database != null) {
            database.close();
        }
    }

    /** A one-time subscription: 201, then the report notified to its notificationDestination. */
    private static void scef(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        JsonNode s = JSON.readTree(exchange.getRequestBody());
        POSTED.add(s);
        String self = "/3gpp-monitoring-event/v1/scs1/subscriptions/sub-" + POSTED.size();
        LocationServerExchanges.answer(exchange, 201, self, "{\"monitoringType\":\"LOCATION_REPORTING\"}");
        NOTIFIED.add(LocationServerExchanges.notify(s.path("notificationDestination").asText(), "{\"subscription\":\"" + self
                + "\",\"monitoringEventReports\":[{\"monitoringType\":\"LOCATION_REPORTING\",\"locationInfo\":"
                + "{\"geographicArea\":{\"shape\":\"POINT\",\"point\":{\"lon\":2.35,\"lat\":48.85}}}}]}").statusCode());
    }

    private static int awaitedRows() throws SQLException {
        try (Connection c = DriverManager.getConnection(database.url());
             ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM location_report")) {
            r.next();
            return r.getInt(1);
        }
    }

    @Test
    void ts0004_G_3_aOneTimeReportNotifiedToAnotherInstanceIsThePositionOfTheInstanceThatAsked() throws Exception {
        assumeTrue(database != null, FreshPostgres.SERVER + " names no PostgreSQL server");
        OneM2MClient atA = new OneM2MClient(a.base());
        Reply r = atA.create("/cse-in", 10, "{\"m2m:lcp\":{\"los\":1,\"lot\":\"tel:+15550100\",\"lou\":[\"PT1H\"]}}")
                .header("X-M2M-RVI", "4").send();
        assertEquals(201, r.status(), r.text());
        String ri = r.json().path("m2m:lcp").path("ri").asText();
        String loi = r.json().path("m2m:lcp").path("loi").asText();
        Eventually.holds(WAIT, () -> !"1000".equals(atA.get("/" + ri).send().json().path("m2m:lcp").path("lost").asText()),
                "positioned at creation");
        assertEquals("2000", atA.get("/" + ri).send().json().path("m2m:lcp").path("lost").asText(), "not a timeout");
        assertEquals(List.of(204), NOTIFIED, "B took the report A awaited");
        assertEquals(1, POSTED.size());
        assertEquals(1, POSTED.get(0).path("maximumNumberOfReports").asInt(), POSTED.get(0).toString());
        assertEquals("[2.35, 48.85]", atA.get("/" + loi + "/la").header("X-M2M-RVI", "4").send().json()
                .path("m2m:cin").path("loc").path("crd").asText());
        assertEquals(0, awaitedRows(), "the awaited row deleted afterwards");
    }
}
