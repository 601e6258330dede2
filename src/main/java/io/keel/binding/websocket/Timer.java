package io.keel.binding.websocket;

/** Runs a task after a delay; the returned action cancels it. */
@FunctionalInterface
interface Timer {
    Runnable schedule(Runnable task, long delayMillis);
}
