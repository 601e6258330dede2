package io.keel.core.notification;

import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Hands the notifications of committed transactions on in the order the transactions took their tickets. A
 * transaction takes its ticket just before it commits, its locks still held, so two transactions that changed the
 * same resource release their notifications in the order they changed it, whichever finishes committing first.
 */
final class Sequencer<T> {
    private final Consumer<T> sink;
    private final TreeMap<Long, Optional<T>> finished = new TreeMap<>();
    private long nextTicket;
    private long nextRelease;

    Sequencer(Consumer<T> sink) {
        this.sink = sink;
    }

    synchronized long ticket() {
        return nextTicket++;
    }

    /** Every ticket is completed exactly once: with what the transaction raised, or null when it rolled back. */
    synchronized void complete(long ticket, T committed) {
        finished.put(ticket, Optional.ofNullable(committed));
        while (!finished.isEmpty() && finished.firstKey() == nextRelease) {
            Optional<T> p = finished.pollFirstEntry().getValue();
            nextRelease++;
            p.ifPresent(sink); // under the lock: releases must not overtake each other
        }
    }
}
