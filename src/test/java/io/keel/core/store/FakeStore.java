package io.keel.core.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link ResourceStore} for unit tests over an {@link InMemoryTree}. Ports a test does not give fail loudly when
 * used. A write that throws leaves the tree as it was, as a rolled-back transaction does; its listeners are told.
 */
public final class FakeStore implements ResourceStore {
    public final InMemoryTree tree = new InMemoryTree();
    public ResourceSearch search;
    public PolicyIndex policyIndex;
    public SemanticIndex semantics;
    public final InMemoryMemberIndex memberIndex = new InMemoryMemberIndex();
    public final InMemoryAnnouncementQueue announcements = new InMemoryAnnouncementQueue();
    public final InMemoryTimeSeriesIndex timeSeries = new InMemoryTimeSeriesIndex(tree);
    public final InMemoryManagementQueue managementQueue = new InMemoryManagementQueue();
    public final InMemoryNotificationOutbox notificationOutbox = new InMemoryNotificationOutbox();
    public final InMemoryLocationWatches locations = new InMemoryLocationWatches();
    public final InMemoryLocationSubscriptions locationSubscriptions = new InMemoryLocationSubscriptions();
    public final InMemoryLocationReports locationReports = new InMemoryLocationReports();
    public final InMemoryCachedTokens cachedTokens = new InMemoryCachedTokens();
    public final InMemoryGroupAggregationQueue groupAggregation = new InMemoryGroupAggregationQueue();
    public final InMemoryCrossResourceWindowIndex crossResourceWindows = new InMemoryCrossResourceWindowIndex();
    public final InMemoryCrossResourceLinking crossResourceLinking = new InMemoryCrossResourceLinking();
    public RequestLeases leases;
    public PollingQueue pollingQueue;
    public ExpiryIndex expiry;
    public int reads;
    public int writes;

    public FakeStore() {
        tree.watches = locations;
    }

    @Override
    public <T> T read(Function<Transaction, T> work) {
        reads++;
        return work.apply(new Tx());
    }

    /**
     * One write at a time: {@link InMemoryTree#lock} is a plain read, so concurrent writers (management answers recorded
     * on an executor, say) would otherwise overwrite each other's changes, where a database's row lock serializes them.
     */
    @Override
    public synchronized <T> T write(Function<Transaction, T> work) {
        writes++;
        Map<String, io.keel.core.resource.Resource> before = tree.snapshot();
        java.util.List<ManagementQueue.Entry> actionsBefore = managementQueue.snapshot();
        Tx tx = new Tx();
        boolean committed = false;
        try {
            T result = work.apply(tx);
            tx.listeners.values().forEach(TransactionListener::beforeCommit);
            committed = true;
            return result;
        } finally {
            if (!committed) {
                tree.restore(before);
                managementQueue.restore(actionsBefore);
            }
            for (TransactionListener l : tx.listeners.values()) {
                l.afterCompletion(committed);
            }
        }
    }

    @Override
    public void ping() {
    }

    @Override
    public Map<String, PoolUsage> connectionPools() {
        return Map.of();
    }

    @Override
    public void close() {
    }

    private final class Tx implements Transaction {
        final Map<Class<?>, TransactionListener> listeners = new LinkedHashMap<>();

        @Override
        public ResourceTree tree() {
            return tree;
        }

        @Override
        public ResourceSearch search() {
            return given(search, "search");
        }

        @Override
        public PolicyIndex policyIndex() {
            return given(policyIndex, "policyIndex");
        }

        @Override
        public SemanticIndex semantics() {
            return given(semantics, "semantics");
        }

        @Override
        public MemberIndex memberIndex() {
            return memberIndex;
        }

        @Override
        public AnnouncementQueue announcements() {
            return announcements;
        }

        @Override
        public RequestLeases leases() {
            return given(leases, "leases");
        }

        @Override
        public PollingQueue pollingQueue() {
            return given(pollingQueue, "pollingQueue");
        }

        @Override
        public ExpiryIndex expiry() {
            return given(expiry, "expiry");
        }

        @Override
        public TimeSeriesIndex timeSeries() {
            return timeSeries;
        }

        @Override
        public ManagementQueue managementQueue() {
            return managementQueue;
        }

        @Override
        public NotificationOutbox notificationOutbox() {
            return notificationOutbox;
        }

        @Override
        public CachedTokens cachedTokens() {
            return cachedTokens;
        }

        @Override
        public LocationSubscriptions locationSubscriptions() {
            return locationSubscriptions;
        }

        @Override
        public LocationReports locationReports() {
            return locationReports;
        }

        @Override
        public LocationWatches locations() {
            return locations;
        }

        @Override
        public GroupAggregationQueue groupAggregation() {
            return groupAggregation;
        }

        @Override
        public CrossResourceWindowIndex crossResourceWindows() {
            return crossResourceWindows;
        }

        @Override
        public CrossResourceLinking crossResourceLinking() {
            return crossResourceLinking;
        }

        @Override
        public <T extends TransactionListener> T listener(Class<T> type, Supplier<T> create) {
            return type.cast(listeners.computeIfAbsent(type, k -> create.get()));
        }

        private <P> P given(P port, String name) {
            if (port == null) {
                throw new UnsupportedOperationException("this test gives the store no " + name);
            }
            return port;
        }
    }
}
