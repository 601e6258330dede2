package io.keel.persistence;

import io.keel.core.store.DescriptorPatterns;
import io.keel.core.store.DescriptorPatterns.TriplePattern;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Estimates for {@link SemanticPlan}, kept a minute per CSE instance: how many resources there are, and how many
 * indexed triples match a triple pattern's constants (counted up to a bound, through the pattern's index). They only
 * choose a plan, never a result, so an estimate a minute old, or one made by another instance's writes, costs time at
 * worst.
 */
final class TriplePatternCounts {
    private static final long FRESH_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Enough for the patterns in use; beyond, the estimates start over rather than grow. */
    private static final int MOST = 1024;
    private static final String RESOURCES = "";

    private record Count(long value, long bound, long at) {
    }

    private final Map<String, Count> counts = new ConcurrentHashMap<>();
    private final boolean postgres;

    /** @param postgres the resources are estimated from PostgreSQL's statistics rather than counted */
    TriplePatternCounts(boolean postgres) {
        this.postgres = postgres;
    }

    SemanticPlan plan(EntityManager em, DescriptorPatterns described, long wanted) {
        return SemanticPlan.of(described, wanted, resources(em), (tp, bound) -> matches(em, tp, bound));
    }

    private long resources(EntityManager em) {
        return cached(RESOURCES, Long.MAX_VALUE, () -> {
            // PostgreSQL counts by reading every row; its planner's estimate (VACUUM, ANALYZE, CREATE INDEX) is enough
            // here, unless the table was never analyzed (-1). H2 keeps the count.
            long estimate = postgres ? resourceEstimate(em) : -1;
            return estimate >= 0 ? estimate
                    : ((Number) em.createNativeQuery("SELECT COUNT(*) FROM resource").getSingleResult()).longValue();
        });
    }

    private static long resourceEstimate(EntityManager em) {
        List<?> reltuples = em.createNativeQuery("SELECT reltuples FROM pg_class WHERE oid = to_regclass('resource')")
                .getResultList();
        return reltuples.isEmpty() ? -1 : (long) Math.ceil(((Number) reltuples.get(0)).doubleValue());
    }

    private long matches(EntityManager em, TriplePattern tp, long bound) {
        String[] columns = {"s_key", "p_key", "o_key"};
        List<String> terms = tp.terms();
        StringBuilder where = new StringBuilder();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            if (!DescriptorPatterns.isVariable(terms.get(i))) {
                where.append(keys.isEmpty() ? " WHERE " : " AND ").append(columns[i]).append(" = ?");
                keys.add(TermKey.of(terms.get(i)));
            }
        }
        String sql = "SELECT COUNT(*) FROM (SELECT 1 FROM semantic_triple" + where + " LIMIT " + bound + ") m";
        return cached(String.join("\u0000", keys) + "\u0000" + where, bound, () -> {
            Query q = em.createNativeQuery(sql);
            for (int i = 0; i < keys.size(); i++) {
                q.setParameter(i + 1, keys.get(i));
            }
            return ((Number) q.getSingleResult()).longValue();
        });
    }

    /** A count at most a minute old that was counted up to at least {@code bound} (or reached its own bound). */
    private long cached(String key, long bound, java.util.function.LongSupplier counter) {
        long now = System.nanoTime();
        Count c = counts.get(key);
        if (c == null || now - c.at() > FRESH_NANOS || c.bound() < bound && c.value() >= c.bound()) {
            if (counts.size() >= MOST) {
                counts.clear();
            }
            c = new Count(counter.getAsLong(), bound, now);
            counts.put(key, c);
        }
        return Math.min(c.value(), bound);
    }
}
