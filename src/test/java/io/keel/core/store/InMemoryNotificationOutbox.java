package io.keel.core.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link NotificationOutbox} in memory, for unit tests; kept even when a write rolls back (tests do not rely on it). */
public final class InMemoryNotificationOutbox implements NotificationOutbox {
    /** The rows by id, with their owner. */
    public final Map<String, Row> rows = new LinkedHashMap<>();
    public final Map<String, String> owners = new LinkedHashMap<>();
    public final Map<String, Long> heartbeats = new LinkedHashMap<>();

    @Override
    public synchronized void add(String instance, List<Row> added) {
        for (Row r : added) {
            rows.put(r.id(), r);
            owners.put(r.id(), instance);
        }
    }

    @Override
    public synchronized void remove(Collection<String> ids) {
        for (String id : new HashSet<>(ids)) {
            rows.remove(id);
            owners.remove(id);
        }
    }

    @Override
    public synchronized void heartbeat(String instance, long heartbeatMicros) {
        heartbeats.put(instance, heartbeatMicros);
    }

    @Override
    public synchronized List<String> silentInstances(String instance, long beforeMicros) {
        return heartbeats.entrySet().stream().filter(e -> !e.getKey().equals(instance) && e.getValue() < beforeMicros)
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public synchronized List<Row> takeOver(String from, String to) {
        List<Row> taken = owned(from);
        taken.forEach(r -> owners.put(r.id(), to));
        heartbeats.remove(from);
        return taken;
    }

    @Override
    public synchronized List<Row> owned(String instance) {
        List<Row> out = new ArrayList<>();
        rows.values().forEach(r -> {
            if (instance.equals(owners.get(r.id()))) {
                out.add(r);
            }
        });
        out.sort(Comparator.comparingLong(Row::seq));
        return out;
    }
}
