package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The commit counts every instance's cache of rows is checked against: as of after the question, batched, mended. */
class SharedCommitsTest {
    @Test
    void aCallerGetsACheckStartedAfterItAsked_andCallersWaitingMeanwhileShareTheNextOne() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch firstReadRuns = new CountDownLatch(1);
        CountDownLatch releaseFirstRead = new CountDownLatch(1);
        AtomicLong count = new AtomicLong(3);
        SharedCommits commits = new SharedCommits(new SharedCommits.Counts() {
            @Override
            public long[] read() {
                long c = count.get();
                if (reads.incrementAndGet() == 1) {
                    firstReadRuns.countDown();
                    try {
                        releaseFirstRead.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return new long[] {c, c};
            }

            @Override
            public void mend(long begun) {
            }
        }, System::nanoTime);
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            Future<Long> first = pool.submit(commits::current);
            assertTrue(firstReadRuns.await(5, TimeUnit.SECONDS));
            count.set(4); // a commit ended after the first check read
            List<Future<Long>> later = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                later.add(pool.submit(commits::current));
            }
            Thread.sleep(200); // the eight ask while the first check runs
            releaseFirstRead.countDown();
            assertEquals(3, first.get(5, TimeUnit.SECONDS));
            for (Future<Long> f : later) {
                assertEquals(4, f.get(5, TimeUnit.SECONDS), "not the check that began before they asked");
            }
            assertEquals(2, reads.get(), "the eight shared one check");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unequalCountsCacheNothing_andAreMendedWhenStuckForAMinute() {
        long[] counts = {7, 6};
        long[] now = {0};
        SharedCommits commits = new SharedCommits(new Counts(counts), () -> now[0]);
        assertEquals(-1, commits.current(), "a commit runs (or its instance stopped before counting it ended)");
        now[0] = SharedCommits.STUCK_NANOS - 1;
        assertEquals(-1, commits.current());
        assertEquals(6, counts[1], "not mended before a minute");
        now[0] = SharedCommits.STUCK_NANOS;
        assertEquals(-1, commits.current());
        assertEquals(7, counts[1], "mended");
        assertEquals(7, commits.current());
    }

    @Test
    void countsThatMoveAreNotMended() {
        long[] counts = {7, 6};
        long[] now = {0};
        SharedCommits commits = new SharedCommits(new Counts(counts), () -> now[0]);
        commits.current();
        counts[0] = 8; // busy: commits keep beginning and ending
        counts[1] = 7;
        now[0] = SharedCommits.STUCK_NANOS;
        assertEquals(-1, commits.current());
        assertEquals(7, counts[1]);
    }

    /** Counts a test sets, {begun, ended}; mending sets ended to begun. */
    record Counts(long[] counts) implements SharedCommits.Counts {
        @Override
        public long[] read() {
            return counts.clone();
        }

        @Override
        public void mend(long begun) {
            counts[1] = begun;
        }
    }
}
