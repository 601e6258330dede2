package io.keel.binding.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RecentRequestsTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final AtomicInteger executions = new AtomicInteger();
    private final Supplier<CompletableFuture<ResponsePrimitive>> execute = () -> {
        executions.incrementAndGet();
        return CompletableFuture.completedFuture(new ResponsePrimitive(ResponseStatusCode.CREATED, null));
    };

    @Test
    void ts0010_6_4_1_1_aRedeliveredRequestIsAnsweredWithoutRunningAgain() {
        RecentRequests recent = new RecentRequests(Duration.ofMinutes(2), 100, clock);
        ResponsePrimitive first = recent.answer("Cae", "r1", execute).join();
        ResponsePrimitive again = recent.answer("Cae", "r1", execute).join();
        assertEquals(1, executions.get());
        assertSame(first, again);
    }

    @Test
    void aDuplicateWhileTheFirstStillRunsGetsItsAnswer() {
        RecentRequests recent = new RecentRequests(Duration.ofMinutes(2), 100, clock);
        CompletableFuture<ResponsePrimitive> running = new CompletableFuture<>();
        CompletableFuture<ResponsePrimitive> first = recent.answer("Cae", "r1", () -> running);
        CompletableFuture<ResponsePrimitive> second = recent.answer("Cae", "r1", execute);
        ResponsePrimitive rsp = new ResponsePrimitive(ResponseStatusCode.OK, null);
        running.complete(rsp);
        assertSame(rsp, first.join());
        assertSame(rsp, second.join());
        assertEquals(0, executions.get());
    }

    @Test
    void theSameRqiFromAnotherOriginatorIsAnotherRequest() {
        RecentRequests recent = new RecentRequests(Duration.ofMinutes(2), 100, clock);
        recent.answer("Cae1", "r1", execute).join();
        recent.answer("Cae2", "r1", execute).join();
        assertEquals(2, executions.get());
    }

    @Test
    void afterTheWindowTheRequestRunsAgain() {
        RecentRequests recent = new RecentRequests(Duration.ofMinutes(2), 100, clock);
        recent.answer("Cae", "r1", execute).join();
        now = now.plus(Duration.ofMinutes(2));
        recent.answer("Cae", "r1", execute).join();
        assertEquals(2, executions.get());
        assertEquals(1, recent.size());
    }

    @Test
    void theOldestIsForgottenBeyondTheCapacity() {
        RecentRequests recent = new RecentRequests(Duration.ofMinutes(2), 2, clock);
        recent.answer("Cae", "r1", execute).join();
        recent.answer("Cae", "r2", execute).join();
        recent.answer("Cae", "r3", execute).join();
        assertEquals(2, recent.size());
        recent.answer("Cae", "r3", execute).join();
        assertEquals(3, executions.get());
        recent.answer("Cae", "r1", execute).join();
        assertEquals(4, executions.get());
    }

    @Test
    void aRequestWithoutRqiIsNotRemembered() {
        RecentRequests recent = new RecentRequests(Duration.ofMinutes(2), 100, clock);
        recent.answer("Cae", null, execute).join();
        recent.answer("Cae", null, execute).join();
        assertEquals(2, executions.get());
        assertEquals(0, recent.size());
    }
}
