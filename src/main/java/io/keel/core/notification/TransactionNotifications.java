package io.keel.core.notification;

import io.keel.core.store.TransactionListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one write transaction raised: notifications to send, subscriptions that changed or ended, released on commit.
 */
final class TransactionNotifications implements TransactionListener {
    private final Sequencer<TransactionNotifications> sequencer;
    final List<String> endedSubscriptions = new ArrayList<>();
    final List<OutgoingNotification> notifications = new ArrayList<>();
    /** Subscriptions updated, with their new delivery rules. */
    final Map<String, DeliveryRules> changedSubscriptions = new LinkedHashMap<>();
    private long ticket = -1;

    TransactionNotifications(Sequencer<TransactionNotifications> sequencer) {
        this.sequencer = sequencer;
    }

    @Override
    public void beforeCommit() {
        ticket = sequencer.ticket();
    }

    @Override
    public void afterCompletion(boolean committed) {
        if (ticket >= 0) {
            sequencer.complete(ticket, committed ? this : null);
        }
    }
}
