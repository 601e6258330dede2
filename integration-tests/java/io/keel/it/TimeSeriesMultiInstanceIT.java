package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Keel instances on one PostgreSQL database detect the missing data of the same timeSeries (TS-0001 10.2.4.29):
 * each gap is recorded and notified once, whichever instance finds it. Skipped unless {@value FreshPostgres#SERVER}
 * names a PostgreSQL server.
 */
class TimeSeriesMultiInstanceIT {
    private static final int SERIES = 10;
    private static final long PEI = 400;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss,SSSSSS");
    private static final List<KeelProcess> instances = new ArrayList<>();
    private static FreshPostgres database;

    @BeforeAll
    static void startTwoInstances() {
        String server = FreshPostgres.serverFromEnvironment();
        if (server == null) {
            return;
        }
        database = FreshPostgres.create(server, "tsmulti");
        // Both poll often, so that they race for the same due series.
        Map<String, String> settings = Map.of("KEEL_DB_URL", database.url(), "KEEL_TIMESERIES_DETECT_INTERVAL", "20");
        instances.add(KeelProcess.start(settings));
        instances.add(KeelProcess.start(settings));
    }

    @AfterAll
    static void stop() {
        instances.forEach(KeelProcess::close);
        instances.clear();
        if (database != null) {
            database.close();
        }
    }

    @Test
    void eachGapIsRecordedAndNotifiedOnce() throws InterruptedException {
        assumeTrue(database != null, FreshPostgres.SERVER + " names no PostgreSQL server");
        OneM2MClient a = new OneM2MClient(instances.get(0).base());
        OneM2MClient b = new OneM2MClient(instances.get(1).base());
        String ae = a.registerAe("C" + OneM2MClient.unique("tsMulti"), OneM2MClient.unique("tsMultiAe"));
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            Map<String, String> seriesOfSubscription = new HashMap<>();
            Map<String, LocalDateTime> first = new HashMap<>();
            for (int i = 0; i < SERIES; i++) {
                OneM2MClient cse = i % 2 == 0 ? a : b;
                Reply ts = cse.create("/" + ae, 29, "{\"m2m:ts\":{\"rn\":\"ts" + i + "\",\"pei\":" + PEI
                        + ",\"peid\":0,\"mdt\":100,\"mdd\":true,\"mdn\":1000}}").from(ae).send();
                assertEquals(201, ts.status(), ts.text());
                String path = "/" + ae + "/ts" + i;
                Reply sub = cse.create(path, 23, "{\"m2m:sub\":{\"nu\":[\"" + receiver.url()
                        + "\"],\"enc\":{\"net\":[8],\"md\":{\"num\":1,\"dur\":\"PT1M\"}}}}").from(ae).send();
                assertEquals(201, sub.status(), sub.text());
                seriesOfSubscription.put("/id-in/" + sub.json().path("m2m:sub").path("ri").asText(), path);
                Reply tsi = cse.create(path, 30, "{\"m2m:tsi\":{\"dgt\":0,\"con\":\"x\"}}").from(ae).send();
                assertEquals(201, tsi.status(), tsi.text());
                first.put(path, LocalDateTime.parse(tsi.json().path("m2m:tsi").path("dgt").asText(), TIMESTAMP));
            }
            Thread.sleep(3000); // some gaps per series, each one found by either instance
            for (int i = 0; i < SERIES; i++) {
                Reply stop = (i % 2 == 0 ? b : a).put("/" + ae + "/ts" + i, "{\"m2m:ts\":{\"mdd\":false}}").from(ae).send();
                assertEquals(2004, stop.rsc(), stop.text());
            }

            int recorded = 0;
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < SERIES; i++) {
                String path = "/" + ae + "/ts" + i;
                JsonNode ts = a.get(path).from(ae).send().json().path("m2m:ts");
                JsonNode mdlt = ts.path("mdlt");
                assertEquals(mdlt.size(), ts.path("mdc").asInt(), ts.toString());
                assertTrue(mdlt.size() >= 2, ts.toString());
                for (int k = 0; k < mdlt.size(); k++) {
                    // Consecutive expected times, none twice: no gap recorded by both instances, none skipped.
                    assertEquals(TIMESTAMP.format(first.get(path).plusNanos((k + 1) * PEI * 1_000_000)), mdlt.get(k).asText(),
                            ts.toString());
                    expected.add(path + " " + mdlt.get(k).asText());
                }
                recorded += mdlt.size();
            }
            Set<String> notified = new HashSet<>();
            for (NotificationReceiver.Received n : receiver.next(recorded, Duration.ofSeconds(20))) {
                JsonNode sgn = n.sgn();
                String series = seriesOfSubscription.get(sgn.path("sur").asText());
                for (JsonNode point : sgn.path("nev").path("rep").path("m2m:tsn").path("mdlt")) {
                    assertTrue(notified.add(series + " " + point.asText()), "notified twice: " + series + " " + point.asText());
                }
            }
            receiver.expectNothing(Duration.ofMillis(500));
            assertEquals(expected, notified);
        }
    }
}
