package io.keel.core.store;

/** Requests queued for AEs that fetch them from their pollingChannel. */
public interface PollingQueue {
    /** Queues a request in a pollingChannel. */
    void enqueue(QueuedRequest request);

    /** Removes and returns the oldest unexpired request queued in a pollingChannel, or null. */
    QueuedRequest dequeue(String pollingChannel, long nowMicros);
}
