package io.keel.core.notification;

import io.keel.core.Identifiers;
import io.keel.core.Settings;

/**
 * @param durable     notifications are written to the database's outbox with the change that raises them; false:
 *                    kept in memory only (no insert per notification, lost when the CSE stops or crashes)
 * @param instance    this instance's name among those sharing the database: a restart under the same name takes its
 *                    rows back at once; two instances running at once must not share one
 * @param leaseMillis how long an instance that stopped renewing (crashed) keeps its rows before another takes them
 */
public record OutboxSettings(boolean durable, String instance, long leaseMillis) {
    /** What the unit tests of delivery use: nothing written. */
    public static final OutboxSettings IN_MEMORY = new OutboxSettings(false, "memory", 30_000);

    public static OutboxSettings from(Settings s) {
        String instance = s.get("keel.notification.instance", "");
        return new OutboxSettings(Boolean.parseBoolean(s.get("keel.notification.durable", "true")),
                instance.isBlank() ? Identifiers.random(16) : instance.trim(),
                Math.max(1_000, s.getLong("keel.notification.lease", 30_000)));
    }
}
