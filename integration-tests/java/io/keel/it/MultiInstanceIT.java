package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several Keel instances on one PostgreSQL database (issue 7): two {@code java -jar keel.war} share a fresh database
 * and are sent concurrent requests for the same resources. Together they must answer as one CSE would: every change
 * made on the latest state (no lost update), one winner per name, exact counters and quotas. Skipped unless
 * {@value FreshPostgres#SERVER} names a PostgreSQL server.
 */
class MultiInstanceIT {
    private static final int CLIENT_THREADS = 16;
    private static final List<KeelProcess> instances = new ArrayList<>();
    private static FreshPostgres database;
    private static OneM2MClient a;
    private static OneM2MClient b;
    private String ae;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        String server = FreshPostgres.serverFromEnvironment();
        if (server == null) {
            return; // each test then skips itself (registerAe), so that the report counts them as skipped
        }
        database = FreshPostgres.create(server, "multi");
        // Sweeping often makes the two CSEs' expiry sweepers overlap in expiredInstancesAreCountedOnce.
        // Both cache rows checked against each other's commits (keel.db.row-cache=shared), so that every test here
        // also shows the caches never answer with what the other instance has changed.
        Map<String, String> settings = Map.of("KEEL_DB_URL", database.url(), "KEEL_EXPIRY_SWEEP_INTERVAL", "100",
                "KEEL_DB_ROW_CACHE", "shared");
        // Started at the same time: both migrate the empty database and set up the CSEBase concurrently.
        ExecutorService starter = Executors.newFixedThreadPool(2);
        try {
            List<Future<KeelProcess>> started = List.of(starter.submit(() -> KeelProcess.start(settings)),
                    starter.submit(() -> KeelProcess.start(settings)));
            ExecutionException failure = null;
            for (Future<KeelProcess> f : started) {
                try {
                    instances.add(f.get());
                } catch (ExecutionException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            starter.shutdown();
        }
        a = new OneM2MClient(instances.get(0).base());
        b = new OneM2MClient(instances.get(1).base());
    }

    @AfterAll
    static void stop() throws Exception {
        for (KeelProcess cse : instances) {
            cse.close();
        }
        instances.clear();
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void registerAe() {
        assumeTrue(database != null, FreshPostgres.SERVER + " names no PostgreSQL server");
        ae = a.registerAe("C" + OneM2MClient.unique("multi"), OneM2MClient.unique("multiAe"));
    }

    /** The i-th request goes to the first instance when i is even, else to the second. */
    private static OneM2MClient instance(int i) {
        return i % 2 == 0 ? a : b;
    }

    /** Runs the calls at once from several client threads; the replies in the order of the calls. */
    private static List<Reply> concurrently(List<Callable<Reply>> calls) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
        try {
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> f : clients.invokeAll(calls, 5, TimeUnit.MINUTES)) {
                replies.add(f.get());
            }
            return replies;
        } finally {
            clients.shutdownNow();
        }
    }

    private String container(String attributes) {
        Reply r = a.create("/" + ae, 3, "{\"m2m:cnt\":{" + attributes + "}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:cnt").path("ri").asText();
    }

    /** Structured names (CSE-relative) of what discovery finds below {@code path}, as {@code cse} answers. */
    private List<String> discover(OneM2MClient cse, String path, String query) {
        Reply r = cse.get(path + "?fu=1&" + query).from(ae).send();
        assertEquals(200, r.status(), r.text());
        List<String> out = new ArrayList<>();
        r.json().path("m2m:uril").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void aPermissionWithdrawnOnOneInstanceIsRefusedByTheOtherAtOnce_thoughItCachedThePolicy() {
        String reader = a.registerAe("C" + OneM2MClient.unique("multiR"), OneM2MClient.unique("multiReader"));
        String owner = "{\"acor\":[\"" + ae + "\"],\"acop\":63}";
        Reply policy = a.create("/" + ae, 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acor\":[\"" + reader + "\"],\"acop\":2}," + owner + "]},"
                + "\"pvs\":{\"acr\":[" + owner + "]}}}").from(ae).send();
        assertEquals(201, policy.status(), policy.text());
        String acp = policy.json().path("m2m:acp").path("ri").asText();
        String cnt = container("\"acpi\":[\"" + acp + "\"],\"lbl\":[\"v1\"]");
        for (int i = 0; i < 3; i++) { // read again and again on a: its rows are cached
            assertEquals(200, a.get("/" + cnt).from(reader).send().status());
        }
        Reply relabelled = b.put("/" + cnt, "{\"m2m:cnt\":{\"lbl\":[\"v2\"]}}").from(ae).send();
        assertEquals(200, relabelled.status(), relabelled.text());
        assertEquals("v2", a.get("/" + cnt).from(reader).send().json().path("m2m:cnt").path("lbl").path(0).asText(),
                "a answers with what b changed");
        Reply withdrawn = b.put("/" + acp, "{\"m2m:acp\":{\"pv\":{\"acr\":[" + owner + "]}}}").from(ae).send();
        assertEquals(200, withdrawn.status(), withdrawn.text());
        Reply refused = a.get("/" + cnt).from(reader).send();
        assertEquals(4103, refused.rsc(), "the withdrawn permission is not served from a's cache: " + refused.text());
        assertEquals(200, b.delete("/" + cnt).from(ae).send().status());
        assertEquals(4004, a.get("/" + cnt).from(ae).send().rsc(), "nor a deleted resource");
    }

    @Test
    void createsAndUpdatesOfOneContainerFromBothInstancesKeepQuotaCountersAndEveryChange() throws Exception {
        int mni = 20;
        int creates = 120;
        int updates = 60;
        String cnt = container("\"rn\":\"hammer\",\"mni\":" + mni);
        List<Callable<Reply>> calls = new ArrayList<>();
        for (int i = 0; i < creates; i++) {
            OneM2MClient cse = instance(i);
            // Contents of different sizes, so that cbs only adds up if each create saw the one before it.
            String body = "{\"m2m:cin\":{\"cnf\":\"text/plain:0\",\"con\":\"v" + i + "x".repeat(i % 7) + "\"}}";
            calls.add(() -> cse.create("/" + cnt, 4, body).from(ae).send());
        }
        for (int i = 0; i < updates; i++) {
            OneM2MClient cse = instance(i);
            String body = "{\"m2m:cnt\":{\"lbl\":[\"u" + i + "\"]}}";
            calls.add(() -> cse.put("/" + cnt, body).from(ae).send());
        }
        Collections.shuffle(calls, new Random(7));

        Set<Long> stateTags = new TreeSet<>();
        Set<Long> instanceStateTags = new TreeSet<>();
        Map<Long, JsonNode> labelsByStateTag = new HashMap<>();
        for (Reply r : concurrently(calls)) {
            if (r.json().has("m2m:cin")) {
                assertEquals(201, r.status(), r.text());
                long st = r.json().path("m2m:cin").path("st").asLong();
                assertTrue(stateTags.add(st), "two changes of the container got stateTag " + st);
                instanceStateTags.add(st);
            } else {
                assertEquals(200, r.status(), r.text());
                long st = r.json().path("m2m:cnt").path("st").asLong();
                assertTrue(stateTags.add(st), "two changes of the container got stateTag " + st);
                labelsByStateTag.put(st, r.json().path("m2m:cnt").path("lbl"));
            }
        }
        // Each change advanced the stateTag from the one before it: none was made on a stale copy.
        assertEquals(LongStream.rangeClosed(1, creates + updates).boxed().collect(Collectors.toSet()), stateTags);
        long lastUpdate = labelsByStateTag.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        Set<Long> newestInstances = instanceStateTags.stream().skip(creates - mni).collect(Collectors.toCollection(TreeSet::new));

        for (OneM2MClient cse : List.of(a, b)) {
            JsonNode c = cse.get("/" + cnt).from(ae).send().json().path("m2m:cnt");
            assertEquals(creates + updates, c.path("st").asLong());
            assertEquals(labelsByStateTag.get(lastUpdate), c.path("lbl"), "the last update's labels stay");
            List<String> stored = discover(cse, "/" + cnt, "ty=4");
            assertEquals(mni, stored.size());
            assertEquals(mni, c.path("cni").asLong());
            long bytes = 0;
            Set<Long> storedStateTags = new TreeSet<>();
            for (String srn : stored) {
                JsonNode cin = cse.get("/" + srn).from(ae).send().json().path("m2m:cin");
                bytes += cin.path("cs").asLong();
                storedStateTags.add(cin.path("st").asLong());
            }
            assertEquals(bytes, c.path("cbs").asLong());
            assertEquals(newestInstances, storedStateTags, "the quota removed the oldest instances, whichever CSE made them");
            assertEquals(((TreeSet<Long>) newestInstances).last(),
                    cse.get("/" + cnt + "/la").from(ae).send().json().path("m2m:cin").path("st").asLong());
        }
    }

    @Test
    void concurrentCreatesOfOneNameFromBothInstancesSucceedOnce() throws Exception {
        int names = 8;
        int attempts = 6;
        List<Callable<Reply>> calls = new ArrayList<>();
        for (int n = 0; n < names; n++) {
            for (int k = 0; k < attempts; k++) {
                OneM2MClient cse = instance(k);
                String body = "{\"m2m:cnt\":{\"rn\":\"same" + n + "\"}}";
                calls.add(() -> cse.create("/" + ae, 3, body).from(ae).send());
            }
        }
        List<Reply> replies = concurrently(calls);
        for (int n = 0; n < names; n++) {
            int created = 0;
            for (Reply r : replies.subList(n * attempts, (n + 1) * attempts)) {
                if (r.status() == 201) {
                    created++;
                } else {
                    assertEquals(409, r.status(), r.text());
                    assertEquals(4105, r.rsc(), r.text());
                }
            }
            assertEquals(1, created, "creates of same" + n);
        }
        String aeName = a.get("/" + ae).from(ae).send().json().path("m2m:ae").path("rn").asText();
        List<String> expected = new ArrayList<>();
        for (int n = 0; n < names; n++) {
            expected.add("cse-in/" + aeName + "/same" + n);
        }
        assertEquals(expected, discover(a, "/" + ae, "ty=3"));
        assertEquals(expected, discover(b, "/" + ae, "ty=3"));
    }

    @Test
    void concurrentDeletesOfOneInstanceFromBothInstancesSucceedOnce() throws Exception {
        int kept = 10;
        int deleted = 20;
        String cnt = container("\"rn\":\"deletes\"");
        List<String> instancesToDelete = new ArrayList<>();
        for (int i = 0; i < kept + deleted; i++) {
            Reply r = instance(i).create("/" + cnt, 4, "{\"m2m:cin\":{\"con\":\"" + "y".repeat(i + 1) + "\"}}").from(ae).send();
            assertEquals(201, r.status(), r.text());
            if (i >= kept) {
                instancesToDelete.add(r.json().path("m2m:cin").path("ri").asText());
            }
        }
        List<Callable<Reply>> calls = new ArrayList<>();
        for (String ri : instancesToDelete) {
            calls.add(() -> a.delete("/" + ri).from(ae).send());
            calls.add(() -> b.delete("/" + ri).from(ae).send());
        }
        List<Reply> replies = concurrently(calls);
        for (int i = 0; i < replies.size(); i += 2) {
            List<Integer> statuses = new ArrayList<>(List.of(replies.get(i).status(), replies.get(i + 1).status()));
            Collections.sort(statuses);
            assertEquals(List.of(200, 404), statuses, "the two deletes of " + instancesToDelete.get(i / 2));
        }
        long keptBytes = LongStream.rangeClosed(1, kept).sum(); // instance i holds i + 1 bytes
        for (OneM2MClient cse : List.of(a, b)) {
            JsonNode c = cse.get("/" + cnt).from(ae).send().json().path("m2m:cnt");
            assertEquals(kept, discover(cse, "/" + cnt, "ty=4").size());
            assertEquals(kept, c.path("cni").asLong());
            assertEquals(keptBytes, c.path("cbs").asLong());
        }
    }

    @Test
    void createsBelowAnAeWhileAnotherInstanceDeletesItLeaveNothingBehind() throws Exception {
        String cnt = container("\"rn\":\"doomed\"");
        List<Callable<Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            OneM2MClient cse = instance(i);
            calls.add(() -> cse.create("/" + cnt, 4, "{\"m2m:cin\":{\"con\":\"v\"}}").from(ae).send());
        }
        // Amid the creates, so that some of them are under way while the subtree goes.
        calls.add(20, () -> b.delete("/" + ae).from(ae).send());
        List<Reply> replies = concurrently(calls);
        assertEquals(200, replies.get(20).status(), replies.get(20).text());
        replies.remove(20);
        List<String> created = new ArrayList<>();
        for (Reply r : replies) {
            if (r.status() == 201) {
                created.add(r.json().path("m2m:cin").path("ri").asText());
            } else {
                // Once the AE is gone its AE-ID is no registered originator (4106, TS-0004 7.3.2.1); a create that
                // passed that check finds its container gone (4004).
                assertTrue(r.rsc() == 4004 || r.rsc() == 4106, r.text());
            }
        }
        for (OneM2MClient cse : List.of(a, b)) {
            for (String ri : created) {
                Reply r = cse.get("/" + ri).from(OneM2MClient.ADMIN).send();
                assertEquals(404, r.status(), "contentInstance " + ri + " outlived its AE: " + r.text());
            }
        }
    }

    @Test
    void expiredInstancesRemovedByTheSweepersOfBothInstancesAreCountedOnce() throws Exception {
        int kept = 5;
        int expiring = 30;
        String cnt = container("\"rn\":\"expiring\"");
        // Far enough ahead for 35 creates on a busy machine (with 3 s, the last ones were refused: et in the past).
        String et = Times.format(Instant.now().plusSeconds(10));
        for (int i = 0; i < kept + expiring; i++) {
            String body = i < kept ? "{\"m2m:cin\":{\"con\":\"k\"}}" : "{\"m2m:cin\":{\"con\":\"expiring\",\"et\":\"" + et + "\"}}";
            Reply r = instance(i).create("/" + cnt, 4, body).from(ae).send();
            assertEquals(201, r.status(), r.text());
        }
        // Both CSEs look for expired resources every 100 ms; wait until the expired instances are gone.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (discover(a, "/" + cnt, "ty=4").size() > kept) {
            assertTrue(System.nanoTime() < deadline, "expired contentInstances are still there after a minute");
            Thread.sleep(100);
        }
        for (OneM2MClient cse : List.of(a, b)) {
            JsonNode c = cse.get("/" + cnt).from(ae).send().json().path("m2m:cnt");
            assertEquals(kept, c.path("cni").asLong(), "each expired instance counted off once");
            assertEquals(kept, c.path("cbs").asLong(), "one byte per kept instance");
        }
    }

    /**
     * Notifications held by a subscription's notificationSchedule (TS-0001 9.6.8, 9.6.9; pn sendAllPending) on the
     * instance that raised them follow a schedule change made through the other instance: they go once it allows.
     */
    @Test
    void notificationsHeldByAScheduleOnOneInstanceGoWhenTheOtherInstanceOpensTheSchedule() {
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            String cnt = container("\"rn\":\"scheduled\"");
            Reply sub = a.create("/" + cnt, 23, "{\"m2m:sub\":{\"rn\":\"held\",\"nu\":[\"" + receiver.url()
                    + "\"],\"enc\":{\"net\":[3]},\"pn\":2}}").from(ae).send();
            assertEquals(201, sub.status(), sub.text());
            String subRi = sub.json().path("m2m:sub").path("ri").asText();
            Reply sch = a.create("/" + subRi, 18, "{\"m2m:sch\":{\"se\":{\"sce\":[\"* * * * * * 2000\"]}}}").from(ae).send();
            assertEquals(201, sch.status(), sch.text());
            assertEquals(201, a.create("/" + cnt, 4, "{\"m2m:cin\":{\"con\":\"held\"}}").from(ae).send().status());
            receiver.expectNothing(java.time.Duration.ofMillis(500));

            Reply open = b.put("/" + sch.json().path("m2m:sch").path("ri").asText(),
                    "{\"m2m:sch\":{\"se\":{\"sce\":[\"* * * * * * *\"]}}}").from(ae).send();
            assertEquals(200, open.status(), open.text());
            NotificationReceiver.Received n = receiver.next(java.time.Duration.ofSeconds(30));
            assertEquals("held", n.sgn().path("nev").path("rep").path("m2m:cin").path("con").asText(), n.text());
        }
    }

    /**
     * notificationStatsInfo (Release 4 TS-0004 7.4.8.1) counted by both instances into the one stored subscription: the
     * notifications each instance sends for the instances created through it add up, none lost.
     */
    @Test
    void notificationStatisticsOfBothInstancesAddUp() throws Exception {
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            String cnt = container("\"rn\":\"counted\"");
            Reply sub = a.create("/" + cnt, 23, "{\"m2m:sub\":{\"nu\":[\"" + receiver.url()
                    + "\"],\"enc\":{\"net\":[3]},\"nse\":true}}").from(ae).send();
            assertEquals(201, sub.status(), sub.text());
            String subRi = sub.json().path("m2m:sub").path("ri").asText();
            int n = 40;
            List<Callable<Reply>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                OneM2MClient cse = instance(i);
                calls.add(() -> cse.create("/" + cnt, 4, "{\"m2m:cin\":{\"con\":\"c\"}}").from(ae).send());
            }
            for (Reply r : concurrently(calls)) {
                assertEquals(201, r.status(), r.text());
            }
            receiver.next(n, java.time.Duration.ofSeconds(30));
            for (OneM2MClient cse : List.of(a, b)) {
                Eventually.holds(java.time.Duration.ofSeconds(15), () -> {
                    JsonNode nsi = cse.get("/" + subRi).from(ae).send().json().path("m2m:sub").path("nsi").path(0);
                    return nsi.path("rqs").asLong() == n && nsi.path("rss").asLong() == n;
                }, "nsi counting " + n + " requests and responses");
            }
        }
    }
}
