package io.keel.core.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link CrossResourceWindowIndex} in memory, for unit tests. */
public final class InMemoryCrossResourceWindowIndex implements CrossResourceWindowIndex {
    public final Map<String, Instant> ends = new LinkedHashMap<>();

    @Override
    public synchronized void setWindowEnd(String crs, Instant end) {
        if (end == null) {
            ends.remove(crs);
        } else {
            ends.put(crs, end);
        }
    }

    @Override
    public synchronized List<String> windowsEnded(Instant now, int limit) {
        return ends.entrySet().stream().filter(e -> !e.getValue().isAfter(now))
                .sorted(Map.Entry.comparingByValue()).limit(limit).map(Map.Entry::getKey).toList();
    }
}
