package io.keel.core.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Notifications leave in ticket order, whatever order the transactions finish committing in. */
class SequencerTest {
    private final List<TransactionNotifications> released = new ArrayList<>();
    private final Sequencer<TransactionNotifications> sequencer = new Sequencer<>(released::add);

    @Test
    void aLaterTicketWaitsForAnEarlierOne() {
        TransactionNotifications first = new TransactionNotifications(sequencer);
        TransactionNotifications second = new TransactionNotifications(sequencer);
        first.beforeCommit();
        second.beforeCommit();
        second.afterCompletion(true);
        assertEquals(List.of(), released, "the second may not overtake the first");
        first.afterCompletion(true);
        assertEquals(List.of(first, second), released);
    }

    @Test
    void aRollbackReleasesNothingButHoldsNothingUp() {
        TransactionNotifications rolledBack = new TransactionNotifications(sequencer);
        TransactionNotifications committed = new TransactionNotifications(sequencer);
        rolledBack.beforeCommit();
        committed.beforeCommit();
        committed.afterCompletion(true);
        rolledBack.afterCompletion(false);
        assertEquals(List.of(committed), released);
    }

    @Test
    void aTransactionThatFailedBeforeCommittingTookNoTicket() {
        TransactionNotifications failedEarly = new TransactionNotifications(sequencer);
        failedEarly.afterCompletion(false);
        TransactionNotifications next = new TransactionNotifications(sequencer);
        next.beforeCommit();
        next.afterCompletion(true);
        assertEquals(List.of(next), released);
    }
}
