package io.keel.persistence;

import io.keel.core.store.Transaction;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Writes that first lock one row (creates under one parent), taken in turns per row: a write that finds no turn of its
 * row running takes itself and every write of that row waiting behind it (at most {@link #MAX_PER_TURN}) as the next
 * turn, which the store runs in one transaction with one durable commit. While a turn runs, the writes arriving for its
 * row wait, as they would wait for the row's lock in the database, and make up the next turn.
 *
 * <p>A write that finds its row idle runs at once, unless the row's writes have lately come in company: then it waits,
 * up to the gather time, for as many as its last turns had ({@link Lane#company}), and runs them as one turn. Without
 * that, under steady concurrent load a write that comes while the others are still being answered runs alone, and
 * half the turns were of one write, each paying a whole durable commit.
 */
final class WriteTurns {
    static final int MAX_PER_TURN = 64;
    /** A lane whose turns averaged more writes than this expects company. */
    private static final double COMPANY = 1.5;
    /** Lanes kept for their company beyond this many are dropped once idle for the company window. */
    private static final int LANES_KEPT = 1024;

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
        /** A leader waits for company: arrivals wake it. */
        boolean gathering;
        /** The writes per turn lately, halving the weight of older turns at each turn. */
        double company = 1;
        /** When the last turn ended (System.nanoTime). */
        long lastTurnEnded;

        boolean expectsCompany(long now, long windowNanos) {
            return company > COMPANY && now - lastTurnEnded < windowNanos;
        }
    }

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final long gatherNanos;
    private final long windowNanos;
    private final int lanesKept;
    /** When idle lanes were last dropped (System.nanoTime). */
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    /**
     * @param gather how long a write that expects company waits for it at most (zero: never)
     * @param window how long after its last turn a row's company is still expected
     */
    WriteTurns(Duration gather, Duration window) {
        this(gather, window, LANES_KEPT);
    }

    /** @param lanesKept lanes kept for their company beyond this many are dropped once idle for the window */
    WriteTurns(Duration gather, Duration window, int lanesKept) {
        this.gatherNanos = gather.toNanos();
        this.windowNanos = window.toNanos();
        this.lanesKept = lanesKept;
    }

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
            if (lane.gathering) {
                lane.notifyAll();
            }
            while (!mine.done && (mine.taken || lane.running)) {
                try {
                    lane.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the write is queued and a turn will run it: keep waiting
                }
            }
            if (mine.done) {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return mine.outcome();
            }
            lane.running = true; // from here on, writes that arrive queue behind this one
            if (lane.waiting.size() == 1 && gatherNanos > 0 && lane.expectsCompany(System.nanoTime(), windowNanos)) {
                interrupted |= gather(lane);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            lane.waiting.remove(mine);
            taken.add(mine);
            while (!lane.waiting.isEmpty() && taken.size() < MAX_PER_TURN) {
                taken.add(lane.waiting.poll());
            }
            taken.forEach(p -> p.taken = true);
            lane.company = (lane.company + taken.size()) / 2;
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
                lane.lastTurnEnded = System.nanoTime();
                release.run();
                if (lane.waiting.isEmpty() && !lane.running && lane.company <= COMPANY) {
                    lanes.remove(row, lane);
                }
                lane.notifyAll();
            }
            if (lanes.size() > lanesKept) {
                dropIdleLanes(System.nanoTime());
            }
        }
        return mine.outcome();
    }

    /**
     * Waits, holding the lane, until as many writes as its company wait or the gather time is over; whether the
     * thread was interrupted meanwhile (the write then runs with those that came).
     */
    private boolean gather(Lane lane) {
        boolean interrupted = false;
        int wanted = Math.min(MAX_PER_TURN, (int) Math.ceil(lane.company));
        long deadline = System.nanoTime() + gatherNanos;
        lane.gathering = true;
        try {
            long left;
            while (lane.waiting.size() < wanted && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(lane, left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            lane.gathering = false;
        }
        return interrupted;
    }

    /**
     * Forgets the company of rows with no turn in the company window, so that lanes do not grow with the tree; at most
     * once per window, so that many rows busy at once do not make every turn walk them all.
     */
    private void dropIdleLanes(long now) {
        long last = lastSweep.get();
        if (now - last < windowNanos || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        lanes.forEach((row, lane) -> {
            synchronized (lane) {
                if (lane.waiting.isEmpty() && !lane.running && !lane.expectsCompany(now, windowNanos)) {
                    lanes.remove(row, lane);
                }
            }
        });
    }

    /** How many rows have a lane: a turn running or waiting, or company remembered (for tests). */
    int lanes() {
        return lanes.size();
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
