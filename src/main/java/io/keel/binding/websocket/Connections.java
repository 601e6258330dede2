package io.keel.binding.websocket;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which entity holds which open connection (TS-0020 5.2: one connection between two nodes): an AE-ID or CSE-ID is
 * bound to the connection its registration came over, or the last one over which the CSE accepted a request from it.
 * A connection that closes leaves the registry; a newer connection of the entity replaces an older one. The entity
 * stays known: what is sent to it while it has no connection fails (5103), and the core keeps it by the
 * subscription's pendingNotification for when it connects again (TS-0020 6.5), as for any unreachable receiver.
 */
final class Connections {
    private final Map<String, Connection> byEntity = new ConcurrentHashMap<>();
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    void bind(String entityId, Connection connection) {
        if (entityId != null && !entityId.isEmpty() && connection.isOpen()) {
            known.add(entityId);
            byEntity.put(entityId, connection);
        }
    }

    /** Whether the entity has held a connection to this CSE since it started. */
    boolean knows(String entityId) {
        return entityId != null && known.contains(entityId);
    }

    /** The entity's open connection, or null. */
    Connection of(String entityId) {
        Connection c = entityId == null ? null : byEntity.get(entityId);
        return c != null && c.isOpen() ? c : null;
    }

    /** Forgets a closed connection for every entity bound to it (and only where no newer one took its place). */
    void remove(Connection connection) {
        byEntity.values().removeIf(c -> c == connection);
    }
}
