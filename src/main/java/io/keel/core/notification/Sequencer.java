package io.keel.core.notification;

import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Hands the notifications of committed transactions on in the order the transactions took their tickets. A
 * transaction takes its ticket just before it commits, its locks still held, so two transactions that changed the
 * same resource release their notifications in the order they changed it, whichever finishes committing first.
 */
final class Sequencer {
    private final Consumer<TransactionNotifications> sink;
    private final TreeMap<Long, TransactionNotifications> finished = new TreeMap<>();
    private long nextTicket;
    private long nextRelease;

    Sequencer(Consumer<TransactionNotifications> sink) {
        this.sink = sink;
    }

    synchronized long ticket() {
        return nextTicket++;
    }

    /** Every ticket is completed exactly once: with what the transaction raised, or null when it rolled back. */
    synchronized void complete(long ticket, TransactionNotifications committed) {
        finished.put(ticket, committed == null ? TransactionNotifications.NONE : committed);
        while (!finished.isEmpty() && finished.firstKey() == nextRelease) {
            TransactionNotifications p = finished.pollFirstEntry().getValue();
            nextRelease++;
            if (p != TransactionNotifications.NONE) {
                sink.accept(p); // under the lock: releases must not overtake each other
            }
        }
    }
}
