package io.keel.core.notification;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The gate of a resource whose Update waits for its Blocking_Update subscriber (TS-0004 7.5.1.2.19; TS-0001 table
 * 9.6.8-3): while one Update is blocked, the other Updates and Deletes of the same resource wait for it to complete.
 * The gate is held outside any transaction, so the wait holds no database lock. It orders the requests this CSE
 * instance handles; instances sharing a database do not see each other's gates.
 */
public final class BlockingUpdates {
    private final Map<String, Gate> gates = new HashMap<>();
    private final long waitMillis;

    /** @param waitMillis how long a request waits at most for the gate (the blocked Updates before it) */
    BlockingUpdates(long waitMillis) {
        this.waitMillis = waitMillis;
    }

    private static final class Gate {
        final Semaphore open = new Semaphore(1, true);
        int users;
    }

    /** Runs a blocked Update's work (its notification and then its write) alone on the resource. */
    public <T> T blocked(String ri, Supplier<T> work) {
        Gate gate;
        synchronized (this) {
            gate = gates.computeIfAbsent(ri, k -> new Gate());
            gate.users++;
        }
        return through(ri, gate, work);
    }

    /** Runs an Update or Delete's work after the blocked Update of the resource in progress, if there is one. */
    public <T> T after(String ri, Supplier<T> work) {
        Gate gate;
        synchronized (this) {
            gate = gates.get(ri);
            if (gate != null) {
                gate.users++;
            }
        }
        return gate == null ? work.get() : through(ri, gate, work);
    }

    private <T> T through(String ri, Gate gate, Supplier<T> work) {
        try {
            if (!gate.open.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new OneM2MException(ResponseStatusCode.REQUEST_TIMEOUT,
                        "the resource " + ri + " stayed blocked by the updates before this one (Blocking_Update)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(ri, gate, false);
            throw new OneM2MException(ResponseStatusCode.INTERNAL_SERVER_ERROR, "interrupted while waiting for " + ri);
        } catch (OneM2MException e) {
            release(ri, gate, false);
            throw e;
        }
        try {
            return work.get();
        } finally {
            release(ri, gate, true);
        }
    }

    private synchronized void release(String ri, Gate gate, boolean acquired) {
        if (acquired) {
            gate.open.release();
        }
        if (--gate.users == 0) {
            gates.remove(ri, gate);
        }
    }
}
