package io.keel.core.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link LocationSubscriptions} in a map, for unit tests (not rolled back with a failed write). */
public final class InMemoryLocationSubscriptions implements LocationSubscriptions {
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();

    @Override
    public void put(Subscription subscription) {
        subscriptions.put(subscription.token(), subscription);
    }

    @Override
    public Subscription ofToken(String token) {
        return subscriptions.get(token);
    }

    @Override
    public List<Subscription> ofPolicy(String policy) {
        return subscriptions.values().stream().filter(s -> s.policy().equals(policy)).toList();
    }

    @Override
    public void remove(String token) {
        subscriptions.remove(token);
    }
}
