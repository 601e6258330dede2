package io.keel.core.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.NotificationStatsInfo;
import io.keel.core.store.FakeStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** notificationStatsInfo counting (Release 4 TS-0004 7.4.8.1): gathered, then added by one write per subscription. */
class NotificationStatsTest {
    private final FakeStore store = new FakeStore();
    private final List<Runnable> queued = new ArrayList<>();
    private final NotificationStats stats = new NotificationStats(store, queued::add);

    private Resource subscription(boolean nse) {
        Resource sub = new Resource();
        sub.ri = "sub1";
        sub.ty = ResourceTypes.SUBSCRIPTION;
        sub.srn = "cse/sub1";
        sub.attributes.put("nu", List.of("http://a", "http://b"));
        sub.attributes.put("nse", nse);
        sub.attributes.put("nsi", NotificationStatsInfo.fresh(List.of("http://a", "http://b")));
        store.tree.insert(sub);
        return sub;
    }

    private Object nsi() {
        return store.tree.find("sub1").get("nsi");
    }

    @Test
    void ts0004_7_4_8_1_requestsAndResponsesAreCountedPerTarget() {
        subscription(true);
        stats.sent("sub1", "http://a", true);
        stats.sent("sub1", "http://a", false);
        stats.sent("sub1", "http://b", true);
        assertEquals(1, queued.size(), "what gathers before the write goes in one write");
        queued.get(0).run();
        assertEquals(List.of(Map.of("tg", "http://a", "rqs", 2L, "rss", 1L), Map.of("tg", "http://b", "rqs", 1L, "rss", 1L)), nsi());
        assertEquals(1, store.writes);
        stats.sent("sub1", "http://b", true);
        queued.get(1).run();
        assertEquals(List.of(Map.of("tg", "http://a", "rqs", 2L, "rss", 1L), Map.of("tg", "http://b", "rqs", 2L, "rss", 2L)), nsi());
    }

    @Test
    void ts0004_7_4_8_1_nothingIsCountedOnceNseIsOffAsStored() {
        subscription(false);
        stats.sent("sub1", "http://a", true);
        queued.get(0).run();
        assertEquals(NotificationStatsInfo.fresh(List.of("http://a", "http://b")), nsi());
    }

    @Test
    void aDeletedSubscriptionOrRemovedTargetIsNotCounted() {
        stats.sent("gone", "http://a", true);
        queued.get(0).run();
        subscription(true);
        stats.sent("sub1", "http://removed", true);
        queued.get(1).run();
        assertEquals(NotificationStatsInfo.fresh(List.of("http://a", "http://b")), nsi());
    }

    @Test
    void retargetKeepsTheCountsOfRemainingTargets() {
        Object nsi = NotificationStatsInfo.add(NotificationStatsInfo.fresh(List.of("a", "b")), "a", 3, 2);
        assertEquals(List.of(Map.of("tg", "c", "rqs", 0L, "rss", 0L), Map.of("tg", "a", "rqs", 3L, "rss", 2L)),
                NotificationStatsInfo.retarget(nsi, List.of("c", "a")));
    }
}
