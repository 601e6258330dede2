package io.keel.it;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Work a test runs while it does something else (a request, a write that blocks), on a thread of its own: the common
 * pool that {@code CompletableFuture.supplyAsync} would use has one thread on a 2-core machine, where another task in
 * the JVM can hold it past a test's timeout (the likeliest cause of PollingChannelIT's 2 s poll finding nothing, once,
 * in CI).
 */
public final class OwnThread {
    private OwnThread() {
    }

    public static <T> CompletableFuture<T> supply(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, task -> {
            Thread t = new Thread(task, "it-request");
            t.setDaemon(true);
            t.start();
        });
    }
}
