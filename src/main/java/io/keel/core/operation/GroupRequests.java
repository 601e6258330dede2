package io.keel.core.operation;

import io.keel.core.routing.Route;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Group Request Identifiers this CSE has received, with the target each one addressed (TS-0004 7.3.3.2): a
 * second request with the same identifier to the same target is 4104. An entry is kept until the request's
 * expiration time (X-M2M-RET), else for {@link #KEEP}; at most {@code maxEntries} are kept, the oldest going first,
 * so that originators cannot fill the memory. In memory: each CSE instance on a shared database keeps its own list.
 */
public final class GroupRequests {
    /** How long an identifier is kept when its request has no expiration time. */
    public static final Duration KEEP = Duration.ofMinutes(10);
    public static final int MAX_ENTRIES = 100_000;

    private final Duration keep;
    private final int maxEntries;
    /** "gid target" → until when; in insertion order, which is the order of expiry for entries kept {@link #keep}. */
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    public GroupRequests(Duration keep, int maxEntries) {
        this.keep = keep;
        this.maxEntries = maxEntries;
    }

    /** Records the request's Group Request Identifier for its target, or 4104 when it was recorded already. */
    public synchronized void record(RequestPrimitive req, Route route, Instant now) {
        if (req.groupRequestIdentifier == null || req.groupRequestIdentifier.isEmpty()) {
            return;
        }
        dropExpired(now);
        String key = req.groupRequestIdentifier + " " + target(route);
        Instant until = seen.get(key);
        if (until != null && until.isAfter(now)) {
            throw new OneM2MException(ResponseStatusCode.GROUP_REQUEST_IDENTIFIER_EXISTS, "group request "
                    + req.groupRequestIdentifier + " has already addressed " + req.to);
        }
        seen.remove(key);
        seen.put(key, req.requestExpirationTimestamp != null ? req.requestExpirationTimestamp : now.plus(keep));
        while (seen.size() > maxEntries) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** The addressed resource whatever the form of the To: its ri, and the virtual child or fan-out path below it. */
    private static String target(Route route) {
        if (route instanceof Route.Virtual v) {
            return v.parent().ri + "/" + v.child().name();
        }
        if (route instanceof Route.FanOut f) {
            return f.group().ri + "/" + f.point().name() + (f.relativePath() == null ? "" : "/" + f.relativePath());
        }
        return route.resource().ri;
    }

    private void dropExpired(Instant now) {
        Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
        // Entries kept for KEEP expire in insertion order; one with an earlier RET further on is dropped when met.
        while (it.hasNext()) {
            Map.Entry<String, Instant> e = it.next();
            if (e.getValue().isAfter(now)) {
                return;
            }
            it.remove();
        }
    }
}
