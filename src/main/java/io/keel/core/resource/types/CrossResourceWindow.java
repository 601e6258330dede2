package io.keel.core.resource.types;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The time window of a {@code <crossResourceSubscription>} (TS-0004 7.5.1.2.18, 7.4.58.2.1 d): which of its target
 * subscriptions notified in the current window, with the notification each sent last. A periodic window (twt 1) starts
 * when the resource is created (or its window changed) and is followed by the next at once, so its windows are fixed
 * slots of tws; a sliding window (twt 2) starts with the first notification after the previous one ended. When every
 * target has notified within one window the cross-resource notification is due, and the collection starts anew.
 * <p>Release 4 eventEvaluationMode (eem): with 1 (all events present, the default) the notification goes as soon as the
 * last target notifies; the other modes judge each periodic window when it ends ({@link #ended}): 2 some or all targets
 * notified, 3 some or all did not, 4 none did, 5 some but not all did.
 * Kept in the resource as stored (see {@link CrossResourceSubscriptionType#WINDOW}): every instance on the database
 * sees the same window, and a restart loses none.
 */
public final class CrossResourceWindow {
    private final List<String> targets;
    private final long type;
    private final Duration size;
    private final long mode;
    /** Modes 2–5: the last periodic window judged, -1 before the first ended. */
    private long evaluated;
    /** Periodic: when the first slot began. Sliding: when the current window began, null when none runs. */
    private Instant start;
    /** Periodic: the slot the collected notifications belong to. */
    private long slot;
    /** Target subscription ID → the notification it sent last in this window. */
    private final Map<String, Object> seen;

    private CrossResourceWindow(List<String> targets, long type, Duration size, long mode, Instant start, long slot, long evaluated,
                                Map<String, Object> seen) {
        this.targets = targets;
        this.type = type;
        this.size = size;
        this.mode = mode;
        this.evaluated = evaluated;
        this.start = start;
        this.slot = slot;
        this.seen = seen;
    }

    /** A window restarted at {@code now} (creation, or twt/tws changed: 7.4.58.2.3). */
    public static CrossResourceWindow started(List<String> targets, long type, Duration size, long mode, Instant now) {
        return new CrossResourceWindow(List.copyOf(targets), type, size, mode,
                type == CrossResourceSubscriptionType.PERIODIC ? now : null, 0, -1, new LinkedHashMap<>());
    }

    /** The window as stored in the resource. */
    @SuppressWarnings("unchecked")
    public static CrossResourceWindow of(Map<String, Object> stored, long type, Duration size, long mode) {
        Object start = stored.get("start");
        return new CrossResourceWindow((List<String>) stored.get("targets"), type, size, mode,
                start instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null,
                stored.get("slot") instanceof Number n ? n.longValue() : 0,
                stored.get("evaluated") instanceof Number n ? n.longValue() : -1,
                new LinkedHashMap<>((Map<String, Object>) stored.getOrDefault("seen", Map.of())));
    }

    public Map<String, Object> stored() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("targets", targets);
        if (start != null) {
            m.put("start", start.toEpochMilli());
        }
        m.put("slot", slot);
        m.put("evaluated", evaluated);
        m.put("seen", new LinkedHashMap<>(seen));
        return m;
    }

    /** The IDs of the target subscriptions (resourceIDs), in the order of rrat then srat. */
    public List<String> targets() {
        return targets;
    }

    /**
     * A notification of target {@code target} at {@code now}. Returns the notifications of all targets, in target order,
     * when with it every target has notified within the window (and starts collecting anew); else null.
     */
    public List<Object> notified(String target, Object notification, Instant now) {
        if (type == CrossResourceSubscriptionType.PERIODIC) {
            long current = slotAt(now);
            if (current != slot) {
                seen.clear(); // the slot the notifications belonged to has passed: they are discarded
                slot = current;
            }
        } else if (start == null || !now.isBefore(start.plus(size))) {
            seen.clear();
            start = now;
        }
        seen.put(target, notification);
        if (mode != CrossResourceSubscriptionType.ALL_EVENTS_PRESENT || !seen.keySet().containsAll(targets)) {
            return null;
        }
        List<Object> all = new ArrayList<>();
        targets.forEach(t -> all.add(seen.get(t)));
        seen.clear();
        if (type != CrossResourceSubscriptionType.PERIODIC) {
            start = null; // the next notification starts the next window
        }
        return all;
    }

    private long slotAt(Instant now) {
        return now.isBefore(start) ? 0 : Duration.between(start, now).toMillis() / Math.max(1, size.toMillis());
    }

    /** Whether the window has a verdict to give when a window ends (eem 2–5, periodic windows only). */
    public boolean judgedAtEnd() {
        return mode != CrossResourceSubscriptionType.ALL_EVENTS_PRESENT && type == CrossResourceSubscriptionType.PERIODIC;
    }

    /**
     * When the window that is judged next ends ({@link #ended} has a verdict from then on); null when windows are not
     * judged at their end.
     */
    public Instant nextEnd() {
        return judgedAtEnd() ? start.plus(size.multipliedBy(evaluated + 2)) : null;
    }

    /**
     * eem 2–5: judges the periodic window that ended last before {@code now}, once: returns the notifications of the
     * targets that notified in it (possibly none) when the mode says it notifies, else null. A window that ended while
     * no instance of the CSE ran is judged only when it is the last one. The caller asks before each notification it
     * records and periodically.
     */
    public List<Object> ended(Instant now) {
        if (!judgedAtEnd()) {
            return null;
        }
        long current = slotAt(now);
        if (current == 0 || evaluated >= current - 1) {
            return null;
        }
        long last = current - 1;
        Map<String, Object> inLast = slot == last ? new LinkedHashMap<>(seen) : Map.of();
        evaluated = last;
        if (slot < current) {
            seen.clear();
            slot = current;
        }
        List<Object> present = new ArrayList<>();
        targets.stream().distinct().filter(inLast::containsKey).forEach(t -> present.add(inLast.get(t)));
        int all = (int) targets.stream().distinct().count();
        boolean notifies = switch ((int) mode) {
            case 2 -> !present.isEmpty();
            case 3 -> present.size() < all;
            case 4 -> present.isEmpty();
            default -> !present.isEmpty() && present.size() < all;
        };
        return notifies ? present : null;
    }
}
