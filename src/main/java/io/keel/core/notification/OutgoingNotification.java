package io.keel.core.notification;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One notification for one receiver of a subscription ({@code target}: its notificationURI entry): the members of its {@code m2m:sgn}, and how to deliver it. The receivers
 * of one event share {@code delivered}, so the expirationCounter counts the event once, at its first delivery.
 */
record OutgoingNotification(String subscription, String channel, String target, Receiver receiver, DeliveryRules rules,
                    Map<String, Object> sgn, AtomicBoolean delivered) {
}
