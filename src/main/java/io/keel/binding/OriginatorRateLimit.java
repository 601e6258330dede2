package io.keel.binding;

import io.keel.primitive.OneM2MException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per originator: at most {@code perSecond} requests a second on average, bursts up to the same
 * number. Protects the CSE from one chatty or hostile originator; off unless keel.rate.per-originator is set.
 */
public final class OriginatorRateLimit {
    private static final long IDLE_NANOS = 60_000_000_000L;
    private final double perSecond;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep = System.nanoTime();

    private static final class Bucket {
        double tokens;
        long refilled;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilled = now;
        }
    }

    /** The limit keel.rate.per-originator sets for every binding together, or null when it is off. */
    public static OriginatorRateLimit of(io.keel.core.Settings settings) {
        double rate = Double.parseDouble(settings.get("keel.rate.per-originator", "0"));
        return rate > 0 ? new OriginatorRateLimit(rate) : null;
    }

    public OriginatorRateLimit(double perSecond) {
        this.perSecond = perSecond;
    }

    /** Takes a token for the originator; false when its rate is exceeded. */
    boolean tryAcquire(String originator) {
        long now = System.nanoTime();
        sweep(now);
        Bucket b = buckets.computeIfAbsent(originator == null ? "" : originator, k -> new Bucket(perSecond, now));
        synchronized (b) {
            b.tokens = Math.min(perSecond, b.tokens + (now - b.refilled) / 1e9 * perSecond);
            b.refilled = now;
            if (b.tokens < 1) {
                return false;
            }
            b.tokens -= 1;
            return true;
        }
    }

    /**
     * Takes a token for the originator; when its rate is exceeded, the refusal every binding answers with (4000, the
     * status table having no row for it), else null.
     */
    public OneM2MException refusal(String originator) {
        return tryAcquire(originator) ? null : OneM2MException.badRequest("more than " + perSecond
                + " requests a second from originator " + originator + "; slow down");
    }

    /** Forgets originators that have been quiet for a minute, so the map does not grow without bound. */
    private void sweep(long now) {
        if (now - lastSweep < IDLE_NANOS) {
            return;
        }
        lastSweep = now;
        buckets.values().removeIf(b -> {
            synchronized (b) {
                return now - b.refilled > IDLE_NANOS;
            }
        });
    }
}
