package io.keel.persistence;

import java.util.Map;
import java.util.function.Function;

/** Runs work against the resource tree in transactions. */
public interface ResourceStore extends AutoCloseable {
    /** Runs read-only work. */
    <T> T read(Function<TreeTransaction, T> work);

    /** Runs work in a write transaction; it returns only after the commit is durable. Any exception rolls back. */
    <T> T write(Function<TreeTransaction, T> work);

    /** Runs a trivial query; throws when the database does not answer it. */
    void ping();

    /** The connection pools the store keeps itself, by name, as they are now; empty when a DataSource pools. */
    Map<String, PoolUsage> connectionPools();

    @Override
    void close();
}
