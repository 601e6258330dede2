package io.keel.core.resource.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The time windows of a crossResourceSubscription (TS-0004 7.5.1.2.18, 7.4.58.2.1 d), and their stored form. */
class CrossResourceWindowTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final List<String> TARGETS = List.of("subA", "subB", "subC");

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** Stored and read back between each notification, as the CSE does. */
    private static CrossResourceWindow roundTrip(CrossResourceWindow w, long type) {
        return CrossResourceWindow.of(w.stored(), type, TEN_SECONDS, 1);
    }

    @Test
    void ts0004_7_5_1_2_18_periodicWindowsAreFixedSlotsFromCreation() {
        CrossResourceWindow w = CrossResourceWindow.started(TARGETS, CrossResourceSubscriptionType.PERIODIC, TEN_SECONDS, 1, T0);
        assertNull(w.notified("subA", "a", at(8)));
        w = roundTrip(w, CrossResourceSubscriptionType.PERIODIC);
        assertNull(w.notified("subB", "b", at(9)));
        // 12 s is in the next slot (10–20 s): what the first slot collected is discarded.
        assertNull(w.notified("subC", "c", at(12)));
        assertNull(w.notified("subA", "a2", at(13)));
        List<Object> all = w.notified("subB", "b2", at(19));
        assertEquals(List.of("a2", "b2", "c"), all, "in target order, each target's last notification");
        assertNull(w.notified("subC", "c2", at(19)), "collecting starts anew after a cross-resource notification");
    }

    @Test
    void ts0004_7_5_1_2_18_slidingWindowStartsAtTheFirstNotificationAfterTheLastEnded() {
        CrossResourceWindow w = CrossResourceWindow.started(TARGETS, CrossResourceSubscriptionType.SLIDING, TEN_SECONDS, 1, T0);
        assertNull(w.notified("subA", "a", at(8)));
        w = roundTrip(w, CrossResourceSubscriptionType.SLIDING);
        assertNull(w.notified("subB", "b", at(12)));
        assertNotNull(w.notified("subC", "c", at(17)), "8 s to 17 s is within one window of 10 s starting at 8 s");

        assertNull(w.notified("subA", "a", at(30)));
        assertNull(w.notified("subB", "b", at(40)), "the window of 30 s ended at 40 s: this one starts the next");
        assertNull(w.notified("subC", "c", at(45)));
        assertEquals(List.of("a", "b", "c"), w.notified("subA", "a", at(49)));
    }

    @Test
    void ts0004_7_5_1_2_18_aTargetNotifyingTwiceDoesNotStandForAnother() {
        CrossResourceWindow w = CrossResourceWindow.started(List.of("subA", "subB"), CrossResourceSubscriptionType.PERIODIC, TEN_SECONDS, 1, T0);
        assertNull(w.notified("subA", "a", at(1)));
        assertNull(w.notified("subA", "a", at(2)));
        assertEquals(List.of("a", "b"), w.notified("subB", "b", at(3)));
    }

    private static CrossResourceWindow judged(long mode) {
        return CrossResourceWindow.started(TARGETS, CrossResourceSubscriptionType.PERIODIC, TEN_SECONDS, mode, T0);
    }

    @Test
    void release4_eventEvaluationModesJudgeEachPeriodicWindowOnceWhenItEnds() {
        CrossResourceWindow all = judged(4); // allEventsMissing
        assertNull(all.ended(at(5)), "the first window has not ended");
        assertEquals(List.of(), all.ended(at(10)), "nothing happened in 0–10 s");
        assertNull(all.ended(at(11)), "judged once");
        assertNull(all.notified("subA", "a", at(12)), "other modes never notify at an event");
        assertNull(all.ended(at(21)), "something happened in 10–20 s");

        CrossResourceWindow some = judged(5); // someEventsMissing
        assertNull(some.notified("subA", "a", at(1)));
        assertEquals(List.of("a"), some.ended(at(10)));
        some.notified("subA", "a", at(11));
        some.notified("subB", "b", at(12));
        some.notified("subC", "c", at(13));
        assertNull(some.ended(at(20)), "all three notified in 10–20 s");

        CrossResourceWindow present = judged(2); // allOrSomeEventsPresent
        assertNull(present.ended(at(10)));
        present.notified("subB", "b", at(15));
        // A window judged late (no instance ran at 20 s): the last ended one counts, 20–30 s, in which nothing happened.
        assertNull(present.ended(at(31)));

        CrossResourceWindow missing = judged(3); // allOrSomeEventsMissing
        missing.notified("subA", "a", at(1));
        missing.notified("subB", "b", at(2));
        assertEquals(List.of("a", "b"), missing.ended(at(10)));
        assertEquals(List.of(), CrossResourceWindow.of(missing.stored(), CrossResourceSubscriptionType.PERIODIC, TEN_SECONDS, 3).ended(at(20)),
                "stored and read back: judged from where it was");
    }
}
