package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.NotificationReceiver.Received;
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
 * Notifications that are pending, held or batched survive a crash of the CSE (Keel's outbox, V16): a
 * {@code java -jar} CSE on H2 in its own data directory gets them into that state, is killed hard (no shutdown hook
 * runs), and is started again on the same data; what it held goes out as the rules say, once each. The steps run in
 * order on one process.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationDurabilityIT {
    private static final String AE = "C" + OneM2MClient.unique("durable");
    private static final String NEVER_AGAIN = "* * * * * * 2000";
    private static final String ALWAYS = "* * * * * * *";
    /** Comes up after the restart, where the held notifications were addressed to. */
    private static final NotificationReceiver.Address DOWN = NotificationReceiver.Address.unused();
    private static final NotificationReceiver BATCHES = new NotificationReceiver();
    private static final NotificationReceiver SCHEDULED = new NotificationReceiver();
    private static Map<String, String> env;
    private static KeelProcess cse;
    private static OneM2MClient client;

    private static void start() {
        cse = KeelProcess.start(env);
        client = new OneM2MClient(cse.base());
    }

    @Test
    @Order(1)
    void notificationsArePendingHeldAndBatchedWhenTheCseIsKilled() throws IOException {
        Path data = Files.createTempDirectory("keel-durable");
        env = Map.of("KEEL_DATA_DIR", data.toString(), "KEEL_DB_URL", "jdbc:h2:file:" + data.resolve("keel") + ";WRITE_DELAY=0",
                // The same name after the restart: the instance takes its rows back at once, without waiting for the lease.
                "KEEL_NOTIFICATION_INSTANCE", "durable-1");
        start();
        client.registerAe(AE, AE);
        for (String cnt : List.of("pending", "batched", "scheduled")) {
            assertEquals(201, client.create("/" + AE, 3, "{\"m2m:cnt\":{\"rn\":\"" + cnt + "\"}}").from(AE).send().status());
        }
        subscribe("pending", DOWN.url("/notify"), ",\"pn\":2");
        subscribe("batched", BATCHES.url(), ",\"bn\":{\"num\":3,\"dur\":\"PT1H\"}");
        subscribe("scheduled", SCHEDULED.url(), ",\"pn\":2");
        assertEquals(201, client.create("/" + AE + "/scheduled/sub", 18, "{\"m2m:sch\":{\"se\":{\"sce\":[\"" + NEVER_AGAIN
                + "\"]}}}").from(AE).send().status());

        for (String con : List.of("p1", "p2", "p3")) {
            instance("pending", con);
        }
        instance("batched", "b1");
        instance("batched", "b2");
        instance("scheduled", "s1");
        instance("scheduled", "s2");
        BATCHES.expectNothing(Duration.ofMillis(500));
        SCHEDULED.expectNothing(Duration.ofMillis(10));
        cse.kill();
        start();
    }

    /**
     * TS-0001 9.6.8 pendingNotification sendAllPending (TS-0004 7.5.1.2.2 step 4.0): what was kept for an unreachable
     * receiver before the crash is sent, all of it in order, when the receiver is back, and once.
     */
    @Test
    @Order(2)
    void ts0001_9_6_8_sendAllPending_keptNotificationsSurviveARestartAndGoWhenTheReceiverIsBack() {
        try (NotificationReceiver back = new NotificationReceiver(DOWN)) {
            List<String> got = new ArrayList<>();
            for (Received n : back.next(3, Duration.ofSeconds(40))) {
                got.add(con(n.sgn()));
            }
            assertEquals(List.of("p1", "p2", "p3"), got);
            back.expectNothing(Duration.ofSeconds(2));
        }
    }

    /** TS-0001 10.2.10.7 batchNotify: a batch half filled before the crash is completed after it, and sent as one. */
    @Test
    @Order(3)
    void ts0001_10_2_10_7_batchNotify_aHalfFilledBatchSurvivesARestartAndCompletes() {
        BATCHES.expectNothing(Duration.ofMillis(300));
        instance("batched", "b3");
        JsonNode agn = BATCHES.next().json().path("m2m:agn").path("m2m:sgn");
        assertEquals(3, agn.size(), agn.toString());
        List<String> got = new ArrayList<>();
        agn.forEach(sgn -> got.add(con(sgn)));
        assertEquals(List.of("b1", "b2", "b3"), got);
        BATCHES.expectNothing(Duration.ofMillis(500));
    }

    /**
     * TS-0001 9.6.8 / 9.6.9: what the notificationSchedule held before the crash (pn sendAllPending) is still held
     * after it, and goes, in order, once the schedule allows.
     */
    @Test
    @Order(4)
    void ts0001_9_6_8_scheduleHeldNotificationsSurviveARestartAndGoWhenTheScheduleOpens() {
        SCHEDULED.expectNothing(Duration.ofMillis(700));
        Reply open = client.put("/" + AE + "/scheduled/sub/notificationSchedule", "{\"m2m:sch\":{\"se\":{\"sce\":[\""
                + ALWAYS + "\"]}}}").from(AE).send();
        assertEquals(200, open.status(), open.text());
        List<String> got = new ArrayList<>();
        for (Received n : SCHEDULED.next(2, Duration.ofSeconds(10))) {
            got.add(con(n.sgn()));
        }
        assertEquals(List.of("s1", "s2"), got);
        SCHEDULED.expectNothing(Duration.ofMillis(500));
    }

    @AfterAll
    static void stop() {
        if (cse != null) {
            cse.close();
        }
        BATCHES.close();
        SCHEDULED.close();
    }

    private static void subscribe(String cnt, String nu, String extra) {
        Reply r = client.create("/" + AE + "/" + cnt, 23, "{\"m2m:sub\":{\"rn\":\"sub\",\"nu\":[\"" + nu
                + "\"],\"enc\":{\"net\":[3]}" + extra + "}}").from(AE).send();
        assertEquals(201, r.status(), r.text());
    }

    private static void instance(String cnt, String con) {
        Reply r = client.create("/" + AE + "/" + cnt, 4, "{\"m2m:cin\":{\"con\":\"" + con + "\"}}").from(AE).send();
        assertEquals(201, r.status(), r.text());
    }

    private static String con(JsonNode sgn) {
        return sgn.path("nev").path("rep").path("m2m:cin").path("con").asText();
    }
}
