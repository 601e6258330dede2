package io.keel.core.location;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.core.store.LocationSubscriptions;
import io.keel.core.store.ResourceStore;
import java.util.List;

/**
 * What the Location Server of the Underlying Network notifies at {@link CallbackUrls}: the report a positioning waits
 * for, or the location changes of a policy's subscription (TS-0004 6.3.4.2.56), found by the URL's token in the
 * database, whatever instance asked or subscribed; each position goes to the policy as a fix when it changed
 * ({@link LocationTracker#notified}); a cancellation by the Location Server ends the subscription
 * ({@link LocationTracker#cancelled}).
 */
public final class LocationNotifications {
    /** TAKEN: accepted; UNKNOWN: no request waits and no subscription has this token; MALFORMED: no such notification. */
    public enum Outcome { TAKEN, UNKNOWN, MALFORMED }

    public record Received(Outcome outcome, String reason) {
    }

    private final ResourceStore store;
    private final NetworkLocationSource network;
    private final LocationTracker tracker;

    /** @param network the Location Server interface; null when the CSE has none (every token is then unknown) */
    public LocationNotifications(ResourceStore store, NetworkLocationSource network, LocationTracker tracker) {
        this.store = store;
        this.network = network;
        this.tracker = tracker;
    }

    /**
     * @param notification the body as JSON; null when it is none (malformed: 400 when the token is known, else 404,
     *                     so that a stranger learns nothing from what it sends)
     */
    public Received received(String token, JsonNode notification) {
        boolean plausible = network != null && !token.isEmpty() && !token.contains("/");
        LocationSubscriptions.Subscription s = plausible ? store.read(tx -> tx.locationSubscriptions().ofToken(token)) : null;
        boolean awaited = plausible && s == null && network.awaits(token);
        if (s == null && !awaited) {
            return new Received(Outcome.UNKNOWN, "no location request or subscription has this URL");
        }
        if (notification == null || !notification.isObject()) {
            return new Received(Outcome.MALFORMED, "the body is no JSON object");
        }
        if (awaited) {
            network.awaited(token, notification);
            return new Received(Outcome.TAKEN, null);
        }
        List<NetworkLocationSource.Position> positions;
        try {
            positions = network.notified(s.api(), notification);
        } catch (NetworkLocationSource.Failure f) {
            return new Received(Outcome.MALFORMED, f.getMessage());
        }
        for (NetworkLocationSource.Position p : positions) {
            tracker.notified(s.policy(), p);
        }
        if (network.cancels(s.api(), notification)) {
            tracker.cancelled(s);
        }
        return new Received(Outcome.TAKEN, null);
    }
}
