package io.keel.core.notification;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.store.FakeStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A crossResourceSubscription being created on one instance is verified by the CSE hosting one of its targets (TS-0004
 * 7.4.58.2.1 c) ii) 2)); that verification may reach another instance on the same database, which answers as well.
 */
class CrossResourceLinkingTest {
    private final FakeStore database = new FakeStore();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T01:00:00Z"));

    private CrossResourceNotifications instance() {
        return new CrossResourceNotifications(database, null, now::get, () -> null, "cse-in");
    }

    @Test
    void ts0004_7_4_58_2_1_anotherInstanceOnTheDatabaseKnowsTheCrossResourceSubscriptionBeingCreated() {
        CrossResourceNotifications creating = instance();
        CrossResourceNotifications other = instance();
        try {
            assertFalse(other.isLinking("crs1", "/id-mn"), "nothing is being created yet");
            creating.linking("crs1", Set.of("/id-mn", "/id-asn"), Duration.ofSeconds(30));
            assertTrue(other.isLinking("crs1", "/id-mn"));
            assertTrue(other.isLinking("crs1", "/id-asn"));
            assertFalse(other.isLinking("crs1", "/id-elsewhere"), "only a CSE hosting a target may verify it");
            assertFalse(other.isLinking("crs2", "/id-mn"));
            assertFalse(other.isLinking("crs1", null));
            creating.linked("crs1", Set.of("/id-mn", "/id-asn"));
            assertFalse(other.isLinking("crs1", "/id-mn"), "done linking: the stored resource answers from now on");
        } finally {
            creating.close();
            other.close();
        }
    }

    @Test
    void ts0004_7_4_58_2_1_whatAnInstanceThatStoppedWhileLinkingLeftExpires() {
        CrossResourceNotifications stopped = instance();
        CrossResourceNotifications other = instance();
        try {
            stopped.linking("crs1", Set.of("/id-mn"), Duration.ofSeconds(30));
            now.set(now.get().plusSeconds(29));
            assertTrue(other.isLinking("crs1", "/id-mn"));
            now.set(now.get().plusSeconds(2));
            assertFalse(other.isLinking("crs1", "/id-mn"), "past the time the linking could take");
        } finally {
            stopped.close();
            other.close();
        }
    }
}
