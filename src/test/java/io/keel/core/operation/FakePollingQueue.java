package io.keel.core.operation;

import io.keel.core.store.PollingQueue;
import io.keel.core.store.QueuedRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A {@link PollingQueue} in memory; the CSE queues from its own threads, so it is synchronized. */
final class FakePollingQueue implements PollingQueue {
    private final List<QueuedRequest> queued = new ArrayList<>();

    @Override
    public synchronized void enqueue(QueuedRequest request) {
        queued.add(request);
    }

    @Override
    public synchronized QueuedRequest dequeue(String pollingChannel, long nowMicros) {
        for (Iterator<QueuedRequest> it = queued.iterator(); it.hasNext(); ) {
            QueuedRequest q = it.next();
            if (q.pollingChannel().equals(pollingChannel) && q.expiresMicros() > nowMicros) {
                it.remove();
                return q;
            }
        }
        return null;
    }

    synchronized int size() {
        return queued.size();
    }
}
