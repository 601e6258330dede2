package io.keel.persistence;

import io.keel.core.store.GroupAggregationQueue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Clob;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link GroupAggregationQueue} in the table group_aggregation, by native SQL. */
final class JpaGroupAggregationQueue implements GroupAggregationQueue {
    /** IDs per IN list: well below the bind parameter limits of H2 and PostgreSQL. */
    private static final int CHUNK = 200;
    private static final String COLUMNS = "id, grp, nfu, seq, instance, due, sgn";
    private final EntityManager em;

    JpaGroupAggregationQueue(EntityManager em) {
        this.em = em;
    }

    @Override
    public void add(List<Row> rows) {
        for (Row r : rows) {
            em.createNativeQuery("INSERT INTO group_aggregation (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .setParameter(1, r.id()).setParameter(2, r.group()).setParameter(3, r.nfu()).setParameter(4, r.seq())
                    .setParameter(5, r.instance()).setParameter(6, r.due()).setParameter(7, r.sgn()).executeUpdate();
        }
    }

    @Override
    public List<Row> collecting(Batch batch, long staleMicros) {
        return rows(" AND (taken IS NULL OR (rsc IS NULL AND taken < ?))", batch, staleMicros);
    }

    @Override
    public List<Row> sent(Batch batch) {
        return rows(" AND taken IS NOT NULL", batch);
    }

    private List<Row> rows(String condition, Batch batch, Object... more) {
        Query q = em.createNativeQuery("SELECT " + COLUMNS + " FROM group_aggregation WHERE grp = ? AND nfu = ?" + condition
                + " ORDER BY grp, seq").setParameter(1, batch.group()).setParameter(2, batch.nfu());
        for (int i = 0; i < more.length; i++) {
            q.setParameter(3 + i, more[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        List<Row> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new Row((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).longValue(), (String) r[4],
                    ((Number) r[5]).longValue(), text(r[6])));
        }
        return out;
    }

    @Override
    public void take(Collection<String> ids, String sender, long nowMicros) {
        inChunks(ids, "UPDATE group_aggregation SET sender = ?, taken = ? WHERE id IN ", sender, nowMicros);
    }

    @Override
    public List<Batch> due(long nowMicros, long staleMicros) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT DISTINCT grp, nfu FROM group_aggregation WHERE due <= ?"
                        + " AND (taken IS NULL OR (rsc IS NULL AND taken < ?))")
                .setParameter(1, nowMicros).setParameter(2, staleMicros).getResultList();
        return rows.stream().map(r -> new Batch((String) r[0], (String) r[1])).toList();
    }

    @Override
    public void answer(Collection<String> ids, int rsc) {
        inChunks(ids, "UPDATE group_aggregation SET rsc = ? WHERE id IN ", rsc);
    }

    @Override
    public Map<String, Integer> answered(String instance) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, rsc FROM group_aggregation WHERE instance = ? AND rsc IS NOT NULL")
                .setParameter(1, instance).getResultList();
        Map<String, Integer> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put((String) r[0], ((Number) r[1]).intValue()));
        return out;
    }

    @Override
    public void remove(Collection<String> ids) {
        inChunks(ids, "DELETE FROM group_aggregation WHERE id IN ");
    }

    @Override
    public boolean hasAnsweredBefore(long beforeMicros) {
        return !em.createNativeQuery("SELECT 1 FROM group_aggregation WHERE due < ? AND rsc IS NOT NULL")
                .setParameter(1, beforeMicros).setMaxResults(1).getResultList().isEmpty();
    }

    @Override
    public void removeAnsweredBefore(long beforeMicros) {
        em.createNativeQuery("DELETE FROM group_aggregation WHERE due < ? AND rsc IS NOT NULL")
                .setParameter(1, beforeMicros).executeUpdate();
    }

    /** Runs {@code sql} (ending in "IN ") with the leading parameters and the IDs, in chunks. */
    private void inChunks(Collection<String> ids, String sql, Object... leading) {
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            Query q = em.createNativeQuery(sql + "(" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")");
            int p = 1;
            for (Object v : leading) {
                q.setParameter(p++, v);
            }
            for (String id : chunk) {
                q.setParameter(p++, id);
            }
            q.executeUpdate();
        }
    }

    private static String text(Object v) {
        if (v instanceof Clob c) {
            try {
                return c.getSubString(1, (int) c.length());
            } catch (SQLException e) {
                throw new jakarta.persistence.PersistenceException(e);
            }
        }
        return (String) v;
    }
}
