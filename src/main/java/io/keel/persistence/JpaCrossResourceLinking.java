package io.keel.persistence;

import io.keel.core.store.CrossResourceLinking;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Set;

/** {@link CrossResourceLinking} in the table cross_resource_linking, by native SQL. */
final class JpaCrossResourceLinking implements CrossResourceLinking {
    private final EntityManager em;

    JpaCrossResourceLinking(EntityManager em) {
        this.em = em;
    }

    @Override
    public void linking(String crs, Set<String> hosts, Instant now, Instant expires) {
        // What an instance that stopped while linking left behind.
        em.createNativeQuery("DELETE FROM cross_resource_linking WHERE expires < ?").setParameter(1, JpaResourceStore.micros(now))
                .executeUpdate();
        for (String host : hosts) {
            em.createNativeQuery("INSERT INTO cross_resource_linking (ri, host, expires) VALUES (?, ?, ?)")
                    .setParameter(1, crs).setParameter(2, host).setParameter(3, JpaResourceStore.micros(expires)).executeUpdate();
        }
    }

    @Override
    public void linked(String crs) {
        em.createNativeQuery("DELETE FROM cross_resource_linking WHERE ri = ?").setParameter(1, crs).executeUpdate();
    }

    @Override
    public boolean isLinking(String crs, String host, Instant now) {
        return !em.createNativeQuery("SELECT 1 FROM cross_resource_linking WHERE ri = ? AND host = ? AND expires >= ?")
                .setParameter(1, crs).setParameter(2, host).setParameter(3, JpaResourceStore.micros(now))
                .setMaxResults(1).getResultList().isEmpty();
    }
}
