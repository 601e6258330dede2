package io.keel.core.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@link AnnouncementQueue} in memory, for unit tests. */
public final class InMemoryAnnouncementQueue implements AnnouncementQueue {
    public final List<Task> tasks = new ArrayList<>();

    @Override
    public synchronized void put(String ri, String target, String remoteId, Instant due) {
        tasks.removeIf(t -> same(t, ri, target, remoteId));
        tasks.add(new Task(ri, target, remoteId, 0, due));
    }

    @Override
    public synchronized List<Task> due(Instant now, int limit) {
        return tasks.stream().filter(t -> !t.due().isAfter(now)).sorted(Comparator.comparing(Task::due)).limit(limit).toList();
    }

    @Override
    public synchronized boolean claim(Task task, Instant until) {
        return setDue(task, task.attempts(), until);
    }

    @Override
    public synchronized void retryAt(Task task, int attempts, Instant due) {
        setDue(task, attempts, due);
    }

    private boolean setDue(Task task, int attempts, Instant due) {
        if (tasks.removeIf(t -> same(t, task.ri(), task.target(), task.remoteId()) && t.due().equals(task.due()))) {
            tasks.add(new Task(task.ri(), task.target(), task.remoteId(), attempts, due));
            return true;
        }
        return false;
    }

    @Override
    public synchronized void remove(Task task) {
        tasks.removeIf(t -> same(t, task.ri(), task.target(), task.remoteId()) && t.due().equals(task.due()));
    }

    private static boolean same(Task t, String ri, String target, String remoteId) {
        return t.ri().equals(ri) && t.target().equals(target) && java.util.Objects.equals(t.remoteId(), remoteId);
    }
}
