package io.keel.core.notification;

import io.keel.primitive.Serialization;
import java.util.List;

/**
 * Where one notificationURI entry (or a Notify's target AE) leads, resolved when the notification is raised (TS-0004
 * 7.5.1.2.2, 7.3.3.9.1, 7.3.3.9.2; TS-0001 10.2.5.17): URLs tried in order, a pollingChannel, this CSE itself, an
 * entity of another CSE (a Notify addressed to its oneM2M ID, passed to the next hop as forwarding does), or
 * nowhere — with the serialization and release version the receiver understands.
 */
public record Receiver(String address, Kind kind, List<String> urls, String pollingChannel, Serialization serialization,
                       String releaseVersion, String reason, String localAe) {

    public enum Kind {
        /** Points of access or notification URLs of any scheme a binding of this CSE serves, tried in order. */
        URLS,
        POLLING_CHANNEL,
        THIS_CSE,
        /** An AE, CSE or resource of another CSE: the Notify's To is its ID, and it goes through the next hop. */
        REMOTE,
        /** A {@code <group>} of this CSE, which aggregates the notifications of its members (TS-0004 7.5.1.2.6). */
        GROUP,
        /** A resource of this CSE that takes notifications itself (a crossResourceSubscription): {@code address} is its ID. */
        RESOURCE,
        UNREACHABLE
    }

    static Receiver urls(String address, List<String> urls, Serialization s, String rvi) {
        return new Receiver(address, Kind.URLS, List.copyOf(urls), null, s, rvi, null, null);
    }

    /** The same receiver, known to be this AE of this CSE (whose Notify privilege a subscription creator needs). */
    Receiver ofLocalAe(String ri) {
        return new Receiver(address, kind, urls, pollingChannel, serialization, releaseVersion, reason, ri);
    }

    static Receiver pollingChannel(String address, String pch, Serialization s, String rvi) {
        return new Receiver(address, Kind.POLLING_CHANNEL, List.of(), pch, s, rvi, null, null);
    }

    static Receiver thisCse(String address) {
        return new Receiver(address, Kind.THIS_CSE, List.of(), null, Serialization.JSON, null, null, null);
    }

    /**
     * An entity of another CSE, addressed by its SP-relative or absolute ID. Its serialization and release are not
     * known here: JSON and the release Keel addresses unknown receivers in; the hosting CSE adapts the Notify to it.
     */
    static Receiver remote(String address) {
        return new Receiver(address, Kind.REMOTE, List.of(), null, Serialization.JSON, Receivers.DEFAULT_RELEASE, null, null);
    }

    /** A group of this CSE: the Notify is handled here as if it had been received, addressed to the group. */
    static Receiver group(String address) {
        return new Receiver(address, Kind.GROUP, List.of(), null, Serialization.JSON, Receivers.DEFAULT_RELEASE, null, null);
    }

    /** A resource of this CSE that acts on notifications itself, by its resource ID. */
    static Receiver resource(String ri) {
        return new Receiver(ri, Kind.RESOURCE, List.of(), null, Serialization.JSON, null, null, null);
    }

    static Receiver unreachable(String address, String reason) {
        return new Receiver(address, Kind.UNREACHABLE, List.of(), null, Serialization.JSON, null, reason, null);
    }
}
