package io.keel.core.notification;

import io.keel.persistence.TransactionListener;
import java.util.ArrayList;
import java.util.List;

/** What one write transaction raised: notifications to send and subscriptions that ended, released on commit. */
final class PendingNotifications implements TransactionListener {
    static final PendingNotifications NONE = new PendingNotifications(null);
    private final Sequencer sequencer;
    final List<String> endedSubscriptions = new ArrayList<>();
    final List<Notification> notifications = new ArrayList<>();
    private long ticket = -1;

    PendingNotifications(Sequencer sequencer) {
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
