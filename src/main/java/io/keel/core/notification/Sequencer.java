package io.keel.core.notification;

import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Hands the notifications of committed transactions on in the order the transactions took their tickets. A
 * transaction takes its ticket just before it commits, its locks still held, so two transactions that changed the
 * same resource release their notifications in the order they changed it, whichever finishes committing first.
 */
final class Sequencer {
    private final Consumer<PendingNotifications> sink;
    private final TreeMap<Long, PendingNotifications> finished = new TreeMap<>();
    private long nextTicket;
    private long nextRelease;

    Sequencer(Consumer<PendingNotifications> sink) {
        this.sink = sink;
    }

    synchronized long ticket() {
        return nextTicket++;
    }

    /** Every ticket is completed exactly once: with what the transaction raised, or null when it rolled back. */
    synchronized void complete(long ticket, PendingNotifications committed) {
        finished.put(ticket, committed == null ? PendingNotifications.NONE : committed);
        while (!finished.isEmpty() && finished.firstKey() == nextRelease) {
            PendingNotifications p = finished.pollFirstEntry().getValue();
            nextRelease++;
            if (p != PendingNotifications.NONE) {
                sink.accept(p); // under the lock: releases must not overtake each other
            }
        }
    }
}
