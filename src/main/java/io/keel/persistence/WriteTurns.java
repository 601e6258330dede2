package io.keel.persistence;

import io.keel.core.store.Transaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Writes that first lock one row (creates under one parent), taken in turns per row: a write that finds no turn of its
 * row running takes itself and every write of that row waiting behind it (at most {@link #MAX_PER_TURN}) as the next
 * turn, which the store runs in one transaction with one durable commit. While a turn runs, the writes arriving for its
 * row wait, as they would wait for the row's lock in the database, and make up the next turn.
 */
final class WriteTurns {
    static final int MAX_PER_TURN = 64;

    /** One write and, once its turn ran, its outcome. */
    static final class Pending<T> {
        final Function<Transaction, T> work;
        private T result;
        private RuntimeException failure;
        private boolean taken;
        private boolean done;

        Pending(Function<Transaction, T> work) {
            this.work = work;
        }

        /** Runs the work on {@code tx}; the result is kept, not yet handed out (the turn may still fail). */
        void apply(Transaction tx) {
            result = work.apply(tx);
        }

        void fail(RuntimeException e) {
            failure = e;
        }

        /** The turn failed as a whole: the work runs again, alone. */
        void runAlone(Function<Function<Transaction, T>, T> write) {
            failure = null;
            try {
                result = write.apply(work);
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        private T outcome() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    private static final class Lane {
        final ArrayDeque<Pending<?>> waiting = new ArrayDeque<>();
        boolean running;
    }

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

    /** What runs a turn: its writes, each to get its outcome, and what to call once it no longer needs the row. */
    interface Turn {
        void run(List<Pending<?>> writes, Runnable committing);
    }

    /**
     * Runs {@code work} in a turn of {@code row}'s writes. The next turn may start once the running one calls
     * {@code committing} (its changes are made and its commit begins): the database's lock on the row still orders
     * them, and where the database lets the lock go before the commit is on disk (H2), the next turn's work overlaps
     * the previous flush, as single writes do.
     */
    <T> T submit(String row, Function<Transaction, T> work, Turn turn) {
        Pending<T> mine = new Pending<>(work);
        Lane lane = lanes.computeIfAbsent(row, k -> new Lane());
        List<Pending<?>> taken = new ArrayList<>();
        boolean interrupted = false;
        synchronized (lane) {
            lane.waiting.add(mine);
            while (!mine.done && (mine.taken || lane.running)) {
                try {
                    lane.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the write is queued and a turn will run it: keep waiting
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (mine.done) {
                return mine.outcome();
            }
            lane.waiting.remove(mine);
            taken.add(mine);
            while (!lane.waiting.isEmpty() && taken.size() < MAX_PER_TURN) {
                taken.add(lane.waiting.poll());
            }
            taken.forEach(p -> p.taken = true);
            lane.running = true;
        }
        boolean[] released = {false};
        Runnable release = () -> {
            synchronized (lane) {
                if (!released[0]) {
                    released[0] = true;
                    lane.running = false;
                    lane.notifyAll();
                }
            }
        };
        try {
            turn.run(taken, release);
        } catch (RuntimeException | Error e) {
            // Nothing of the turn committed (the store answers each write, so only the unforeseen comes here).
            RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException("the write failed", e);
            taken.forEach(p -> p.fail(failure));
        } finally {
            synchronized (lane) {
                taken.forEach(p -> p.done = true);
                release.run();
                if (lane.waiting.isEmpty() && !lane.running) {
                    lanes.remove(row, lane);
                }
                lane.notifyAll();
            }
        }
        return mine.outcome();
    }

    /** How many writes of {@code row} wait for a turn (for tests). */
    int waiting(String row) {
        Lane lane = lanes.get(row);
        if (lane == null) {
            return 0;
        }
        synchronized (lane) {
            return lane.waiting.size();
        }
    }
}
