package io.keel.binding.websocket;

import io.keel.core.Identifiers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The opening handshakes the handshake filter accepted and handed to the container's upgrade, each under a one-time
 * token the upgrade carries as a path parameter to the connection's endpoint: what the filter learnt from the HTTP
 * request (the peer's address, the credential's admission) reaches the connection the same way on every container,
 * whether it honours the endpoint configuration passed to the upgrade (Jetty) or only registered endpoints (Tyrus,
 * Payara). A token not taken within a minute (the upgrade failed) is dropped with the next handshake.
 */
final class Handshakes {
    /** The path parameter of the registered endpoint that carries the token. */
    static final String TOKEN = "handshake";
    private static final Duration KEPT = Duration.ofMinutes(1);
    private final Map<String, Accepted> pending = new ConcurrentHashMap<>();

    /** What a connection opened by an accepted handshake needs to know of its peer. */
    record Peer(String remoteAddress, Admission admission) {
    }

    private record Accepted(Peer peer, Instant at) {
    }

    /** Keeps an accepted handshake's peer until its connection opens; the token to pass to the upgrade. */
    String accept(Peer peer) {
        Instant now = Instant.now();
        pending.values().removeIf(a -> a.at().plus(KEPT).isBefore(now));
        String token = Identifiers.random(24);
        pending.put(token, new Accepted(peer, now));
        return token;
    }

    /** The peer of the handshake with this token, once; null for a token this filter never gave (or gave already). */
    Peer take(String token) {
        Accepted a = token == null ? null : pending.remove(token);
        return a == null ? null : a.peer();
    }
}
