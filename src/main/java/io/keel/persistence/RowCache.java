package io.keel.persistence;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Rows of the resource table that read transactions found, by ri and by srn, for the read transactions after them
 * (a retrieve reads its target and every ancestor: the same few rows again and again).
 *
 * <p>Correct only where this process is the database's one writer (embedded H2, which locks its file) and every write
 * goes through {@link JpaResourceStore#write}: an entry is valid at one <em>epoch</em>, and every write transaction
 * moves the epoch when its commit begins and again when it has ended, before it is acknowledged. A row read while a
 * commit ran, or while the epoch moved, is not kept; one kept is handed out only while the epoch is still the one it
 * was read at and no commit runs. So what the cache gives is what the database held at that moment, and a request that
 * starts after a write was acknowledged never sees the state before it. Nothing is cached per resource beyond
 * {@link #MAX_ENTRIES} rows: the cache does not grow with the tree.
 */
final class RowCache {
    /** The most rows kept; past it the cache starts empty again (the next reads refill what is hot). */
    static final int MAX_ENTRIES = 10_000;
    /** A row that does not exist (a name looked up in vain), kept like a row. */
    private static final ResourceEntity ABSENT = new ResourceEntity();

    private final AtomicLong epoch = new AtomicLong();
    private final AtomicInteger committing = new AtomicInteger();
    private final ConcurrentHashMap<String, Entry> byRi = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Entry> bySrn = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    private record Entry(long epoch, ResourceEntity row) {
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

    /** The epoch a read may fill the cache at, or -1 when a commit runs (nothing read now may be kept). */
    long readableEpoch() {
        long e = epoch.get();
        return committing.get() == 0 ? e : -1;
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

    /** The row with {@code ri} as of {@code at} (from {@link #readableEpoch}), or nothing found. */
    Lookup byRi(String ri, long at) {
        return lookup(byRi.get(ri), at);
    }

    /** The row named {@code srn} as of {@code at}, or nothing found. */
    Lookup bySrn(String srn, long at) {
        return lookup(bySrn.get(srn), at);
    }

    private Lookup lookup(Entry e, long at) {
        if (at >= 0 && e != null && e.epoch == at && epoch.get() == at && committing.get() == 0) {
            hits.increment();
            return new Lookup(e.row);
        }
        misses.increment();
        return new Lookup(null);
    }

    /**
     * Keeps what a read found, if the epoch is still {@code at} (no commit began since it was taken before the read).
     * {@code row} is copied: the cache keeps no object of the EntityManager that read it.
     */
    void found(ResourceEntity row, long at) {
        if (at < 0 || epoch.get() != at) {
            return;
        }
        Entry e = new Entry(at, ResourceEntity.detachedCopy(row));
        room();
        byRi.put(row.ri, e);
        bySrn.put(row.srn, e);
    }

    /** Keeps that no row is named {@code srn}, if the epoch is still {@code at}. */
    void absent(String srn, long at) {
        if (at < 0 || epoch.get() != at) {
            return;
        }
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
