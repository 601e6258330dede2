package io.keel.core.access;

import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Point;

/**
 * Who asks, from where and when: what access control rules are matched against.
 *
 * @param originator the originator in its CSE-relative form
 * @param address the client's IP address as the binding saw it, or null
 * @param time the CSE clock at the request
 * @param authenticated whether the binding authenticated the originator (HTTP authentication, TS-0009 7.1)
 * @param memberOf whether the originator is a member of the group an acor entry names
 * @param domain the M2M-SP-ID of the originator's service provider, or null when unknown
 * @param location the originator's position (rq_loc), looked up when a rule has a location region; null when unknown
 */
public record Requester(String originator, String address, Instant time, boolean authenticated, Predicate<String> memberOf,
                        String domain, Supplier<Point> location) {
    public Requester(String originator, String address, Instant time, boolean authenticated, Predicate<String> memberOf,
                     String domain) {
        this(originator, address, time, authenticated, memberOf, domain, () -> null);
    }

    public Requester(String originator, String address, Instant time, boolean authenticated, Predicate<String> memberOf) {
        this(originator, address, time, authenticated, memberOf, null);
    }

    public Requester(String originator, String address, Instant time, boolean authenticated) {
        this(originator, address, time, authenticated, group -> false);
    }

    public Requester(String originator, String address, Instant time) {
        this(originator, address, time, false);
    }
}
