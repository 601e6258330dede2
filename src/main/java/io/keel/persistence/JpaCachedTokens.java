package io.keel.persistence;

import io.keel.core.store.CachedTokens;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/** {@link CachedTokens} in the table cached_token (V30), by native SQL. */
final class JpaCachedTokens implements CachedTokens {
    private static final String COLUMNS = "SELECT lti, digest, token, token_id, holder, relation, das, not_after FROM cached_token ";
    private final EntityManager em;

    JpaCachedTokens(EntityManager em) {
        this.em = em;
    }

    @Override
    public boolean add(Cached c) {
        if (!em.createNativeQuery("SELECT lti FROM cached_token WHERE digest = ?").setParameter(1, c.digest())
                .getResultList().isEmpty()) {
            return false;
        }
        em.createNativeQuery("INSERT INTO cached_token (lti, digest, token, token_id, holder, relation, das, not_after)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .setParameter(1, c.lti()).setParameter(2, c.digest()).setParameter(3, c.token()).setParameter(4, c.tokenId())
                .setParameter(5, c.holder()).setParameter(6, c.relation().ordinal()).setParameter(7, c.das())
                .setParameter(8, JpaResourceStore.micros(c.notAfter())).executeUpdate();
        return true;
    }

    @Override
    public Cached byDigest(String digest, Instant now) {
        List<Cached> l = select("WHERE digest = ? AND not_after > ?", digest, now);
        return l.isEmpty() ? null : l.get(0);
    }

    @Override
    public Cached byLocalId(String lti, Instant now) {
        List<Cached> l = select("WHERE lti = ? AND not_after > ?", lti, now);
        return l.isEmpty() ? null : l.get(0);
    }

    @Override
    public List<Cached> byTokenId(String tokenId, Instant now) {
        return select("WHERE token_id = ? AND not_after > ?", tokenId, now);
    }

    @Override
    public void update(String lti, String holder, Relation relation, String das) {
        // Only what is given is set: a null bound in COALESCE has no type PostgreSQL accepts.
        String set = "holder = ?" + (relation == null ? "" : ", relation = ?") + (das == null ? "" : ", das = ?");
        jakarta.persistence.Query q = em.createNativeQuery("UPDATE cached_token SET " + set + " WHERE lti = ?");
        int i = 1;
        q.setParameter(i++, holder);
        if (relation != null) {
            q.setParameter(i++, relation.ordinal());
        }
        if (das != null) {
            q.setParameter(i++, das);
        }
        q.setParameter(i, lti).executeUpdate();
    }

    @Override
    public int purge(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<Object> expired = em.createNativeQuery("SELECT lti FROM cached_token WHERE not_after <= ? ORDER BY not_after")
                .setParameter(1, JpaResourceStore.micros(now)).setMaxResults(limit).getResultList();
        for (Object lti : expired) {
            em.createNativeQuery("DELETE FROM cached_token WHERE lti = ?").setParameter(1, lti).executeUpdate();
        }
        return expired.size();
    }

    private List<Cached> select(String where, String key, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COLUMNS + where).setParameter(1, key)
                .setParameter(2, JpaResourceStore.micros(now)).getResultList();
        return rows.stream().map(r -> new Cached((String) r[0], (String) r[1], JpaResourceStore.text(r[2]), (String) r[3],
                (String) r[4], Relation.values()[((Number) r[5]).intValue()], (String) r[6],
                JpaResourceStore.instant(((Number) r[7]).longValue()))).toList();
    }
}
