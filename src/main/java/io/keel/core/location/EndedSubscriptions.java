package io.keel.core.location;

import io.keel.core.resource.ResourceOperation;
import io.keel.core.store.LocationSubscriptions;
import io.keel.core.store.TransactionListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * The location subscriptions a policy's Delete (or expiry), or an Update of what they were made from (lou, luec, et,
 * rlkl), ends:
 * their rows go in the transaction, their resources at the Location Server are deleted once it has committed, off the
 * request's thread (a Location Server that does not answer holds up no request; one that fails is logged, its
 * subscription ends there when it expires).
 */
public final class EndedSubscriptions implements TransactionListener {
    private static final Logger LOG = Logger.getLogger(EndedSubscriptions.class.getName());
    private static final ExecutorService DELETIONS = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "keel-location-unsubscribe");
        t.setDaemon(true);
        return t;
    });
    private final NetworkLocationSource network;
    private final List<NetworkLocationSource.Subscription> ended = new ArrayList<>();

    private EndedSubscriptions(NetworkLocationSource network) {
        this.network = network;
    }

    /**
     * Ends the subscriptions the policy holds; false when it holds none. Without a Location Server interface (removed
     * since) only the rows go.
     */
    public static boolean of(ResourceOperation op, NetworkLocationSource network, String policy) {
        List<LocationSubscriptions.Subscription> held = op.locationSubscriptions().ofPolicy(policy);
        for (LocationSubscriptions.Subscription s : held) {
            op.locationSubscriptions().remove(s.token());
            if (network != null) {
                op.listener(EndedSubscriptions.class, () -> new EndedSubscriptions(network)).ended
                        .add(new NetworkLocationSource.Subscription(s.api(), s.url(), s.expires()));
            }
        }
        return !held.isEmpty();
    }

    @Override
    public void afterCompletion(boolean committed) {
        if (!committed) {
            return;
        }
        for (NetworkLocationSource.Subscription s : ended) {
            DELETIONS.execute(() -> {
                try {
                    network.unsubscribe(s);
                } catch (NetworkLocationSource.Failure f) {
                    LOG.info(() -> "deleting the location subscription " + s.url() + " failed: " + f.getMessage());
                } catch (RuntimeException e) {
                    LOG.warning(() -> "deleting the location subscription " + s.url() + " failed: " + e);
                }
            });
        }
    }
}
