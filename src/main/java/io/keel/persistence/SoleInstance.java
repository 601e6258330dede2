package io.keel.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This instance's registration on its PostgreSQL database, and whether it is the only instance there: then its cache
 * of rows is checked against its own commits alone, as for embedded H2 ({@code keel.db.row-cache=auto}).
 *
 * <p>Every instance on the database has a row in {@code keel_instance} (V46) while it runs, renewed every
 * {@code renew} and lapsing {@code term} after the database's clock at the renewal. Each step is one transaction:
 * <ul>
 * <li>Registering, and becoming sole, take an advisory lock (of two at once, the second sees the first) and first
 *     remove lapsed rows. An instance registers as sole when no other row is there; otherwise it writes nothing until
 *     no other instance holds the database alone ({@link #open} waits for that).
 * <li>A sole instance that finds another row stops using its cache, then gives up being sole.
 * <li>A sole instance uses its cache until {@code term - margin} after it sent the renewal that found it alone: its
 *     row lapses {@code term} after the database received that renewal.
 * <li>Every write transaction locks its instance's row ({@code FOR KEY SHARE}) just before COMMIT and fails if the
 *     row is gone ({@link #fence}): removing a lapsed row waits for the commits under way, and no later commit of
 *     that instance lands. So no instance becomes sole while another can still commit.
 * </ul>
 * A stalled instance whose row was removed registers again at its next renewal.
 */
final class SoleInstance implements RowCache.OtherInstances, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SoleInstance.class.getName());
    /** pg_advisory_xact_lock key of registering and becoming sole ("Keel", V46). */
    private static final long LOCK_KEY = 0x4b65656c_00000046L;
    private static final String LOCK = "SELECT pg_advisory_xact_lock(?)";
    private static final String REMOVE_LAPSED = "DELETE FROM keel_instance WHERE expires_at < clock_timestamp()";
    private static final String OTHERS = "SELECT count(*), count(*) FILTER (WHERE expires_at >= clock_timestamp()),"
            + " count(*) FILTER (WHERE sole AND expires_at >= clock_timestamp()) FROM keel_instance WHERE id <> ?";
    private static final String INSERT = "INSERT INTO keel_instance (id, sole, expires_at)"
            + " VALUES (?, ?, clock_timestamp() + ? * INTERVAL '1 millisecond')";
    private static final String RENEW = "UPDATE keel_instance SET expires_at = clock_timestamp() + ? * INTERVAL '1 millisecond'"
            + " WHERE id = ? RETURNING sole";
    private static final String SET_SOLE = "UPDATE keel_instance SET sole = ? WHERE id = ?";
    private static final String FENCE = "SELECT 1 FROM keel_instance WHERE id = ? FOR KEY SHARE";
    private static final String LEAVE = "DELETE FROM keel_instance WHERE id = ?";

    /**
     * How long a row lasts unrenewed, how often it is renewed, and how much sooner than its row a sole instance stops
     * using its cache (for the clocks' drift and the renewal's time on the way).
     */
    record Timing(long termMillis, long renewMillis, long marginMillis) {
        /** A dead instance's row lapses within 3 s; a newcomer waits about one renewal. */
        static final Timing DEFAULT = new Timing(3000, 500, 1000);
    }

    /** While sole: the cache's generation and until when (System.nanoTime) it may be used. */
    private record Term(long generation, long untilNanos) {
    }

    /** Other rows: all, not lapsed, not lapsed and sole. */
    private record Others(long all, long live, long liveSole) {
    }

    private final EntityManagerFactory emf;
    private final String id = UUID.randomUUID().toString();
    private final long termMillis;
    private final long renewMillis;
    private final long marginNanos;
    private final ScheduledExecutorService renewer;
    private volatile Term term;
    /** Registered, and no other instance held the database alone since: this instance may commit. */
    private volatile boolean admitted;
    private long generation;
    private boolean failing;

    private SoleInstance(EntityManagerFactory emf, Timing timing) {
        this.emf = emf;
        this.termMillis = timing.termMillis;
        this.renewMillis = timing.renewMillis;
        this.marginNanos = TimeUnit.MILLISECONDS.toNanos(timing.marginMillis);
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keel-instance-registration");
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers on the database of {@code emf}, waits until this instance may write, and renews from then on. */
    static SoleInstance open(EntityManagerFactory emf, Timing timing) {
        return new SoleInstance(emf, timing).start();
    }

    private SoleInstance start() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(termMillis * 2 + 5000);
        settle();
        while (!admitted) {
            if (System.nanoTime() - deadline > 0) {
                renewer.shutdownNow();
                throw new IllegalStateException("another Keel instance holds this database alone and has not given it up;"
                        + " is it of a version before V46 of the schema, or stopped in a debugger?");
            }
            try {
                Thread.sleep(Math.min(100, renewMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                renewer.shutdownNow();
                throw new IllegalStateException("interrupted while waiting to write to the database", e);
            }
            settle();
        }
        renewer.scheduleWithFixedDelay(this::settleQuietly, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The cache's generation while this instance holds the database alone, else -1 (nothing may be cached). */
    @Override
    public long current() {
        Term t = term;
        return t != null && System.nanoTime() - t.untilNanos < 0 ? t.generation : -1;
    }

    /**
     * On a write transaction, just before its COMMIT: locks this instance's row until the transaction ends, so that it
     * is not removed meanwhile; fails when it was (this instance lapsed while stalled: another may hold the database
     * alone now).
     */
    void fence(EntityManager em) {
        if (admitted) {
            try (PreparedStatement st = em.unwrap(Connection.class).prepareStatement(FENCE)) {
                st.setString(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            } catch (SQLException e) {
                throw new PersistenceException(e);
            }
            admitted = false;
            term = null;
        }
        throw new PersistenceException("this Keel instance's registration on the database lapsed (it did not renew it for "
                + termMillis + " ms) and is being renewed: the write was not committed");
    }

    private void settleQuietly() {
        try {
            settle();
            if (failing) {
                LOG.info("the registration of this instance on the database is renewed again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "could not renew this instance's registration on the database (" + e.getMessage()
                        + "); its cache of rows is off until it can", e);
                failing = true;
            }
        }
    }

    /** What one look at the registrations found: whether this instance is sole (null: it has no row), and the others. */
    private record Found(Boolean sole, Others others) {
    }

    /** One look at the registrations, acting on what it finds. */
    private synchronized void settle() {
        long sent = System.nanoTime();
        Found found = inTransaction(c -> {
            Boolean sole = renew(c);
            Others others = others(c);
            if (Boolean.TRUE.equals(sole) && others.all > 0) {
                // Someone registered: stop before saying so, so that it never commits while this cache is used.
                stopCaching();
                setSole(c, false);
                sole = false;
            }
            return new Found(sole, others);
        });
        if (found.sole == null || (!found.sole && found.others.live == 0)) {
            if (found.sole == null) { // not registered yet, or removed after lapsing
                stopCaching();
                admitted = false;
            }
            // Lock first: a row this transaction locked while waiting for it could deadlock with a removal of lapsed rows.
            found = inTransaction(c -> {
                lock(c);
                update(c, REMOVE_LAPSED);
                Others others = others(c);
                boolean alone = others.all == 0;
                if (renew(c) == null) {
                    insert(c, alone);
                } else if (alone) {
                    setSole(c, true);
                }
                return new Found(alone, others);
            });
        }
        if (found.sole) {
            Term t = term;
            // A term that lapsed meanwhile may have let another instance write (and leave): start a new generation.
            if (t == null || System.nanoTime() - t.untilNanos >= 0) {
                if (t == null) {
                    LOG.info("this Keel instance is the only one on its database: its cache of rows is on");
                }
                t = new Term(++generation, 0);
            }
            term = new Term(t.generation, sent + TimeUnit.MILLISECONDS.toNanos(termMillis) - marginNanos);
            admitted = true;
        } else if (!admitted) {
            admitted = found.others.liveSole == 0;
        }
    }

    private void stopCaching() {
        if (term != null) {
            LOG.info("another Keel instance registered on the database: this one's cache of rows is off");
        }
        term = null;
    }

    /** Stops renewing and removes this instance's row: others may hold the database alone at once. */
    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            renewer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        term = null;
        admitted = false;
        try {
            inTransaction(c -> update(c, LEAVE, id));
        } catch (RuntimeException e) {
            LOG.warning("could not remove this instance's registration from the database (" + e.getMessage()
                    + "); it lapses within " + termMillis + " ms");
        }
    }

    /** Moves this instance's row's lapse; whether it is sole, or null when there is no row. */
    private Boolean renew(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(RENEW)) {
            st.setLong(1, termMillis);
            st.setString(2, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    private Others others(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(OTHERS)) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Others(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        }
    }

    private void insert(Connection c, boolean sole) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            st.setString(1, id);
            st.setBoolean(2, sole);
            st.setLong(3, termMillis);
            st.executeUpdate();
        }
    }

    private void setSole(Connection c, boolean sole) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(SET_SOLE)) {
            st.setBoolean(1, sole);
            st.setString(2, id);
            st.executeUpdate();
        }
    }

    private static void lock(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(LOCK)) {
            st.setLong(1, LOCK_KEY);
            st.executeQuery().close();
        }
    }

    private static int update(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setString(i + 1, args[i]);
            }
            return st.executeUpdate();
        }
    }

    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(SqlWork<T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction t = em.getTransaction();
        try {
            t.begin();
            T result = work.run(em.unwrap(Connection.class));
            t.commit();
            return result;
        } catch (SQLException e) {
            throw new PersistenceException(e);
        } finally {
            if (t.isActive()) {
                t.rollback();
            }
            em.close();
        }
    }
}
