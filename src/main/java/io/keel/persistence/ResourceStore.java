package io.keel.persistence;

import java.util.function.Function;

/** Runs work against the resource tree in transactions. */
public interface ResourceStore extends AutoCloseable {
    /** Runs read-only work. */
    <T> T read(Function<TreeTransaction, T> work);

    /** Runs work in a write transaction; it returns only after the commit is durable. Any exception rolls back. */
    <T> T write(Function<TreeTransaction, T> work);

    @Override
    void close();
}
