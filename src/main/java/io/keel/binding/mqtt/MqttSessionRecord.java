package io.keel.binding.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * Which MQTT server holds a session of this CSE (clean session false, TS-0010 6.3.3), kept in the data directory
 * ({@code mqtt-session}: the server's URL and the client id, one a line) so that a later start can tell that the CSE
 * has left that server for good and must delete the session there (6.3.3: disconnect, reconnect with clean session,
 * disconnect). "For good" is decided at start: {@code keel.mqtt.url} no longer set, or set to another server, or the
 * CSE-ID (so the client id) changed. A normal stop leaves the session in place: the CSE comes back to it.
 */
final class MqttSessionRecord {
    private static final Logger LOG = Logger.getLogger(MqttSessionRecord.class.getName());

    /** A session this CSE had: at which server, under which client id. */
    record Session(String url, String clientId) {
    }

    private final Path file;

    MqttSessionRecord(Path file) {
        this.file = file;
    }

    /** The recorded session, or null when there is none (or the file is unreadable: then there is nothing to clean). */
    Session recorded() {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.size() >= 2 && !lines.get(0).isBlank() ? new Session(lines.get(0).trim(), lines.get(1).trim()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The recorded session when {@code current} (null: the binding is off) is not it any more; else null. */
    Session abandoned(Session current) {
        Session recorded = recorded();
        return recorded == null || recorded.equals(current) ? null : recorded;
    }

    /** Records the session the CSE has now (after its first connect). */
    void record(Session session) {
        if (session.equals(recorded())) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, List.of(session.url(), session.clientId()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warning(() -> "MQTT: cannot record the session with " + session.url() + " in " + file + " (" + e.getMessage()
                    + "); should the CSE leave that server for good, its session stays there");
        }
    }

    /** Forgets the session (it was deleted at its server), unless a newer one has been recorded meanwhile. */
    void forget(Session session) {
        if (session.equals(recorded())) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warning(() -> "MQTT: cannot delete " + file + ": " + e.getMessage());
            }
        }
    }
}
