package io.keel.binding.mqtt;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that work on what arrives from the MQTT server, so that the client's one callback thread only hands
 * messages over. Bounded: at most {@code queue} messages wait for a free worker; beyond that {@link #offer} says no at
 * once and the caller answers the request as refused, rather than letting a flood of requests pile up in memory and
 * be answered long after their originators gave up.
 */
final class MqttWorkers implements AutoCloseable {
    private final ThreadPoolExecutor pool;

    MqttWorkers(int threads, int queue) {
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "keel-mqtt-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs the task on a worker when one is free or a place in the queue is; false when neither is (or stopping). */
    boolean offer(Runnable task) {
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** How many tasks wait for a worker now. */
    int waiting() {
        return pool.getQueue().size();
    }

    boolean stopping() {
        return pool.isShutdown();
    }

    /** Lets the tasks taken finish, for a moment. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
