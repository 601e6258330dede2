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
        long wall = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        long micros = lastMicros.updateAndGet(last -> Math.max(last + 1, wall));
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
