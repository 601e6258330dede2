package io.keel.core.location;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The Location Server of the Underlying Network (TS-0004 7.4.10.2.1 step 3, Annex G; TS-0001 8.3.4): what a
 * network-based {@code <locationPolicy>} asks for the position of its locationTargetID, through OMA MLP, OMA RESTful
 * NetAPI for Terminal Location or the 3GPP Monitoring Event API, whichever the implementation speaks. An implementation
 * on the class path is found by {@link ServiceLoader} ({@code META-INF/services}); else, with the setting
 * {@code keel.location.server}, Keel speaks OMA RESTful NetAPI for Terminal Location ({@link OmaTerminalLocation});
 * without either a network-based policy is refused (see {@code LocationPolicyType}).
 */
public interface NetworkLocationSource {
    /** What the CSE asks of the Location Server, from the policy's attributes (TS-0004 table G.2.2-2). */
    record Request(String target, String server, String requester, boolean lastKnown) {
    }

    /** The Location Server's answer: a position (longitude, latitude in degrees, WGS 84). */
    record Position(double longitude, double latitude) {
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

    /** Whether a policy may name this Location Server (locationServer given on Create); 4000 when not. */
    default boolean reaches(String server) {
        return true;
    }

    /** Positions the target; with {@code lastKnown} asks for the last known location (retrieveLastKnownLocation). */
    Position locate(Request request) throws Failure;

    /** The one implementation on the class path, if any. */
    static Optional<NetworkLocationSource> discover() {
        return ServiceLoader.load(NetworkLocationSource.class).findFirst();
    }

    /** The implementation on the class path, else the OMA Terminal Location client of the settings, if any. */
    static Optional<NetworkLocationSource> configured(io.keel.core.Settings settings) {
        Optional<NetworkLocationSource> found = discover();
        return found.isPresent() ? found : OmaTerminalLocation.from(settings);
    }
}
