package io.keel.core.store;

import java.time.Instant;
import java.util.List;

/**
 * What each {@code <locationPolicy>} keeps beside its resource (TS-0004 7.4.10): the resource whose location feeds it
 * (device-based), whether the last position was inside its geographicalTargetArea (so that Entering and Leaving are
 * judged across a restart and by every CSE instance on the database), and when its next periodic position fix is due.
 * A row goes with its policy.
 */
public interface LocationWatches {
    /**
     * @param policy the locationPolicy's ri
     * @param target the ri of the resource whose loc is the position (device-based), or null
     * @param inside whether the last position was inside the target area; null before the first one
     * @param due    when the next periodic position fix is due; null when there is none
     */
    record Watch(String policy, String target, Boolean inside, Instant due) {
        public Watch judged(boolean nowInside) {
            return new Watch(policy, target, nowInside, due);
        }

        public Watch dueAt(Instant next) {
            return new Watch(policy, target, inside, next);
        }
    }

    /** Starts or replaces the watch of a policy (stored already). */
    void put(Watch watch);

    /** The watch of a policy, or null. */
    Watch of(String policy);

    /** The watches fed by the location of this resource. */
    List<Watch> ofTarget(String target);

    /** Watches whose periodic fix is due by {@code now}, soonest first, at most {@code limit}. */
    List<Watch> due(Instant now, int limit);
}
