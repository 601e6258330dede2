package io.keel.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * actw time windows: scheduleEntry strings "sec min hour dom month dow year" in UTC (TS-0004 table 7.4.9.1-4,
 * 6.3.5.27).
 */
class ScheduleEntryTest {
    /** A Wednesday. */
    private static final Instant MOMENT = Instant.parse("2026-11-25T06:30:15Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "* * * * * * *                     | true",
            "15 30 6 25 11 3 2026              | true",
            "* * 6 * * * *                     | true",
            "* * 7 * * * *                     | false",
            "* * 0-5 * * * *                   | false",
            "* * 6-8 * * * *                   | true",
            "* * 1,6,9 * * * *                 | true",
            "* * 1,2-5,7 * * * *               | false",
            "* * * * * 1-5 *                   | true",
            "* * * * * 0,6 *                   | false",
            "* * * * 12 * *                    | false",
            "* * * * * * 2020-2025             | false",
            "* * * * * * 2026-2100             | true",
            "0-14 * * * * * *                  | false",
            "* 31-59 * * * * *                 | false"})
    void ts0004_7_3_3_15_timeWindowsMatchTheUtcClock(String entry, boolean inside) {
        assertEquals(inside, ScheduleEntry.parse(entry).contains(MOMENT), entry);
    }

    @ParameterizedTest
    @ValueSource(strings = {"* * 0 * * 0 *", "* * 0 * * 7 *"})
    void ts0004_7_3_3_15_sundayIsZeroAndSeven(String entry) {
        assertTrue(ScheduleEntry.parse(entry).contains(Instant.parse("2026-11-29T00:10:00Z")));
        assertFalse(ScheduleEntry.parse(entry).contains(MOMENT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"* * * * * *", "* * * * * * * *", "60 * * * * * *", "* * 24 * * * *", "* * * 0 * * *",
            "* * * * 13 * *", "* * * * * 8 *", "* * 5-3 * * * *", "* * a * * * *", "* * 1-2-3 * * * *", "* * 1,,2 * * * *",
            "* * */5 * * * *", ""})
    void ts0004_7_3_3_15_malformedEntriesAreBadRequests(String entry) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> ScheduleEntry.parse(entry));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().contains("actw"), e.getMessage());
    }
}
