package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How writes under one row are taken in turns ({@link WriteTurns}): a write that finds the row idle runs at once,
 * unless the row's writes have lately come several at a time; then it gathers as many before its turn runs.
 */
class WriteTurnsTest {
    private static final Duration LONG = Duration.ofHours(1);
    private final List<Integer> turnSizes = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aWriteOfARowWithoutCompany_runsAtOnce_howeverLongTheGatherTime() {
        WriteTurns turns = new WriteTurns(LONG, LONG);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (String name : List.of("a", "b", "c")) {
                assertEquals(name, turns.submit("p", tx -> name, this::run));
            }
        });
        assertEquals(List.of(1, 1, 1), turnSizes);
    }

    @Test
    void afterTurnsOfSeveralWrites_aLoneWriteWaitsForItsCompany_andTheyShareOneTurn() throws Exception {
        WriteTurns turns = new WriteTurns(LONG, LONG);
        threeWritesInOneTurn(turns);

        CompletableFuture<String> e = CompletableFuture.supplyAsync(() -> turns.submit("p", tx -> "e", this::run));
        awaitWaiting(turns, 1); // e holds the row, gathering (without the gather it ran and left nothing waiting)
        CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> turns.submit("p", tx -> "f", this::run));

        assertEquals("e", e.get(30, TimeUnit.SECONDS));
        assertEquals("f", f.get(30, TimeUnit.SECONDS));
        // 1 write, then 3 (company (1 + 3) / 2 = 2), then e waited for f: a turn of two.
        assertEquals(List.of(1, 3, 2), turnSizes);
    }

    @Test
    void aRowWhoseLastTurnIsOlderThanTheWindow_expectsNoCompany() throws Exception {
        WriteTurns turns = new WriteTurns(LONG, Duration.ZERO);
        threeWritesInOneTurn(turns);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertEquals("e", turns.submit("p", tx -> "e", this::run)));
        assertEquals(List.of(1, 3, 1), turnSizes);
    }

    @Test
    void rowsRemembered_beyondTheLanesKept_areForgottenOnceIdleForTheWindow() throws Exception {
        WriteTurns turns = new WriteTurns(LONG, Duration.ofMillis(50), 1);
        threeWritesInOneTurn(turns, "p");
        threeWritesInOneTurn(turns, "q");
        Thread.sleep(100);
        assertEquals("r", turns.submit("r", tx -> "r", this::run)); // no company: its lane goes; p and q are idle
        assertEquals(0, turns.lanes());
    }

    /** On row p, the only one: a turn of one write that holds the row while three more queue, then their turn of three. */
    private void threeWritesInOneTurn(WriteTurns turns) throws Exception {
        threeWritesInOneTurn(turns, "p");
        assertEquals(List.of(1, 3), turnSizes);
    }

    /** The same on {@code row}, among others. */
    private void threeWritesInOneTurn(WriteTurns turns, String row) throws Exception {
        int before = turnSizes.size();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> turns.submit(row, tx -> "a", (writes, committing) -> {
            turnSizes.add(writes.size());
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writes.forEach(p -> p.apply(null));
            committing.run();
        }));
        awaitTurns(before + 1, a); // a's turn runs, holding the row
        List<CompletableFuture<String>> queued = new ArrayList<>();
        for (String name : List.of("b", "c", "d")) {
            queued.add(CompletableFuture.supplyAsync(() -> turns.submit(row, tx -> name, this::run)));
            awaitWaiting(turns, row, queued.size());
        }
        release.countDown();
        assertEquals("a", a.get(30, TimeUnit.SECONDS));
        for (CompletableFuture<String> q : queued) {
            q.get(30, TimeUnit.SECONDS);
        }
    }

    /** The turn the tests give: records how many writes it took, runs each. */
    private void run(List<WriteTurns.Pending<?>> writes, Runnable committing) {
        turnSizes.add(writes.size());
        writes.forEach(p -> p.apply(null));
        committing.run();
    }

    private void awaitTurns(int n, CompletableFuture<?> running) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (turnSizes.size() < n) {
            if (System.nanoTime() > deadline || running.isDone()) {
                fail("no turn began: " + turnSizes);
            }
            Thread.sleep(1);
        }
    }

    private static void awaitWaiting(WriteTurns turns, int n) throws InterruptedException {
        awaitWaiting(turns, "p", n);
    }

    private static void awaitWaiting(WriteTurns turns, String row, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (turns.waiting(row) != n) {
            if (System.nanoTime() > deadline) {
                fail("expected " + n + " writes waiting, found " + turns.waiting(row));
            }
            Thread.sleep(1);
        }
    }
}
