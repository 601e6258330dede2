package io.keel.core.operation;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keel.core.RecordingOutbound;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.ResponseStatusCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One event for many subscriptions: what they share (their notificationSchedules, the representation per nct, the
 * receivers) is read or built once, and each subscription still gets what its own attributes say.
 */
class NotificationFanoutTest {
    private final CoreFixture cse = new CoreFixture();

    NotificationFanoutTest() {
        cse.ae("Cae1", "app1");
        cse.container("cnt1", "Cae1", "box");
    }

    @AfterEach
    void close() {
        cse.close();
    }

    /** To the creation of contentInstances only (chty): creating the other subscriptions notifies nobody. */
    private void subscribe(String rn, Object... more) {
        List<Object> attributes = new ArrayList<>(List.of("rn", rn, "nu", List.of("http://listener.example/" + rn),
                "enc", map("net", List.of(3), "chty", List.of((long) ResourceTypes.CONTENT_INSTANCE))));
        attributes.addAll(List.of(more));
        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in/app1/box", "Cae1", ResourceTypes.SUBSCRIPTION,
                map("m2m:sub", map(attributes.toArray())))));
    }

    private void newInstance(String con) {
        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in/app1/box", "Cae1", ResourceTypes.CONTENT_INSTANCE,
                map("m2m:cin", map("con", con)))));
    }

    /** The rep of each notification received within the time, by the URL it went to. */
    private Map<String, Object> received(int count) throws InterruptedException {
        Map<String, Object> reps = new HashMap<>();
        for (int i = 0; i < count; i++) {
            RecordingOutbound.Sent sent = cse.outbound.next(5000);
            reps.put(sent.url(), ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) sent.request().content).get("m2m:sgn")).get("nev")).get("rep"));
        }
        return reps;
    }

    @Test
    void ts0004_7_5_1_2_2_eachSubscriptionGetsTheRepresentationOfItsNct() throws InterruptedException {
        subscribe("all1", "nct", 1);
        subscribe("uri", "nct", 3);
        subscribe("all2", "nct", 1);
        newInstance("21.5");

        Map<String, Object> reps = received(3);
        Map<?, ?> cin1 = (Map<?, ?>) ((Map<?, ?>) reps.get("http://listener.example/all1")).get("m2m:cin");
        Map<?, ?> cin2 = (Map<?, ?>) ((Map<?, ?>) reps.get("http://listener.example/all2")).get("m2m:cin");
        assertEquals("21.5", cin1.get("con"));
        assertEquals(cin1, cin2, "the same representation for the same nct");
        Map<?, ?> uri = (Map<?, ?>) reps.get("http://listener.example/uri");
        assertEquals(cin1.get("ri"), uri.get("m2m:uri"), "nct 3: the resource ID only (TS-0004 7.5.1.2.2)");
        assertNull(uri.get("m2m:cin"));
    }

    @Test
    void ts0001_9_6_8_aNotificationScheduleGovernsOnlyItsOwnSubscription() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            subscribe("s" + i);
        }
        // A schedule that never allows again, and no pendingNotification: what s2 would send is dropped (TS-0001 9.6.8).
        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in/app1/box/s2", "Cae1", ResourceTypes.SCHEDULE,
                map("m2m:sch", map("se", map("sce", List.of("* * * * * * 2001")))))));
        newInstance("x");

        Map<String, Object> reps = received(4);
        assertEquals(List.of("http://listener.example/s0", "http://listener.example/s1", "http://listener.example/s3",
                "http://listener.example/s4"), reps.keySet().stream().sorted().toList());
        assertNull(cse.outbound.next(300), "nothing for s2, outside its notificationSchedule");
    }

    @Test
    void theSchedulesOfAllMatchingSubscriptionsAreReadInOneQuery() throws InterruptedException {
        for (int i = 0; i < 30; i++) {
            subscribe("s" + i);
        }
        cse.tree.childQueries.clear();
        newInstance("x");

        assertEquals(1, cse.tree.childQueries.stream().filter(ty -> ty == ResourceTypes.SCHEDULE).count(),
                "one query for the notificationSchedules of 30 subscriptions, not 30");
        assertEquals(30, received(30).size());
    }
}
