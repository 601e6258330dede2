package io.keel.core.store;

import java.util.Collection;
import java.util.List;

/**
 * Notifications raised by committed changes whose outcome is not final yet (sent, dropped by their subscription's
 * rules, given up), kept in the database: written in the transaction of the change that raises them, so a restart, or
 * another CSE instance on the database, finds what was pending, held or batched. Each row is owned by one instance,
 * which alone delivers it; an instance says it is alive by its heartbeat, and the rows of one that fell silent are
 * taken over by another (TS-0001 9.6.8 pendingNotification: kept notifications are not lost with the instance).
 */
public interface NotificationOutbox {
    /**
     * One notification for one receiver of a subscription.
     *
     * @param id           the row's identity
     * @param seq          orders the rows of a channel: the order the changes committed in
     * @param subscription the subscription's ri, or the deletion notice's channel
     * @param channel      the subscription and receiver whose notifications go in order
     * @param target       the notificationURI entry (or subscriberURI) it goes to
     * @param event        shared by the receivers of one event, which the expirationCounter counts once
     * @param sgn          the {@code m2m:sgn} members, as JSON
     */
    record Row(String id, long seq, String subscription, String channel, String target, String event, String sgn) {
    }

    /** Writes rows owned by {@code instance}, in one statement where the database allows it. */
    void add(String instance, List<Row> rows);

    /** The outcome of these rows is final: they go. */
    void remove(Collection<String> ids);

    /** Records that {@code instance} is alive as of {@code heartbeatMicros}; 0 lets its rows be taken at once. */
    void heartbeat(String instance, long heartbeatMicros);

    /**
     * Other instances whose heartbeat is older than {@code beforeMicros}, locked for the calling transaction (rows
     * another transaction holds are skipped, so two instances never take over the same one).
     */
    List<String> silentInstances(String instance, long beforeMicros);

    /** The rows of {@code from}, in seq order, now owned by {@code to}; {@code from} is forgotten. */
    List<Row> takeOver(String from, String to);

    /** The rows {@code instance} owns, in seq order (what a restarted instance of the same name had pending). */
    List<Row> owned(String instance);
}
