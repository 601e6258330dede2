package io.keel.persistence;

import io.keel.core.store.LocationSubscriptions;
import jakarta.persistence.EntityManager;
import java.util.List;

/** {@link LocationSubscriptions} in the table location_subscription (V41), by native SQL; no expiry is the largest BIGINT. */
final class JpaLocationSubscriptions implements LocationSubscriptions {
    private static final long NEVER = Long.MAX_VALUE;
    private final EntityManager em;

    JpaLocationSubscriptions(EntityManager em) {
        this.em = em;
    }

    @Override
    public void put(Subscription s) {
        em.flush(); // the policy's row must exist before the row referencing it
        em.createNativeQuery("INSERT INTO location_subscription (token, ri, api, url, expires) VALUES (?, ?, ?, ?, ?)")
                .setParameter(1, s.token()).setParameter(2, s.policy()).setParameter(3, s.api()).setParameter(4, s.url())
                .setParameter(5, s.expires() == null ? NEVER : JpaResourceStore.micros(s.expires())).executeUpdate();
    }

    @Override
    public Subscription ofToken(String token) {
        List<Subscription> l = select("token", token);
        return l.isEmpty() ? null : l.get(0);
    }

    @Override
    public List<Subscription> ofPolicy(String policy) {
        return select("ri", policy);
    }

    @Override
    public void remove(String token) {
        em.createNativeQuery("DELETE FROM location_subscription WHERE token = ?").setParameter(1, token).executeUpdate();
    }

    private List<Subscription> select(String column, String value) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT token, ri, api, url, expires FROM location_subscription WHERE "
                + column + " = ?").setParameter(1, value).getResultList();
        return rows.stream().map(r -> {
            long expires = ((Number) r[4]).longValue();
            return new Subscription((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                    expires == NEVER ? null : JpaResourceStore.instant(expires));
        }).toList();
    }
}
