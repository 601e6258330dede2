package io.keel.persistence;

import io.keel.core.store.LocationWatches;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/** {@link LocationWatches} in the table location_watch (V24), by native SQL; absent values are stored as sentinels. */
final class JpaLocationWatches implements LocationWatches {
    private static final String NO_TARGET = "";
    private static final int NOT_JUDGED = -1;
    private static final long NOT_DUE = Long.MAX_VALUE;
    private final EntityManager em;

    JpaLocationWatches(EntityManager em) {
        this.em = em;
    }

    @Override
    public void put(Watch w) {
        em.flush(); // the policy's row must exist before the row referencing it
        String target = w.target() == null ? NO_TARGET : w.target();
        int inside = w.inside() == null ? NOT_JUDGED : w.inside() ? 1 : 0;
        long due = w.due() == null ? NOT_DUE : JpaResourceStore.micros(w.due());
        if (em.createNativeQuery("UPDATE location_watch SET target = ?, inside = ?, due = ? WHERE ri = ?")
                .setParameter(1, target).setParameter(2, inside).setParameter(3, due).setParameter(4, w.policy())
                .executeUpdate() == 0) {
            em.createNativeQuery("INSERT INTO location_watch (ri, target, inside, due) VALUES (?, ?, ?, ?)")
                    .setParameter(1, w.policy()).setParameter(2, target).setParameter(3, inside).setParameter(4, due)
                    .executeUpdate();
        }
    }

    @Override
    public Watch of(String policy) {
        List<Watch> l = select("WHERE ri = ?", policy, 1);
        return l.isEmpty() ? null : l.get(0);
    }

    @Override
    public List<Watch> ofTarget(String target) {
        return select("WHERE target = ?", target, Integer.MAX_VALUE);
    }

    @Override
    public List<Watch> due(Instant now, int limit) {
        return select("WHERE due <= ? ORDER BY due", JpaResourceStore.micros(now), limit);
    }

    private List<Watch> select(String where, Object parameter, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT ri, target, inside, due FROM location_watch " + where)
                .setParameter(1, parameter).setMaxResults(limit).getResultList();
        return rows.stream().map(JpaLocationWatches::watchOf).toList();
    }

    private static Watch watchOf(Object[] row) {
        String target = (String) row[1];
        int inside = ((Number) row[2]).intValue();
        long due = ((Number) row[3]).longValue();
        return new Watch((String) row[0], NO_TARGET.equals(target) ? null : target,
                inside == NOT_JUDGED ? null : inside == 1, due == NOT_DUE ? null : JpaResourceStore.instant(due));
    }
}
