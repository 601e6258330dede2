package io.keel.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The m2m:scheduleEntry format (TS-0004 7.4.9.1, table 7.4.9.1-4) and what an entry matches. */
class ScheduleEntryTest {
    /** The last second a scheduleEntry can match (year 9999). */
    private static final Instant END = Instant.parse("9999-12-31T23:59:59Z");

    private static boolean matches(String entry, String utc) {
        return ScheduleEntry.parse(entry).matches(Instant.parse(utc));
    }

    @Test
    void ts0004_7_4_9_1_example1_firstFiveMinutesOfHours2_6_10() {
        String e = "* 0-5 2,6,10 * * * *";
        assertTrue(matches(e, "2026-03-04T02:00:00Z"));
        assertTrue(matches(e, "2026-03-04T06:05:59Z"));
        assertTrue(matches(e, "2026-03-04T10:03:17Z"));
        assertFalse(matches(e, "2026-03-04T02:06:00Z"));
        assertFalse(matches(e, "2026-03-04T03:00:00Z"));
    }

    @Test
    void ts0004_7_4_9_1_example2_hours8to20() {
        String e = "* * 8-20 * * * *";
        assertTrue(matches(e, "2026-03-04T08:00:00Z"));
        assertTrue(matches(e, "2026-03-04T20:59:59Z"));
        assertFalse(matches(e, "2026-03-04T21:00:00Z"));
        assertFalse(matches(e, "2026-03-04T07:59:59Z"));
    }

    @Test
    void ts0004_7_4_9_1_stepAfterRange_0to23by2_isEvenHours() {
        ScheduleEntry e = ScheduleEntry.parse("* * 0-23/2 * * * *");
        for (int h = 0; h < 24; h++) {
            assertEquals(h % 2 == 0, e.matches(Instant.parse(String.format("2026-03-04T%02d:30:00Z", h))), "hour " + h);
        }
    }

    @Test
    void ts0004_7_4_9_1_example4_stepAfterAsteriskInDayOfWeek_sundayIsZero() {
        String e = "* * * * * */2 *";
        assertTrue(matches(e, "2026-03-01T12:00:00Z")); // Sunday
        assertFalse(matches(e, "2026-03-02T12:00:00Z")); // Monday
        assertTrue(matches(e, "2026-03-03T12:00:00Z")); // Tuesday
        assertTrue(matches(e, "2026-03-07T12:00:00Z")); // Saturday
    }

    @Test
    void ts0004_table_7_4_9_1_4_dayOfWeek0IsSundayAnd6IsSaturday() {
        assertTrue(matches("* * * * * 0 *", "2026-03-01T00:00:00Z"));
        assertTrue(matches("* * * * * 6 *", "2026-02-28T00:00:00Z"));
        assertFalse(matches("* * * * * 1 *", "2026-03-01T00:00:00Z"));
        assertThrows(InvalidScheduleEntry.class, () -> ScheduleEntry.parse("* * * * * 7 *"));
    }

    @Test
    void ts0004_table_7_4_9_1_4_yearField() {
        assertTrue(matches("* * * * * * 2026", "2026-12-31T23:59:59Z"));
        assertFalse(matches("* * * * * * 2026", "2027-01-01T00:00:00Z"));
        assertTrue(matches("* * * * * * 2020-2030/5", "2025-06-01T00:00:00Z"));
        assertFalse(matches("* * * * * * 2020-2030/5", "2026-06-01T00:00:00Z"));
        assertThrows(InvalidScheduleEntry.class, () -> ScheduleEntry.parse("* * * * * * 1999"));
        assertThrows(InvalidScheduleEntry.class, () -> ScheduleEntry.parse("* * * * * * 10000"));
    }

    @Test
    void leapDayMatchesOnlyInLeapYears_andItsNextOccurrenceIsFound() {
        ScheduleEntry e = ScheduleEntry.parse("0 0 0 29 2 * *");
        assertTrue(e.matches(Instant.parse("2028-02-29T00:00:00Z")));
        assertEquals(Optional.of(Instant.parse("2028-02-29T00:00:00Z")), e.next(Instant.parse("2026-03-01T00:00:00Z"), END));
        // 2100 is not a leap year
        assertEquals(Optional.of(Instant.parse("2104-02-29T00:00:00Z")), e.next(Instant.parse("2096-03-01T00:00:00Z"), END));
    }

    @Test
    void aDayNoMonthHas_neverMatches() {
        assertEquals(Optional.empty(), ScheduleEntry.parse("* * * 30 2 * *").next(Instant.parse("2026-01-01T00:00:00Z"), END));
    }

    @Test
    void dayOfMonthAndDayOfWeekMustBothMatch() {
        // 13 March 2026 is a Friday; 13 February 2026 is a Friday too, 13 January a Tuesday
        ScheduleEntry fridayThe13th = ScheduleEntry.parse("0 0 0 13 * 5 *");
        assertTrue(fridayThe13th.matches(Instant.parse("2026-03-13T00:00:00Z")));
        assertFalse(fridayThe13th.matches(Instant.parse("2026-01-13T00:00:00Z")));
        assertEquals(Optional.of(Instant.parse("2026-02-13T00:00:00Z")), fridayThe13th.next(Instant.parse("2026-01-14T00:00:00Z"), END));
    }

