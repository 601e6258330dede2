package io.keel.persistence;

import io.keel.core.geo.Location;
import io.keel.core.resource.Resource;
import io.keel.core.store.CacheUsage;
import io.keel.core.store.Candidate;
import io.keel.core.store.DescriptorPatterns;
import io.keel.core.store.DescriptorPatterns.TriplePattern;
import io.keel.core.store.DescriptorLinkage;
import io.keel.core.store.ExpiryIndex;
import io.keel.core.store.GeoWindow;
import io.keel.core.store.AnnouncementQueue;
import io.keel.core.store.ManagementQueue;
import io.keel.core.store.MemberIndex;
import io.keel.core.store.PolicyIndex;
import io.keel.core.store.PollingQueue;
import io.keel.core.store.PoolUsage;
import io.keel.core.store.QueuedRequest;
import io.keel.core.store.RequestLeases;
import io.keel.core.store.ResourceSearch;
import io.keel.core.store.ResourceStore;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.SemanticIndex;
import io.keel.core.store.TimeSeriesIndex;
import io.keel.core.store.Transaction;
import io.keel.core.store.TransactionListener;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterOperation;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Timestamps;
import io.keel.serialization.ContentCodec;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.persistence.config.HintValues;
import org.eclipse.persistence.jpa.JpaHelper;
import org.locationtech.jts.geom.Geometry;
import org.eclipse.persistence.sessions.IdentityMapAccessor;
import org.eclipse.persistence.sessions.UnitOfWork;
import org.eclipse.persistence.sessions.server.ConnectionPool;
import org.eclipse.persistence.sessions.server.ExternalConnectionPool;
import org.eclipse.persistence.sessions.server.Server;
import org.eclipse.persistence.config.QueryHints;

/** {@link ResourceStore} on JPA (EclipseLink), one EntityManager per transaction. */
public final class JpaResourceStore implements ResourceStore {
    private static final String UNIQUE_VIOLATION = "23505";
    /** A lock not granted within the database's lock timeout: H2 (LOCK_TIMEOUT), PostgreSQL (lock_timeout). */
    private static final Set<String> LOCK_NOT_GRANTED = Set.of("HYT00", "55P03");
    /** Parents per statement of {@link Tx#childrenOf}. */
    private static final int CHILDREN_OF_CHUNK = 500;
    /** The columns of {@link ResourceEntity}, for native queries that read whole rows. */
    private static final String ENTITY_COLUMNS = "ri, attrs, cr, cs, ct, cty, depth, dgt, et, lt, origin, pi, rn, srn, st, subs, ty";
    private static final Logger LOG = Logger.getLogger(JpaResourceStore.class.getName());
    /** How long after its last turn a parent still expects company (see {@link WriteTurns}). */
    private static final Duration COMPANY_WINDOW = Duration.ofMillis(100);
    private final EntityManagerFactory emf;
    private final WriteTurns turns;
    private final TriplePatternCounts patternCounts;
    private final boolean postgres;
    /** The cache of rows, or null where none is kept ({@code keel.db.row-cache}, see {@link RowCache}). */
    private final RowCache rows;

    /** This instance's registration on a PostgreSQL database, or null (H2). */
    private final SoleInstance instance;

    /**
     * @param rows the cache of rows (see {@link RowCache}), or null for none
     * @param instance this instance's registration on a PostgreSQL database, which every commit checks, or null
     * @param gather how long a create waits at most for others under its parent to share its commit
     */
    JpaResourceStore(EntityManagerFactory emf, RowCache rows, SoleInstance instance, Duration gather) {
        this.emf = emf;
        this.turns = new WriteTurns(gather, COMPANY_WINDOW);
        this.instance = instance;
        this.postgres = JpaHelper.getServerSession(emf).getPlatform().isPostgreSQL();
        this.patternCounts = new TriplePatternCounts(postgres);
        this.rows = rows;
        if (rows != null) {
            rows.invalidate(); // the migrations, or another process before this one, may have written
        }
    }

