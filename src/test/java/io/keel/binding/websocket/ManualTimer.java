package io.keel.binding.websocket;

import java.util.ArrayList;
import java.util.List;

/** A timer whose tasks run when the test says their time has come. */
final class ManualTimer implements Timer {
    private final List<Runnable> due = new ArrayList<>();
    final List<Long> delays = new ArrayList<>();

    @Override
    public Runnable schedule(Runnable task, long delayMillis) {
        delays.add(delayMillis);
        due.add(task);
        return () -> due.remove(task);
    }

    void elapse() {
        List.copyOf(due).forEach(Runnable::run);
        due.clear();
    }

    int scheduled() {
        return due.size();
    }
}
