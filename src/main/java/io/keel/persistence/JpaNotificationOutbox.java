package io.keel.persistence;

import io.keel.core.store.NotificationOutbox;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** {@link NotificationOutbox} in the tables notification_outbox and notification_instance, by native SQL. */
final class JpaNotificationOutbox implements NotificationOutbox {
    /** Rows per INSERT or DELETE statement: well below the bind parameter limits of H2 and PostgreSQL. */
    private static final int CHUNK = 200;
    private static final String COLUMNS = "id, seq, sub, channel, target, event, sgn";
    private final EntityManager em;

    JpaNotificationOutbox(EntityManager em) {
        this.em = em;
    }

    /**
     * By plain JDBC on the transaction's connection, as are {@link #remove}'s deletes: EclipseLink looks up each
     * parameter of a native query in the list of all of them, so one statement of 200 rows (1600 parameters) cost
     * some 10^6 comparisons — a fifth of Keel's CPU when one change notified 1000 subscriptions. No entity refers to
     * these rows, so they need not wait for EclipseLink's flush; they commit with it, on the same connection.
     */
    @Override
    public void add(String instance, List<Row> rows) {
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            StringBuilder sql = new StringBuilder("INSERT INTO notification_outbox (instance, " + COLUMNS + ") VALUES ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?)");
            }
            jdbc(sql.toString(), st -> {
                int p = 1;
                for (Row r : chunk) {
                    st.setString(p++, instance);
                    st.setString(p++, r.id());
                    st.setLong(p++, r.seq());
                    st.setString(p++, r.subscription());
                    st.setString(p++, r.channel());
                    st.setString(p++, r.target());
                    st.setString(p++, r.event());
                    st.setString(p++, r.sgn());
                }
            });
        }
    }

    @Override
    public void remove(Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            jdbc("DELETE FROM notification_outbox WHERE id IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", st -> {
                for (int i = 0; i < chunk.size(); i++) {
                    st.setString(i + 1, chunk.get(i));
                }
            });
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** One update statement on the connection of the EntityManager's active transaction. */
    private void jdbc(String sql, Binder binder) {
        Connection connection = em.unwrap(Connection.class);
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            binder.bind(st);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    @Override
    public void heartbeat(String instance, long heartbeatMicros) {
        if (em.createNativeQuery("UPDATE notification_instance SET heartbeat = ? WHERE instance = ?")
                .setParameter(1, heartbeatMicros).setParameter(2, instance).executeUpdate() == 0) {
            em.createNativeQuery("INSERT INTO notification_instance (instance, heartbeat) VALUES (?, ?)")
                    .setParameter(1, instance).setParameter(2, heartbeatMicros).executeUpdate();
        }
    }

    @Override
    public List<String> silentInstances(String instance, long beforeMicros) {
        @SuppressWarnings("unchecked")
        List<Object> names = em.createNativeQuery("SELECT instance FROM notification_instance WHERE heartbeat < ?"
                        + " AND instance <> ? ORDER BY heartbeat FOR UPDATE SKIP LOCKED")
                .setParameter(1, beforeMicros).setParameter(2, instance).getResultList();
        return names.stream().map(String::valueOf).toList();
    }

    @Override
    public List<Row> takeOver(String from, String to) {
        List<Row> rows = rows(from);
        em.createNativeQuery("UPDATE notification_outbox SET instance = ? WHERE instance = ?")
                .setParameter(1, to).setParameter(2, from).executeUpdate();
        em.createNativeQuery("DELETE FROM notification_instance WHERE instance = ?").setParameter(1, from).executeUpdate();
        return rows;
    }

    @Override
    public List<Row> owned(String instance) {
        return rows(instance);
    }

    private List<Row> rows(String instance) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM notification_outbox WHERE instance = ?"
                + " ORDER BY instance, seq").setParameter(1, instance).getResultList();
        List<Row> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new Row((String) r[0], ((Number) r[1]).longValue(), (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], text(r[6])));
        }
        return out;
    }

    private static String text(Object v) {
        if (v instanceof Clob c) {
            try {
                return c.getSubString(1, (int) c.length());
            } catch (SQLException e) {
                throw new PersistenceException(e);
            }
        }
        return (String) v;
    }
}
