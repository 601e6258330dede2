package io.keel.core;

import io.keel.core.store.RequestLeases;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link RequestLeases} in memory: which instance claimed which request, and when it last renewed. */
final class InMemoryLeases implements RequestLeases {
    record Lease(String instance, long heartbeatMicros) {
    }

    private final Map<String, Lease> byRequest = new LinkedHashMap<>();
    private final List<String> released = new ArrayList<>();

    @Override
    public synchronized void claim(String ri, String instance, long nowMicros) {
        byRequest.put(ri, new Lease(instance, nowMicros));
    }

    @Override
    public synchronized void release(String ri) {
        byRequest.remove(ri);
        released.add(ri);
    }

    @Override
    public synchronized void renew(String instance, long heartbeatMicros) {
        byRequest.replaceAll((ri, l) -> l.instance().equals(instance) ? new Lease(instance, heartbeatMicros) : l);
    }

    @Override
    public synchronized List<String> abandoned(long beforeMicros) {
        return byRequest.entrySet().stream().filter(e -> e.getValue().heartbeatMicros() < beforeMicros).map(Map.Entry::getKey).toList();
    }

    synchronized Lease of(String ri) {
        return byRequest.get(ri);
    }

    synchronized List<String> released() {
        return List.copyOf(released);
    }
}
