package io.keel.core.store;

import java.util.function.Supplier;

/**
 * One transaction of the {@link ResourceStore}, as one small port per concern, so that a component (and the fake in
 * its unit test) deals only with the part it uses.
 */
public interface Transaction {
    /** The resources themselves. */
    ResourceTree tree();

    /** Filter criteria evaluated by the store (discovery, child lists, conditional operations). */
    ResourceSearch search();

    /** The accessControlPolicies governing each resource, kept beside it for visibility predicates. */
    PolicyIndex policyIndex();

    /** The members of groups that are resources of this CSE. */
    MemberIndex memberIndex();

    /** Which CSE instance runs which pending non-blocking request. */
    RequestLeases leases();

    /** Requests waiting in pollingChannels. */
    PollingQueue pollingQueue();

    /** Announcement work not done yet. */
    AnnouncementQueue announcements();

    /** Resources whose expirationTime has passed. */
    ExpiryIndex expiry();

    /** Missing-data detection of timeSeries. */
    TimeSeriesIndex timeSeries();

    /** Management actions under way or scheduled. */
    ManagementQueue managementQueue();

    /** Notifications not settled yet, and which instance delivers them. */
    NotificationOutbox notificationOutbox();

    /** Member notifications groups collect for their subscribers. */
    GroupAggregationQueue groupAggregation();

    /** When the windows of crossResourceSubscriptions judged at their end end. */
    CrossResourceWindowIndex crossResourceWindows();

    /** Which crossResourceSubscriptions are being created, with the CSEs that may verify them meanwhile. */
    CrossResourceLinking crossResourceLinking();

    /** The triples of the semanticDescriptors (a store without them fails loudly when asked). */
    default SemanticIndex semantics() {
        throw new UnsupportedOperationException("this store keeps no semantic index");
    }

    /** What locationPolicies keep beside them (a store without them fails loudly when asked). */
    default LocationWatches locations() {
        throw new UnsupportedOperationException("this store keeps no location watches");
    }

    /** The subscriptions locationPolicies hold at Location Servers (a store without them fails loudly when asked). */
    default LocationSubscriptions locationSubscriptions() {
        throw new UnsupportedOperationException("this store keeps no location subscriptions");
    }

    /** The one-time location reports CSE instances await (a store without them fails loudly when asked). */
    default LocationReports locationReports() {
        throw new UnsupportedOperationException("this store keeps no location reports");
    }

    /** The tokens this CSE verified and cached (a store without them fails loudly when asked). */
    default CachedTokens cachedTokens() {
        throw new UnsupportedOperationException("this store keeps no cached tokens");
    }

    /**
     * The listener of this class registered on this write transaction, created and registered by {@code create} on
     * first use: one per transaction, e.g. the notifications its changes cause.
     */
    <T extends TransactionListener> T listener(Class<T> type, Supplier<T> create);
}
