package io.keel.core.store;

import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link TimeSeriesIndex} in memory over an {@link InMemoryTree}; rows of deleted resources count as gone. */
public final class InMemoryTimeSeriesIndex implements TimeSeriesIndex {
    private final InMemoryTree tree;
    public final Map<String, Watch> watches = new LinkedHashMap<>();
    public final Map<String, Window> windows = new LinkedHashMap<>();

    InMemoryTimeSeriesIndex(InMemoryTree tree) {
        this.tree = tree;
    }

    @Override
    public synchronized boolean hasInstanceBetween(String series, Instant from, Instant to) {
        return tree.children(series, 30).stream().map(r -> Timestamps.parse((String) r.get("dgt"), "dgt"))
                .anyMatch(t -> !t.isBefore(from) && !t.isAfter(to));
    }

    /** The tree holds the instances' dgt already: the in-memory index reads them there. */
    @Override
    public void addPoint(String series, String instance, Instant dataGenerationTime) {
    }

    @Override
    public synchronized List<String> oldestGenerated(String series, int limit) {
        return tree.children(series, 30).stream().sorted(Comparator.comparing(r -> (String) r.get("dgt")))
                .limit(limit).map(r -> r.ri).toList();
    }

    @Override
    public synchronized void watch(String series, Instant expected, Instant due) {
        watches.put(series, new Watch(series, expected, due));
    }

    @Override
    public synchronized Watch watched(String series) {
        return tree.find(series) == null ? null : watches.get(series);
    }

    @Override
    public synchronized void unwatch(String series) {
        watches.remove(series);
    }

    @Override
    public synchronized List<Watch> detectionsDue(Instant now, int limit) {
        return watches.values().stream().filter(w -> tree.find(w.series()) != null && !w.due().isAfter(now))
                .sorted(Comparator.comparing(Watch::due)).limit(limit).toList();
    }

    @Override
    public synchronized Window window(String subscription) {
        return tree.find(subscription) == null ? null : windows.get(subscription);
    }

    @Override
    public synchronized void setWindow(Window window) {
        windows.put(window.subscription(), window);
    }
}
