package io.keel.core.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.core.store.FakeStore;
import io.keel.core.store.GroupAggregationQueue.Row;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The periodic pass over aggregated member notifications (TS-0004 7.5.1.2.6) forgets the answered ones after twice the
 * stale time, and opens no write transaction (a durable commit) when there is nothing to forget.
 */
class GroupAggregationSweepTest {
    private static final long STALE_MILLIS = 1_000;

    @Test
    void answeredNotificationsAreForgottenAfterTwiceTheStaleTime_andAnIdlePassWritesNothing() {
        FakeStore store = new FakeStore();
        Instant now = Instant.parse("2026-12-06T12:00:00Z");
        long micros = now.toEpochMilli() * 1000;
        store.groupAggregation.add(List.of(
                new Row("old", "grp", "nfu", 1, "i1", micros - 2 * STALE_MILLIS * 1000 - 1, "{}"),
                new Row("recent", "grp", "nfu", 2, "i1", micros - 2 * STALE_MILLIS * 1000 + 1, "{}")));
        store.groupAggregation.take(List.of("old", "recent"), "s1", micros - 10 * STALE_MILLIS * 1000);
        store.groupAggregation.answer(List.of("old", "recent"), 2000);
        GroupAggregation aggregation = new GroupAggregation(store, null, null, "/id-in", () -> now, "i1", STALE_MILLIS);

        int before = store.writes;
        aggregation.sweep();
        assertEquals(1, store.groupAggregation.size(), "the answered notification due before now - 2 × stale is gone");
        assertEquals(before + 1, store.writes);

        aggregation.sweep();
        assertEquals(1, store.groupAggregation.size());
        assertEquals(before + 1, store.writes, "nothing to forget: no write");
    }
}
