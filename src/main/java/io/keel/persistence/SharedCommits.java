package io.keel.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.eclipse.persistence.internal.databaseaccess.Accessor;
import org.eclipse.persistence.jpa.JpaHelper;
import org.eclipse.persistence.sessions.server.ConnectionPool;

/**
 * The commits of every instance on a shared database, counted by two sequences (V45): each write transaction moves
 * "begun" just before its COMMIT and "ended" once it has committed or failed, before it is acknowledged. Where both
 * read the same, no commit ran at that instant, and the value is new after every commit: what {@link RowCache}
 * stamps rows with, so that an instance never answers from rows another instance has changed since.
 *
 * <p>A request asks for the count as of a moment after it began: a check (one statement) that started after the
 * question. Requests that ask while a check runs wait for the next one, which serves them all, so under load the
 * checks cost one statement per batch of requests rather than per request.
 *
 * <p>An instance that stops between its two counts, or a database that restarts (it may advance each sequence by a
 * different amount), leaves them unequal: every instance then reads from the database. Counts unequal and unchanged
 * for {@link #STUCK_NANOS} are mended ("ended" set to "begun"). That is safe even if a commit were still running: its
 * own count of "ended" then makes them unequal again before it is acknowledged.
 */
final class SharedCommits implements RowCache.OtherInstances {
    private static final Logger LOG = Logger.getLogger(SharedCommits.class.getName());
    /** A sequence not yet moved reads its start value with is_called false: 0 here, as it counted nothing. */
    private static final String COUNTS = "SELECT CASE WHEN b.is_called THEN b.last_value ELSE 0 END,"
            + " CASE WHEN e.is_called THEN e.last_value ELSE 0 END"
            + " FROM row_cache_commits_begun b CROSS JOIN row_cache_commits_ended e";
    /** How long the counts may differ, unchanged, before they are mended (no commit takes that long). */
    static final long STUCK_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** The two statements, apart so that tests can play the database. */
    interface Counts {
        /** {begun, ended} */
        long[] read();

        /** Sets "ended" to {@code begun}. */
        void mend(long begun);
    }

    private final Counts counts;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition checked = lock.newCondition();
    private long started;
    private long finished;
    private boolean running;
    private long count = -1;
    private long[] unequal;
    private long unequalSince;

    SharedCommits(Counts counts, LongSupplier nanoTime) {
        this.counts = counts;
        this.nanoTime = nanoTime;
    }

    /** On the database of {@code emf}, each statement on an EntityManager of its own. */
    static SharedCommits on(EntityManagerFactory emf) {
        return new SharedCommits(new Counts() {
            @Override
            public long[] read() {
                // Plain JDBC on a connection of the read pool: the check runs for every batch of reads, and
                // EclipseLink's query machinery would cost more than the statement.
                ConnectionPool pool = JpaHelper.getServerSession(emf).getReadConnectionPool();
                Accessor accessor = pool.acquireConnection();
                try (PreparedStatement st = ((Connection) accessor.getDatasourceConnection()).prepareStatement(COUNTS);
                        ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2)};
                } catch (SQLException e) {
                    throw new PersistenceException(e);
                } finally {
                    pool.releaseConnection(accessor);
                }
            }

            @Override
            public void mend(long begun) {
                EntityManager em = emf.createEntityManager();
                try {
                    em.createNativeQuery("SELECT setval('row_cache_commits_ended', ?1)").setParameter(1, begun).getSingleResult();
                } finally {
                    em.close();
                }
            }
        }, System::nanoTime);
    }

    /** Counts a commit beginning, on the committing transaction's EntityManager, just before its COMMIT. */
    static void begin(EntityManager em) {
        em.createNativeQuery("SELECT nextval('row_cache_commits_begun')").getSingleResult();
    }

    /**
     * Counts a commit that {@link #begin} counted as ended, committed or not, on an EntityManager of its own. A failure
     * is logged, not thrown: the write itself is done; the counts stay unequal (no instance answers from its cache)
     * until they are mended.
     */
    static void end(EntityManagerFactory emf) {
        EntityManager em = emf.createEntityManager();
        try {
            em.createNativeQuery("SELECT nextval('row_cache_commits_ended')").getSingleResult();
        } catch (RuntimeException e) {
            LOG.warning("could not count a commit as ended (" + e.getMessage() + "); the caches of rows are off until the"
                    + " counts are mended, within about a minute");
        } finally {
            em.close();
        }
    }

    /**
     * The commit count as of an instant after this call began, or -1 when a commit ran at that instant (or the check
     * failed: then nothing is cached, and the request's own reads meet the database's trouble).
     */
    @Override
    public long current() {
        lock.lock();
        try {
            long wanted = started + 1; // a check that starts after now
            while (finished < wanted) {
                if (running) {
                    checked.awaitUninterruptibly();
                    continue;
                }
                running = true;
                long mine = ++started;
                long result = -1;
                lock.unlock();
                try {
                    result = check();
                } finally {
                    lock.lock();
                    running = false;
                    finished = mine;
                    count = result;
                    checked.signalAll();
                }
            }
            return count;
        } finally {
            lock.unlock();
        }
    }

    private long check() {
        long[] c;
        try {
            c = counts.read();
        } catch (RuntimeException e) {
            return -1;
        }
        if (c[0] == c[1]) {
            unequal = null;
            return c[0];
        }
        long now = nanoTime.getAsLong();
        if (unequal == null || unequal[0] != c[0] || unequal[1] != c[1]) {
            unequal = c;
            unequalSince = now;
        } else if (now - unequalSince >= STUCK_NANOS && c[0] > 0) {
            LOG.warning("the commit counts of the cache of rows have read " + c[0] + " begun, " + c[1] + " ended for a minute"
                    + " (an instance stopped between a commit and its count, or the database restarted): mended");
            try {
                counts.mend(c[0]);
            } catch (RuntimeException e) {
                return -1;
            }
            unequal = null;
        }
        return -1;
    }
}