    @Override
    public <T> T read(Function<Transaction, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            return work.apply(new Tx(em, patternCounts, postgres, rows, null));
        } finally {
            em.close();
        }
    }

    @Override
    public <T> T write(Function<Transaction, T> work) {
        return write(work, () -> { }, false);
    }

    /**
     * A write; {@code committing} runs once its changes are made, as its commit begins. In a turn under one parent its
     * deletions wait for the commit.
     */
    private <T> T write(Function<Transaction, T> work, Runnable committing, boolean turn) {
        WriteTransaction w = new WriteTransaction();
        w.held.turn(turn);
        Tx tx = new Tx(w.em, patternCounts, postgres, null, w.held);
        try {
            T result = work.apply(tx);
            tx.listeners.values().forEach(TransactionListener::beforeCommit);
            tx.runRemovals();
            committing.run();
            w.commit();
            return result;
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                throw new OneM2MException(ResponseStatusCode.CONFLICT, "a resource with this name already exists under the parent");
            }
            if (hasState(e, LOCK_NOT_GRANTED)) {
                // Another request held a resource this one changes for longer than the database waits: nothing was
                // written (the transaction rolls back), so the originator may send it again.
                throw new OneM2MException(ResponseStatusCode.REQUEST_TIMEOUT, "a resource this request changes stayed locked by"
                        + " another request for longer than the database's lock timeout; nothing was changed");
            }
            throw e;
        } finally {
            w.close();
            for (TransactionListener l : tx.listeners.values()) {
                l.afterCompletion(w.committed);
            }
        }
    }

    /**
     * A write transaction's own EntityManager, begun; its commit moves the cache of rows' epoch around it (and counts
     * it where several instances share the cache), and closing rolls back what did not commit.
     */
    private final class WriteTransaction implements AutoCloseable {
        final EntityManager em = emf.createEntityManager();
        /** What this transaction locked and may take as current (see {@link Tx#lock}, {@link Tx#oldestChildren}). */
        final HeldRows held = new HeldRows();
        private final EntityTransaction t = em.getTransaction();
        boolean committed;
        private boolean cacheCommitting;
        private boolean counted;

        WriteTransaction() {
            try {
                t.begin();
            } catch (RuntimeException e) {
                em.close();
                throw e;
            }
        }

        /** Commits; returns only once the commit is durable. */
        void commit() {
            if (instance != null) {
                instance.fence(em);
            }
            if (rows != null) {
                if (rows.shared()) {
                    SharedCommits.begin(em);
                    counted = true;
                }
                cacheCommitting = true;
                rows.commitBegins();
            }
            t.commit();
            committed = true;
        }

        @Override
        public void close() {
            if (t.isActive()) {
                t.rollback();
            }
            if (cacheCommitting) {
                rows.commitEnded();
            }
            em.close();
            if (counted) {
                SharedCommits.end(emf);
            }
        }
    }

    @Override
    public <T> T writeUnder(String parentRi, Function<Transaction, T> work) {
        return turns.submit(parentRi, work, this::writeTurn);
    }

    /** How many writes under {@code parentRi} wait for their turn (for tests). */
    int waitingUnder(String parentRi) {
        return turns.waiting(parentRi);
    }

    /** A turn of writes under one parent: one alone as any write; more in one transaction, else each alone. */
    private void writeTurn(List<WriteTurns.Pending<?>> writes, Runnable nextMayStart) {
        List<WriteTurns.Pending<?>> left = writes;
        while (left.size() > 1) {
            try {
                left = writeTogether(left, nextMayStart);
            } catch (RuntimeException e) {
                // The shared transaction did not commit (a name taken twice, a deadlock, the database gone): none of
                // it happened, and each write runs again by itself, where its own error is its own answer.
                LOG.log(Level.FINE, "writes under one parent committed one by one after the shared commit failed", e);
                break;
            }
        }
        left.forEach(p -> p.runAlone(work -> write(work, nextMayStart, true)));
    }

    /**
     * The writes in one transaction, flushed together as it commits, and their deletions with one statement. A write
     * refused (a oneM2M error) fails alone: the transaction is rolled back and the other writes are returned, to run
     * again (those before it see the same state again, so its refusal stands). Anything else that goes wrong ends the
     * transaction and is thrown. Returns the writes still to run: none once committed.
     */
    private List<WriteTurns.Pending<?>> writeTogether(List<WriteTurns.Pending<?>> writes, Runnable nextMayStart) {
        WriteTransaction w = new WriteTransaction();
        w.held.turn(true);
        w.held.writes(writes.size());
        List<Tx> untold = new ArrayList<>(); // transactions whose listeners are yet to hear the outcome
        try {
            Tx tx = null;
            for (int i = 0; i < writes.size(); i++) {
                WriteTurns.Pending<?> p = writes.get(i);
                tx = new Tx(w.em, patternCounts, postgres, null, w.held);
                untold.add(tx);
                try {
                    p.apply(tx);
                } catch (OneM2MException refused) {
                    p.fail(refused);
                    List<WriteTurns.Pending<?>> left = new ArrayList<>(writes);
                    left.remove(i);
                    return left;
                }
                tx.listeners.values().forEach(TransactionListener::beforeCommit);
            }
            tx.runRemovals();
            nextMayStart.run();
            w.commit();
            return List.of();
        } finally {
            w.close();
            for (Tx tx : untold) {
                for (TransactionListener l : tx.listeners.values()) {
                    l.afterCompletion(w.committed);
                }
            }
        }
    }

    @Override
    public void ping() {
        EntityManager em = emf.createEntityManager();
        try {
            em.createNativeQuery("SELECT 1").getSingleResult();
        } finally {
            em.close();
        }
    }

    @Override
    public CacheUsage rowCache() {
        return rows == null ? null : new CacheUsage(rows.hits(), rows.misses());
    }

    @Override
    public Map<String, PoolUsage> connectionPools() {
        Map<String, PoolUsage> pools = new LinkedHashMap<>();
        Server server = JpaHelper.getServerSession(emf);
        for (ConnectionPool pool : new ConnectionPool[] {server.getDefaultConnectionPool(), server.getReadConnectionPool()}) {
            // An external pool only hands on the DataSource's connections: the app server counts those.
            if (pool != null && !(pool instanceof ExternalConnectionPool)) {
                pools.put(pool.getName(), new PoolUsage(pool.getTotalNumberOfConnections(),
                        pool.getConnectionsAvailable().size(), pool.getMaxNumberOfConnections()));
            }
        }
        return pools;
    }

    @Override
    public void close() {
        if (instance != null) {
            instance.close();
        }
        emf.close();
        if (rows != null) {
            rows.invalidate(); // an in-memory database of the same name may be a new one
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        return hasState(e, Set.of(UNIQUE_VIOLATION));
    }

    private static boolean hasState(Throwable e, Set<String> sqlStates) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException s && s.getSQLState() != null && sqlStates.contains(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isScalar(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean;
    }

    /** A large-text column as a String: H2 hands out CLOBs, PostgreSQL strings. */
    static String text(Object v) {
        if (v instanceof java.sql.Clob c) {
            try {
                return c.getSubString(1, (int) c.length());
            } catch (SQLException e) {
                throw new PersistenceException(e);
            }
        }
        return (String) v;
    }


    static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** One EntityManager's transaction, offering every port of the store. */
    private static final class Tx implements Transaction, ResourceTree, ResourceSearch, PolicyIndex, MemberIndex,
            RequestLeases, PollingQueue, ExpiryIndex, AnnouncementQueue, TimeSeriesIndex, ManagementQueue, SemanticIndex {
        private final EntityManager em;
        private final Map<Class<?>, TransactionListener> listeners = new LinkedHashMap<>();
        /** What {@link #prefetch} read, by ri and by srn. */
        private final Map<String, ResourceEntity> prefetchedByRi = new HashMap<>();
        private final Map<String, ResourceEntity> prefetchedBySrn = new HashMap<>();
        /** The names {@link #prefetch} was asked for: one of them it did not read does not exist. */
        private final Set<String> prefetchedSrns = new HashSet<>();
        private final TriplePatternCounts patternCounts;
        private final boolean postgres;
        /** The store's cache of rows, in a read transaction where it has one; null in a write transaction. */
        private final RowCache rows;
        /** When this transaction's lookups in {@link #rows} are as of: taken at the first, then kept. */
        private RowCache.Stamp stamp;
        private boolean stamped;

        /** What the write transaction holds locked (shared by a turn's writes); null in a read transaction. */
        private final HeldRows held;

        Tx(EntityManager em, TriplePatternCounts patternCounts, boolean postgres, RowCache rows, HeldRows held) {
            this.em = em;
            this.patternCounts = patternCounts;
            this.postgres = postgres;
            this.rows = rows;
            this.held = held;
        }

        @Override
        public ResourceTree tree() {
            return this;
        }

        @Override
        public ResourceSearch search() {
            return this;
        }

        @Override
        public PolicyIndex policyIndex() {
            return this;
        }

        @Override
        public MemberIndex memberIndex() {
            return this;
        }

        @Override
        public AnnouncementQueue announcements() {
            return this;
        }

        @Override
        public SemanticIndex semantics() {
            return this;
        }

        @Override
        public void replace(String graph, List<SemanticIndex.Quad> triples) {
            replace(graph, null, triples);
        }

        @Override
        public void replace(String graph, String described, List<SemanticIndex.Quad> triples) {
            em.flush(); // the descriptor's row must exist before rows referencing it
            em.createNativeQuery("DELETE FROM semantic_triple WHERE graph = ?").setParameter(1, graph).executeUpdate();
            for (SemanticIndex.Quad t : triples) {
                em.createNativeQuery("INSERT INTO semantic_triple (graph, described, described_srn, s_key, p_key, o_key, s, p, o)"
                                + " VALUES (?, ?, (SELECT srn FROM resource WHERE ri = ?), ?, ?, ?, ?, ?, ?)")
                        .setParameter(1, graph).setParameter(2, described).setParameter(3, described)
                        .setParameter(4, TermKey.of(t.s())).setParameter(5, TermKey.of(t.p())).setParameter(6, TermKey.of(t.o()))
                        .setParameter(7, t.s()).setParameter(8, t.p()).setParameter(9, t.o()).executeUpdate();
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<SemanticIndex.Quad> find(String graph, String s, String p, String o, int limit) {
            StringBuilder sql = new StringBuilder("SELECT graph, s, p, o FROM semantic_triple WHERE 1 = 1");
            List<String> values = new ArrayList<>();
            String[][] bound = {{"graph", graph}, {"s_key", TermKey.of(s)}, {"p_key", TermKey.of(p)}, {"o_key", TermKey.of(o)}};
            for (String[] b : bound) {
                if (b[1] != null) {
                    sql.append(" AND ").append(b[0]).append(" = ?");
                    values.add(b[1]);
                }
            }
            jakarta.persistence.Query q = em.createNativeQuery(sql.toString());
            for (int i = 0; i < values.size(); i++) {
                q.setParameter(i + 1, values.get(i));
            }
            List<SemanticIndex.Quad> out = new ArrayList<>();
            for (Object[] row : (List<Object[]>) q.setMaxResults(limit).getResultList()) {
                SemanticIndex.Quad t = new SemanticIndex.Quad((String) row[0], (String) row[1], (String) row[2], text(row[3]));
                // A key that is a hash may, in theory, be shared: the terms themselves decide.
                if ((s == null || s.equals(t.s())) && (p == null || p.equals(t.p())) && (o == null || o.equals(t.o()))) {
                    out.add(t);
                }
            }
            return out;
        }

        /**
         * One statement, three index probes (resource_attr_value, semantic_triple_po, resource_type_subtree). The values
         * are literals: PostgreSQL's generic plan for an EXISTS of parameters, which its JDBC driver's prepared
         * statements get after five runs, scans each table (20 ms at 10 000 descriptors instead of 0.1).
         */
        @Override
        public DescriptorLinkage linkage(DescriptorLinkage.Kinds kinds) {
            Object[] row = (Object[]) em.createNativeQuery("SELECT"
                    + " CASE WHEN EXISTS (SELECT 1 FROM resource_attr a JOIN resource d ON d.ri = a.ri"
                    + " WHERE a.nm = " + literal(kinds.relatedAttribute()) + " AND d.ty = " + kinds.descriptorType()
                    + ") THEN 1 ELSE 0 END AS related,"
                    + " CASE WHEN EXISTS (SELECT 1 FROM semantic_triple WHERE p_key = " + literal(TermKey.of(kinds.annotation()))
                    + ") THEN 1 ELSE 0 END AS annotated,"
                    + " CASE WHEN EXISTS (SELECT 1 FROM resource WHERE ty = " + kinds.announcedType() + ") THEN 1 ELSE 0 END"
                    + " AS announced")
                    .getSingleResult();
            return new DescriptorLinkage(((Number) row[0]).intValue() == 1, ((Number) row[1]).intValue() == 1,
                    ((Number) row[2]).intValue() == 1);
        }

        /** A string as an SQL literal (H2 and PostgreSQL: quotes doubled, backslashes plain). */
        private static String literal(String value) {
            return "'" + value.replace("'", "''") + "'";
        }

        @Override
        public void put(String ri, String target, String remoteId, Instant due) {
            String remote = remoteId == null ? "" : remoteId;
            em.createNativeQuery("DELETE FROM announcement_task WHERE ri = ? AND target = ? AND remote_id = ?")
                    .setParameter(1, ri).setParameter(2, target).setParameter(3, remote).executeUpdate();
            em.createNativeQuery("INSERT INTO announcement_task (ri, target, remote_id, attempts, due) VALUES (?, ?, ?, 0, ?)")
                    .setParameter(1, ri).setParameter(2, target).setParameter(3, remote).setParameter(4, micros(due))
                    .executeUpdate();
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<AnnouncementQueue.Task> due(Instant now, int limit) {
            List<Object[]> rows = em.createNativeQuery("SELECT ri, target, remote_id, attempts, due FROM announcement_task"
                    + " WHERE due <= ? ORDER BY due").setParameter(1, micros(now)).setMaxResults(limit).getResultList();
            List<AnnouncementQueue.Task> out = new ArrayList<>();
            for (Object[] row : rows) {
                String remote = (String) row[2];
                out.add(new AnnouncementQueue.Task((String) row[0], (String) row[1], remote.isEmpty() ? null : remote,
                        ((Number) row[3]).intValue(), instant(((Number) row[4]).longValue())));
            }
            return out;
        }

        @Override
        public boolean claim(AnnouncementQueue.Task task, Instant until) {
            return setDue(task, task.attempts(), until) == 1;
        }

        @Override
        public void retryAt(AnnouncementQueue.Task task, int attempts, Instant due) {
            setDue(task, attempts, due);
        }

        private int setDue(AnnouncementQueue.Task task, int attempts, Instant due) {
            return em.createNativeQuery("UPDATE announcement_task SET attempts = ?, due = ?"
                            + " WHERE ri = ? AND target = ? AND remote_id = ? AND due = ?")
                    .setParameter(1, attempts).setParameter(2, micros(due)).setParameter(3, task.ri())
                    .setParameter(4, task.target()).setParameter(5, task.remoteId() == null ? "" : task.remoteId())
                    .setParameter(6, micros(task.due())).executeUpdate();
        }

        @Override
        public void remove(AnnouncementQueue.Task task) {
            em.createNativeQuery("DELETE FROM announcement_task WHERE ri = ? AND target = ? AND remote_id = ? AND due = ?")
                    .setParameter(1, task.ri()).setParameter(2, task.target())
                    .setParameter(3, task.remoteId() == null ? "" : task.remoteId()).setParameter(4, micros(task.due()))
                    .executeUpdate();
        }

        @Override
        public RequestLeases leases() {
            return this;
        }

        @Override
        public void setMembers(String group, Map<String, String> members) {
            em.flush(); // the group's row must exist before rows referencing it
            em.createNativeQuery("DELETE FROM group_member WHERE grp = ?").setParameter(1, group).executeUpdate();
            members.forEach((mid, srn) -> em.createNativeQuery("INSERT INTO group_member (grp, mid, member_srn) VALUES (?, ?, ?)")
                    .setParameter(1, group).setParameter(2, mid).setParameter(3, srn).executeUpdate());
        }

        @Override
        public void removeMembers(String group, List<String> mids) {
            for (String mid : mids) {
                em.createNativeQuery("DELETE FROM group_member WHERE grp = ? AND mid = ?").setParameter(1, group)
                        .setParameter(2, mid).executeUpdate();
            }
        }

        @Override
        public Map<String, List<String>> naming(String srn) {
            em.flush();
            Map<String, List<String>> out = new LinkedHashMap<>();
            // Two statements the srn index serves: the resource itself, then everything below it.
            for (Object[] row : memberRows("SELECT grp, mid FROM group_member WHERE member_srn = ?", srn)) {
                out.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add(text(row[1]));
            }
            for (Object[] row : memberRows("SELECT grp, mid FROM group_member WHERE member_srn LIKE ? ESCAPE '\\'",
                    ResourceQuery.escapeLike(srn) + "/%")) {
                out.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add(text(row[1]));
            }
            return out;
        }

        @SuppressWarnings("unchecked")
        private List<Object[]> memberRows(String sql, String value) {
            return em.createNativeQuery(sql).setParameter(1, value).getResultList();
        }

        @Override
        public PollingQueue pollingQueue() {
            return this;
        }

        @Override
        public ExpiryIndex expiry() {
            return this;
        }

        @Override
        public TimeSeriesIndex timeSeries() {
            return this;
        }

        @Override
        public ManagementQueue managementQueue() {
            return this;
        }

        @Override
        public io.keel.core.store.LocationWatches locations() {
            return new JpaLocationWatches(em);
        }

        @Override
        public io.keel.core.store.LocationSubscriptions locationSubscriptions() {
            return new JpaLocationSubscriptions(em);
        }

        @Override
        public io.keel.core.store.LocationReports locationReports() {
            return new JpaLocationReports(em);
        }

        @Override
        public io.keel.core.store.LocationWatches locationWatches() {
            return locations();
        }

        @Override
        public io.keel.core.store.CachedTokens cachedTokens() {
            return new JpaCachedTokens(em);
        }

        @Override
        public io.keel.core.store.NotificationOutbox notificationOutbox() {
            return new JpaNotificationOutbox(em);
        }

        @Override
        public io.keel.core.store.GroupAggregationQueue groupAggregation() {
            return new JpaGroupAggregationQueue(em);
        }

        @Override
        public io.keel.core.store.CrossResourceWindowIndex crossResourceWindows() {
            return new JpaCrossResourceWindowIndex(em);
        }

        @Override
        public io.keel.core.store.CrossResourceLinking crossResourceLinking() {
            return new JpaCrossResourceLinking(em);
        }

        @Override
        public void putAction(ManagementQueue.Entry e) {
            em.flush(); // the target's row must exist before the row referencing it
            removeAction(e.ri(), e.action());
            em.createNativeQuery("INSERT INTO management_action (ri, action_name, running, due, runs_left, instance)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .setParameter(1, e.ri()).setParameter(2, e.action()).setParameter(3, e.running())
                    .setParameter(4, micros(e.due())).setParameter(5, e.runsLeft()).setParameter(6, e.instance())
                    .executeUpdate();
        }

        @Override
        public ManagementQueue.Entry action(String ri, String action) {
            List<ManagementQueue.Entry> l = actions("WHERE ri = ? AND action_name = ?", ri, action);
            return l.isEmpty() ? null : l.get(0);
        }

        @Override
        public List<ManagementQueue.Entry> actionsOf(String ri) {
            return actions("WHERE ri = ?", ri);
        }

        @Override
        public void removeAction(String ri, String action) {
            em.createNativeQuery("DELETE FROM management_action WHERE ri = ? AND action_name = ?")
                    .setParameter(1, ri).setParameter(2, action).executeUpdate();
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<ManagementQueue.Entry> dueActions(Instant now, int limit) {
            List<Object[]> rows = em.createNativeQuery("SELECT ri, action_name, running, due, runs_left, instance"
                    + " FROM management_action WHERE due <= ? ORDER BY due").setParameter(1, micros(now))
                    .setMaxResults(limit).getResultList();
            return rows.stream().map(Tx::entryOf).toList();
        }

        @Override
        public List<ManagementQueue.Entry> runningActions(String instance) {
            return actions("WHERE instance = ? AND running = ?", instance, true);
        }

        @SuppressWarnings("unchecked")
        private List<ManagementQueue.Entry> actions(String where, Object... values) {
            var q = em.createNativeQuery("SELECT ri, action_name, running, due, runs_left, instance FROM management_action "
                    + where);
            for (int i = 0; i < values.length; i++) {
                q.setParameter(i + 1, values[i]);
            }
            List<Object[]> rows = q.getResultList();
            return rows.stream().map(Tx::entryOf).toList();
        }

        private static ManagementQueue.Entry entryOf(Object[] row) {
            return new ManagementQueue.Entry((String) row[0], (String) row[1], Boolean.TRUE.equals(row[2])
                    || (row[2] instanceof Number n && n.intValue() != 0), instant(((Number) row[3]).longValue()),
                    ((Number) row[4]).longValue(), (String) row[5]);
        }

        @Override
        public boolean hasInstanceBetween(String series, Instant from, Instant to) {
            return !em.createNativeQuery("SELECT ri FROM time_series_point WHERE series = ? AND dgt BETWEEN ? AND ?")
                    .setParameter(1, series).setParameter(2, micros(from)).setParameter(3, micros(to))
                    .setMaxResults(1).getResultList().isEmpty();
        }

        @Override
        public void addPoint(String series, String instance, Instant dataGenerationTime) {
            em.flush(); // the instance's row must exist before the row referencing it
            em.createNativeQuery("INSERT INTO time_series_point (ri, series, dgt) VALUES (?, ?, ?)")
                    .setParameter(1, instance).setParameter(2, series).setParameter(3, micros(dataGenerationTime))
                    .executeUpdate();
        }

        @Override
        public List<String> oldestGenerated(String series, int limit) {
            @SuppressWarnings("unchecked")
            List<Object> ris = em.createNativeQuery("SELECT ri FROM time_series_point WHERE series = ? ORDER BY series, dgt")
                    .setParameter(1, series).setMaxResults(limit).getResultList();
            return ris.stream().map(String::valueOf).toList();
        }

        @Override
        public void watch(String series, Instant expected, Instant due) {
            em.flush(); // the series' row must exist before the row referencing it
            if (em.createNativeQuery("UPDATE time_series_watch SET expected = ?, due = ? WHERE ri = ?")
                    .setParameter(1, micros(expected)).setParameter(2, micros(due)).setParameter(3, series).executeUpdate() == 0) {
                em.createNativeQuery("INSERT INTO time_series_watch (ri, expected, due) VALUES (?, ?, ?)")
                        .setParameter(1, series).setParameter(2, micros(expected)).setParameter(3, micros(due)).executeUpdate();
            }
        }

        @Override
        public TimeSeriesIndex.Watch watched(String series) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT ri, expected, due FROM time_series_watch WHERE ri = ?")
                    .setParameter(1, series).getResultList();
            return rows.isEmpty() ? null : watchOf(rows.get(0));
        }

        @Override
        public void unwatch(String series) {
            em.createNativeQuery("DELETE FROM time_series_watch WHERE ri = ?").setParameter(1, series).executeUpdate();
        }

        @Override
        public List<TimeSeriesIndex.Watch> detectionsDue(Instant now, int limit) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT ri, expected, due FROM time_series_watch WHERE due <= ? ORDER BY due")
                    .setParameter(1, micros(now)).setMaxResults(limit).getResultList();
            return rows.stream().map(Tx::watchOf).toList();
        }

        private static TimeSeriesIndex.Watch watchOf(Object[] row) {
            return new TimeSeriesIndex.Watch((String) row[0], instant(((Number) row[1]).longValue()),
                    instant(((Number) row[2]).longValue()));
        }

        @Override
        public TimeSeriesIndex.Window window(String subscription) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT ends, missed, unreported FROM missing_data_window WHERE sub = ?")
                    .setParameter(1, subscription).getResultList();
            if (rows.isEmpty()) {
                return null;
            }
            String unreported = text(rows.get(0)[2]);
            return new TimeSeriesIndex.Window(subscription, instant(((Number) rows.get(0)[0]).longValue()),
                    ((Number) rows.get(0)[1]).longValue(), unreported.isEmpty() ? List.of() : List.of(unreported.split(" ")));
        }

        @Override
        public void setWindow(TimeSeriesIndex.Window w) {
            em.flush();
            String unreported = String.join(" ", w.unreported());
            if (em.createNativeQuery("UPDATE missing_data_window SET ends = ?, missed = ?, unreported = ? WHERE sub = ?")
                    .setParameter(1, micros(w.ends())).setParameter(2, w.missed()).setParameter(3, unreported)
                    .setParameter(4, w.subscription()).executeUpdate() == 0) {
                em.createNativeQuery("INSERT INTO missing_data_window (sub, ends, missed, unreported) VALUES (?, ?, ?, ?)")
                        .setParameter(1, w.subscription()).setParameter(2, micros(w.ends())).setParameter(3, w.missed())
                        .setParameter(4, unreported).executeUpdate();
            }
        }

        @Override
        public Resource find(String ri) {
            ResourceEntity e = prefetchedByRi.get(ri);
            if (e == null) {
                RowCache.Stamp at = stamp();
                RowCache.Lookup cached = rows == null ? null : rows.byRi(ri, at);
                if (cached != null && cached.found()) {
                    e = cached.existing();
                } else {
                    e = em.find(ResourceEntity.class, ri);
                    if (e != null && rows != null && rows.unchangedSince(at)) {
                        rows.found(e, at);
                    }
                }
            }
            return e == null ? null : toResource(e);
        }

        @Override
        public Resource findByStructuredName(String srn) {
            if (prefetchedSrns.contains(srn)) {
                ResourceEntity e = prefetchedBySrn.get(srn);
                return e == null ? null : toResource(e);
            }
            if (rows != null) {
                prefetch(List.of(srn)); // through the cache
                ResourceEntity e = prefetchedBySrn.get(srn);
                return e == null ? null : toResource(e);
            }
            List<ResourceEntity> l = em.createQuery("SELECT r FROM ResourceEntity r WHERE r.srn = :srn", ResourceEntity.class)
                    .setParameter("srn", srn).getResultList();
            return l.isEmpty() ? null : toResource(l.get(0));
        }

        @Override
        public void prefetch(Collection<String> srns) {
            if (srns.isEmpty()) {
                return;
            }
            RowCache.Stamp at = stamp();
            if (at != null && prefetchCached(srns, at)) {
                return;
            }
            // IN on the unique srn index (an OR with ri would make H2 scan the table).
            List<ResourceEntity> read = em.createQuery("SELECT r FROM ResourceEntity r WHERE r.srn IN :srns", ResourceEntity.class)
                    .setParameter("srns", srns).getResultList();
            for (ResourceEntity e : read) {
                prefetchedByRi.put(e.ri, e);
                prefetchedBySrn.put(e.srn, e);
            }
            prefetchedSrns.addAll(srns);
            if (at != null && rows.unchangedSince(at)) {
                Set<String> absent = new HashSet<>(srns);
                for (ResourceEntity e : read) {
                    rows.found(e, at);
                    absent.remove(e.srn);
                }
                absent.forEach(srn -> rows.absent(srn, at));
            }
        }

        /** This read transaction's stamp (null: no cache, or nothing may be cached now). */
        private RowCache.Stamp stamp() {
            if (rows != null && !stamped) {
                stamp = rows.stamp();
                stamped = true;
            }
            return stamp;
        }

        /**
         * Takes all of {@code srns} from the cache, as of one epoch, or none: rows from the cache and rows read now
         * could be of different states of the tree.
         */
        private boolean prefetchCached(Collection<String> srns, RowCache.Stamp at) {
            List<ResourceEntity> found = new ArrayList<>(srns.size());
            for (String srn : srns) {
                RowCache.Lookup cached = rows.bySrn(srn, at);
                if (!cached.found()) {
                    return false;
                }
                if (cached.existing() != null) {
                    found.add(cached.existing());
                }
            }
            for (ResourceEntity e : found) {
                prefetchedByRi.put(e.ri, e);
                prefetchedBySrn.put(e.srn, e);
            }
            prefetchedSrns.addAll(srns);
            return true;
        }

        /** A change in this transaction makes what {@link #prefetch} read an old copy: later finds query again. */
        private void forgetPrefetched() {
            prefetchedByRi.clear();
            prefetchedBySrn.clear();
            prefetchedSrns.clear();
        }

        @Override
        public Resource lock(String ri) {
            forgetPrefetched();
            // A row this transaction locked before is still locked, and no one else changed it: the managed copy is
            // the latest (the creates of a turn under one container lock it once).
            IdentityMapAccessor identities = em.unwrap(UnitOfWork.class).getIdentityMapAccessor();
            boolean readBefore = identities.containsObjectInIdentityMap(ri, ResourceEntity.class);
            if (readBefore && held != null && held.holds(ri)) {
                return toResource(em.find(ResourceEntity.class, ri));
            }
            // What this transaction read of the row before is refreshed once the lock is granted: the row is then the
            // latest committed one, also when another CSE on the same database changed or deleted it. A row not read
            // before is read with the lock. Native, without EclipseLink's refresh: a JPQL lock query or a refresh
            // also reads (to lock) the row's element collections, three statements, which an update loads only
            // when it changes them.
            @SuppressWarnings("unchecked")
            List<ResourceEntity> l = em.createNativeQuery("SELECT " + ENTITY_COLUMNS + " FROM resource WHERE ri = ? FOR UPDATE",
                    ResourceEntity.class).setParameter(1, ri).getResultList();
            if (l.isEmpty()) {
                return null;
            }
            if (readBefore) {
                em.refresh(l.get(0));
            }
            if (held != null) {
                held.locked(ri);
            }
            return toResource(l.get(0));
        }

        @Override
        public void insert(Resource r) {
            forgetPrefetched();
            ResourceEntity e = new ResourceEntity();
            copy(r, e);
            em.persist(e);
            if (held == null || !held.inTurn()) {
                em.flush(); // surface a duplicate sibling name here, inside the request, as 4105
                // Written: no longer compared with its first state at each later flush of the transaction. A later
                // change reads the row again.
                em.detach(e);
            }
            // In a turn under one parent the rows of its creates are written together as it commits. A name taken
            // twice then fails the turn, whose writes run again alone, where it is that write's 4105.
            if (held != null) {
                held.added(r.pi, r.ty);
            }
        }

        @Override
        public void update(Resource r) {
            forgetPrefetched();
            ResourceEntity e = em.find(ResourceEntity.class, r.ri);
            if (e == null) {
                throw OneM2MException.notFound("resource " + r.ri + " no longer exists");
            }
            copy(r, e);
        }

        /**
         * In a turn of writes under one parent ({@link HeldRows#inTurn}) the subtree goes as the turn commits,
         * with the others of the turn ({@link #runRemovals}): the creates of a turn into a full container trim it with
         * one statement, not one each. Until then the resource is no longer among its parent's oldest children.
         */
        @Override
        public void deleteSubtree(Resource r, Set<Integer> childlessTypes) {
            forgetPrefetched();
            if (held != null && held.inTurn()) {
                held.remove(new HeldRows.Removal(r, childlessTypes));
                return;
            }
            em.flush(); // once: the statements below need not flush again (nothing changes in between)
            if (held != null) {
                held.removed(r);
            }
            // The resource first: its DELETE waits for a create below it, which holds its lock until it commits, and
            // the statements after it (new ones, which see what committed meanwhile) take that child too; a create
            // that comes later finds its parent gone. (Deleted last, a child committed meanwhile outlived it.)
            em.createNativeQuery("DELETE FROM resource WHERE ri = ?").setFlushMode(FlushModeType.COMMIT)
                    .setParameter(1, r.ri).executeUpdate();
            if (deleteDescendants(r, childlessTypes)) {
                forgetAll();
            } else {
                forget(r.ri);
            }
        }

        /**
         * Deletes the subtrees waiting for the commit: their resources with one statement, then, where a resource has
         * children, its descendants as {@link #deleteSubtree} does. Their children are found, and locked, with one
         * statement too; none at all means no descendants (a descendant's create locks its parent).
         */
        void runRemovals() {
            List<HeldRows.Removal> removals = held == null ? List.of() : held.takeRemovals();
            if (removals.isEmpty()) {
                return;
            }
            em.flush();
            List<String> ris = new ArrayList<>();
            List<HeldRows.Removal> mayHaveChildren = new ArrayList<>();
            for (HeldRows.Removal removal : removals) {
                ris.add(removal.resource().ri);
                if (!removal.childlessTypes().contains(removal.resource().ty)) {
                    mayHaveChildren.add(removal);
                }
            }
            inList("DELETE FROM resource WHERE ri IN (%s)", ris).executeUpdate();
            Set<String> parents = new HashSet<>();
            if (!mayHaveChildren.isEmpty()) {
                List<String> candidates = mayHaveChildren.stream().map(removal -> removal.resource().ri).toList();
                for (Object pi : inList("SELECT pi FROM resource WHERE pi IN (%s) FOR UPDATE", candidates)
                        .getResultList()) {
                    parents.add((String) pi);
                }
            }
            boolean descendants = false;
            for (HeldRows.Removal removal : mayHaveChildren) {
                if (parents.contains(removal.resource().ri)) {
                    descendants |= deleteDescendants(removal.resource(), removal.childlessTypes());
                }
            }
            if (descendants) {
                forgetAll();
            } else {
                removals.forEach(removal -> forget(removal.resource().ri));
            }
        }

        /**
         * The native statement {@code sql}, whose {@code %s} is an IN list, with {@code values} bound: a list of 1, 2, 4,
         * 8, … parameters, the last value repeated, so that a few statements are prepared and cached, not one per length.
         */
        private jakarta.persistence.Query inList(String sql, List<String> values) {
            int n = Integer.highestOneBit(values.size());
            n = n == values.size() ? n : 2 * n;
            jakarta.persistence.Query q = em.createNativeQuery(String.format(sql, String.join(", ", Collections.nCopies(n, "?"))))
                    .setFlushMode(FlushModeType.COMMIT);
            for (int i = 0; i < n; i++) {
                q.setParameter(i + 1, values.get(Math.min(i, values.size() - 1)));
            }
            return q;
        }

        /** Deletes what is below {@code r}, whose own row is deleted; whether there may have been anything. */
        private boolean deleteDescendants(Resource r, Set<Integer> childlessTypes) {
            if (childlessTypes.contains(r.ty)) {
                return false;
            }
            // The names below r.srn as a range of the (binary-ordered) srn column, not LIKE 'srn/%': H2 parses a LIKE
            // with a parameter again at each execution (see ResourceQuery#below).
            String from = r.srn + "/";
            String to = r.srn + "0";
            // Lock the descendants that can have children, ancestors first: a create below one of them holds that
            // lock until it commits, so this waits for it and the DELETE after it takes the new child too. A resource
            // of a childless type needs neither (trimming a container to its quota deletes contentInstances).
            StringBuilder lock = new StringBuilder("SELECT ri FROM resource WHERE srn >= ? AND srn < ?");
            for (Integer ty : childlessTypes) {
                lock.append(" AND ty <> ").append(ty.intValue());
            }
            boolean locked = !em.createNativeQuery(lock.append(" ORDER BY srn FOR UPDATE").toString())
                    .setFlushMode(FlushModeType.COMMIT).setParameter(1, from).setParameter(2, to).getResultList().isEmpty();
            // Nothing locked means no descendant only when no type was left out (a contentInstance trimmed).
            boolean descendants = locked || !childlessTypes.isEmpty();
            // By srn prefix, which the index serves. Label and attribute rows go by ON DELETE CASCADE.
            if (descendants) {
                em.createNativeQuery("DELETE FROM resource WHERE srn >= ? AND srn < ?").setFlushMode(FlushModeType.COMMIT)
                        .setParameter(1, from).setParameter(2, to)
                        .executeUpdate();
            }
            return descendants;
        }

        /** After a deletion that took rows this transaction may hold: none of them stays managed or held. */
        private void forgetAll() {
            em.clear();
            if (held != null) {
                held.clear(); // what was held may have been among them
            }
        }

        /**
         * Lets a later look-up of the row, deleted by a statement, find nothing, if this transaction read it. Not
         * {@code em.detach}, which reads the entity's element collections first.
         */
        private void forget(String ri) {
            IdentityMapAccessor identities = em.unwrap(UnitOfWork.class).getIdentityMapAccessor();
            if (identities.containsObjectInIdentityMap(ri, ResourceEntity.class)) {
                identities.removeFromIdentityMap(ri, ResourceEntity.class);
            }
        }

        /** In the database's row (ResourceEntity#subs is never written by an update of the entity). */
        @Override
        public void countSubscriptions(String pi, int by) {
            if (held != null) {
                held.changed(pi); // the managed copy's subs is now old
            }
            em.createNativeQuery("UPDATE resource SET subs = subs + ? WHERE ri = ?").setParameter(1, by).setParameter(2, pi)
                    .executeUpdate();
        }

        @Override
        public <L extends TransactionListener> L listener(Class<L> type, java.util.function.Supplier<L> create) {
            return type.cast(listeners.computeIfAbsent(type, k -> create.get()));
        }

        @Override
        public void claim(String ri, String instance, long nowMicros) {
            em.createNativeQuery("INSERT INTO request_runner (ri, instance, heartbeat) VALUES (?, ?, ?)")
                    .setParameter(1, ri).setParameter(2, instance).setParameter(3, nowMicros).executeUpdate();
        }

        @Override
        public void release(String ri) {
            em.createNativeQuery("DELETE FROM request_runner WHERE ri = ?").setParameter(1, ri).executeUpdate();
        }

        @Override
        public void renew(String instance, long heartbeatMicros) {
            em.createNativeQuery("UPDATE request_runner SET heartbeat = ? WHERE instance = ?")
                    .setParameter(1, heartbeatMicros).setParameter(2, instance).executeUpdate();
        }

        @Override
        public List<String> abandoned(long beforeMicros) {
            @SuppressWarnings("unchecked")
            List<Object> ris = em.createNativeQuery("SELECT ri FROM request_runner WHERE heartbeat < ? ORDER BY heartbeat")
                    .setParameter(1, beforeMicros).getResultList();
            return ris.stream().map(String::valueOf).toList();
        }

        @Override
        public void enqueue(QueuedRequest q) {
            em.createNativeQuery("INSERT INTO polling_request (id, pch, seq, expires, request) VALUES (?, ?, ?, ?, ?)")
                    .setParameter(1, q.id()).setParameter(2, q.pollingChannel()).setParameter(3, q.seq())
                    .setParameter(4, q.expiresMicros()).setParameter(5, q.requestJson())
                    .executeUpdate();
        }

        @Override
        public QueuedRequest dequeue(String pch, long nowMicros) {
            em.createNativeQuery("DELETE FROM polling_request WHERE pch = ? AND expires <= ?")
                    .setParameter(1, pch).setParameter(2, nowMicros).executeUpdate();
            // FOR UPDATE: two pollers of one channel (or two instances) never take the same request.
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                            "SELECT id, seq, expires, request FROM polling_request WHERE pch = ? ORDER BY pch, seq FETCH FIRST 1 ROWS ONLY FOR UPDATE")
                    .setParameter(1, pch).getResultList();
            if (rows.isEmpty()) {
                return null;
            }
            Object[] row = rows.get(0);
            String id = (String) row[0];
            em.createNativeQuery("DELETE FROM polling_request WHERE id = ?").setParameter(1, id).executeUpdate();
            return new QueuedRequest(id, pch, ((Number) row[1]).longValue(), ((Number) row[2]).longValue(), text(row[3]));
        }

        @Override
        public Resource newestOrOldestChild(String pi, int ty, boolean newest) {
            runRemovals();
            // pi and ty are fixed, but naming them lets the database read resource_children in order, not sort.
            String order = newest ? "r.pi DESC, r.ty DESC, r.ct DESC, r.ri DESC" : "r.pi, r.ty, r.ct, r.ri";
            List<ResourceEntity> l = em.createQuery(
                            "SELECT r FROM ResourceEntity r WHERE r.pi = :pi AND r.ty = :ty ORDER BY " + order, ResourceEntity.class)
                    .setParameter("pi", pi).setParameter("ty", ty).setMaxResults(1).getResultList();
            return l.isEmpty() ? null : toResource(l.get(0));
        }

        @Override
        public List<Resource> newestChildren(String pi, int ty, int limit) {
            runRemovals();
            return toResources(em.createQuery(
                            "SELECT r FROM ResourceEntity r WHERE r.pi = :pi AND r.ty = :ty ORDER BY r.pi DESC, r.ty DESC, r.ct DESC, r.ri DESC",
                            ResourceEntity.class)
                    .setParameter("pi", pi).setParameter("ty", ty).setMaxResults(limit).getResultList());
        }

        /**
         * Under a parent this transaction holds locked, as many of the oldest children are read at once as the writes
         * sharing the transaction may remove (quota trimming, one per create); later calls take them from there. What
         * reads them from the database first deletes those waiting for the commit.
         */
        @Override
        public List<Resource> oldestChildren(String pi, int ty, int limit) {
            if (held == null || !held.holds(pi) || limit > WriteTurns.MAX_PER_TURN) {
                runRemovals();
                return oldestChildrenUnmanaged(pi, ty, limit);
            }
            HeldRows.Oldest oldest = held.oldest(pi, ty);
            if (oldest == null || oldest.resources.size() < limit && !oldest.all) {
                runRemovals();
                int n = Math.min(WriteTurns.MAX_PER_TURN, Math.max(limit, held.writes()));
                List<Resource> read = oldestChildrenUnmanaged(pi, ty, n);
                oldest = new HeldRows.Oldest(read, read.size() < n);
                held.oldest(pi, ty, oldest);
            }
            return oldest.resources.stream().limit(limit).toList();
        }

        /**
         * The oldest children as resources only: not entities, which a write transaction would compare with their first
         * state at every flush of its later writes.
         */
        private List<Resource> oldestChildrenUnmanaged(String pi, int ty, int n) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT " + ENTITY_COLUMNS + " FROM resource WHERE pi = ? AND ty = ?"
                            + " ORDER BY pi, ty, ct, ri FETCH FIRST " + n + " ROWS ONLY")
                    .setParameter(1, pi).setParameter(2, ty).getResultList();
            List<Resource> out = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                out.add(toResource(entityOf(row)));
            }
            return out;
        }

        /** A row of {@link #ENTITY_COLUMNS}, in that order, as an entity no transaction tracks. */
        private static ResourceEntity entityOf(Object[] c) {
            ResourceEntity e = new ResourceEntity();
            e.ri = (String) c[0];
            e.attrs = text(c[1]);
            e.cr = (String) c[2];
            e.cs = c[3] == null ? null : ((Number) c[3]).longValue();
            e.ct = ((Number) c[4]).longValue();
            e.cty = (String) c[5];
            e.depth = ((Number) c[6]).intValue();
            e.dgt = c[7] == null ? null : ((Number) c[7]).longValue();
            e.et = c[8] == null ? null : ((Number) c[8]).longValue();
            e.lt = ((Number) c[9]).longValue();
            e.origin = (String) c[10];
            e.pi = (String) c[11];
            e.rn = (String) c[12];
            e.srn = (String) c[13];
            e.st = ((Number) c[14]).longValue();
            e.subs = ((Number) c[15]).intValue();
            e.ty = ((Number) c[16]).intValue();
            return e;
        }

        @Override
        public Map<String, List<Resource>> childrenOf(Collection<String> pis, int ty) {
            Map<String, List<Resource>> out = new LinkedHashMap<>();
            List<String> all = List.copyOf(new LinkedHashSet<>(pis));
            // A few hundred parameters per statement: well within what H2 and PostgreSQL take, each an index lookup.
            for (int from = 0; from < all.size(); from += CHILDREN_OF_CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + CHILDREN_OF_CHUNK));
                for (ResourceEntity e : em.createQuery("SELECT r FROM ResourceEntity r WHERE r.pi IN :pis AND r.ty = :ty"
                                + " ORDER BY r.pi, r.ty, r.ct, r.ri", ResourceEntity.class)
                        .setParameter("pis", chunk).setParameter("ty", ty).getResultList()) {
                    out.computeIfAbsent(e.pi, k -> new ArrayList<>()).add(toResource(e));
                }
            }
            return out;
        }

        @Override
        public List<Resource> discover(Resource root, FilterCriteria fc, Visibility visibility, Integer maxDepth, int offset, int limit) {
            return discoverDescribed(root, fc, null, visibility, maxDepth, offset, limit, false);
        }

        @Override
        public List<Resource> discoverReferences(Resource root, FilterCriteria fc, Visibility visibility, Integer maxDepth,
                                                 int offset, int limit) {
            return discoverDescribed(root, fc, null, visibility, maxDepth, offset, limit, true);
        }

        @Override
        public List<Resource> discoverDescribed(Resource root, FilterCriteria fc, DescriptorPatterns described, Visibility visibility,
                                                Integer maxDepth, int offset, int limit, boolean references) {
            ResourceQuery q = planned(described, (long) offset + limit);
            TriplePattern walkable = described == null ? null : q.walkable();
            if (walkable != null && fc.filterOperationOrDefault() == FilterOperation.AND) {
                return walkedDiscovery(q, walkable, root, fc, described, visibility, maxDepth, offset, limit, references);
            }
            if (!references) {
                return toResources(discovery(q, "r", ResourceEntity.class, root, fc, described, visibility, maxDepth, offset, limit));
            }
            List<Resource> out = new ArrayList<>();
            for (Object[] row : discovery(q, "r.ri, r.rn, r.ty, r.srn", Object[].class, root, fc, described, visibility, maxDepth,
                    offset, limit)) {
                out.add(reference(row));
            }
            return out;
        }

        /**
         * A discovery whose semanticsFilter is walked from the triples of one pattern in the order of the resources they
         * describe ({@link ResourceQuery#walked}): a page reads about as many triples as it returns. A resource whose
         * descriptors match with several triples comes as that many rows, next to each other: the second and later are
         * skipped, and the next batch starts after the last name (keyset).
         */
        private List<Resource> walkedDiscovery(ResourceQuery q, TriplePattern walkable, Resource root, FilterCriteria fc,
                                               DescriptorPatterns described, Visibility visibility, Integer maxDepth,
                                               int offset, int limit, boolean references) {
            List<Resource> out = new ArrayList<>();
            if (limit <= 0) {
                return out;
            }
            int skipped = 0;
            String after = null;
            int batch = (int) Math.min(10_000, (long) offset + limit + 1);
            while (true) {
                ResourceQuery page = q.replanned();
                StringBuilder jpql = new StringBuilder("SELECT ").append(references ? "r.ri, r.rn, r.ty, r.srn" : "r")
                        .append(" FROM SemanticTripleRow t, ResourceEntity r WHERE ").append(page.below("t.describedSrn", root.srn));
                if (after != null) {
                    jpql.append(" AND t.describedSrn > ").append(page.param(after));
                }
                if (maxDepth != null) {
                    jpql.append(" AND r.depth <= ").append(page.param(maxDepth));
                }
                page.walked("t", "r", described, walkable).forEach(c -> jpql.append(" AND ").append(c));
                for (String c : page.conditionList("r", fc)) {
                    jpql.append(" AND ").append(c);
                }
                String visible = page.visibility("r", relevant(visibility, fc));
                if (!visible.isEmpty()) {
                    jpql.append(" AND ").append(visible);
                }
                // In the walked index's order: the database reads it from the range on and stops at the batch.
                jpql.append(" ORDER BY t.pKey, t.oKey, t.describedSrn");
                TypedQuery<Object> query = em.createQuery(jpql.toString(), Object.class);
                page.parameters().forEach(query::setParameter);
                List<Object> rows = withinBudget(query.setMaxResults(batch), described, false);
                for (Object row : rows) {
                    Resource r = references ? reference((Object[]) row) : toResource((ResourceEntity) row);
                    if (r.srn.equals(after)) {
                        continue; // the same resource by another matching triple
                    }
                    after = r.srn;
                    if (skipped < offset) {
                        skipped++;
                    } else if (out.add(r) && out.size() == limit) {
                        return out;
                    }
                }
                if (rows.size() < batch) {
                    return out;
                }
            }
        }

        /**
         * {@code v} without the hiding rules of types the filter criteria's ty condition (ANDed) leaves out: they hold
         * for every row anyway, and PostgreSQL, costing them per row, chose to hash every match of a walked pattern and
         * sort them instead of walking the index to the limit (14 ms instead of 0.8 at 3 333 matches).
         */
        private static Visibility relevant(Visibility v, FilterCriteria fc) {
            return fc.resourceTypes.isEmpty() ? v
                    : v.hiding(v.hidden().stream().filter(h -> fc.resourceTypes.contains(h.type())).toList());
        }

        /** A resource as a reference: the columns ri, rn, ty, srn of a row. */
        private static Resource reference(Object[] row) {
            Resource r = new Resource();
            r.ri = (String) row[0];
            r.rn = (String) row[1];
            r.ty = ((Number) row[2]).intValue();
            r.srn = (String) row[3];
            return r;
        }

        /** The discovery statement of query {@code q}, planned for its semanticsFilter ({@link #planned}). */
        private <T> List<T> discovery(ResourceQuery q, String select, Class<T> type, Resource root, FilterCriteria fc,
                                      DescriptorPatterns described, Visibility visibility, Integer maxDepth, int offset, int limit) {
            StringBuilder jpql = below(q, select, root, maxDepth);
            for (String predicate : new String[] {q.conditions("r", fc, described), q.visibility("r", visibility)}) {
                if (!predicate.isEmpty()) {
                    jpql.append(" AND ").append(predicate);
                }
            }
            jpql.append(q.orderBy("r", fc));
            TypedQuery<T> query = em.createQuery(jpql.toString(), type);
            q.parameters().forEach(query::setParameter);
            return withinBudget(query.setFirstResult(offset).setMaxResults(limit), described);
        }

        /** A query whose semanticsFilter (if any) is planned for reading about {@code wanted} resources. */
        private ResourceQuery planned(DescriptorPatterns described, long wanted) {
            ResourceQuery q = new ResourceQuery();
            return described == null ? q : q.planning(patternCounts.plan(em, described, wanted), postgres);
        }

        /**
         * The rows of a query; with a semanticsFilter in it, cancelled by the database after keel.semantics.query-timeout
         * (a SPARQL evaluation's budget, TS-0004 7.3.3.18), which is then the originator's 4000.
         */
        private <T> List<T> withinBudget(TypedQuery<T> query, DescriptorPatterns described) {
            return withinBudget(query, described, true);
        }

        /**
         * The same; {@code literals}: on PostgreSQL with the terms written into the statement. A looked-up or per-candidate
         * pattern needs them: a prepared statement PostgreSQL runs often gets a generic plan, made without the terms, and
         * one that reads every triple of the predicate (29 ms instead of 3 at 10 000 descriptors). A walked one does not:
         * it reads its index in order whatever the terms, and bound it is planned once, not at every request (planning
         * took longer than running it, 1.6 ms against 0.8).
         */
        private <T> List<T> withinBudget(TypedQuery<T> query, DescriptorPatterns described, boolean literals) {
            if (described == null) {
                return query.getResultList();
            }
            // JDBC counts whole seconds, and 0 would be none: round up.
            long timeout = (described.timeoutMillis() + 999) / 1000 * 1000;
            // H2 plans a statement once whatever its parameters, and bound it parses it once.
            if (postgres && literals) {
                query.setHint(QueryHints.BIND_PARAMETERS, HintValues.FALSE);
            }
            try {
                return query.setHint("jakarta.persistence.query.timeout", timeout).getResultList();
            } catch (PersistenceException e) {
                if (cancelled(e)) {
                    throw described.timedOut();
                }
                throw e;
            }
        }

        /** Whether the database cancelled the statement at its timeout (SQLSTATE 57014 on H2 and PostgreSQL). */
        private static boolean cancelled(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.sql.SQLTimeoutException || t instanceof SQLException sql && "57014".equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        }

        /** SELECT … WHERE the resource lies below {@code root}, at most {@code maxDepth} segments deep when given. */
        private static StringBuilder below(ResourceQuery q, String select, Resource root, Integer maxDepth) {
            StringBuilder jpql = new StringBuilder("SELECT ").append(select).append(" FROM ResourceEntity r WHERE ")
                    .append(q.below("r.srn", root.srn));
            if (maxDepth != null) {
                jpql.append(" AND r.depth <= ").append(q.param(maxDepth));
            }
            return jpql;
        }

        @Override
        public boolean matches(Resource r, FilterCriteria fc) {
            ResourceQuery q = new ResourceQuery();
            String conditions = q.conditions("r", fc);
            if (conditions.isEmpty()) {
                return true;
            }
            TypedQuery<Long> query = em.createQuery(
                    "SELECT COUNT(r) FROM ResourceEntity r WHERE r.ri = " + q.param(r.ri) + " AND " + conditions, Long.class);
            q.parameters().forEach(query::setParameter);
            return query.getSingleResult() > 0;
        }

        @Override
        public List<Candidate> candidates(Resource root, FilterCriteria fc, Set<Integer> contentTypes, GeoWindow geo,
                                          DescriptorPatterns described, Visibility visibility, Integer maxDepth, String after,
                                          int batch, boolean references) {
            FilterOperation fo = fc.filterOperationOrDefault();
            if (geo != null && described == null && fo == FilterOperation.AND && fc.labels.isEmpty() && fc.labelsQuery == null
                    && fc.attributes.isEmpty()) {
                return locatedCandidates(root, fc, contentTypes, geo, visibility, maxDepth, after, batch, references);
            }
            ResourceQuery q = planned(described, batch);
            List<String> conditions = q.conditionList("r", fc, described);
            // What a resource needs for an undecided condition (content filter, geo-query) to be able to hold.
            List<String> needs = new ArrayList<>();
            if (contentTypes != null) {
                needs.add("r.ty IN " + q.in(contentTypes));
            }
            if (geo != null) {
                needs.add(q.geoWindow("r", geo));
            }
            // With AND every row meets every condition and need; with OR and XOR each row says how many conditions it
            // meets, and an undecided condition may be the one that decides.
            boolean counted = fo != FilterOperation.AND && !conditions.isEmpty();
            String met = counted ? q.met(conditions) : null;
            StringBuilder jpql = below(q, counted ? "r, " + met : "r", root, maxDepth);
            if (after != null) {
                jpql.append(" AND r.srn > ").append(q.param(after)); // keyset: the next batch starts where this one ended
            }
            if (fo == FilterOperation.AND) {
                conditions.forEach(c -> jpql.append(" AND ").append(c));
                needs.forEach(n -> jpql.append(" AND ").append(n));
            } else {
                List<String> any = new ArrayList<>(conditions);
                any.addAll(needs); // at least one condition can hold
                jpql.append(" AND (").append(String.join(" OR ", any)).append(")");
                if (fo == FilterOperation.XOR && counted) {
                    jpql.append(" AND ").append(met).append(" <= 1");
                }
            }
            String visible = q.visibility("r", visibility);
            if (!visible.isEmpty()) {
                jpql.append(" AND ").append(visible);
            }
            // Structured-name order, as every discovery; with AND, one content type and no geo-query ty is fixed, and
            // naming it first lets the database walk resource_type_subtree from the keyset on.
            boolean oneType = fo == FilterOperation.AND && geo == null && contentTypes != null && contentTypes.size() == 1;
            jpql.append(oneType ? " ORDER BY r.ty, r.srn" : " ORDER BY r.srn");
            TypedQuery<Object> query = em.createQuery(jpql.toString(), Object.class);
            q.parameters().forEach(query::setParameter);
            List<Candidate> out = new ArrayList<>();
            for (Object row : withinBudget(query.setMaxResults(batch), described)) {
                if (counted) {
                    Object[] columns = (Object[]) row;
                    out.add(new Candidate(toResource((ResourceEntity) columns[0]), ((Number) columns[1]).intValue(), conditions.size()));
                } else {
                    out.add(new Candidate(toResource((ResourceEntity) row), conditions.size(), conditions.size()));
                }
            }
            return out;
        }

        /**
         * {@link #candidates} for a geo-query under fo AND, with no label or attribute condition (those find their few
         * resources faster by their own index): the located resources come first, from the grid cells the window
         * overlaps merged in structured-name order ({@link GeoCellScan}), the window tested on their boxes (exactly for
         * points, which are then {@link Candidate#located}); the other conditions are then applied to each chunk of
         * survivors by their ri. So a broad geo-query reads about as many located resources as it returns, not all in
         * its area; with {@code references}, the points are read as references only.
         */
        private List<Candidate> locatedCandidates(Resource root, FilterCriteria fc, Set<Integer> contentTypes, GeoWindow geo,
                                                  Visibility visibility, Integer maxDepth, String after, int batch,
                                                  boolean references) {
            String below = root.srn + "/";
            String end = root.srn + (char) ('/' + 1); // the first name past the subtree
            GeoCellScan scan = new GeoCellScan(reads -> jdbc(c -> GeoCellReads.read(c, postgres, reads, end)), GeoCells.plan(geo),
                    after == null ? below : after, batch, e -> geo.admits(e.minLon(), e.minLat(), e.maxLon(), e.maxLat()));
            int conditions = new ResourceQuery().conditionList("r", fc).size();
            List<Candidate> out = new ArrayList<>();
            while (out.size() < batch) {
                List<GeoCellScan.Entry> located = scan.next(batch);
                if (located.isEmpty()) {
                    break;
                }
                Set<String> points = new HashSet<>();
                List<String> referenced = new ArrayList<>();
                List<String> whole = new ArrayList<>();
                for (GeoCellScan.Entry e : located) {
                    if (e.point()) {
                        points.add(e.ri());
                    }
                    (references && e.point() ? referenced : whole).add(e.ri());
                }
                List<Candidate> chunk = new ArrayList<>();
                for (Resource r : located(referenced, true, root, fc, contentTypes, visibility, maxDepth)) {
                    chunk.add(new Candidate(r, conditions, conditions, true));
                }
                for (Resource r : located(whole, false, root, fc, contentTypes, visibility, maxDepth)) {
                    chunk.add(new Candidate(r, conditions, conditions, points.contains(r.ri)));
                }
                chunk.sort(java.util.Comparator.comparing(c -> c.resource().srn));
                out.addAll(chunk.subList(0, Math.min(chunk.size(), batch - out.size())));
                if (located.size() < batch) {
                    break;
                }
            }
            return out;
        }

        /** The resources of {@code ris} that meet the other conditions, whole or as references (ri, rn, ty, srn). */
        private List<Resource> located(List<String> ris, boolean references, Resource root, FilterCriteria fc,
                                       Set<Integer> contentTypes, Visibility visibility, Integer maxDepth) {
            if (ris.isEmpty()) {
                return List.of();
            }
            ResourceQuery q = new ResourceQuery();
            List<String> conditions = q.conditionList("r", fc);
            StringBuilder jpql = below(q, references ? "r.ri, r.rn, r.ty, r.srn" : "r", root, maxDepth);
            // One parameter per ri: with a collection parameter EclipseLink writes the values into the SQL, which the
            // database then parses anew every time.
            jpql.append(" AND r.ri IN ").append(q.in(ris));
            conditions.forEach(c -> jpql.append(" AND ").append(c));
            if (contentTypes != null) {
                jpql.append(" AND r.ty IN ").append(q.in(contentTypes));
            }
            String visible = q.visibility("r", visibility);
            if (!visible.isEmpty()) {
                jpql.append(" AND ").append(visible);
            }
            TypedQuery<Object> query = em.createQuery(jpql.toString(), Object.class);
            q.parameters().forEach(query::setParameter);
            List<Resource> out = new ArrayList<>();
            for (Object row : query.getResultList()) {
                out.add(references ? reference((Object[]) row) : toResource((ResourceEntity) row));
            }
            return out;
        }

        /** Work on a JDBC connection. */
        private interface Jdbc<T> {
            T apply(java.sql.Connection connection) throws SQLException;
        }

        /**
         * Runs {@code work} on this transaction's connection when it has begun one (its writes visible), else on a
         * connection of the read pool, as EclipseLink runs a read outside a transaction.
         */
        private <T> T jdbc(Jdbc<T> work) {
            try {
                if (em.getTransaction().isActive()) {
                    return work.apply(em.unwrap(java.sql.Connection.class));
                }
                ConnectionPool pool = JpaHelper.getEntityManager(em).getServerSession().getReadConnectionPool();
                org.eclipse.persistence.internal.databaseaccess.Accessor accessor = pool.acquireConnection();
                try {
                    return work.apply((java.sql.Connection) accessor.getDatasourceConnection());
                } finally {
                    pool.releaseConnection(accessor);
                }
            } catch (SQLException e) {
                throw new PersistenceException(e);
            }
        }

        @Override
        public Candidate candidate(Resource r, FilterCriteria fc) {
            ResourceQuery q = new ResourceQuery();
            List<String> conditions = q.conditionList("r", fc);
            if (conditions.isEmpty()) {
                return new Candidate(r, 0, 0);
            }
            TypedQuery<Object> query = em.createQuery(
                    "SELECT " + q.met(conditions) + " FROM ResourceEntity r WHERE r.ri = " + q.param(r.ri), Object.class);
            q.parameters().forEach(query::setParameter);
            List<Object> met = query.getResultList();
            return new Candidate(r, met.isEmpty() ? 0 : ((Number) met.get(0)).intValue(), conditions.size());
        }

        @Override
        public List<Resource> ofType(int ty) {
            return toResources(em.createQuery("SELECT r FROM ResourceEntity r WHERE r.ty = :ty", ResourceEntity.class)
                    .setParameter("ty", ty).getResultList());
        }

        @Override
        public List<Resource> naming(String attribute, Collection<String> values, String below, int limit) {
            if (values.isEmpty() || limit <= 0) {
                return List.of();
            }
            return toResources(em.createQuery("SELECT r FROM ResourceEntity r WHERE r.srn >= :below AND r.srn < :end AND r.ri IN"
                            + " (SELECT a.ri FROM AttributeRow a WHERE a.nm = :nm AND a.val IN :vals) ORDER BY r.srn", ResourceEntity.class)
                    .setParameter("below", below + "/").setParameter("end", below + "0").setParameter("nm", attribute)
                    .setParameter("vals", List.copyOf(values)).setMaxResults(limit).getResultList());
        }

        @Override
        public void setGoverningPolicies(String ri, List<String> acpRis) {
            em.flush(); // the resource row must exist before rows referencing it
            em.createNativeQuery("DELETE FROM resource_acp WHERE ri = ?").setParameter(1, ri).executeUpdate();
            for (String acp : new LinkedHashSet<>(acpRis)) {
                em.createNativeQuery("INSERT INTO resource_acp (ri, acp) VALUES (?, ?)")
                        .setParameter(1, ri).setParameter(2, acp).executeUpdate();
            }
        }

        @Override
        public void setGoverningPoliciesOfChildren(String pi, Collection<Integer> types, List<String> acpRis) {
            if (types.isEmpty()) {
                return; // no type to select, and "ty IN ()" is no SQL
            }
            em.flush();
            // Two set-based statements on the (pi, ty) index, however many children there are.
            String children = "FROM resource WHERE pi = ? AND ty IN ("
                    + String.join(", ", types.stream().map(String::valueOf).toList()) + ")";
            em.createNativeQuery("DELETE FROM resource_acp WHERE ri IN (SELECT ri " + children + ")").setParameter(1, pi).executeUpdate();
            for (String acp : new LinkedHashSet<>(acpRis)) {
                em.createNativeQuery("INSERT INTO resource_acp (ri, acp) SELECT ri, CAST(? AS VARCHAR(255)) " + children)
                        .setParameter(1, acp).setParameter(2, pi).executeUpdate();
            }
        }

        @Override
        public List<Resource> expired(Instant now, int limit) {
            return toResources(em.createQuery(
                            "SELECT r FROM ResourceEntity r WHERE r.et < :now ORDER BY r.et", ResourceEntity.class)
                    .setParameter("now", Timestamps.epochMicros(now)).setMaxResults(limit).getResultList());
        }


        private static List<Resource> toResources(List<ResourceEntity> entities) {
            List<Resource> out = new ArrayList<>(entities.size());
            for (ResourceEntity e : entities) {
                out.add(toResource(e));
            }
            return out;
        }

        @SuppressWarnings("unchecked")
        /** A JSON value as the parser makes them (maps, lists, immutable scalars), copied so that the copy can be changed. */
        private static Object copyOfJson(Object v) {
            if (v instanceof Map<?, ?> m) {
                Map<Object, Object> c = new LinkedHashMap<>(Math.max(4, m.size() * 4 / 3 + 1));
                m.forEach((k, x) -> c.put(k, copyOfJson(x)));
                return c;
            }
            if (v instanceof List<?> l) {
                List<Object> c = new ArrayList<>(l.size());
                l.forEach(x -> c.add(copyOfJson(x)));
                return c;
            }
            return v;
        }

        private static Resource toResource(ResourceEntity e) {
            Resource r = new Resource();
            r.ri = e.ri;
            r.pi = e.pi;
            r.ty = e.ty;
            r.rn = e.rn;
            r.srn = e.srn;
            r.ct = instant(e.ct);
            r.lt = instant(e.lt);
            r.et = e.et == null ? null : instant(e.et);
            r.st = e.st;
            r.cr = e.cr;
            r.origin = e.origin;
            r.cs = e.cs;
            r.cty = e.cty;
            r.dgt = e.dgt == null ? null : instant(e.dgt);
            r.subscriptions = e.subs;
            Map<String, Object> attrs = e.parsedAttrs != null ? (Map<String, Object>) copyOfJson(e.parsedAttrs)
                    : (Map<String, Object>) ContentCodec.fromJson(e.attrs);
            Object lbl = attrs.remove("lbl");
            if (lbl instanceof List<?> l) {
                for (Object o : l) {
                    r.lbl.add((String) o);
                }
            }
            // The parser's map is already a fresh LinkedHashMap: kept, not copied.
            r.attributes = attrs instanceof LinkedHashMap<String, Object> ordered ? ordered : new LinkedHashMap<>(attrs);
            return r;
        }

        /**
         * Where only single values changed (a container's cni and cbs at every contentInstance), the attribute rows
         * are updated where they are, one statement each, instead of the collection's delete and insert per value.
         * The entity's collection is left unread: what reads it later reads these rows.
         *
         * @return false, changing nothing, when another change is among them (a value added, removed, or of a list)
         */
        private boolean replacedInPlace(String ri, Set<AttributeValue> before, Set<AttributeValue> after) {
            Map<String, AttributeValue> removed = new HashMap<>();
            for (AttributeValue v : before) {
                if (!after.contains(v) && removed.put(v.nm, v) != null) {
                    return false;
                }
            }
            Map<String, AttributeValue> added = new HashMap<>();
            for (AttributeValue v : after) {
                if (!before.contains(v) && added.put(v.nm, v) != null) {
                    return false;
                }
            }
            if (!removed.keySet().equals(added.keySet()) || removed.keySet().stream().anyMatch(nm -> count(before, nm) != 1
                    || count(after, nm) != 1)) {
                return false;
            }
            // One statement for all of them: each name has one row here, so the name alone finds it.
            StringBuilder sql = new StringBuilder("UPDATE resource_attr SET val = CASE nm");
            List<Object> parameters = new ArrayList<>();
            for (AttributeValue now : added.values()) {
                sql.append(" WHEN ? THEN CAST(? AS VARCHAR(1024))");
                parameters.add(now.nm);
                parameters.add(now.val);
            }
            sql.append(" END WHERE ri = ? AND nm IN (").append(String.join(", ", Collections.nCopies(added.size(), "?"))).append(')');
            parameters.add(ri);
            parameters.addAll(added.keySet());
            Query update = em.createNativeQuery(sql.toString());
            for (int i = 0; i < parameters.size(); i++) {
                update.setParameter(i + 1, parameters.get(i));
            }
            update.executeUpdate();
            return true;
        }

        private static long count(Set<AttributeValue> values, String nm) {
            return values.stream().filter(v -> v.nm.equals(nm)).count();
        }

        private void copy(Resource r, ResourceEntity e) {
            e.ri = r.ri;
            e.pi = r.pi;
            e.ty = r.ty;
            e.rn = r.rn;
            e.srn = r.srn;
            e.depth = r.depth();
            e.ct = Timestamps.epochMicros(r.ct);
            e.lt = Timestamps.epochMicros(r.lt);
            e.et = r.et == null ? null : Timestamps.epochMicros(r.et);
            e.st = r.st;
            e.cr = r.cr;
            e.origin = r.origin;
            e.cs = r.cs;
            e.cty = r.cty;
            e.dgt = r.dgt == null ? null : Timestamps.epochMicros(r.dgt);
            // The label and attribute rows change only when the values do; comparing with the stored document
            // avoids loading them.
            Map<?, ?> stored = e.attrs == null ? null : (Map<?, ?>) ContentCodec.fromJson(e.attrs);
            Set<String> labels = new HashSet<>(r.lbl);
            Set<AttributeValue> values = attributeValues(r.attributes);
            Map<String, Object> doc = new LinkedHashMap<>();
            if (!r.lbl.isEmpty()) {
                doc.put("lbl", r.lbl);
            }
            doc.putAll(r.attributes);
            e.attrs = ContentCodec.toJson(doc);
            if (stored == null || !labelsOf(stored).equals(labels)) {
                e.labels = labels;
            }
            if (stored == null) {
                e.values = values;
            } else {
                Set<AttributeValue> before = attributeValues(stored);
                if (!before.equals(values) && !replacedInPlace(e.ri, before, values)) {
                    e.values = values;
                }
            }
            Set<GeoBox> geo = geoBoxes(r.srn, r.attributes);
            if (stored == null ? !geo.isEmpty() : !geoBoxes(r.srn, stored).equals(geo)) {
                e.geo = geo;
            }
        }


        /** The resource_geo entries of the location (loc), if the attributes hold one. */
        private static Set<GeoBox> geoBoxes(String srn, Map<?, ?> attributes) {
            Geometry g = Location.of(attributes);
            return g == null ? new HashSet<>() : GeoBox.of(srn, g.getEnvelopeInternal());
        }

        private static Set<String> labelsOf(Map<?, ?> doc) {
            Set<String> out = new HashSet<>();
            if (doc.get("lbl") instanceof List<?> l) {
                l.forEach(o -> out.add((String) o));
            }
            return out;
        }

        /** One row per scalar value (and per item of a list of scalars) of the type-specific attributes. */
        private static Set<AttributeValue> attributeValues(Map<?, ?> attributes) {
            Set<AttributeValue> out = new HashSet<>();
            attributes.forEach((k, v) -> {
                String name = (String) k;
                if (name.equals("lbl")) {
                    return;
                }
                if (v instanceof List<?> l) {
                    l.stream().filter(JpaResourceStore::isScalar).forEach(item -> out.add(new AttributeValue(name, String.valueOf(item))));
                } else if (isScalar(v)) {
                    out.add(new AttributeValue(name, String.valueOf(v)));
                }
            });
            return out;
        }
    }
}
