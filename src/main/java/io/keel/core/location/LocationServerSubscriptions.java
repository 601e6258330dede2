package io.keel.core.location;

import io.keel.core.CseIdentity;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.types.LocationPolicyType;
import io.keel.core.store.LocationSubscriptions;
import io.keel.core.store.LocationWatches;
import io.keel.core.store.ResourceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Network-based positions notified by the Location Server instead of asked for at every round: for
 * locationUpdateEventCriteria Location_Change (TS-0004 6.3.4.2.56) a subscription to the target's location changes,
 * for a locationUpdatePeriod a periodic notification subscription at that period (annex G.2.4), where the interface
 * makes them ({@link NetworkLocationSource#subscribe}, {@link NetworkLocationSource#subscribePeriodic}). The positions
 * are notified to the callback intake ({@link CallbackUrls}); the subscription is kept in the database
 * ({@link LocationSubscriptions}) until the policy goes or changes what it was made from ({@code LocationPolicyType}
 * deletes it there) or it ends at the Location Server (its end passes, or the server cancels it), when the tracker
 * subscribes again. Without a callback URL, when the
 * interface cannot subscribe, or for {@value #RETRY_MINUTES} minutes after a subscription failed (its status code is
 * locationStatus), the tracker polls.
 */
final class LocationServerSubscriptions {
    static final long RETRY_MINUTES = 10;
    private static final Logger LOG = Logger.getLogger(LocationServerSubscriptions.class.getName());
    private final CseIdentity cse;
    private final ResourceStore store;
    private final NetworkLocationSource network;
    private final CallbackUrls callbacks;
    private final Duration interval;
    /** Policies whose subscription failed or cannot be made, with when to try again (per instance: a restart tries). */
    private final Map<String, Instant> retryAt = new ConcurrentHashMap<>();

    /** @param interval the tracker's round, the frequency an API that asks for one is given for changes */
    LocationServerSubscriptions(CseIdentity cse, ResourceStore store, NetworkLocationSource network, CallbackUrls callbacks,
                                Duration interval) {
        this.cse = cse;
        this.store = store;
        this.network = network;
        this.callbacks = callbacks;
        this.interval = interval;
    }

    /**
     * What a round did for a policy: SUBSCRIBED, watched by a subscription it holds (nothing to poll); SUBSCRIBED_NOW,
     * the subscription made just now (the tracker positions once, as it would have at this round, and the
     * subscription reports from there); FAILED, the subscription failed just now (its status code is locationStatus;
     * polling from the next round); POLL, no subscription (the tracker asks the Location Server).
     */
    enum Outcome { SUBSCRIBED, SUBSCRIBED_NOW, FAILED, POLL }

    /**
     * A due network-based policy with locationUpdateEventCriteria or a period: keeps it subscribed at the Location
     * Server, its watch next due when the subscription ends there.
     */
    Outcome keep(Resource policy, NetworkLocationSource.Request request, Instant now) {
        boolean changes = LocationPolicyType.onLocationChange(policy);
        Duration period = LocationPolicyType.period(policy);
        if (callbacks == null || network == null || !changes && period == null) {
            return Outcome.POLL;
        }
        List<LocationSubscriptions.Subscription> held = store.read(tx -> tx.locationSubscriptions().ofPolicy(policy.ri));
        Optional<LocationSubscriptions.Subscription> live = held.stream()
                .filter(s -> s.expires() == null || s.expires().isAfter(now)).findFirst();
        if (live.isPresent()) { // subscribed by another instance meanwhile, or the policy's watch was moved
            watch(policy.ri, now, live.get().expires(), null);
            return Outcome.SUBSCRIBED;
        }
        Instant retry = retryAt.get(policy.ri);
        if (retry != null && retry.isAfter(now)) {
            return Outcome.POLL;
        }
        String token = CallbackUrls.newToken();
        NetworkLocationSource.Subscription made;
        try {
            Optional<NetworkLocationSource.Subscription> subscribed = changes
                    ? network.subscribe(request, callbacks.url(token), policy.et, interval)
                    : network.subscribePeriodic(request, callbacks.url(token), policy.et, period);
            if (subscribed.isEmpty()) {
                retryAt.put(policy.ri, Instant.MAX); // this interface cannot: polled for good
                return Outcome.POLL;
            }
            made = subscribed.get();
        } catch (NetworkLocationSource.Failure f) {
            LOG.info(() -> "subscribing to the positions of locationPolicy " + policy.ri + " failed (" + f.statusCode()
                    + "): " + f.getMessage() + "; polling meanwhile");
            retryAt.put(policy.ri, now.plus(Duration.ofMinutes(RETRY_MINUTES)));
            watch(policy.ri, now, now.plus(interval), f.statusCode());
            return Outcome.FAILED;
        }
        retryAt.remove(policy.ri);
        boolean kept = store.write(tx -> {
            Resource current = tx.tree().lock(policy.ri);
            LocationWatches.Watch w = tx.locations().of(policy.ri);
            // Read after the lock: the policy may be gone, its timing changed, or another instance subscribed it.
            if (current == null || w == null || w.due() == null || w.due().isAfter(now)
                    || LocationPolicyType.onLocationChange(current) != changes
                    || !Objects.equals(LocationPolicyType.period(current), period)) {
                return false;
            }
            for (LocationSubscriptions.Subscription old : held) {
                tx.locationSubscriptions().remove(old.token()); // ended at the Location Server
            }
            tx.locationSubscriptions().put(new LocationSubscriptions.Subscription(token, policy.ri, made.api(), made.url(),
                    made.expires()));
            tx.locations().put(w.dueAt(made.expires()));
            return true;
        });
        if (!kept) {
            end(made);
            return Outcome.SUBSCRIBED;
        }
        return Outcome.SUBSCRIBED_NOW;
    }

    /**
     * The Location Server ended the subscription (TS 29.122 cancelInd, OMA subscriptionCancellationNotification): its row
     * goes and the policy is due at once, so that the next round of any instance subscribes again (and polls, as after
     * any failed subscription, when that fails). Nothing is deleted at the Location Server: it ended there.
     */
    void cancelled(LocationSubscriptions.Subscription subscription, Instant now) {
        store.write(tx -> {
            Resource policy = tx.tree().lock(subscription.policy());
            if (tx.locationSubscriptions().ofToken(subscription.token()) == null) {
                return null; // ended meanwhile (the policy changed or went)
            }
            tx.locationSubscriptions().remove(subscription.token());
            LocationWatches.Watch w = tx.locations().of(subscription.policy());
            if (policy != null && w != null) {
                tx.locations().put(w.dueAt(now));
            }
            return null;
        });
    }

    /** A subscription that holds no policy: deleted at the Location Server, as far as it answers. */
    private void end(NetworkLocationSource.Subscription made) {
        try {
            network.unsubscribe(made);
        } catch (NetworkLocationSource.Failure f) {
            LOG.info(() -> "deleting the location subscription " + made.url() + " failed: " + f.getMessage());
        }
    }

    /** The policy's watch next due at {@code due}; with a status, that as its locationStatus. */
    private void watch(String ri, Instant now, Instant due, String status) {
        store.write(tx -> {
            Resource policy = tx.tree().lock(ri);
            LocationWatches.Watch w = tx.locations().of(ri);
            if (policy != null && w != null) {
                tx.locations().put(w.dueAt(due));
                if (status != null) {
                    LocationPolicyType.status(new ResourceOperation(tx, null, cse, now, null, policy, Map.of(), null),
                            policy, status);
                }
            }
            return null;
        });
    }
}
