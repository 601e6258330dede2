package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.Settings;
import io.keel.core.store.AnnouncementQueue.Task;
import io.keel.core.store.ResourceStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Announcement work queued in the database (TS-0004 7.3.3.10/7.3.3.11) outlives a restart of the CSE: the tasks of an
 * H2 file database are there after it is closed and opened again, due in order, put off and removed as the Announcer
 * asks.
 */
class AnnouncementQueueTest {
    @Test
    void ts0004_7_3_3_10_queuedAnnouncementWorkSurvivesARestart() throws Exception {
        Settings s = TempDatabase.settings("keel-announcement-queue");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (ResourceStore store = Database.open(s)) {
            store.write(tx -> {
                tx.announcements().put("cnt1", "/id-in", null, now.minusSeconds(2));
                tx.announcements().put("cnt1", "/id-in", "/id-in/cntA1", now.minusSeconds(1)); // a de-announce beside it
                tx.announcements().put("cnt2", "/id-in", null, now.plusSeconds(60));
                return null;
            });
        }
        try (ResourceStore store = Database.open(s)) {
            List<Task> due = store.read(tx -> tx.announcements().due(now, 10));
            assertEquals(2, due.size(), due.toString());
            assertEquals(new Task("cnt1", "/id-in", null, 0, now.minusSeconds(2)), due.get(0));
            assertNull(due.get(0).remoteId());
            assertEquals("/id-in/cntA1", due.get(1).remoteId());
            store.write(tx -> {
                tx.announcements().retryAt(due.get(0), 1, now.plusSeconds(5));
                tx.announcements().remove(due.get(1));
                return null;
            });
            assertTrue(store.read(tx -> tx.announcements().due(now, 10)).isEmpty());
            Task cnt2 = new Task("cnt2", "/id-in", null, 0, now.plusSeconds(60));
            assertTrue(store.<Boolean>write(tx -> tx.announcements().claim(cnt2, now.plusSeconds(70))), "taken by this instance");
            assertFalse(store.<Boolean>write(tx -> tx.announcements().claim(cnt2, now.plusSeconds(90))), "another took it (same due)");
            List<Task> later = store.read(tx -> tx.announcements().due(now.plusSeconds(120), 10));
            assertEquals(List.of(new Task("cnt1", "/id-in", null, 1, now.plusSeconds(5)),
                    new Task("cnt2", "/id-in", null, 0, now.plusSeconds(70))), later);
        }
    }
}
