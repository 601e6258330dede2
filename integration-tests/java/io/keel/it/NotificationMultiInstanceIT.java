package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keel.it.NotificationReceiver.Received;
import io.keel.it.OneM2MClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Keel instances on one PostgreSQL database share the notification outbox (V16): each notification is sent once,
 * by the instance that committed the change, while both renew their leases; when one is killed, what it held is sent
 * by the other once the lease has run out, in order. Skipped unless {@value FreshPostgres#SERVER} names a PostgreSQL
 * server.
 */
class NotificationMultiInstanceIT {
    /** Short, so that a takeover comes quickly, and renewals must keep up for nothing to be sent twice. */
    private static final long LEASE_MILLIS = 3000;
    private static final List<KeelProcess> instances = new ArrayList<>();
    private static FreshPostgres database;
    private static OneM2MClient a;
    private static OneM2MClient b;

    @BeforeAll
    static void startTwoInstances() {
        String server = FreshPostgres.serverFromEnvironment();
        if (server == null) {
            return;
        }
        database = FreshPostgres.create(server, "notifymulti");
        Map<String, String> settings = Map.of("KEEL_DB_URL", database.url(),
                "KEEL_NOTIFICATION_LEASE", String.valueOf(LEASE_MILLIS));
        instances.add(KeelProcess.start(settings));
        instances.add(KeelProcess.start(settings));
        a = new OneM2MClient(instances.get(0).base());
        b = new OneM2MClient(instances.get(1).base());
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
    void changesOnBothInstancesAreEachNotifiedOnce_leasesRenewedPastTheirLength() {
        assumeTrue(database != null, FreshPostgres.SERVER + " names no PostgreSQL server");
        String ae = a.registerAe("C" + OneM2MClient.unique("ntfMulti"), OneM2MClient.unique("ntfMultiAe"));
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            String cnt = container(ae, receiver.url(), "");
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sent.add(instance(i % 2 == 0 ? a : b, ae, cnt, "n" + i));
            }
            List<String> got = new ArrayList<>();
            for (Received n : receiver.next(10, Duration.ofSeconds(20))) {
                got.add(con(n));
            }
            assertEquals(sent.stream().sorted().toList(), got.stream().sorted().toList());
            // Longer than the lease: neither instance takes the other's rows while both renew.
            receiver.expectNothing(Duration.ofMillis(2 * LEASE_MILLIS));
        }
    }

    /**
     * TS-0001 9.6.8 pendingNotification sendAllPending across instances: what a killed instance kept for an
     * unreachable receiver is sent by the other once the lease runs out, in order, once each.
     */
    @Test
    void ts0001_9_6_8_aKilledInstancesKeptNotificationsAreSentByTheOtherAfterTheLease() {
        assumeTrue(database != null, FreshPostgres.SERVER + " names no PostgreSQL server");
        KeelProcess crashing = KeelProcess.start(Map.of("KEEL_DB_URL", database.url(),
                "KEEL_NOTIFICATION_LEASE", String.valueOf(LEASE_MILLIS)));
        OneM2MClient c = new OneM2MClient(crashing.base());
        String ae = c.registerAe("C" + OneM2MClient.unique("ntfCrash"), OneM2MClient.unique("ntfCrashAe"));
        NotificationReceiver.Address down = NotificationReceiver.Address.unused();
        String cnt = container(ae, down.url("/notify"), ",\"pn\":2");
        for (String con : List.of("k1", "k2", "k3")) {
            instance(c, ae, cnt, con);
        }
        crashing.kill();
        try (NotificationReceiver back = new NotificationReceiver(down)) {
            List<String> got = new ArrayList<>();
            for (Received n : back.next(3, Duration.ofSeconds(30))) {
                got.add(con(n));
            }
            assertEquals(List.of("k1", "k2", "k3"), got);
            back.expectNothing(Duration.ofMillis(2 * LEASE_MILLIS));
        } finally {
            crashing.close();
        }
    }

    /** A container of the AE with a subscription (net 3) to {@code nu}; its path. */
    private static String container(String ae, String nu, String extra) {
        String rn = OneM2MClient.unique("cnt");
        assertEquals(201, a.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"" + rn + "\"}}").from(ae).send().status());
        Reply sub = a.create("/" + ae + "/" + rn, 23, "{\"m2m:sub\":{\"nu\":[\"" + nu + "\"],\"enc\":{\"net\":[3]}"
                + extra + "}}").from(ae).send();
        assertEquals(201, sub.status(), sub.text());
        return "/" + ae + "/" + rn;
    }

    private static String instance(OneM2MClient cse, String ae, String cnt, String con) {
        Reply r = cse.create(cnt, 4, "{\"m2m:cin\":{\"con\":\"" + con + "\"}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
        return con;
    }

    private static String con(Received n) {
        return n.sgn().path("nev").path("rep").path("m2m:cin").path("con").asText();
    }
}
