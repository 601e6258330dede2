package io.keel.core.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The member notifications groups collect for their subscribers (TS-0004 7.5.1.2.6), kept in the database so that a
 * restart loses none and instances on one database fill one batch per group and notificationForwardingURI and send it
 * once. A row is collected (not taken), taken by the instance sending its batch, then answered (the subscriber's
 * answer, which the instance holding the member's Notify passes on), and deleted some time later.
 */
public interface GroupAggregationQueue {
    /**
     * One member notification.
     *
     * @param instance the instance holding the member's Notify, which waits for the answer
     * @param due      when the batch must go, in epoch microseconds
     * @param sgn      the {@code m2m:sgn} members, as JSON
     */
    record Row(String id, String group, String nfu, long seq, String instance, long due, String sgn) {
    }

    /** A group and notificationForwardingURI: one batch at a time. */
    record Batch(String group, String nfu) {
    }

    void add(List<Row> rows);

    /**
     * The rows of the batch collecting now, in the order they came, and the rows taken before {@code staleMicros} and
     * not answered (their sender stopped before the subscriber answered): they go again with it.
     */
    List<Row> collecting(Batch batch, long staleMicros);

    /**
     * The rows of the batch's group and nfu that were taken to be sent and are still kept (answered ones stay a while,
     * so that a notification a member's host sends again is known as sent).
     */
    List<Row> sent(Batch batch);

    /** Marks the rows as taken by {@code sender} (a token of one sending) at {@code nowMicros}. */
    void take(Collection<String> ids, String sender, long nowMicros);

    /** The batches with a row due by {@code nowMicros} that is collecting or was taken before {@code staleMicros}. */
    List<Batch> due(long nowMicros, long staleMicros);

    /** The subscriber answered the batch of these rows with {@code rsc}. */
    void answer(Collection<String> ids, int rsc);

    /** The answered rows of {@code instance}: row ID → response status code. */
    Map<String, Integer> answered(String instance);

    void remove(Collection<String> ids);

    /** Whether any answered row is due before {@code beforeMicros}. */
    boolean hasAnsweredBefore(long beforeMicros);

    /** Deletes the answered rows due before {@code beforeMicros}. */
    void removeAnsweredBefore(long beforeMicros);
}
