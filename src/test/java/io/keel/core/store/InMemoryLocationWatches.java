package io.keel.core.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@link LocationWatches} in a map, for unit tests (not rolled back with a failed write). */
public final class InMemoryLocationWatches implements LocationWatches {
    private final Map<String, Watch> watches = new LinkedHashMap<>();

    @Override
    public void put(Watch watch) {
        watches.put(watch.policy(), watch);
    }

    @Override
    public Watch of(String policy) {
        return watches.get(policy);
    }

    @Override
    public List<Watch> ofTarget(String target) {
        return watches.values().stream().filter(w -> Objects.equals(target, w.target())).toList();
    }

    @Override
    public List<Watch> due(Instant now, int limit) {
        return watches.values().stream().filter(w -> w.due() != null && !w.due().isAfter(now))
                .sorted(Comparator.comparing(Watch::due)).limit(limit).toList();
    }
}
