package io.keel.persistence;

import io.keel.core.store.LocationReports;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/** {@link LocationReports} in the table location_report (V43), by native SQL. */
final class JpaLocationReports implements LocationReports {
    private final EntityManager em;

    JpaLocationReports(EntityManager em) {
        this.em = em;
    }

    @Override
    public void expect(String token, Instant until) {
        em.createNativeQuery("INSERT INTO location_report (token, report, expires) VALUES (?, NULL, ?)")
                .setParameter(1, token).setParameter(2, JpaResourceStore.micros(until)).executeUpdate();
    }

    @Override
    public Awaited of(String token) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT token, report FROM location_report WHERE token = ?")
                .setParameter(1, token).getResultList();
        return rows.isEmpty() ? null : new Awaited((String) rows.get(0)[0], (String) rows.get(0)[1]);
    }

    @Override
    public boolean report(String token, String report) {
        return em.createNativeQuery("UPDATE location_report SET report = COALESCE(report, ?) WHERE token = ?")
                .setParameter(1, report).setParameter(2, token).executeUpdate() > 0;
    }

    @Override
    public void remove(String token) {
        em.createNativeQuery("DELETE FROM location_report WHERE token = ?").setParameter(1, token).executeUpdate();
    }

    @Override
    public void removeEnded(Instant now) {
        em.createNativeQuery("DELETE FROM location_report WHERE expires < ?").setParameter(1, JpaResourceStore.micros(now))
                .executeUpdate();
    }
}
