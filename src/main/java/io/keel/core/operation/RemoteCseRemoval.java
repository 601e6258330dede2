package io.keel.core.operation;

import io.keel.core.store.TransactionListener;

/**
 * Runs the CSE's reaction to a removed {@code <remoteCSE>} once the transaction that removed it has committed: the
 * registrar may have to learn of changed descendantCSEs (TS-0004 7.4.4.2.3/7.4.4.2.4), or this CSE has de-registered.
 * Every removal goes through {@link DeleteOperation#delete} — a Delete request, the expiry sweeper, an administrator —
 * so none is missed. Once per transaction, however many it removed.
 */
final class RemoteCseRemoval implements TransactionListener {
    private final Runnable removed;

    RemoteCseRemoval(Runnable removed) {
        this.removed = removed;
    }

    @Override
    public void afterCompletion(boolean committed) {
        if (committed) {
            removed.run();
        }
    }
}