    @Test
    void nextIsTheFirstMatchingSecondAtOrAfter() {
        ScheduleEntry e = ScheduleEntry.parse("* 0-5 2,6,10 * * * *");
        assertEquals(Optional.of(Instant.parse("2026-03-04T06:00:00Z")), e.next(Instant.parse("2026-03-04T02:06:00Z"), END));
        assertEquals(Optional.of(Instant.parse("2026-03-04T02:01:00Z")), e.next(Instant.parse("2026-03-04T02:01:00Z"), END));
        // a fraction of a second rounds up to the next whole second
        assertEquals(Optional.of(Instant.parse("2026-03-04T02:01:01Z")), e.next(Instant.parse("2026-03-04T02:01:00.5Z"), END));
        assertEquals(Optional.of(Instant.parse("2026-03-05T02:00:00Z")), e.next(Instant.parse("2026-03-04T10:06:00Z"), END));
        assertEquals(Optional.empty(), ScheduleEntry.parse("* * * * * * 2020").next(Instant.parse("2026-01-01T00:00:00Z"), END));
        assertEquals(Optional.of(Instant.parse("2027-01-01T00:00:00Z")),
                ScheduleEntry.parse("* * * * * * 2027").next(Instant.parse("2026-05-01T00:00:00Z"), END));
    }

    @Test
    void aBoundedSearchOfAnEntryThatNeverMatchesEndsAtItsBound() {
        ScheduleEntry never = ScheduleEntry.parse("* * * 31 2 * *");
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(Optional.empty(), never.next(from, from.plusSeconds(10)));
        assertEquals(Optional.of(from.plusSeconds(10)), ScheduleEntry.parse("10 * * * * * *").next(from, from.plusSeconds(10)));
    }

    @Test
    void whiteSpaceBetweenFieldsMayRepeat() {
        assertTrue(matches("  *   0-5\t2,6,10 * * * *  ", "2026-03-04T02:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "* * * * * *|has 6 fields",
            "* * * * * * * *|has 8 fields",
            "''|has 0 fields",
            "60 * * * * * *|field second has 60, outside 0-59",
            "* 60 * * * * *|field minute has 60",
            "* * 24 * * * *|field hour has 24",
            "* * * 0 * * *|field day of month has 0, outside 1-31",
            "* * * 32 * * *|field day of month has 32",
            "* * * * 13 * *|field month has 13",
            "* * * * 0 * *|field month has 0",
            "* * 5-2 * * * *|field hour has the range \"5-2\", which runs backwards",
            "* * */0 * * * *|field hour has the step \"/0\"",
            "* * 1-5/ * * * *|field hour has the step \"/\"",
            "* * 5/2 * * * *|field hour has a step after a single number",
            "* * 1,,2 * * * *|field hour has an empty element",
            "* * 1, * * * *|field hour has an empty element",
            "* * a * * * *|field hour has \"a\", which is not a number",
            "* * -1 * * * *|field hour has \"\", which is not a number",
            "* * ** * * * *|field hour has \"**\"",
            "* * 1-2-3 * * * *|field hour has \"2-3\"",
            "* * * * * * 99999|field year has \"99999\"",
            "* * +1 * * * *|field hour has \"+1\"",
    })
    void ts0004_table_7_4_9_1_4_malformedEntriesNameTheField(String entry, String problem) {
        InvalidScheduleEntry e = assertThrows(InvalidScheduleEntry.class, () -> ScheduleEntry.parse(entry));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertTrue(e.getMessage().contains("\"" + entry + "\""), e.getMessage());
    }

    @Test
    void aScheduleAllowsWhatAnyEntryAllows() {
        Schedule s = Schedule.of(List.of("* * 1 * * * *", "* * 3 * * * *"));
        assertTrue(s.allows(Instant.parse("2026-03-04T01:10:00Z")));
        assertTrue(s.allows(Instant.parse("2026-03-04T03:10:00Z")));
        assertFalse(s.allows(Instant.parse("2026-03-04T02:10:00Z")));
        assertEquals(Optional.of(Instant.parse("2026-03-04T03:00:00Z")),
                s.nextAllowed(Instant.parse("2026-03-04T02:10:00Z"), Instant.parse("2026-03-04T03:00:00Z")));
        assertEquals(Optional.empty(), s.nextAllowed(Instant.parse("2026-03-04T02:10:00Z"), Instant.parse("2026-03-04T02:59:59Z")),
                "the search ends at until");
        assertTrue(Schedule.ALWAYS.allows(Instant.EPOCH));
    }

    /** A Wednesday. */
    private static final Instant WEDNESDAY = Instant.parse("2026-11-25T06:30:15Z");

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
    void ts0004_table_7_4_9_1_4_everyFieldMustMatchTheUtcClock(String entry, boolean inside) {
        assertEquals(inside, ScheduleEntry.parse(entry).matches(WEDNESDAY), entry);
    }
}
