package io.keel.core.access;

import io.keel.primitive.OneM2MException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A time window of an access control context (actw): a scheduleEntry string of seven space-separated fields
 * {@code sec min hour dom month dow year} (TS-0004 6.3.3, table 7.4.9.1-4), each {@code *}, a number, a range
 * {@code a-b}, or a comma-separated list of those; step values ({@code 0-23/2}) are not supported. A moment is
 * inside when every field matches it, in UTC. Day of week counts from Sunday = 0; 7 for Sunday too is Keel's cron
 * leniency.
 */
public final class ScheduleEntry {
    private static final String[] NAMES = {"second", "minute", "hour", "day of month", "month", "day of week", "year"};
    private static final int[] MIN = {0, 0, 0, 1, 1, 0, 1970};
    private static final int[] MAX = {59, 59, 23, 31, 12, 7, 9999};
    /** Per field the allowed values; null stands for {@code *}. */
    private final List<BitSet> fields;

    private ScheduleEntry(List<BitSet> fields) {
        this.fields = fields;
    }

    /** @throws OneM2MException 4000 naming what is wrong, for an entry that is not a scheduleEntry */
    public static ScheduleEntry parse(String entry) {
        String[] parts = entry.trim().split("\\s+");
        if (parts.length != 7) {
            throw OneM2MException.badRequest("actw entry \"" + entry + "\" must have 7 fields: sec min hour dom month dow year");
        }
        BitSet[] sets = new BitSet[7];
        for (int i = 0; i < 7; i++) {
            sets[i] = parts[i].equals("*") ? null : field(entry, i, parts[i]);
        }
        if (sets[5] != null && sets[5].get(7)) {
            sets[5].set(0);
        }
        return new ScheduleEntry(Arrays.asList(sets));
    }

    /** Whether the moment, in UTC, lies in this window. */
    public boolean contains(Instant moment) {
        ZonedDateTime t = moment.atZone(ZoneOffset.UTC);
        int[] values = {t.getSecond(), t.getMinute(), t.getHour(), t.getDayOfMonth(), t.getMonthValue(),
                t.get(ChronoField.DAY_OF_WEEK) % 7, t.getYear()};
        for (int i = 0; i < 7; i++) {
            if (fields.get(i) != null && !fields.get(i).get(values[i])) {
                return false;
            }
        }
        return true;
    }

    private static BitSet field(String entry, int i, String text) {
        BitSet set = new BitSet();
        for (String item : text.split(",", -1)) {
            String[] range = item.split("-", -1);
            if (range.length > 2) {
                throw invalid(entry, i, item);
            }
            int from = number(entry, i, range[0]);
            int to = range.length == 2 ? number(entry, i, range[1]) : from;
            if (from > to) {
                throw invalid(entry, i, item);
            }
            set.set(from, to + 1);
        }
        return set;
    }

    private static int number(String entry, int i, String text) {
        if (!text.matches("\\d{1,4}")) {
            throw invalid(entry, i, text);
        }
        int n = Integer.parseInt(text);
        if (n < MIN[i] || n > MAX[i]) {
            throw OneM2MException.badRequest("actw entry \"" + entry + "\": " + NAMES[i] + " must lie in " + MIN[i] + "-" + MAX[i]
                    + ", not " + n);
        }
        return n;
    }

    private static OneM2MException invalid(String entry, int i, String item) {
        return OneM2MException.badRequest("actw entry \"" + entry + "\": the " + NAMES[i] + " field holds \"" + item
                + "\"; use *, a number, a range a-b or a list a,b");
    }
}
