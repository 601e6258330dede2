package io.keel.core.operation;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.core.RecordingOutbound;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * notificationStoragePriority (TS-0001 9.6.8) with the congestion rule of TS-0001 9.6.3: at most 3 notifications are
 * kept for one unreachable receiver, over all its subscriptions; past that the lowest priority's oldest go first.
 */
class NotificationStoragePriorityTest {
    private static final String TARGET = "http://listener.example/n";
    private final CoreFixture cse = CoreFixture.withMaxPending(3);
    private final AtomicBoolean reachable = new AtomicBoolean(false);

    NotificationStoragePriorityTest() {
        cse.ae("Cae1", "app1");
        cse.container("cnt1", "Cae1", "box");
        cse.outbound.answer = r -> reachable.get() ? new ResponsePrimitive(ResponseStatusCode.OK, null)
                : ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE, "down");
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private void subscribe(String rn, Object... more) {
        List<Object> attributes = new ArrayList<>(List.of("rn", rn, "nu", List.of(TARGET), "enc", map("net", List.of(3)), "pn", 2));
        attributes.addAll(List.of(more));
        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in/app1/box", "Cae1", ResourceTypes.SUBSCRIPTION,
                map("m2m:sub", map(attributes.toArray())))));
    }

    private void newInstance(String con) {
        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in/app1/box", "Cae1", ResourceTypes.CONTENT_INSTANCE,
                map("m2m:cin", map("con", con)))));
    }

    /** What reaches the receiver once it is reachable: "subscription name:con" in order of arrival. */
    private List<String> deliveredOnceReachable() throws InterruptedException {
        while (cse.outbound.next(300) != null) {
            // the failed attempts made while it was unreachable
        }
        reachable.set(true);
        List<String> delivered = new ArrayList<>();
        for (RecordingOutbound.Sent s = cse.outbound.next(4_000); s != null; s = cse.outbound.next(1_500)) {
            Map<?, ?> sgn = (Map<?, ?>) ((Map<?, ?>) s.request().content).get("m2m:sgn");
            String sur = (String) sgn.get("sur");
            String name = cse.tree.find(sur.substring(sur.lastIndexOf('/') + 1)).rn;
            Map<?, ?> rep = (Map<?, ?>) ((Map<?, ?>) sgn.get("nev")).get("rep");
            delivered.add(name + ":" + ((Map<?, ?>) rep.get("m2m:cin")).get("con"));
        }
        return delivered;
    }

    @Test
    void ts0001_9_6_8_theLowestStoragePriorityIsDroppedFirstWhenTheReceiversStorageIsFull() throws Exception {
        subscribe("high", "nsp", 5);
        subscribe("low", "nsp", 1);
        newInstance("1");
        newInstance("2");
        newInstance("3");
        List<String> delivered = deliveredOnceReachable();
        assertEquals(List.of("high:1", "high:2", "high:3"), delivered);
    }

    @Test
    void ts0001_9_6_3_amongEqualPrioritiesTheOldestIsDroppedFirst() throws Exception {
        subscribe("first");
        subscribe("second");
        newInstance("1");
        newInstance("2");
        List<String> delivered = deliveredOnceReachable();
        delivered.sort(null);
        assertEquals(List.of("first:2", "second:1", "second:2"), delivered,
                "four kept for one receiver, one too many: the oldest (first's 1, made before second's) goes");
    }
}
