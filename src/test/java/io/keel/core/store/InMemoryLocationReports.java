package io.keel.core.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link LocationReports} in a map, for unit tests (not rolled back with a failed write). */
public final class InMemoryLocationReports implements LocationReports {
    private final Map<String, Awaited> awaited = new LinkedHashMap<>();
    private final Map<String, Instant> until = new LinkedHashMap<>();

    @Override
    public synchronized void expect(String token, Instant until) {
        awaited.put(token, new Awaited(token, null));
        this.until.put(token, until);
    }

    @Override
    public synchronized Awaited of(String token) {
        return awaited.get(token);
    }

    @Override
    public synchronized boolean report(String token, String report) {
        Awaited a = awaited.get(token);
        if (a == null) {
            return false;
        }
        if (a.report() == null) {
            awaited.put(token, new Awaited(token, report));
        }
        return true;
    }

    @Override
    public synchronized void remove(String token) {
        awaited.remove(token);
        until.remove(token);
    }

    @Override
    public synchronized void removeEnded(Instant now) {
        until.entrySet().removeIf(e -> e.getValue().isBefore(now) && awaited.remove(e.getKey()) != null);
    }

    public synchronized int size() {
        return awaited.size();
    }
}
