package io.keel.core.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@link CrossResourceLinking} in memory, for unit tests. */
public final class InMemoryCrossResourceLinking implements CrossResourceLinking {
    private final Map<String, Map<String, Instant>> rows = new HashMap<>();

    @Override
    public synchronized void linking(String crs, Set<String> hosts, Instant now, Instant expires) {
        rows.values().forEach(hostRows -> hostRows.values().removeIf(e -> e.isBefore(now)));
        hosts.forEach(h -> rows.computeIfAbsent(crs, k -> new HashMap<>()).put(h, expires));
    }

    @Override
    public synchronized void linked(String crs) {
        rows.remove(crs);
    }

    @Override
    public synchronized boolean isLinking(String crs, String host, Instant now) {
        Instant expires = rows.getOrDefault(crs, Map.of()).get(host);
        return expires != null && !expires.isBefore(now);
    }
}
