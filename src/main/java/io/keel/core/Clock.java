package io.keel.core;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CSE's time: microsecond resolution (the precision timestamps carry), strictly increasing, so creation
 * times order resources exactly as they were created (la/ol, child lists).
 */
public final class Clock {
    private final AtomicLong lastMicros = new AtomicLong();

    public Instant now() {
        return after(Instant.EPOCH);
    }

    /**
     * Now, but later than {@code floor}: a time another CSE on the same database set (the lastModifiedTime of a
     * locked parent) may lie ahead of this machine's clock, and the times of one resource's changes and children
     * must still increase in the order they were made.
     */
    public Instant after(Instant floor) {
        long wall = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        long least = ChronoUnit.MICROS.between(Instant.EPOCH, floor) + 1;
        long micros = lastMicros.updateAndGet(last -> Math.max(Math.max(last + 1, wall), least));
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
