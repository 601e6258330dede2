package io.keel.core.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One m2m:scheduleEntry (TS-0004 7.4.9.1, table 7.4.9.1-4): seven fields (second, minute, hour, day of month, month,
 * day of week, year), separated by white space, matched against a time in UTC. A time matches when every field
 * matches it; day of month and day of week both have to (the text gives no exception for them).
 */
public final class ScheduleEntry {
    private final String text;
    private final List<ScheduleField.Values> fields;

    private ScheduleEntry(String text, List<ScheduleField.Values> fields) {
        this.text = text;
        this.fields = fields;
    }

    /**
     * @throws InvalidScheduleEntry naming the entry and the field that is wrong
     */
    public static ScheduleEntry parse(String text) {
        String[] parts = text.trim().split("\\s+");
        ScheduleField[] all = ScheduleField.values();
        if (text.isBlank() || parts.length != all.length) {
            throw new InvalidScheduleEntry(text, "has " + (text.isBlank() ? 0 : parts.length)
                    + " fields; an entry has 7 fields: second minute hour day-of-month month day-of-week year");
        }
        List<ScheduleField.Values> fields = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            try {
                fields.add(all[i].parse(parts[i]));
            } catch (IllegalArgumentException e) {
                throw new InvalidScheduleEntry(text, "field " + all[i].label() + " " + e.getMessage());
            }
        }
        return new ScheduleEntry(text, List.copyOf(fields));
    }

    /** Whether the second that holds {@code t} matches, in UTC. */
    public boolean matches(Instant t) {
        LocalDateTime u = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        return get(ScheduleField.SECOND).matches(u.getSecond())
                && get(ScheduleField.MINUTE).matches(u.getMinute())
                && get(ScheduleField.HOUR).matches(u.getHour())
                && matchesDay(u)
                && get(ScheduleField.MONTH).matches(u.getMonthValue())
                && get(ScheduleField.YEAR).matches(u.getYear());
    }

    private boolean matchesDay(LocalDateTime u) {
        return get(ScheduleField.DAY_OF_MONTH).matches(u.getDayOfMonth())
                && get(ScheduleField.DAY_OF_WEEK).matches(dayOfWeek(u.getDayOfWeek()));
    }

    /** 0 is Sunday (TS-0004 table 7.4.9.1-4); java.time counts Monday 1 … Sunday 7. */
    static int dayOfWeek(DayOfWeek d) {
        return d.getValue() % 7;
    }

    /** The first second in [{@code from}, {@code until}] that matches, or empty; the search ends at {@code until}. */
    public Optional<Instant> next(Instant from, Instant until) {
        LocalDateTime t = LocalDateTime.ofInstant(from, ZoneOffset.UTC);
        if (t.getNano() > 0) {
            t = t.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        }
        LocalDateTime end = LocalDateTime.ofInstant(until, ZoneOffset.UTC);
        while (!t.isAfter(end) && t.getYear() <= ScheduleField.YEAR.max) {
            int year = get(ScheduleField.YEAR).next(t.getYear());
            if (year < 0) {
                return Optional.empty();
            }
            if (year != t.getYear()) {
                t = LocalDateTime.of(year, 1, 1, 0, 0);
                continue;
            }
            if (!get(ScheduleField.MONTH).matches(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
                continue;
            }
            if (!matchesDay(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
                continue;
            }
            if (!get(ScheduleField.HOUR).matches(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                continue;
            }
            if (!get(ScheduleField.MINUTE).matches(t.getMinute())) {
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
                continue;
            }
            if (!get(ScheduleField.SECOND).matches(t.getSecond())) {
                t = t.plusSeconds(1);
                continue;
            }
            return t.isAfter(end) ? Optional.empty() : Optional.of(t.toInstant(ZoneOffset.UTC));
        }
        return Optional.empty();
    }

    private ScheduleField.Values get(ScheduleField f) {
        return fields.get(f.ordinal());
    }

    @Override
    public String toString() {
        return text;
    }
}
