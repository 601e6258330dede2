package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.NotificationReceiver.Received;
import io.keel.it.OneM2MClient.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code <schedule>} (ty 18, TS-0004 7.4.9; TS-0001 9.6.9) over HTTP: its CRUD in JSON and XML, the scheduleEntry format
 * (table 7.4.9.1-4), where it may be created, and a subscription's notificationSchedule deciding when notifications
 * reach a real receiver (TS-0001 9.6.8 notificationSchedule and pendingNotification).
 */
class ScheduleIT extends KeelIT {
    private static final String XML_NS = "xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"";
    private static final String ALWAYS = "* * * * * * *";
    /** A window that never opens again: the year 2000 is past. */
    private static final String NEVER_AGAIN = "* * * * * * 2000";
    private NotificationReceiver receiver;
    private String ae;
    private String cnt;
    /** The container's structured path, under which the subscriptions are. */
    private String data;

    @BeforeEach
    void setUp() {
        receiver = new NotificationReceiver();
        String aeName = OneM2MClient.unique("schAe");
        ae = cse.registerAe("C" + OneM2MClient.unique("sch"), aeName);
        data = "cse-in/" + aeName + "/data";
        Reply c = cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"data\"}}").from(ae).send();
        assertEquals(201, c.status(), c.text());
        cnt = c.json().path("m2m:cnt").path("ri").asText();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    private static String se(String... entries) {
        return "\"se\":{\"sce\":[" + String.join(",", List.of(entries).stream().map(e -> "\"" + e + "\"").toList()) + "]}";
    }

