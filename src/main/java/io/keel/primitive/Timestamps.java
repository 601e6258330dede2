package io.keel.primitive;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * m2m:timestamp ({@code YYYYMMDDThhmmss[,ffffff]}, UTC), m2m:absRelTimestamp (a timestamp, or milliseconds
 * relative to now) and xs:duration (TS-0004 6.3.3, 6.3.2).
 */
public final class Timestamps {
    private static final Pattern TIMESTAMP =
            Pattern.compile("(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})(?:[,.](\\d{1,9}))?Z?");
    private static final Pattern DURATION = Pattern.compile(
            "(-)?P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:[.,]\\d+)?)S)?)?");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** Microseconds since the epoch: how timestamps are stored and compared in the database. */
    public static long epochMicros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    /**
     * Formats with microsecond precision, the form every response carries: written digit by digit, as every
     * representation formats several of them (ct, lt, et, ...).
     */
    public static String format(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        if (d.getYear() < 0 || d.getYear() > 9999) {
            // Outside four digits the formatter's sign and width rules apply.
            return SECONDS.format(t) + "," + String.format("%06d", t.getNano() / 1000);
        }
        char[] c = new char[22];
        digits(c, 0, d.getYear(), 4);
        digits(c, 4, d.getMonthValue(), 2);
        digits(c, 6, d.getDayOfMonth(), 2);
        c[8] = 'T';
        digits(c, 9, d.getHour(), 2);
        digits(c, 11, d.getMinute(), 2);
        digits(c, 13, d.getSecond(), 2);
        c[15] = ',';
        digits(c, 16, t.getNano() / 1000, 6);
        return new String(c);
    }

    /** Writes {@code value} as {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    public static boolean isTimestamp(String s) {
        return s != null && TIMESTAMP.matcher(s).matches();
    }

    /** Parses an m2m:timestamp; anything else is a 4000 naming the parameter. */
    public static Instant parse(String s, String parameter) {
        Matcher m = s == null ? null : TIMESTAMP.matcher(s);
        if (m == null || !m.matches()) {
            throw OneM2MException.badRequest(parameter + " is not a timestamp (YYYYMMDDThhmmss[,ffffff]): " + s);
        }
        try {
            String fraction = m.group(7) == null ? "0" : (m.group(7) + "000000000").substring(0, 9);
            return LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                            Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
                            Integer.parseInt(fraction))
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw OneM2MException.badRequest(parameter + " is not a valid date/time: " + s);
        }
    }

    /**
     * Parses an m2m:absRelTimestamp: an absolute timestamp, an integer offset in milliseconds from {@code now},
     * or an xs:duration from now, a Keel leniency beyond m2m:absRelTimestamp (TS-0004 6.3.3).
     */
    public static Instant parseAbsRel(String s, Instant now, String parameter) {
        if (s == null || s.isBlank()) {
            throw OneM2MException.badRequest(parameter + " is empty");
        }
        String v = s.trim();
        if (v.matches("-?\\d{1,15}")) {
            return now.plusMillis(Long.parseLong(v));
        }
        if (v.startsWith("P") || v.startsWith("-P")) {
            return now.plus(parseDuration(v, parameter));
        }
        return parse(v, parameter);
    }

    /** Parses an xs:duration; a year counts 365 days and a month 30, which is what relative expiry needs. */
    public static java.time.Duration parseDuration(String s, String parameter) {
        Matcher m = s == null ? null : DURATION.matcher(s.trim());
        if (m == null || !m.matches() || s.trim().endsWith("P") || s.trim().endsWith("T")) {
            throw OneM2MException.badRequest(parameter + " is not an xs:duration (PnYnMnDTnHnMnS): " + s);
        }
        long days = 365 * num(m.group(2)) + 30 * num(m.group(3)) + 7 * num(m.group(4)) + num(m.group(5));
        java.time.Duration d = java.time.Duration.ofDays(days)
                .plusHours(num(m.group(6)))
                .plusMinutes(num(m.group(7)));
        if (m.group(8) != null) {
            d = d.plusNanos(new java.math.BigDecimal(m.group(8).replace(',', '.')).movePointRight(9).longValueExact());
        }
        return m.group(1) != null ? d.negated() : d;
    }

    private static long num(String g) {
        return g == null ? 0 : Long.parseLong(g);
    }
}
