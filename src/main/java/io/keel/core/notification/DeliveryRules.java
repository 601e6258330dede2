package io.keel.core.notification;

import io.keel.core.resource.Resource;
import io.keel.core.resource.types.SubscriptionType;
import io.keel.core.schedule.Schedule;
import java.time.Duration;
import java.util.Map;

/**
 * How a subscription wants its notifications delivered (TS-0004 7.4.8.1, 7.5.1.2.2; TS-0001 10.2.10.7): batched (bn),
 * rate limited (rl), latest only (ln), kept while the receiver is unreachable (pn), their event category (nec), counted
 * (exc), counted in its notificationStatsInfo (nse), its notificationStoragePriority (nsp, 0 without: below any the subscriber
 * gave), and when they may be sent: its notificationSchedule (TS-0001 9.6.8, 9.6.9). A batch without a number is ended
 * by its duration only (TS-0001 10.2.10.7).
 */
record DeliveryRules(Integer batchSize, Duration batchDuration, Integer rateLimit, Duration rateWindow,
                     boolean latestOnly, Integer pendingNotification, Integer eventCategory, boolean counted,
                     Schedule schedule, boolean statsCounted, long storagePriority) {

    /** What a deletion notification (sud) goes with: nothing batched, limited or counted, one message, at once. */
    static final DeliveryRules DELETION_NOTICE = new DeliveryRules(null, null, null, null, false, null, null, false,
            Schedule.ALWAYS, false, 0);
    /** eventCat Latest (TS-0004 6.3.4.2.4), what latestNotify sends with. */
    static final int LATEST = 4;
    /** eventCat Immediate (TS-0004 6.3.4.2.4). */
    static final int IMMEDIATE = 2;

    /** @param schedule the subscription's notificationSchedule, {@link Schedule#ALWAYS} when it has none */
    static DeliveryRules of(Resource sub, Schedule schedule) {
        Map<?, ?> bn = sub.get("bn") instanceof Map<?, ?> m ? m : null;
        Map<?, ?> rl = sub.get("rl") instanceof Map<?, ?> m ? m : null;
        boolean ln = Boolean.TRUE.equals(sub.get("ln"));
        Integer nec = sub.get("nec") instanceof Long l ? l.intValue() : null;
        return new DeliveryRules(
                bn == null ? null : count(bn.get("num")),
                bn == null ? null : bn.get("dur") == null ? SubscriptionType.DEFAULT_BATCH_DURATION
                        : Duration.parse((String) bn.get("dur")),
                rl == null ? null : count(rl.get("mnn")),
                rl == null ? null : Duration.parse((String) rl.get("tww")),
                ln,
                sub.get("pn") instanceof Long l ? l.intValue() : null,
                ln ? Integer.valueOf(LATEST) : nec,
                sub.get("exc") != null,
                // nec immediate: sent even when the notificationSchedule does not allow it (TS-0004 7.5.1.2.2 step 3.0).
                Integer.valueOf(IMMEDIATE).equals(nec) ? Schedule.ALWAYS : schedule,
                SubscriptionType.collectsStats(sub),
                sub.get("nsp") instanceof Long nsp ? nsp : 0);
    }

    /**
     * A batch size or rate from its xs:nonNegativeInteger; without a number a batch waits for its duration only
     * (TS-0001 10.2.10.7), and counts beyond an int are as good as none.
     */
    private static Integer count(Object n) {
        return n instanceof Long l ? (int) Math.min(l, Integer.MAX_VALUE) : Integer.valueOf(Integer.MAX_VALUE);
    }
}
