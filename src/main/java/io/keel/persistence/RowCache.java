package io.keel.persistence;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Rows of the resource table that read transactions found, by ri and by srn, for the read transactions after them
 * (a retrieve reads its target and every ancestor: the same few rows again and again).
 *
 * <p>Every write goes through {@link JpaResourceStore#write}, which moves this process's <em>epoch</em> when its commit
 * begins and again when it has ended, before the write is acknowledged. On PostgreSQL, where other processes may write
 * to the database, either this instance caches only while it is the only one there ({@link SoleInstance}), or
 * {@link SharedCommits} counts every instance's commits the same way and each read transaction asks it for the count
 * once. A row is kept with the {@link Stamp} it was read at, only if no commit began, here or
 * anywhere, while it was read; it is handed out only while the stamp is still the current one. So what the cache
 * gives is what the database held at an instant after the request began: a request that starts after a write was
 * acknowledged never sees the state before it. At most {@link #MAX_ENTRIES} rows are kept: the cache does not grow
 * with the tree.
 */
final class RowCache {
    /** The most rows kept; past it the cache starts empty again (the next reads refill what is hot). */
    static final int MAX_ENTRIES = 10_000;
    /** A row that does not exist (a name looked up in vain), kept like a row. */
    private static final ResourceEntity ABSENT = new ResourceEntity();

    /** When rows were read: this process's epoch and the database's commit count (0 where this process alone writes). */
    record Stamp(long local, long shared) {
    }

    /** What the commits of other processes on the database are, or null where this process alone writes to it. */
    interface OtherInstances {
        /** A value that changes whenever another instance may have committed, or -1 when nothing may be cached now. */
        long current();
    }

    private final OtherInstances others;
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicInteger committing = new AtomicInteger();
    private final ConcurrentHashMap<String, Entry> byRi = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Entry> bySrn = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    private record Entry(Stamp stamp, ResourceEntity row) {
    }

    /** What a lookup found: {@link #row} null when the cache holds nothing valid, {@link #ABSENT} for "no such row". */
    record Lookup(ResourceEntity row) {
        boolean found() {
            return row != null;
        }

        /** The row, or null when it does not exist. */
        ResourceEntity existing() {
            return row == ABSENT ? null : row;
        }
    }

    /**
     * @param others the database's commit counts where other processes may write to it ({@link SharedCommits}), this
     *     instance's being alone on it ({@link SoleInstance}), or null where no other process opens it
     */
    RowCache(OtherInstances others) {
        this.others = others;
    }

    /** Whether every write counts its commit in the database, for the other instances' caches. */
    boolean shared() {
        return others instanceof SharedCommits;
    }

    /**
     * The stamp for a read transaction's lookups and what it reads, or null when nothing may be cached now (a commit
     * runs). With {@link SharedCommits}, one statement (shared with concurrent callers).
     */
    Stamp stamp() {
        long e = epoch.get();
        if (committing.get() != 0) {
            return null;
        }
        long s = 0;
        if (others != null) {
            s = others.current();
            if (s < 0) {
                return null;
            }
        }
        return new Stamp(e, s);
    }

    /** Whether rows read since {@code at} was taken may be kept: no commit began since, here or (one statement) anywhere. */
    boolean unchangedSince(Stamp at) {
        return at != null && epoch.get() == at.local && committing.get() == 0
                && (others == null || others.current() == at.shared);
    }

    /** A write transaction's commit begins. */
    void commitBegins() {
        committing.incrementAndGet();
        epoch.incrementAndGet();
    }

    /** A write transaction has ended, committed or not; called before it is acknowledged. */
    void commitEnded() {
        epoch.incrementAndGet();
        committing.decrementAndGet();
    }

    /** Nothing kept so far is valid any more (a store opened or closed on the database). */
    void invalidate() {
        epoch.incrementAndGet();
    }

    /** The row with {@code ri} as of {@code at}, or nothing found. */
    Lookup byRi(String ri, Stamp at) {
        return lookup(byRi.get(ri), at);
    }

    /** The row named {@code srn} as of {@code at}, or nothing found. */
    Lookup bySrn(String srn, Stamp at) {
        return lookup(bySrn.get(srn), at);
    }

    private Lookup lookup(Entry e, Stamp at) {
        if (at != null && e != null && e.stamp.equals(at) && epoch.get() == at.local && committing.get() == 0) {
            hits.increment();
            return new Lookup(e.row);
        }
        misses.increment();
        return new Lookup(null);
    }

    /** Keeps a row read at {@code at}, after {@link #unchangedSince}; a copy, holding nothing of the EntityManager. */
    void found(ResourceEntity row, Stamp at) {
        Entry e = new Entry(at, ResourceEntity.detachedCopy(row));
        room();
        byRi.put(row.ri, e);
        bySrn.put(row.srn, e);
    }

    /** Keeps that no row was named {@code srn} at {@code at}, after {@link #unchangedSince}. */
    void absent(String srn, Stamp at) {
        room();
        bySrn.put(srn, new Entry(at, ABSENT));
    }

    private void room() {
        if (bySrn.size() >= MAX_ENTRIES || byRi.size() >= MAX_ENTRIES) {
            bySrn.clear();
            byRi.clear();
        }
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }
}
