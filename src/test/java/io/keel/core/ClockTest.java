package io.keel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class ClockTest {
    @Test
    void timesStrictlyIncrease() {
        Clock clock = new Clock();
        Instant previous = clock.now();
        for (int i = 0; i < 1000; i++) {
            Instant t = clock.now();
            assertTrue(t.isAfter(previous), t + " after " + previous);
            previous = t;
        }
    }

    @Test
    void afterATimeAheadOfThisMachineComesTheNextMicrosecond() {
        Clock clock = new Clock();
        Instant ahead = clock.now().plusSeconds(3600); // set by a CSE whose clock runs an hour ahead
        assertEquals(ahead.plus(1, ChronoUnit.MICROS), clock.after(ahead));
        assertTrue(clock.now().isAfter(ahead), "later times stay after it");
    }

    @Test
    void afterAPastTimeIsNow() {
        Clock clock = new Clock();
        Instant before = Instant.now();
        Instant t = clock.after(Instant.EPOCH);
        assertTrue(!t.isBefore(before.truncatedTo(ChronoUnit.MICROS)), t + " is not before " + before);
    }
}
