package io.keel.core.operation;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.NotificationOutbox;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The notification outbox as the dispatcher drives it: a notification's row is written with the change that raises it
 * and goes once its outcome is final (sent, superseded by the rules, its subscription deleted); what is held stays.
 */
class NotificationOutboxTest {
    private static final String TARGET = "http://listener.example/n";
    private final CoreFixture cse = CoreFixture.withOutbox();
    private final AtomicBoolean reachable = new AtomicBoolean(true);

    NotificationOutboxTest() {
        cse.ae("Cae1", "app1");
        cse.container("cnt1", "Cae1", "box");
        cse.outbound.answer = r -> reachable.get() ? new ResponsePrimitive(ResponseStatusCode.OK, null)
                : ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE, "down");
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private void subscribe(Object... more) {
        List<Object> attributes = new ArrayList<>(List.of("rn", "sub", "nu", List.of(TARGET), "enc", map("net", List.of(3))));
        attributes.addAll(List.of(more));
        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in/app1/box", "Cae1", ResourceTypes.SUBSCRIPTION,
                map("m2m:sub", map(attributes.toArray())))));
    }

    private void newInstance(String con) {
        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in/app1/box", "Cae1", ResourceTypes.CONTENT_INSTANCE,
                map("m2m:cin", map("con", con)))));
    }

    private Map<String, NotificationOutbox.Row> rows() {
        synchronized (cse.store.notificationOutbox) {
            return Map.copyOf(cse.store.notificationOutbox.rows);
        }
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 250 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    @Test
    void aChangeWithoutSubscriptionWritesNoRow() {
        int writes = cse.store.writes;
        newInstance("quiet");
        assertEquals(writes + 1, cse.store.writes, "one write transaction, nothing after it");
        assertTrue(rows().isEmpty());
    }

    @Test
    void aDeliveredNotificationsRowIsDeleted() throws InterruptedException {
        subscribe();
        newInstance("one");
        cse.outbound.next(5000);
        eventually(() -> rows().isEmpty(), "the row of the delivered notification is deleted");
    }

    @Test
    void ts0001_9_6_8_sendAllPending_keptNotificationsKeepTheirRowsUntilSent() throws InterruptedException {
        subscribe("pn", 2L);
        reachable.set(false);
        newInstance("one");
        newInstance("two");
        eventually(() -> !cse.outbound.sent().isEmpty(), "a first attempt");
        assertEquals(2, rows().size(), "both kept for the unreachable receiver: " + rows());
        assertTrue(rows().values().stream().allMatch(r -> r.sgn().contains("\"one\"") || r.sgn().contains("\"two\"")));

        reachable.set(true);
        eventually(() -> rows().isEmpty(), "sent once the receiver is back, then deleted");
    }

    @Test
    void ts0001_9_6_8_sendLatest_aSupersededNotificationsRowIsDeleted() throws InterruptedException {
        subscribe("pn", 1L);
        reachable.set(false);
        newInstance("old");
        eventually(() -> !cse.outbound.sent().isEmpty(), "a first attempt");
        newInstance("newest");
        eventually(() -> rows().size() == 1, "only the newest is kept: " + rows());
        assertTrue(rows().values().iterator().next().sgn().contains("\"newest\""));
    }

    @Test
    void ts0001_10_2_10_7_anOpenBatchKeepsItsRows_andTheSubscriptionsDeletionDeletesThem() throws InterruptedException {
        subscribe("bn", map("num", 3L, "dur", "PT1H"));
        newInstance("one");
        newInstance("two");
        assertEquals(2, rows().size());

        assertRsc(ResponseStatusCode.DELETED, cse.send(cse.request(io.keel.primitive.Operation.DELETE, "cse-in/app1/box/sub", "Cae1")));
        eventually(() -> rows().isEmpty(), "nothing is left of a deleted subscription: " + rows());
    }

    // --- taking rows back and over --------------------------------------------------------------------------------

    private String subscriptionRi() {
        return cse.tree.findByStructuredName("cse-in/app1/box/sub").ri;
    }

    /** A row as another instance (or this one before a restart) wrote it: a child creation carrying {@code con}. */
    private NotificationOutbox.Row row(String sub, long seq, String con) {
        String sgn = "{\"nev\":{\"rep\":{\"m2m:cin\":{\"con\":\"" + con + "\"}},\"net\":3},\"sur\":\"/id-in/" + sub + "\"}";
        return new NotificationOutbox.Row("row-" + con, seq, sub, sub + " " + TARGET, TARGET, "event-" + con, sgn);
    }

    private List<Object> sentCons() {
        List<Object> out = new ArrayList<>();
        cse.outbound.sent().forEach(s -> {
            Map<?, ?> sgn = (Map<?, ?>) ((Map<?, ?>) s.request().content).get("m2m:sgn");
            out.add(((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) sgn.get("nev")).get("rep")).get("m2m:cin")).get("con"));
        });
        return out;
    }

    @Test
    void aSilentInstancesRowsAreTakenOverAtStart_sentInTheirOrder_andDeleted() throws InterruptedException {
        subscribe();
        String sub = subscriptionRi();
        // Written out of order on purpose: seq decides, not the order of the rows.
        cse.store.notificationOutbox.add("crashed", List.of(row(sub, 20, "second"), row(sub, 10, "first")));
        cse.store.notificationOutbox.heartbeat("crashed", 1); // its lease ran out long ago

        cse.notifications.start();

        eventually(() -> cse.outbound.sent().size() == 2, "both sent by this instance");
        assertEquals(List.of("first", "second"), sentCons());
        eventually(() -> rows().isEmpty(), "deleted once sent: " + rows());
        assertTrue(cse.store.notificationOutbox.heartbeats.keySet().stream().noneMatch("crashed"::equals),
                "the silent instance is forgotten");
    }

    @Test
    void aLiveInstancesRowsAreLeftToIt() throws InterruptedException {
        subscribe();
        cse.store.notificationOutbox.add("alive", List.of(row(subscriptionRi(), 10, "theirs")));
        cse.store.notificationOutbox.heartbeat("alive", Long.MAX_VALUE / 2);

        cse.notifications.start();

        Thread.sleep(200);
        assertTrue(cse.outbound.sent().isEmpty(), "not sent by this instance");
        assertEquals("alive", cse.store.notificationOutbox.owners.get("row-theirs"));
    }

    @Test
    void aRestartTakesBackItsOwnRowsAtOnce_andDeletesThoseOfAGoneSubscriptionUnsent() throws InterruptedException {
        subscribe();
        // "unit" is this fixture's instance name: the rows are its own from before a restart, its lease still running.
        cse.store.notificationOutbox.add("unit", List.of(row(subscriptionRi(), 10, "mine"), row("subGone", 11, "orphan")));
        cse.store.notificationOutbox.heartbeat("unit", Long.MAX_VALUE / 2);

        cse.notifications.start();

        eventually(() -> rows().isEmpty(), "sent, or dropped with the subscription gone: " + rows());
        assertEquals(List.of("mine"), sentCons());
    }
}
