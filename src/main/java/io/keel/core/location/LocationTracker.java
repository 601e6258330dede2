package io.keel.core.location;

import io.keel.core.CseIdentity;
import io.keel.core.geo.GeoCoordinates;
import io.keel.core.geo.GeometryType;
import io.keel.core.geo.Location;
import io.keel.core.notification.ResourceChangeEvents;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.LocationPolicyType;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.store.LocationWatches;
import io.keel.core.store.ResourceStore;
import io.keel.core.store.ResourceTree;
import io.keel.primitive.OneM2MException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The periodic positioning of {@code <locationPolicy>} resources (TS-0004 7.4.10.2.1, TS-0001 10.2.9.7: "based on the
 * locationUpdatePeriod, this step can be periodically repeated"), off the request path: the store keeps when each
 * policy's next fix is due; this asks for the due ones a page at a time and fixes each in its own write transaction with
 * the policy locked (CSEs sharing the database fix each once). Device-based: the target's current loc; network-based:
 * the Location Server, asked before the transaction (a failure, and a retry for the last known location with
 * retrieveLastKnownLocation, as 7.4.10.2.1 step 6 says, goes to locationStatus); sharing-based: the closest node's
 * position ({@link SharedPositions}). It also positions on a Retrieve of a container's {@code <latest>}
 * ({@link #beforeLatestRetrieve}). A network-based policy with locationUpdateEventCriteria or a period is, when the CSE
 * has a callback URL and the interface subscribes, watched by a subscription at the Location Server instead
 * ({@link LocationServerSubscriptions}), whose notified positions come in through {@link #notified}.
 */
public final class LocationTracker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocationTracker.class.getName());
    private static final int PAGE = 100;
    private final CseIdentity cse;
    private final ResourceStore store;
    private final ResourceChangeEvents events;
    private final Optional<NetworkLocationSource> network;
    private final Supplier<Instant> clock;
    private final ScheduledExecutorService timer;
    private final long intervalMillis;
    private final LocationServerSubscriptions subscriptions;

    /** @param intervalMillis how often due fixes are looked for; 0: only when {@link #track()} is called */
    public LocationTracker(CseIdentity cse, ResourceStore store, TypeRegistry types, ResourceChangeEvents events,
                           Supplier<Instant> clock, long intervalMillis) {
        this(cse, store, types, events, clock, intervalMillis, null);
    }

    /**
     * @param callbacks where the Location Server notifies this CSE (keel.location.callback); null when it cannot, and
     *                  location changes are polled
     */
    public LocationTracker(CseIdentity cse, ResourceStore store, TypeRegistry types, ResourceChangeEvents events,
                           Supplier<Instant> clock, long intervalMillis, CallbackUrls callbacks) {
        this.cse = cse;
        this.store = store;
        this.events = events;
        this.network = ((LocationPolicyType) types.require(ResourceTypes.LOCATION_POLICY)).network();
        this.clock = clock;
        this.intervalMillis = intervalMillis;
        this.subscriptions = new LocationServerSubscriptions(cse, store, network.orElse(null), callbacks,
                java.time.Duration.ofMillis(Math.max(1, intervalMillis)));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keel-location");
            t.setDaemon(true);
            return t;
        });
        if (intervalMillis > 0) {
            timer.scheduleWithFixedDelay(this::trackSafely, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Fixes every policy due by now; returns how many it fixed. */
    public int track() {
        int total = 0;
        // One instant for the round: what it fixes is next due after it, so a round ends however many are due.
        Instant now = clock.get();
        for (;;) {
            List<LocationWatches.Watch> due = store.read(tx -> tx.locations().due(now, PAGE));
            int fixed = 0;
            for (LocationWatches.Watch w : due) {
                try {
                    fixed += fix(w.policy(), now, false) ? 1 : 0;
                } catch (RuntimeException e) {
                    // One policy that cannot be fixed must not hold up the others due after it.
                    LOG.log(Level.WARNING, "positioning of locationPolicy " + w.policy() + " failed", e);
                }
            }
            total += fixed;
            if (due.size() < PAGE || fixed == 0) {
                return total;
            }
        }
    }

    /** What the Location Server answered: a position as m2m:geoCoordinates, or the status code of a failure. */
    private record Located(Map<String, Object> loc, String status) {
    }

    /**
     * What a Retrieve of a container's {@code <latest>} does first (TS-0001 10.2.9.7): when the container is a
     * locationPolicy's that positions on retrieval, a positioning whose result the Retrieve then finds; else null. Asked
     * in the Retrieve's read transaction; the returned work runs after it.
     */
    public Runnable beforeLatestRetrieve(ResourceTree tree, Resource container) {
        if (!(container.get("li") instanceof String li)) {
            return null;
        }
        Resource policy = tree.find(li);
        if (policy == null || policy.ty != ResourceTypes.LOCATION_POLICY || !LocationPolicyType.positionsOnRetrieve(policy)) {
            return null;
        }
        return () -> {
            try {
                fix(policy.ri, clock.get(), true);
            } catch (RuntimeException e) {
                // The Retrieve still answers with what the container holds.
                LOG.log(Level.WARNING, "positioning of locationPolicy " + policy.ri + " on retrieval failed", e);
            }
        };
    }

    /**
     * One positioning of the policy, when due (periodic) or whenever asked (on retrieval, which leaves the due time as
     * it is). The Location Server is asked before the write transaction; the rest runs in it with the policy locked.
     */
    private boolean fix(String ri, Instant now, boolean onRetrieval) {
        Resource before = store.read(tx -> tx.tree().find(ri));
        if (before == null) {
            return false;
        }
        Object source = before.get(LocationPolicyType.SOURCE);
        boolean networkBased = Long.valueOf(LocationPolicyType.NETWORK_BASED).equals(source);
        // Positioned whenever asked, leaving the due time as it is: on retrieval, and once as a subscription starts.
        boolean keepDue = onRetrieval;
        if (networkBased && !onRetrieval) {
            LocationServerSubscriptions.Outcome subscribed = subscriptions.keep(before, request(before), now);
            if (subscribed == LocationServerSubscriptions.Outcome.SUBSCRIBED
                    || subscribed == LocationServerSubscriptions.Outcome.FAILED) {
                return subscribed == LocationServerSubscriptions.Outcome.SUBSCRIBED;
            }
            keepDue = subscribed == LocationServerSubscriptions.Outcome.SUBSCRIBED_NOW;
        }
        Located located = networkBased ? locate(before) : null;
        boolean asked = keepDue;
        return store.write(tx -> {
            Resource policy = tx.tree().lock(ri);
            // Read after the lock: another CSE on the database may have fixed it meanwhile.
            LocationWatches.Watch w = tx.locations().of(ri);
            if (policy == null || w == null || !asked && (w.due() == null || w.due().isAfter(now))) {
                return false;
            }
            ResourceOperation op = new ResourceOperation(tx, null, cse, now, null, policy, Map.of(), null);
            Resource target = w.target() == null ? null : tx.tree().find(w.target());
            Map<?, ?> loc;
            String failure = LocationPolicyType.STATUS_NO_POSITION;
            if (located != null) {
                loc = located.loc();
                failure = located.status();
            } else if (Long.valueOf(LocationPolicyType.SHARING_BASED).equals(source)) {
                SharedPositions.Shared shared = target == null ? null : SharedPositions.of(tx.tree(), cse, target);
                loc = shared == null ? null : shared.loc();
            } else {
                loc = target != null && target.get(Location.LOC) instanceof Map<?, ?> own ? own : null;
            }
            LocationWatches.Watch next = recorded(tx, op, policy, w, loc, failure);
            tx.locations().put(asked ? next : next.dueAt(nextDue(policy, now)));
            op.created().forEach(c -> events.created(tx, c.parent(), c.child()));
            return true;
        });
    }

    /**
     * A position the Location Server notified for the policy's subscription: stored as a fix under the policy's lock as
     * a tracked fix (with locationUpdateEventCriteria only when it differs from the newest stored); false when the
     * policy is gone.
     */
    public boolean notified(String ri, NetworkLocationSource.Position p) {
        Located located = position(p);
        Instant now = clock.get();
        return store.write(tx -> {
            Resource policy = tx.tree().lock(ri);
            LocationWatches.Watch w = tx.locations().of(ri);
            if (policy == null || w == null) {
                return false;
            }
            ResourceOperation op = new ResourceOperation(tx, null, cse, now, null, policy, Map.of(), null);
            tx.locations().put(recorded(tx, op, policy, w, located.loc(), located.status()));
            op.created().forEach(c -> events.created(tx, c.parent(), c.child()));
            return true;
        });
    }

    /**
     * The Location Server ended the policy's subscription (a cancellation notification): it holds the policy no more,
     * and the next round subscribes again, or polls when that fails.
     */
    public void cancelled(io.keel.core.store.LocationSubscriptions.Subscription subscription) {
        subscriptions.cancelled(subscription, clock.get());
    }

    /** The position (or, when null, the failure) as the policy's fix or locationStatus; returns the watch to store. */
    private static LocationWatches.Watch recorded(io.keel.core.store.Transaction tx, ResourceOperation op, Resource policy,
                                                LocationWatches.Watch w, Map<?, ?> loc, String failure) {
        if (loc == null) {
            LocationPolicyType.status(op, policy, failure);
            return w;
        }
        if (LocationPolicyType.onLocationChange(policy) && sameAsStored(tx, policy, loc)) {
            LocationPolicyType.status(op, policy, LocationPolicyType.STATUS_OK); // no change: no location update
            return w;
        }
        return LocationPolicyType.fix(op, policy, w, loc);
    }

    /**
     * The next positioning: a period later, or with locationUpdateEventCriteria at the tracker's next round (the change
     * is looked for each round; at least a millisecond later, so that a round ends).
     */
    private Instant nextDue(Resource policy, Instant now) {
        return LocationPolicyType.onLocationChange(policy) ? now.plusMillis(Math.max(1, intervalMillis))
                : LocationPolicyType.nextFix(policy, now);
    }

    /** Whether the position is the one the container's newest contentInstance holds. */
    private static boolean sameAsStored(io.keel.core.store.Transaction tx, Resource policy, Map<?, ?> loc) {
        Resource newest = policy.get(LocationPolicyType.CONTAINER_ID) instanceof String loi
                ? tx.tree().newestOrOldestChild(loi, ResourceTypes.CONTENT_INSTANCE, true) : null;
        return newest != null && newest.get(Location.LOC) instanceof Map<?, ?> stored
                && String.valueOf(stored.get("typ")).equals(String.valueOf(loc.get("typ")))
                && String.valueOf(stored.get("crd")).equals(String.valueOf(loc.get("crd")));
    }

    /** Asks the Location Server (TS-0004 7.4.10.2.1 steps 3 and 6); once more for the last known location with rlkl. */
    private Located locate(Resource policy) {
        NetworkLocationSource source = network.orElse(null);
        if (source == null) {
            return new Located(null, "5103"); // the interface was removed since the policy was created
        }
        NetworkLocationSource.Request request = request(policy);
        try {
            return position(source.locate(request));
        } catch (NetworkLocationSource.Failure failure) {
            if (!request.retrieveLastKnownLocation()) {
                return new Located(null, failure.statusCode());
            }
            try {
                return position(source.locate(request.forLastKnown()));
            } catch (NetworkLocationSource.Failure again) {
                return new Located(null, again.statusCode());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the Location Server interface failed for " + policy.ri, e);
            return new Located(null, "5000");
        }
    }

    /** What the policy asks of the Location Server (its current location first). */
    private static NetworkLocationSource.Request request(Resource policy) {
        return new NetworkLocationSource.Request((String) policy.get(LocationPolicyType.TARGET),
                (String) policy.get(LocationPolicyType.SERVER), (String) policy.get(LocationPolicyType.AUTH_ID),
                Boolean.TRUE.equals(policy.get(LocationPolicyType.LAST_KNOWN)));
    }

    /** The server's position as m2m:geoCoordinates; one out of range is a failure (5000), never stored. */
    private static Located position(NetworkLocationSource.Position p) {
        Map<String, Object> loc = new LinkedHashMap<>();
        loc.put("typ", 1L);
        loc.put("crd", "[" + p.longitude() + ", " + p.latitude() + "]");
        try {
            GeoCoordinates.parse("position", GeometryType.POINT, (String) loc.get("crd"));
        } catch (OneM2MException e) {
            LOG.warning(() -> "the Location Server answered an invalid position: " + e.getMessage());
            return new Located(null, "5000");
        }
        return new Located(loc, LocationPolicyType.STATUS_OK);
    }

    private void trackSafely() {
        try {
            track();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "periodic positioning failed; retrying at the next interval", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
