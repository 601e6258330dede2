package io.keel.persistence;

import io.keel.core.store.CrossResourceWindowIndex;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/** {@link CrossResourceWindowIndex} in the table cross_resource_window, by native SQL. */
final class JpaCrossResourceWindowIndex implements CrossResourceWindowIndex {
    private final EntityManager em;

    JpaCrossResourceWindowIndex(EntityManager em) {
        this.em = em;
    }

    @Override
    public void setWindowEnd(String crs, Instant ends) {
        if (ends == null) {
            em.createNativeQuery("DELETE FROM cross_resource_window WHERE ri = ?").setParameter(1, crs).executeUpdate();
            return;
        }
        em.flush(); // the resource's row must exist before the row referencing it
        long micros = JpaResourceStore.micros(ends);
        if (em.createNativeQuery("UPDATE cross_resource_window SET ends = ? WHERE ri = ?")
                .setParameter(1, micros).setParameter(2, crs).executeUpdate() == 0) {
            em.createNativeQuery("INSERT INTO cross_resource_window (ri, ends) VALUES (?, ?)")
                    .setParameter(1, crs).setParameter(2, micros).executeUpdate();
        }
    }

    @Override
    public List<String> windowsEnded(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<Object> ris = em.createNativeQuery("SELECT ri FROM cross_resource_window WHERE ends <= ? ORDER BY ends")
                .setParameter(1, JpaResourceStore.micros(now)).setMaxResults(limit).getResultList();
        return ris.stream().map(String::valueOf).toList();
    }
}
