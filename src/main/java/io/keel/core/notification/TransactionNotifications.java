package io.keel.core.notification;

import io.keel.core.store.Transaction;
import io.keel.core.store.TransactionListener;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one write transaction raised: notifications to send, subscriptions that changed or ended, released on commit.
 * With an {@link Outbox} the notifications are written into it just before the commit, in the same transaction.
 */
final class TransactionNotifications implements TransactionListener {
    private final Sequencer<TransactionNotifications> sequencer;
    private final Transaction tx;
    private final Outbox outbox;
    final List<String> endedSubscriptions = new ArrayList<>();
    final List<OutgoingNotification> notifications = new ArrayList<>();
    /** Subscriptions updated, with their new delivery rules. */
    final Map<String, DeliveryRules> changedSubscriptions = new LinkedHashMap<>();
    /** The notifications as written to the outbox. */
    private final Map<OutgoingNotification, Raised> written = new IdentityHashMap<>();
    private long ticket = -1;

    TransactionNotifications(Sequencer<TransactionNotifications> sequencer) {
        this(sequencer, null, null);
    }

    /** @param outbox where the notifications are written in {@code tx}; null: kept in memory only */
    TransactionNotifications(Sequencer<TransactionNotifications> sequencer, Transaction tx, Outbox outbox) {
        this.sequencer = sequencer;
        this.tx = tx;
        this.outbox = outbox;
    }

    @Override
    public void beforeCommit() {
        ticket = sequencer.ticket();
        if (outbox != null && tx != null && !notifications.isEmpty()) {
            outbox.write(tx, notifications).forEach(r -> written.put(r.notification(), r));
        }
    }

    /** A notification as the Notifier takes it. */
    Raised raised(OutgoingNotification n) {
        Raised r = written.get(n);
        return r != null ? r : Raised.inMemory(n);
    }

    @Override
    public void afterCompletion(boolean committed) {
        if (ticket >= 0) {
            sequencer.complete(ticket, committed ? this : null);
        }
    }
}
