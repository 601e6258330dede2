package io.keel.core.schedule;

import java.util.BitSet;

/**
 * The seven fields of an m2m:scheduleEntry, in their order, with the values each may hold (TS-0004 table 7.4.9.1-4),
 * and one parsed field value: the set of values it matches.
 */
public enum ScheduleField {
    SECOND("second", 0, 59),
    MINUTE("minute", 0, 59),
    HOUR("hour", 0, 23),
    DAY_OF_MONTH("day of month", 1, 31),
    MONTH("month", 1, 12),
    /** 0 is Sunday (TS-0004 table 7.4.9.1-4). */
    DAY_OF_WEEK("day of week", 0, 6),
    YEAR("year", 2000, 9999);

    private final String label;
    final int min;
    final int max;

    ScheduleField(String label, int min, int max) {
        this.label = label;
        this.min = min;
        this.max = max;
    }

    /** The field's name as error messages give it. */
    public String label() {
        return label;
    }

    /**
     * Parses one field value (TS-0004 7.4.9.1): {@code *}, {@code *}/step, or a comma-separated list of elements, each
     * a number, a range {@code a-b}, or a range with a step {@code a-b/n}.
     *
     * @throws IllegalArgumentException naming what is wrong, for the caller to put in context
     */
    Values parse(String text) {
        BitSet matched = new BitSet();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        for (String element : text.split(",", -1)) {
            addElement(element, matched);
        }
        return new Values(this, matched);
    }

    private void addElement(String element, BitSet matched) {
        if (element.isEmpty()) {
            throw new IllegalArgumentException("has an empty element in a list");
        }
        int slash = element.indexOf('/');
        String range = slash < 0 ? element : element.substring(0, slash);
        int step = slash < 0 ? 1 : step(element.substring(slash + 1));
        int from;
        int to;
        if (range.equals("*")) {
            from = min;
            to = max;
        } else {
            int dash = range.indexOf('-');
            if (dash < 0) {
                if (slash >= 0) {
                    throw new IllegalArgumentException("has a step after a single number in \"" + element
                            + "\": a step follows a range or '*'");
                }
                from = number(range);
                to = from;
            } else {
                from = number(range.substring(0, dash));
                to = number(range.substring(dash + 1));
                if (from > to) {
                    throw new IllegalArgumentException("has the range \"" + range + "\", which runs backwards");
                }
            }
        }
        for (int v = from; v <= to; v += step) {
            matched.set(v);
        }
    }

    private int number(String digits) {
        if (digits.isEmpty() || digits.length() > 4 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("has \"" + digits + "\", which is not a number, '*' or range");
        }
        int n = Integer.parseInt(digits);
        if (n < min || n > max) {
            throw new IllegalArgumentException("has " + n + ", outside " + min + "-" + max);
        }
        return n;
    }

    private static int step(String digits) {
        if (digits.isEmpty() || digits.length() > 4 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(digits) == 0) {
            throw new IllegalArgumentException("has the step \"/" + digits + "\": a step is a positive number");
        }
        return Integer.parseInt(digits);
    }

    /** The values one field of an entry matches. */
    record Values(ScheduleField field, BitSet matched) {
        boolean matches(int value) {
            return matched.get(value);
        }

        /** The least matched value at or above {@code value}, or -1. */
        int next(int value) {
            int n = matched.nextSetBit(Math.max(value, field.min));
            return n < 0 || n > field.max ? -1 : n;
        }
    }
}
