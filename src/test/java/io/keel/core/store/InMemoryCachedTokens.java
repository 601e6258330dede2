package io.keel.core.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link CachedTokens} in a map, for unit tests (not rolled back with a failed write). */
public final class InMemoryCachedTokens implements CachedTokens {
    private final Map<String, Cached> byLti = new LinkedHashMap<>();

    @Override
    public synchronized boolean add(Cached c) {
        if (byLti.values().stream().anyMatch(e -> e.digest().equals(c.digest()))) {
            return false;
        }
        byLti.put(c.lti(), c);
        return true;
    }

    @Override
    public synchronized Cached byDigest(String digest, Instant now) {
        return byLti.values().stream().filter(c -> c.digest().equals(digest) && now.isBefore(c.notAfter())).findFirst().orElse(null);
    }

    @Override
    public synchronized Cached byLocalId(String lti, Instant now) {
        Cached c = byLti.get(lti);
        return c == null || !now.isBefore(c.notAfter()) ? null : c;
    }

    @Override
    public synchronized List<Cached> byTokenId(String tokenId, Instant now) {
        return byLti.values().stream().filter(c -> c.tokenId().equals(tokenId) && now.isBefore(c.notAfter())).toList();
    }

    @Override
    public synchronized void update(String lti, String holder, Relation relation, String das) {
        Cached c = byLti.get(lti);
        if (c != null) {
            byLti.put(lti, new Cached(lti, c.digest(), c.token(), c.tokenId(), holder, relation == null ? c.relation() : relation,
                    das == null ? c.das() : das, c.notAfter()));
        }
    }

    @Override
    public synchronized int purge(Instant now, int limit) {
        List<String> expired = byLti.values().stream().filter(c -> !now.isBefore(c.notAfter())).map(Cached::lti).limit(limit).toList();
        expired.forEach(byLti::remove);
        return expired.size();
    }

    public synchronized int size() {
        return byLti.size();
    }
}
