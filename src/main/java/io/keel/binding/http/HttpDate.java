package io.keel.binding.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * An HTTP-date in its preferred form, IMF-fixdate (RFC 9110 5.6.7): {@code Sun, 06 Nov 1994 08:49:37 GMT}, the form
 * a sender generates. The JDK's RFC_1123_DATE_TIME writes the day of the month with one digit where it has one
 * ({@code 6 Nov}), which IMF-fixdate does not allow, and took 0.8 % of a retrieve's CPU for Last-Modified.
 */
public final class HttpDate {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private HttpDate() {
    }

    /** The instant to the second (an HTTP-date has no fraction), years 0 to 9999. */
    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder s = new StringBuilder(29)
                .append(DAYS[t.getDayOfWeek().ordinal()]).append(", ");
        twoDigits(s, t.getDayOfMonth()).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
        int year = t.getYear();
        twoDigits(twoDigits(s, year / 100), year % 100).append(' ');
        twoDigits(s, t.getHour()).append(':');
        twoDigits(s, t.getMinute()).append(':');
        return twoDigits(s, t.getSecond()).append(" GMT").toString();
    }

    private static StringBuilder twoDigits(StringBuilder s, int value) {
        return s.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
