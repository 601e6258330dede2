package io.keel.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what the CSE does after it has answered (asynchronous bookkeeping), failing when it never happens. */
final class Eventually {
    private Eventually() {
    }

    static void holds(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + timeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
