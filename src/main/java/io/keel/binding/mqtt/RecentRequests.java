package io.keel.binding.mqtt;

import io.keel.primitive.ResponsePrimitive;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * At-least-once delivery (QoS 1, TS-0010 6.4.1.1) may hand this CSE a request again after a reconnect. A oneM2M
 * Create is not idempotent, so each request is executed once: its answer is remembered under (originator, rqi) for a
 * window, and a request seen again within it gets the same answer (also while the first is still running) instead of
 * a second execution. Bounded in time and in count; the oldest entries go first.
 */
final class RecentRequests {
    private record Seen(Instant at, CompletableFuture<ResponsePrimitive> answer) {
    }

    private final Map<String, Seen> seen = new LinkedHashMap<>();
    private final Duration window;
    private final int capacity;
    private final Clock clock;

    RecentRequests(Duration window, int capacity, Clock clock) {
        this.window = window;
        this.capacity = capacity;
        this.clock = clock;
    }

    /**
     * The answer to the request (originator, rqi): the remembered one when it was seen within the window, else the
     * one {@code execute} gives, which is remembered. A request without rqi is not remembered (it is refused anyway).
     */
    CompletableFuture<ResponsePrimitive> answer(String originator, String rqi,
                                                Supplier<CompletableFuture<ResponsePrimitive>> execute) {
        if (rqi == null) {
            return execute.get();
        }
        String key = originator + "\u0000" + rqi;
        CompletableFuture<ResponsePrimitive> first;
        synchronized (seen) {
            Instant now = clock.instant();
            expire(now);
            Seen known = seen.get(key);
            if (known != null) {
                return known.answer();
            }
            first = new CompletableFuture<>();
            seen.put(key, new Seen(now, first));
            if (seen.size() > capacity) {
                Iterator<Seen> oldest = seen.values().iterator();
                oldest.next();
                oldest.remove();
            }
        }
        // Executed outside the lock: the CSE may take its time.
        execute.get().whenComplete((rsp, e) -> first.complete(rsp));
        return first;
    }

    private void expire(Instant now) {
        Instant horizon = now.minus(window);
        Iterator<Seen> it = seen.values().iterator();
        while (it.hasNext() && !it.next().at().isAfter(horizon)) {
            it.remove();
        }
    }

    int size() {
        synchronized (seen) {
            return seen.size();
        }
    }
}
