package io.keel.core.schedule;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A {@code <schedule>}'s scheduleElement (m2m:scheduleEntries, TS-0004 6.3.5.11): the times any of its entries
 * matches. No schedule at all means no time constraint (TS-0004 7.4.9.1); that is {@link #ALWAYS}.
 */
public final class Schedule {
    public static final Schedule ALWAYS = new Schedule(null);
    private final List<ScheduleEntry> entries;

    private Schedule(List<ScheduleEntry> entries) {
        this.entries = entries;
    }

    /** @throws InvalidScheduleEntry for the first entry that is not well formed */
    public static Schedule of(List<String> entries) {
        return new Schedule(entries.stream().map(ScheduleEntry::parse).toList());
    }

    public boolean allows(Instant t) {
        return entries == null || entries.stream().anyMatch(e -> e.matches(t));
    }

    /**
     * The first second in [{@code from}, {@code until}] some entry allows; empty when none does. Bounded, so that
     * entries that rarely or never match (a 30 February) cost little however often it is asked.
     */
    public Optional<Instant> nextAllowed(Instant from, Instant until) {
        if (entries == null) {
            return Optional.of(from);
        }
        return entries.stream().map(e -> e.next(from, until)).flatMap(Optional::stream).min(Comparator.naturalOrder());
    }

    /** Whether this constrains nothing. */
    public boolean always() {
        return entries == null;
    }

    @Override
    public String toString() {
        return entries == null ? "always" : entries.toString();
    }
}
