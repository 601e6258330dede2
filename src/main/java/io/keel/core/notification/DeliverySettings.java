package io.keel.core.notification;

import io.keel.core.Settings;

/**
 * @param timeoutMillis      how long a receiver has to answer a Notify (verification included)
 * @param pollTimeoutMillis  how long a pcu Retrieve waits for a request before it is answered 4008
 * @param pollingKeepMillis  how long a request queued in a pollingChannel waits to be fetched
 * @param maxPending         notifications kept per receiver, over all its subscriptions, before the oldest of the lowest
 *                           notificationStoragePriority is dropped
 */
public record DeliverySettings(long timeoutMillis, long pollTimeoutMillis, long pollingKeepMillis, int maxPending) {
    public static DeliverySettings from(Settings s) {
        return new DeliverySettings(
                s.getLong("keel.notification.timeout", 5_000),
                s.getLong("keel.polling.timeout", 30_000),
                s.getLong("keel.polling.keep", 3_600_000),
                s.getInt("keel.notification.max-pending", 10_000));
    }
}
