package io.keel.primitive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** m2m:timestamp (TS-0004 6.3.3): the basic ISO 8601 form in UTC, as Keel writes it, with microseconds. */
class TimestampsTest {
    @Test
    void ts0004_6_3_3_timestampsAreWrittenInBasicFormWithMicroseconds() {
        assertEquals("20261206T070932,486271", Timestamps.format(Instant.parse("2026-12-06T07:09:32.486271Z")));
        assertEquals("20261206T070932,486271", Timestamps.format(Instant.parse("2026-12-06T07:09:32.486271999Z")));
        assertEquals("19700101T000000,000000", Timestamps.format(Instant.EPOCH));
        assertEquals("00010101T000000,000001", Timestamps.format(Instant.parse("0001-01-01T00:00:00.000001Z")));
        assertEquals("99991231T235959,999999", Timestamps.format(Instant.parse("9999-12-31T23:59:59.999999999Z")));
        assertEquals("20240229T120000,050000", Timestamps.format(Instant.parse("2024-02-29T12:00:00.05Z")));
    }

    @Test
    void ts0004_6_3_3_aWrittenTimestampReadsBackToTheSameMicrosecond() {
        Instant t = Instant.parse("2031-12-05T07:09:31.593455Z");
        assertEquals(t, Timestamps.parse(Timestamps.format(t), "et"));
    }
}
