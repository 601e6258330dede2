package io.keel.core.location;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.core.Settings;
import io.keel.core.store.ResourceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The Location Server of the Underlying Network (TS-0004 7.4.10.2.1 step 3, Annex G; TS-0001 8.3.4): what a
 * network-based {@code <locationPolicy>} asks for the position of its locationTargetID, through OMA MLP, OMA RESTful
 * NetAPI for Terminal Location or the 3GPP Monitoring Event API, whichever the implementation speaks. An implementation
 * on the class path is found by {@link ServiceLoader} ({@code META-INF/services}); else the settings give Keel's own
 * clients ({@link LocationServers}: OMA RESTful NetAPI for Terminal Location with {@code keel.location.server}, the 3GPP
 * Monitoring Event API with {@code keel.location.scef}); without either a network-based policy is refused (see
 * {@code LocationPolicyType}).
 */
public interface NetworkLocationSource {
    /**
     * What the CSE asks of the Location Server, from the policy's attributes (TS-0004 table G.2.2-2).
     *
     * @param retrieveLastKnownLocation the policy's rlkl: step 3 has it served by the 3GPP Monitoring Event API only
     * @param lastKnown                 this ask is for the last known location (step 6, after a failure with rlkl)
     */
    record Request(String target, String server, String requester, boolean retrieveLastKnownLocation, boolean lastKnown) {
        public Request(String target, String server, String requester, boolean retrieveLastKnownLocation) {
            this(target, server, requester, retrieveLastKnownLocation, false);
        }

        /** The same ask, for the last known location. */
        public Request forLastKnown() {
            return new Request(target, server, requester, retrieveLastKnownLocation, true);
        }
    }

    /** The Location Server's answer: a position (longitude, latitude in degrees, WGS 84). */
    record Position(double longitude, double latitude) {
    }

    /**
     * A subscription made at the Location Server for reports of the target's location changes: {@code api} tells
     * {@link #notified} how to read its notifications, {@code url} is its resource there, {@code expires} when it ends
     * there (null: never).
     */
    record Subscription(String api, String url, Instant expires) {
    }

    /** The positioning failed; {@code statusCode} is what locationStatus records (e.g. the server's POL0002). */
    final class Failure extends Exception {
        private final String statusCode;

        public Failure(String statusCode, String message) {
            super(message);
            this.statusCode = statusCode;
        }

        public String statusCode() {
            return statusCode;
        }
    }

    /**
     * The Location Server to ask for {@code target} when the policy names none (TS-0004 7.4.10.2.1: derived from the
     * locationTargetID or pre-provisioned); empty when there is none, which refuses the policy (4000).
     */
    Optional<String> serverFor(String target);

    /** The same for a policy with retrieveLastKnownLocation, which only the 3GPP Monitoring Event API serves. */
    default Optional<String> serverFor(String target, boolean retrieveLastKnownLocation) {
        return serverFor(target);
    }

    /** Whether a policy may name this Location Server (locationServer given on Create); 4000 when not. */
    default boolean reaches(String server) {
        return true;
    }

    /**
     * Whether a policy with retrieveLastKnownLocation true can be served (TS-0004 7.4.10.2.1 step 3: by the 3GPP
     * Monitoring Event API only); when not, such a policy is refused (4000).
     */
    default boolean servesLastKnownLocation() {
        return true;
    }

    /** Positions the target; with {@code lastKnown} asks for the last known location (retrieveLastKnownLocation). */
    Position locate(Request request) throws Failure;

    /**
     * Subscribes to reports of the target's location changes (locationUpdateEventCriteria), notified to
     * {@code notifyUrl} until {@code until} (null: as long as the server keeps it), at most every {@code interval} when
     * the API asks for a frequency; empty when this source cannot subscribe (the CSE then polls).
     */
    default Optional<Subscription> subscribe(Request request, String notifyUrl, Instant until, Duration interval)
            throws Failure {
        return Optional.empty();
    }

    /**
     * Subscribes to the target's position every {@code period} (a locationUpdatePeriod), notified to {@code notifyUrl}
     * until {@code until}; empty when this source cannot (the CSE then asks every period).
     */
    default Optional<Subscription> subscribePeriodic(Request request, String notifyUrl, Instant until, Duration period)
            throws Failure {
        return Optional.empty();
    }

    /** Ends a subscription {@link #subscribe} or {@link #subscribePeriodic} made (the policy is gone or no longer asks for changes). */
    default void unsubscribe(Subscription subscription) throws Failure {
    }

    /** The positions a notification of a subscription of this api carries; a Failure when it is no such notification. */
    default List<Position> notified(String api, JsonNode notification) throws Failure {
        throw new Failure("4000", "this Location Server interface takes no notifications");
    }

    /**
     * Whether a notification of a subscription of this api says the Location Server ended the subscription (3GPP
     * {@code cancelInd} true, an OMA {@code subscriptionCancellationNotification}); the positions it may carry are
     * {@link #notified} all the same.
     */
    default boolean cancels(String api, JsonNode notification) {
        return false;
    }

    /**
     * Takes a notification that answers a request {@link #locate} is waiting for (a report the Location Server sends
     * later than its answer); false when no request waits for this token (Keel's clients: of any CSE instance on the
     * database).
     */
    default boolean awaited(String token, JsonNode notification) {
        return false;
    }

    /** Whether a request {@link #locate} is waiting for a notification at this token (Keel's clients: in any instance). */
    default boolean awaits(String token) {
        return false;
    }

    /** The one implementation on the class path, if any. */
    static Optional<NetworkLocationSource> discover() {
        return ServiceLoader.load(NetworkLocationSource.class).findFirst();
    }

    /**
     * The implementation on the class path, else Keel's clients of the settings, if any, keeping what CSE instances
     * share in {@code store}.
     */
    static Optional<NetworkLocationSource> configured(Settings settings, ResourceStore store) {
        Optional<NetworkLocationSource> found = discover();
        return found.isPresent() ? found : LocationServers.from(settings, store);
    }
}
