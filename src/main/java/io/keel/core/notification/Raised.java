package io.keel.core.notification;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A notification handed to the {@link Notifier}: its outbox row ({@code null} when it is kept in memory only) and its
 * place in its channel's order.
 */
record Raised(OutgoingNotification notification, String row, long seq) {
    private static long last;

    /**
     * The next place in order: the microsecond clock, strictly increasing in this process, so rows written before a
     * restart, or by another instance on the database, sort before those written after.
     */
    static synchronized long nextSeq() {
        last = Math.max(last + 1, ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
        return last;
    }

    /** One kept in memory only. */
    static Raised inMemory(OutgoingNotification n) {
        return new Raised(n, null, nextSeq());
    }
}
