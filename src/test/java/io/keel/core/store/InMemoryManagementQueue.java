package io.keel.core.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@link ManagementQueue} in memory, for unit tests; entries do not go with their target (tests remove them). */
public final class InMemoryManagementQueue implements ManagementQueue {
    public final List<Entry> entries = new ArrayList<>();

    @Override
    public synchronized void putAction(Entry entry) {
        removeAction(entry.ri(), entry.action());
        entries.add(entry);
    }

    @Override
    public synchronized Entry action(String ri, String action) {
        return entries.stream().filter(e -> e.ri().equals(ri) && e.action().equals(action)).findFirst().orElse(null);
    }

    @Override
    public synchronized List<Entry> actionsOf(String ri) {
        return entries.stream().filter(e -> e.ri().equals(ri)).toList();
    }

    @Override
    public synchronized void removeAction(String ri, String action) {
        entries.removeIf(e -> e.ri().equals(ri) && e.action().equals(action));
    }

    @Override
    public synchronized List<Entry> dueActions(Instant now, int limit) {
        return entries.stream().filter(e -> !e.due().isAfter(now)).sorted(Comparator.comparing(Entry::due)).limit(limit).toList();
    }

    @Override
    public synchronized List<Entry> runningActions(String instance) {
        return entries.stream().filter(e -> e.running() && e.instance().equals(instance)).toList();
    }

    /** A copy of the entries as they are, to put back when a write rolls back. */
    synchronized List<Entry> snapshot() {
        return new ArrayList<>(entries);
    }

    synchronized void restore(List<Entry> before) {
        entries.clear();
        entries.addAll(before);
    }
}
