package io.keel.core.store;

/**
 * Work tied to the end of a write transaction: {@link #beforeCommit} runs inside it with its locks still held,
 * {@link #afterCompletion} once it has committed or rolled back. What happens after a commit can thus be put in
 * the order the locks gave the transactions.
 */
public interface TransactionListener {
    default void beforeCommit() {
    }

    void afterCompletion(boolean committed);
}
