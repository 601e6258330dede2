package io.keel.core.store;

import java.util.Map;
import java.util.function.Function;

/**
 * The port through which the core keeps its state: work runs in transactions, each offering one small interface per
 * concern ({@link Transaction}). The launcher opens an implementation (JPA in {@code io.keel.persistence}) and hands
 * it to the core.
 */
public interface ResourceStore extends AutoCloseable {
    /** Runs read-only work. */
    <T> T read(Function<Transaction, T> work);

    /** Runs work in a write transaction; it returns only after the commit is durable. Any exception rolls back. */
    <T> T write(Function<Transaction, T> work);

    /**
     * As {@link #write}, for work whose first lock is the row of {@code parentRi} (a create under it): concurrent
     * writes under one parent, which would wait for that lock one after the other, may share one transaction and one
     * durable commit. Each still succeeds or fails alone, and returns only after the commit is durable. Subtrees the
     * work deletes may go only as the transaction commits: it must not look for them again, but among the parent's
     * oldest children, where they are gone at once.
     */
    default <T> T writeUnder(String parentRi, Function<Transaction, T> work) {
        return write(work);
    }

    /** Runs a trivial query; throws when the database does not answer it. */
    void ping();

    /** The connection pools the store keeps itself, by name, as they are now; empty when a DataSource pools. */
    Map<String, PoolUsage> connectionPools();

    /** How its cache of resources answered lookups; null when it keeps none (another process may write). */
    default CacheUsage rowCache() {
        return null;
    }

    @Override
    void close();
}
