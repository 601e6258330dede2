package io.keel.core.store;

import java.time.Instant;
import java.util.List;

/**
 * The subscriptions a {@code <locationPolicy>} with locationUpdateEventCriteria holds at the Location Server of the
 * Underlying Network (TS-0004 6.3.4.2.56, annex G.2.4, G.3): found by the token of the URL the Location Server notifies,
 * so that any CSE instance on the database takes a notification and a restart keeps them. A row goes with its policy.
 */
public interface LocationSubscriptions {
    /**
     * @param token   the unguessable last segment of the notification URL
     * @param policy  the locationPolicy's ri
     * @param api     how the Location Server's notifications are read (as {@code NetworkLocationSource.Subscription})
     * @param url     the subscription's resource at the Location Server
     * @param expires when the Location Server ends it; null for never
     */
    record Subscription(String token, String policy, String api, String url, Instant expires) {
    }

    void put(Subscription subscription);

    /** The subscription notified at this token, or null. */
    Subscription ofToken(String token);

    /** The subscriptions of a policy (one, but for a resubscription under way). */
    List<Subscription> ofPolicy(String policy);

    void remove(String token);
}
