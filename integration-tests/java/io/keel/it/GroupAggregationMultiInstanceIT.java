package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Keel instances on one PostgreSQL database share a group's aggregation (TS-0004 7.5.1.2.6, V22): the member
 * notifications each instance takes fill one batch, which goes once, as one m2m:agn, by number or by duration.
 * Skipped unless {@value FreshPostgres#SERVER} names a PostgreSQL server.
 */
class GroupAggregationMultiInstanceIT {
    private static final List<KeelProcess> instances = new ArrayList<>();
    private static FreshPostgres database;
    private static OneM2MClient a;
    private static OneM2MClient b;
    private static String ae;

    @BeforeAll
    static void startTwoInstances() {
        String server = FreshPostgres.serverFromEnvironment();
        if (server == null) {
            return;
        }
        database = FreshPostgres.create(server, "groupmulti");
        Map<String, String> settings = Map.of("KEEL_DB_URL", database.url(), "KEEL_NOTIFICATION_LEASE", "3000");
        instances.add(KeelProcess.start(settings));
        instances.add(KeelProcess.start(settings));
        a = new OneM2MClient(instances.get(0).base());
        b = new OneM2MClient(instances.get(1).base());
        ae = a.registerAe("C" + OneM2MClient.unique("grpMulti"), OneM2MClient.unique("grpMultiAe"));
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
    void ts0004_7_5_1_2_6_notificationsTakenByBothInstancesFillOneBatchSentOnceByNumber() {
        assumeTrue(database != null, FreshPostgres.SERVER + " names no PostgreSQL server");
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            List<String> members = group("{\"num\":4,\"dur\":\"PT1H\"}", receiver);
            instance(a, members.get(0), "a0");
            instance(b, members.get(1), "b1");
            instance(a, members.get(2), "a2");
            receiver.expectNothing(Duration.ofMillis(500));
            instance(b, members.get(0), "b0");
            JsonNode sgns = receiver.next(Duration.ofSeconds(10)).json().path("m2m:agn").path("m2m:sgn");
            assertEquals(List.of("a0", "a2", "b0", "b1"), contents(sgns), sgns.toString());
            receiver.expectNothing(Duration.ofSeconds(2));
        }
    }

    @Test
    void ts0004_7_5_1_2_6_aBatchFilledOnBothInstancesGoesOnceWhenItsDurationIsUp() {
        assumeTrue(database != null, FreshPostgres.SERVER + " names no PostgreSQL server");
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            List<String> members = group("{\"num\":10,\"dur\":\"PT2S\"}", receiver);
            instance(a, members.get(0), "a0");
            instance(b, members.get(1), "b1");
            JsonNode sgns = receiver.next(Duration.ofSeconds(10)).json().path("m2m:agn").path("m2m:sgn");
            assertEquals(List.of("a0", "b1"), contents(sgns), sgns.toString());
            receiver.expectNothing(Duration.ofSeconds(3));
        }
    }

    /** Three containers in a group with {@code nar}, subscribed through its fanOutPoint with nfu; the containers' paths. */
    private static List<String> group(String nar, NotificationReceiver subscriber) {
        List<String> members = new ArrayList<>();
        List<String> ris = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String rn = OneM2MClient.unique("cnt");
            Reply c = a.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"" + rn + "\"}}").from(ae).send();
            assertEquals(201, c.status(), c.text());
            members.add("/" + ae + "/" + rn);
            ris.add(c.json().path("m2m:cnt").path("ri").asText());
        }
        String grp = OneM2MClient.unique("grp");
        Reply g = a.create("/" + ae, 9, "{\"m2m:grp\":{\"rn\":\"" + grp + "\",\"mt\":3,\"mnm\":5,\"mid\":[\""
                + String.join("\",\"", ris) + "\"],\"nar\":" + nar + "}}").from(ae).send();
        assertEquals(201, g.status(), g.text());
        Reply sub = a.create("/" + ae + "/" + grp + "/fopt", 23, "{\"m2m:sub\":{\"enc\":{\"net\":[3]},\"nu\":[\""
                + subscriber.url() + "\"],\"nfu\":\"" + subscriber.url() + "\"}}").from(ae).send();
        assertEquals(2000, sub.rsc(), sub.text());
        return members;
    }

    private static void instance(OneM2MClient cse, String cnt, String con) {
        Reply r = cse.create(cnt, 4, "{\"m2m:cin\":{\"con\":\"" + con + "\"}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
    }

    private static List<String> contents(JsonNode sgns) {
        List<String> con = new ArrayList<>();
        sgns.forEach(s -> con.add(s.path("nev").path("rep").path("m2m:cin").path("con").asText()));
        con.sort(null);
        return con;
    }
}
