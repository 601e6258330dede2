package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The member notifications a {@code <group>} collects for a subscription made through its fanOutPoint with nfu
 * (TS-0004 7.5.1.2.6) survive a crash of the group-hosting CSE (Keel's group_aggregation, V22): a {@code java -jar}
 * CSE on H2 collects them, is killed hard and started again on the same data; each batch then goes once, complete,
 * with no notification twice (the members' hosts send again what was not answered). The steps run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GroupAggregationDurabilityIT {
    private static final String AE = "C" + OneM2MClient.unique("gagg");
    /** Three members, nar num 3 with an hour: only the third notification sends the batch. */
    private static final NotificationReceiver BY_NUMBER = new NotificationReceiver();
    /** Three members, nar num 10 and 4 s: the time is up while the CSE is down. */
    private static final NotificationReceiver BY_DURATION = new NotificationReceiver();
    private static Map<String, String> env;
    private static KeelProcess cse;
    private static OneM2MClient client;

    private static void start() {
        cse = KeelProcess.start(env);
        client = new OneM2MClient(cse.base());
    }

    @Test
    @Order(1)
    void memberNotificationsAreCollectedWhenTheCseIsKilled() throws IOException {
        Path data = Files.createTempDirectory("keel-gagg");
        env = Map.of("KEEL_DATA_DIR", data.toString(), "KEEL_DB_URL", "jdbc:h2:file:" + data.resolve("keel") + ";WRITE_DELAY=0",
                "KEEL_NOTIFICATION_INSTANCE", "gagg-1");
        start();
        client.registerAe(AE, AE);
        group("num", "{\"num\":3,\"dur\":\"PT1H\"}", BY_NUMBER);
        group("dur", "{\"num\":10,\"dur\":\"PT4S\"}", BY_DURATION);
        instance("num-0", "n0");
        instance("num-1", "n1");
        instance("dur-0", "d0");
        instance("dur-1", "d1");
        BY_NUMBER.expectNothing(Duration.ofMillis(300));
        BY_DURATION.expectNothing(Duration.ofMillis(10));
        cse.kill();
        start();
    }

    /** A batch whose duration ran out while the CSE was down goes after the restart, once, with what it held. */
    @Test
    @Order(2)
    void ts0004_7_5_1_2_6_aBatchWhoseTimeRanOutWhileDownIsSentAfterTheRestart() {
        JsonNode sgns = BY_DURATION.next(Duration.ofSeconds(20)).json().path("m2m:agn").path("m2m:sgn");
        assertEquals(List.of("d0", "d1"), contents(sgns), sgns.toString());
        BY_DURATION.expectNothing(Duration.ofSeconds(5));
    }

    /** A half-filled batch is completed after the restart by the next member notification and sent as one. */
    @Test
    @Order(3)
    void ts0004_7_5_1_2_6_aHalfFilledBatchSurvivesARestartAndCompletes() {
        BY_NUMBER.expectNothing(Duration.ofMillis(300));
        instance("num-2", "n2");
        JsonNode sgns = BY_NUMBER.next(Duration.ofSeconds(10)).json().path("m2m:agn").path("m2m:sgn");
        assertEquals(List.of("n0", "n1", "n2"), contents(sgns), sgns.toString());
        BY_NUMBER.expectNothing(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        if (cse != null) {
            cse.close();
        }
        BY_NUMBER.close();
        BY_DURATION.close();
    }

    /** Containers {@code name-0..2} in a group with {@code nar}, subscribed through its fanOutPoint with nfu. */
    private static void group(String name, String nar, NotificationReceiver subscriber) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Reply c = client.create("/" + AE, 3, "{\"m2m:cnt\":{\"rn\":\"" + name + "-" + i + "\"}}").from(AE).send();
            assertEquals(201, c.status(), c.text());
            members.add(c.json().path("m2m:cnt").path("ri").asText());
        }
        Reply g = client.create("/" + AE, 9, "{\"m2m:grp\":{\"rn\":\"" + name + "\",\"mt\":3,\"mnm\":5,\"mid\":[\""
                + String.join("\",\"", members) + "\"],\"nar\":" + nar + "}}").from(AE).send();
        assertEquals(201, g.status(), g.text());
        Reply sub = client.create("/" + AE + "/" + name + "/fopt", 23, "{\"m2m:sub\":{\"rn\":\"watch\",\"enc\":{\"net\":[3]},"
                + "\"nu\":[\"" + subscriber.url() + "\"],\"nfu\":\"" + subscriber.url() + "\"}}").from(AE).send();
        assertEquals(2000, sub.rsc(), sub.text());
    }

    private static void instance(String cnt, String con) {
        Reply r = client.create("/" + AE + "/" + cnt, 4, "{\"m2m:cin\":{\"con\":\"" + con + "\"}}").from(AE).send();
        assertEquals(201, r.status(), r.text());
    }

    private static List<String> contents(JsonNode sgns) {
        List<String> con = new ArrayList<>();
        sgns.forEach(s -> con.add(s.path("nev").path("rep").path("m2m:cin").path("con").asText()));
        con.sort(null);
        return con;
    }
}