    /** @return the subscription's structured path */
    private String subscribe(String extra) {
        String rn = OneM2MClient.unique("sub");
        Reply r = cse.create("/" + cnt, 23, "{\"m2m:sub\":{\"rn\":\"" + rn + "\",\"nu\":[\"" + receiver.url()
                + "\"],\"enc\":{\"net\":[3]}" + extra + "}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
        return data + "/" + rn;
    }

    private Reply schedule(String parent, String attributes) {
        return cse.create("/" + parent, 18, "{\"m2m:sch\":{" + attributes + "}}").from(ae).send();
    }

    private String instance(String con) {
        Reply r = cse.create("/" + cnt, 4, "{\"m2m:cin\":{\"con\":\"" + con + "\"}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
        return con;
    }

    private static String con(Received n) {
        return n.sgn().path("nev").path("rep").path("m2m:cin").path("con").asText();
    }

    private static void assertError(Reply r, int rsc, String... inDbg) {
        assertEquals(rsc, r.rsc(), r.text());
        String dbg = r.json().path("m2m:dbg").asText();
        for (String s : inDbg) {
            assertTrue(dbg.contains(s), "m2m:dbg should name " + s + ": " + r.text());
        }
    }

    @Test
    void ts0004_7_4_9_crudInJson_underASubscriptionItIsNamedNotificationSchedule() {
        String sub = subscribe("");
        Reply created = schedule(sub, se("* 0-5 2,6,10 * * * *", "* * 8-20 * * */2 2026-2030"));
        assertEquals(201, created.status(), created.text());
        assertEquals(2001, created.rsc());
        JsonNode sch = created.json().path("m2m:sch");
        assertEquals(18, sch.path("ty").asInt());
        assertEquals("notificationSchedule", sch.path("rn").asText(), "TS-0004 table 7.4.8.1-4");
        assertEquals(cse.get("/" + sub).from(ae).send().json().path("m2m:sub").path("ri").asText(), sch.path("pi").asText());
        assertEquals("* 0-5 2,6,10 * * * *", sch.path("se").path("sce").path(0).asText());
        String ri = sch.path("ri").asText();

        Reply read = cse.get("/" + sub + "/notificationSchedule").from(ae).send();
        assertEquals(200, read.status(), read.text());
        assertEquals(ri, read.json().path("m2m:sch").path("ri").asText());

        Reply updated = cse.put("/" + ri, "{\"m2m:sch\":{" + se(ALWAYS) + "}}").from(ae).send();
        assertEquals(200, updated.status(), updated.text());
        assertEquals(1, updated.json().path("m2m:sch").path("se").path("sce").size());
        assertEquals(ALWAYS, cse.get("/" + ri).from(ae).send().json().path("m2m:sch").path("se").path("sce").path(0).asText());

        Reply deleted = cse.delete("/" + ri).from(ae).send();
        assertEquals(200, deleted.status(), deleted.text());
        assertEquals(4004, cse.get("/" + ri).from(ae).send().rsc());
    }

    @Test
    void ts0004_7_4_9_crudInXml_oneSceElementPerEntry() {
        String sub = subscribe("");
        String xml = "<m2m:sch " + XML_NS + "><se><sce>* 0-5 2,6,10 * * * *</sce><sce>0 0 12 * * 1-5 *</sce></se></m2m:sch>";
        Reply created = cse.method("POST", "/" + sub).body(xml.getBytes(StandardCharsets.UTF_8), "application/xml;ty=18")
                .header("Accept", "application/xml").from(ae).send();
        assertEquals(201, created.status(), created.text());
        assertTrue(created.text().contains("<sce>* 0-5 2,6,10 * * * *</sce><sce>0 0 12 * * 1-5 *</sce>"), created.text());

        String one = "<m2m:sch " + XML_NS + "><se><sce>* * * * * 0 *</sce></se></m2m:sch>";
        Reply updated = cse.method("PUT", "/" + sub + "/notificationSchedule").body(one.getBytes(StandardCharsets.UTF_8),
                "application/xml").header("Accept", "application/xml").from(ae).send();
        assertEquals(200, updated.status(), updated.text());
        JsonNode json = cse.get("/" + sub + "/notificationSchedule").from(ae).send().json().path("m2m:sch");
        assertEquals(1, json.path("se").path("sce").size(), json.toString());
        assertEquals("* * * * * 0 *", json.path("se").path("sce").path(0).asText());

        String bad = "<m2m:sch " + XML_NS + "><se><sce>* * * * * 9 *</sce></se></m2m:sch>";
        Reply refused = cse.method("PUT", "/" + sub + "/notificationSchedule").body(bad.getBytes(StandardCharsets.UTF_8),
                "application/xml").from(ae).send();
        assertEquals(4000, refused.rsc(), refused.text());
        assertTrue(refused.text().contains("day of week"), refused.text());
    }

    @Test
    void ts0004_table_7_4_9_1_4_malformedEntriesAre4000NamingEntryAndField() {
        String sub = subscribe("");
        assertError(schedule(sub, se("* * 24 * * * *")), 4000, "se.sce", "\"* * 24 * * * *\"", "field hour", "24");
        assertError(schedule(sub, se(ALWAYS, "* * * * * *")), 4000, "\"* * * * * *\"", "has 6 fields");
        assertError(schedule(sub, se("* * 5-2 * * * *")), 4000, "field hour", "runs backwards");
        assertError(schedule(sub, se("* * * * * * 1999")), 4000, "field year", "1999");
        assertError(schedule(sub, se("* */0 * * * * *")), 4000, "field minute", "step");
        assertError(schedule(sub, "\"se\":{\"sce\":[]}"), 4000, "se.sce", "at least one");
        assertError(schedule(sub, "\"lbl\":[\"x\"]"), 4000, "se");
        assertError(schedule(sub, "\"se\":{\"sce\":[5]}"), 4000, "se.sce");
        assertEquals(4004, cse.get("/" + sub + "/notificationSchedule").from(ae).send().rsc(), "nothing half-created");

        assertEquals(201, schedule(sub, se(ALWAYS)).status());
        Reply badUpdate = cse.put("/" + sub + "/notificationSchedule", "{\"m2m:sch\":{" + se("* * * 32 * * *") + "}}").from(ae).send();
        assertError(badUpdate, 4000, "field day of month", "32");
        assertEquals(ALWAYS, cse.get("/" + sub + "/notificationSchedule").from(ae).send().json().path("m2m:sch").path("se")
                .path("sce").path(0).asText(), "the refused update changed nothing");
    }

    @Test
    void ts0004_table_7_4_8_1_4_aSubscriptionHasAtMostOneSchedule_namedNotificationSchedule() {
        String sub = subscribe("");
        assertError(schedule(sub, "\"rn\":\"other\"," + se(ALWAYS)), 4000, "notificationSchedule");
        assertEquals(201, schedule(sub, "\"rn\":\"notificationSchedule\"," + se(ALWAYS)).status());
        assertEquals(4105, schedule(sub, se(ALWAYS)).rsc(), "a second schedule of one subscription");
    }

    @Test
    void ts0004_7_4_9_2_1_networkCoordinatedOnlyUnderANode_4102() {
        String sub = subscribe("");
        assertError(schedule(sub, se(ALWAYS) + ",\"nco\":true"), 4102, "nco");
        assertEquals(201, schedule(sub, se(ALWAYS)).status());
        Reply update = cse.put("/" + sub + "/notificationSchedule", "{\"m2m:sch\":{\"nco\":false}}").from(ae).send();
        assertError(update, 4102, "nco");
    }

    @Test
    void ts0004_7_4_9_2_1_aNodesScheduleMayBeNetworkCoordinated() {
        String rn = OneM2MClient.unique("schNode");
        Reply node = cse.create("/cse-in", 14, "{\"m2m:nod\":{\"rn\":\"" + rn + "\",\"ni\":\""
                + OneM2MClient.unique("urn:dev:") + "\"}}").from(OneM2MClient.ADMIN).send();
        assertEquals(201, node.status(), node.text());
        try {
            Reply created = cse.create("/cse-in/" + rn, 18, "{\"m2m:sch\":{" + se("* 0-30 2 * * * *") + ",\"nco\":true}}")
                    .from(OneM2MClient.ADMIN).send();
            assertEquals(201, created.status(), created.text());
            assertEquals(true, created.json().path("m2m:sch").path("nco").asBoolean(false));
        } finally {
            cse.delete("/cse-in/" + rn).from(OneM2MClient.ADMIN).send();
        }
    }

    @Test
    void ts0001_9_6_1_1_aScheduleIsNotAChildOfAnAeOrContainer_4108() {
        assertEquals(4108, schedule(ae, se(ALWAYS)).rsc());
        assertEquals(4108, schedule(cnt, se(ALWAYS)).rsc());
    }

    @Test
    void ts0004_table_7_4_3_1_4_theCseBaseHasAtMostOneSchedule_storedAndValidated() {
        String admin = OneM2MClient.ADMIN;
        Reply created = cse.create("/cse-in", 18, "{\"m2m:sch\":{\"rn\":\"availability\"," + se("* * 6-22 * * * *") + "}}")
                .from(admin).send();
        assertEquals(201, created.status(), created.text());
        String ri = created.json().path("m2m:sch").path("ri").asText();
        try {
            Reply second = cse.create("/cse-in", 18, "{\"m2m:sch\":{" + se(ALWAYS) + "}}").from(admin).send();
            assertEquals(4105, second.rsc(), second.text());
            assertError(cse.create("/cse-in", 18, "{\"m2m:sch\":{" + se("* * * * 13 * *") + "}}").from(admin).send(), 4000,
                    "field month");
            assertEquals("* * 6-22 * * * *", cse.get("/cse-in/availability").from(admin).send().json().path("m2m:sch")
                    .path("se").path("sce").path(0).asText());
        } finally {
            assertEquals(200, cse.delete("/" + ri).from(admin).send().status());
        }
    }

    @Test
    void ts0004_7_4_9_1_aScheduleIsGovernedByItsAcpiOrItsParent() {
        String sub = subscribe("");
        assertEquals(201, schedule(sub, se(ALWAYS)).status());
        String stranger = cse.registerAe("C" + OneM2MClient.unique("stranger"), OneM2MClient.unique("strangerAe"));
        assertEquals(4103, cse.get("/" + sub + "/notificationSchedule").from(stranger).send().rsc());
        assertEquals(4103, cse.put("/" + sub + "/notificationSchedule", "{\"m2m:sch\":{" + se(NEVER_AGAIN) + "}}")
                .from(stranger).send().rsc());
    }

    /** TS-0001 9.6.8: without pendingNotification, what the schedule keeps from being sent is not sent later either. */
    @Test
    void ts0001_9_6_9_outsideTheScheduleNothingIsSent_andWithoutPnMissedNotificationsAreDropped() {
        String sub = subscribe("");
        assertEquals(201, schedule(sub, se(NEVER_AGAIN)).status());
        instance("missed");
        receiver.expectNothing(Duration.ofMillis(700));

        Reply open = cse.put("/" + sub + "/notificationSchedule", "{\"m2m:sch\":{" + se(ALWAYS) + "}}").from(ae).send();
        assertEquals(200, open.status(), open.text());
        instance("sent");
        assertEquals("sent", con(receiver.next()), "the missed one is dropped, the next one goes");
        receiver.expectNothing(Duration.ofMillis(300));
    }

    /** TS-0001 9.6.8 pendingNotification sendAllPending: every missed notification, in order, once the schedule allows. */
    @Test
    void ts0001_9_6_8_sendAllPending_heldNotificationsGoInOrderWhenTheScheduleOpens() {
        String sub = subscribe(",\"pn\":2");
        assertEquals(201, schedule(sub, se(NEVER_AGAIN)).status());
        instance("one");
        instance("two");
        instance("three");
        receiver.expectNothing(Duration.ofMillis(700));

        Reply open = cse.put("/" + sub + "/notificationSchedule", "{\"m2m:sch\":{" + se(ALWAYS) + "}}").from(ae).send();
        assertEquals(200, open.status(), open.text());
        List<String> got = new ArrayList<>();
        for (Received n : receiver.next(3, Duration.ofSeconds(10))) {
            got.add(con(n));
        }
        assertEquals(List.of("one", "two", "three"), got);
    }

    /** TS-0001 9.6.8 pendingNotification sendLatest: only the newest missed one, with Event Category latest (4). */
    @Test
    void ts0001_9_6_8_sendLatest_onlyTheNewestHeldNotificationGoes_asLatest() {
        String sub = subscribe(",\"pn\":1");
        assertEquals(201, schedule(sub, se(NEVER_AGAIN)).status());
        instance("old");
        instance("newest");
        receiver.expectNothing(Duration.ofMillis(700));

        assertEquals(200, cse.delete("/" + sub + "/notificationSchedule").from(ae).send().status());
        Received n = receiver.next();
        assertEquals("newest", con(n));
        assertEquals("4", n.header("X-M2M-EC"));
        receiver.expectNothing(Duration.ofMillis(300));
    }

    /** TS-0004 7.5.1.2.2 step 3.0: notificationEventCat immediate sends whatever the notificationSchedule says. */
    @Test
    void ts0004_7_5_1_2_2_step3_immediateEventCategoryIgnoresTheNotificationSchedule() {
        String sub = subscribe(",\"nec\":2");
        assertEquals(201, schedule(sub, se(NEVER_AGAIN)).status());
        instance("urgent");
        Received n = receiver.next();
        assertEquals("urgent", con(n));
        assertEquals("2", n.header("X-M2M-EC"));
    }

    /**
     * A window relative to now: the entries allow only the seconds from a few seconds ahead on, so the notification
     * raised now is held (pn 2) and goes out by itself when the window opens, no request needed.
     */
    @Test
    void ts0001_9_6_9_heldNotificationsGoOutByThemselvesWhenTheWindowOpens() {
        ZonedDateTime opens = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);
        List<String> entries = new ArrayList<>();
        for (int s = 0; s < 30; s++) {
            ZonedDateTime t = opens.plusSeconds(s);
            entries.add(t.getSecond() + " " + t.getMinute() + " " + t.getHour() + " " + t.getDayOfMonth() + " "
                    + t.getMonthValue() + " * " + t.getYear());
        }
        String sub = subscribe(",\"pn\":2");
        assertEquals(201, schedule(sub, se(entries.toArray(String[]::new))).status());
        instance("waited");
        Received n = receiver.next(Duration.ofSeconds(20));
        assertEquals("waited", con(n));
        assertTrue(!Instant.now().isBefore(opens.toInstant()), "delivered inside the window");
    }

    @Test
    void ts0004_7_4_9_1_withoutAScheduleThereIsNoTimeConstraint() {
        String sub = subscribe("");
        instance("free");
        assertEquals("free", con(receiver.next()));
        assertEquals(4004, cse.get("/" + sub + "/notificationSchedule").from(ae).send().rsc());
    }

    @Test
    void ts0004_7_4_9_deletingTheSubscriptionDeletesItsSchedule() {
        String sub = subscribe("");
        String ri = schedule(sub, se(ALWAYS)).json().path("m2m:sch").path("ri").asText();
        assertEquals(200, cse.delete("/" + sub).from(ae).send().status());
        assertEquals(4004, cse.get("/" + ri).from(ae).send().rsc());
    }
}
