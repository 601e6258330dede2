package io.keel.core.location;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.core.Settings;
import io.keel.core.store.ResourceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keel's own Location Server clients, as the settings give them, and which one serves a policy (TS-0004 7.4.10.2.1
 * step 3, annex G): a policy with retrieveLastKnownLocation only the 3GPP Monitoring Event API
 * ({@link ThreeGppMonitoringEvent}); else the API of the policy's locationServer, the OMA RESTful NetAPI for Terminal
 * Location ({@link OmaTerminalLocation}) when configured, else the 3GPP one. Subscriptions to location changes go to the
 * 3GPP API when configured (its LOCATION_REPORTING reports on change), else to OMA (periodic notifications, G.2.4);
 * periodic subscriptions (a locationUpdatePeriod) to OMA, for the policies it serves.
 */
public final class LocationServers implements NetworkLocationSource {
    private final OmaTerminalLocation oma;
    private final ThreeGppMonitoringEvent monitoringEvent;

    /** At least one of them; the other null. */
    LocationServers(OmaTerminalLocation oma, ThreeGppMonitoringEvent monitoringEvent) {
        this.oma = oma;
        this.monitoringEvent = monitoringEvent;
    }

    /**
     * From keel.location.server (OMA) and keel.location.scef (3GPP), one-time 3GPP reports awaited in {@code store};
     * empty when neither is set.
     */
    static Optional<NetworkLocationSource> from(Settings settings, ResourceStore store) {
        OmaTerminalLocation o = OmaTerminalLocation.from(settings).orElse(null);
        ThreeGppMonitoringEvent m = ThreeGppMonitoringEvent.from(settings, store).orElse(null);
        return o == null && m == null ? Optional.empty() : Optional.of(new LocationServers(o, m));
    }

    @Override
    public Optional<String> serverFor(String target) {
        return serverFor(target, false);
    }

    @Override
    public Optional<String> serverFor(String target, boolean retrieveLastKnownLocation) {
        if (retrieveLastKnownLocation || oma == null) {
            return Optional.ofNullable(monitoringEvent).map(ThreeGppMonitoringEvent::base);
        }
        return oma.serverFor(target);
    }

    @Override
    public boolean reaches(String server) {
        return oma != null && oma.reaches(server) || monitoringEvent != null && monitoringEvent.reaches(server);
    }

    @Override
    public boolean servesLastKnownLocation() {
        return monitoringEvent != null;
    }

    @Override
    public Position locate(Request request) throws Failure {
        return serving(request).locate(request);
    }

    private NetworkLocationSource serving(Request request) throws Failure {
        if (request.retrieveLastKnownLocation()) {
            if (monitoringEvent == null) {
                throw new Failure("4000", "retrieveLastKnownLocation needs the 3GPP Monitoring Event API (keel.location.scef)");
            }
            return monitoringEvent;
        }
        boolean named3gpp = monitoringEvent != null && request.server() != null && monitoringEvent.reaches(request.server());
        return oma != null && !named3gpp ? oma : monitoringEvent;
    }

    @Override
    public Optional<Subscription> subscribe(Request request, String notifyUrl, Instant until, Duration interval)
            throws Failure {
        return (monitoringEvent != null ? monitoringEvent : oma).subscribe(request, notifyUrl, until, interval);
    }

    /** Periodic notifications are OMA's (G.2.4), for a policy OMA serves. */
    @Override
    public Optional<Subscription> subscribePeriodic(Request request, String notifyUrl, Instant until, Duration period)
            throws Failure {
        NetworkLocationSource serving = serving(request);
        return serving == oma ? oma.subscribePeriodic(request, notifyUrl, until, period) : Optional.empty();
    }

    @Override
    public void unsubscribe(Subscription subscription) throws Failure {
        api(subscription.api()).unsubscribe(subscription);
    }

    @Override
    public List<Position> notified(String api, JsonNode notification) throws Failure {
        return api(api).notified(api, notification);
    }

    @Override
    public boolean cancels(String api, JsonNode notification) {
        try {
            return api(api).cancels(api, notification);
        } catch (Failure f) {
            return false; // no such interface any more: notified() has refused the notification already
        }
    }

    @Override
    public boolean awaited(String token, JsonNode notification) {
        return monitoringEvent != null && monitoringEvent.awaited(token, notification);
    }

    @Override
    public boolean awaits(String token) {
        return monitoringEvent != null && monitoringEvent.awaits(token);
    }

    private NetworkLocationSource api(String api) throws Failure {
        NetworkLocationSource source = ThreeGppMonitoringEvent.API.equals(api) ? monitoringEvent
                : OmaTerminalLocation.API.equals(api) ? oma : null;
        if (source == null) {
            throw new Failure("5103", "no " + api + " Location Server interface is configured (any more)");
        }
        return source;
    }
}
