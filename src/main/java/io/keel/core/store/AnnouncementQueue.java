package io.keel.core.store;

import java.time.Instant;
import java.util.List;

/**
 * The announcement work not done yet (TS-0004 7.3.3.10/7.3.3.11), kept in the database so that a restart loses none:
 * per original resource and target CSE, either "bring the announced resource there up to date with the original"
 * (create it when the original's at still names the CSE, else update it) or "delete this announced resource".
 */
public interface AnnouncementQueue {
    /**
     * One task.
     *
     * @param ri       the original's resource ID
     * @param target   the target CSE's SP-relative CSE-ID ({@code /id-in})
     * @param remoteId the SP-relative ID of an announced resource to delete there, or null: announce (create or update)
     */
    record Task(String ri, String target, String remoteId, int attempts, Instant due) {
        public boolean deannounce() {
            return remoteId != null;
        }
    }

    /** Queues a task due at once; the same task queued again is due at once again, its failures forgotten. */
    void put(String ri, String target, String remoteId, Instant due);

    /** Tasks due at {@code now}, the longest due first, at most {@code limit}. */
    List<Task> due(Instant now, int limit);

    /**
     * Takes a due task for this CSE instance until {@code until} (several Keel processes may share the database): false
     * when another took it or it was queued anew meanwhile.
     *
     * @return whether it is this instance's; then it is {@code task} with due {@code until}
     */
    boolean claim(Task task, Instant until);

    /**
     * Puts a failed task off until {@code due}; nothing when the task was queued anew meanwhile (its due is no longer
     * {@code task.due()}): the new one runs.
     */
    void retryAt(Task task, int attempts, Instant due);

    /** Forgets a task that is done (or has become pointless), unless it was queued anew meanwhile. */
    void remove(Task task);
}
