package io.keel.binding.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HttpDateTest {
    /** IMF-fixdate written out by a formatter of the JDK, to compare with. */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    @Test
    void rfc9110_5_6_7_imfFixdateHasTwoDigitDayAndTime() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(Instant.parse("1994-11-06T08:49:37Z")));
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", HttpDate.format(Instant.EPOCH));
        assertEquals("Mon, 07 Dec 2026 09:05:03 GMT", HttpDate.format(Instant.parse("2026-12-07T09:05:03.999Z")),
                "an HTTP-date has no fraction of a second: it is cut, not rounded");
        assertEquals("Fri, 31 Dec 9999 23:59:59 GMT", HttpDate.format(Instant.parse("9999-12-31T23:59:59Z")));
    }

    @Test
    void rfc9110_5_6_7_sameAsTheJdksFormatterForAnyInstant() {
        Random random = new Random(20261207);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(Instant.parse("9999-12-31T23:59:59Z").getEpochSecond()));
            assertEquals(IMF_FIXDATE.format(t), HttpDate.format(t), t.toString());
        }
    }
}
