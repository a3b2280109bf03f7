package io.holdfast.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DueDateReaderTest {
    private static final HolidayCalendars CALENDARS = new HolidayCalendars();

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final BusinessCalendar WEEKDAYS = BusinessCalendar.weekdays();
    /** Tuesday 24 November 2026, 10:00 in New York. */
    private static final String NOW = "2026-11-24T10:00";

    // The clock runs in UTC on purpose: the reader must use the person's zone, never the clock's.
    private static DueDateReader readerAt(Instant now) {
        return new DueDateReader(Clock.fixed(now, ZoneOffset.UTC));
    }

    private static DueDateReader readerAt(LocalDateTime newYorkTime) {
        return readerAt(newYorkTime.atZone(NEW_YORK).toInstant());
    }

    private static DueReading.Due dueInNewYork(LocalDateTime local) {
        ZonedDateTime zoned = ZonedDateTime.of(local, NEW_YORK);
        return new DueReading.Due(zoned.toInstant(), zoned);
    }

    private static BusinessCalendar calendar(String country) {
        return country.equals("none") ? WEEKDAYS : CALENDARS.forCountry(country);
    }

    @ParameterizedTest(name = "\"{0}\" on Tue 24 Nov 10:00 is {1}")
    @CsvSource({
        // ISO forms
        "2026-12-01,                2026-12-01T17:00",
        "2026-12-01T15:00,          2026-12-01T15:00",
        "2026-12-01t15:00:30,       2026-12-01T15:00:30",
        "2026-12-01T15:00:00Z,      2026-12-01T10:00",
        "2026-12-01T15:00:00+01:00, 2026-12-01T09:00",
        // named days
        "today,          2026-11-24T17:00",
        "tomorrow,       2026-11-25T17:00",
        "eod,            2026-11-24T17:00",
        "end of day,     2026-11-24T17:00",
        "eow,            2026-11-27T17:00",
        "end of week,    2026-11-27T17:00",
        "friday,         2026-11-27T17:00",
        "fri,            2026-11-27T17:00",
        "this friday,    2026-11-27T17:00",
        "tuesday,        2026-11-24T17:00",
        "monday,         2026-11-30T17:00",
        "next tuesday,   2026-12-01T17:00",
        "next monday,    2026-11-30T17:00",
        "next sunday,    2026-12-06T17:00",
        "next week,      2026-11-30T17:00",
        // counted days keep the end of the working day
        "in 0 days,          2026-11-24T17:00",
        "in a day,           2026-11-25T17:00",
        "in 3 days,          2026-11-27T17:00",
        "in 4 days,          2026-11-30T17:00",
        "in 2 business days, 2026-11-26T17:00",
        "in 2 working days,  2026-11-26T17:00",
        "in 4 business days, 2026-11-30T17:00",
        "in 1 week,          2026-12-01T17:00",
        "in a week,          2026-12-01T17:00",
        "in 2 weeks,         2026-12-08T17:00",
        // counted hours and minutes keep the exact time
        "in 3 hours,      2026-11-24T13:00",
        "in an hour,      2026-11-24T11:00",
        "in 30 minutes,   2026-11-24T10:30",
        "in 30 mins,      2026-11-24T10:30",
        "in 90 min,       2026-11-24T11:30",
        // a date with a time
        "friday 3pm,            2026-11-27T15:00",
        "friday at 3pm,         2026-11-27T15:00",
        "Friday at 3 PM,        2026-11-27T15:00",
        "tomorrow 9:30am,       2026-11-25T09:30",
        "tomorrow 9:30 am,      2026-11-25T09:30",
        "2026-12-01 14:30,      2026-12-01T14:30",
        "2026-12-01 at 2:30pm,  2026-12-01T14:30",
        "tomorrow noon,         2026-11-25T12:00",
        "tomorrow 12pm,         2026-11-25T12:00",
        "tomorrow 12am,         2026-11-25T00:00",
        "friday midnight,       2026-11-28T00:00",
        "in 2 days at 8am,      2026-11-26T08:00",
        "in 2 business days 9:00, 2026-11-26T09:00",
        "next week at 10am,     2026-11-30T10:00",
        // a time alone is today
        "14:30,      2026-11-24T14:30",
        "3pm,        2026-11-24T15:00",
        "at 4pm,     2026-11-24T16:00",
        "noon,       2026-11-24T12:00",
        "midnight,   2026-11-25T00:00",
        // filler, case and spacing
        "by friday,             2026-11-27T17:00",
        "on friday,             2026-11-27T17:00",
        "By 14:30,              2026-11-24T14:30",
        "Friday.,               2026-11-27T17:00",
        "'   FRIDAY    3pm  ',  2026-11-27T15:00",
        "'by tomorrow\u00A09:30am.', 2026-11-25T09:30",
    })
    void readsEveryForm(String phrase, LocalDateTime expected) {
        DueReading reading = readerAt(LocalDateTime.parse(NOW)).read(phrase, NEW_YORK, WEEKDAYS);

        assertEquals(dueInNewYork(expected), reading);
    }

    @ParameterizedTest(name = "{0}: \"{2}\" read at {1} is {3}")
    @CsvSource({
        "none, 2026-11-27T09:00, friday,             2026-11-27T17:00",  // Friday morning: today
        "none, 2026-11-27T09:00, in 2 business days, 2026-12-01T17:00",  // Friday + 2 = Tuesday
        "none, 2026-11-27T09:00, next week,          2026-11-30T17:00",
        "none, 2026-11-30T09:00, tuesday,            2026-12-01T17:00",
        "none, 2026-11-30T09:00, next tuesday,       2026-12-08T17:00",  // Monday: the week after
        "none, 2026-11-29T09:00, next tuesday,       2026-12-01T17:00",  // Sunday: two days on
        "none, 2026-11-28T09:00, in 0 days,          2026-11-30T17:00",  // Saturday moves to Monday
        "none, 2026-11-28T09:00, tomorrow,           2026-11-29T17:00",  // a named day is kept
        "US,   2026-11-24T10:00, in 2 business days, 2026-11-27T17:00",  // skips Thanksgiving
        "US,   2026-11-24T10:00, in 2 days,          2026-11-27T17:00",  // lands on it, moves on
        "US,   2026-11-24T10:00, in 3 business days, 2026-11-30T17:00",
        "US,   2026-11-19T10:00, in 1 week,          2026-11-27T17:00",
        "US,   2026-11-24T10:00, thursday,           2026-11-26T17:00",  // a named holiday is kept
        "US,   2026-06-29T10:00, eow,                2026-07-02T17:00",  // Friday 3 July is off
        "GB,   2026-12-22T10:00, next week,          2026-12-29T17:00",  // Monday is Boxing Day
    })
    void readsAgainstTheClockAndTheCalendar(
            String country, LocalDateTime now, String phrase, LocalDateTime expected) {
        DueReading reading = readerAt(now).read(phrase, NEW_YORK, calendar(country));

        assertEquals(dueInNewYork(expected), reading);
    }

    @ParameterizedTest(name = "\"{2}\" in {1} is {3}")
    @CsvSource({
        // 15:00 UTC is already Wednesday in Tokyo but still Tuesday morning in Los Angeles.
        "2026-11-24T15:00:00Z, Asia/Tokyo,          friday,   2026-11-27T17:00+09:00, 2026-11-27T08:00:00Z",
        "2026-11-24T15:00:00Z, America/Los_Angeles, friday,   2026-11-27T17:00-08:00, 2026-11-28T01:00:00Z",
        "2026-11-24T15:00:00Z, Asia/Tokyo,          tomorrow, 2026-11-26T17:00+09:00, 2026-11-26T08:00:00Z",
        "2026-11-24T15:00:00Z, America/Los_Angeles, tomorrow, 2026-11-25T17:00-08:00, 2026-11-26T01:00:00Z",
        "2026-11-24T15:00:00Z, Asia/Tokyo,          14:30,    2026-11-25T14:30+09:00, 2026-11-25T05:30:00Z",
        "2026-11-24T15:00:00Z, America/Los_Angeles, 14:30,    2026-11-24T14:30-08:00, 2026-11-24T22:30:00Z",
        "2026-11-24T15:00:00Z, Asia/Tokyo,          2026-12-01T15:00:00Z, 2026-12-02T00:00+09:00, 2026-12-01T15:00:00Z",
        "2026-11-24T15:00:00Z, America/Los_Angeles, 2026-12-01T15:00:00Z, 2026-12-01T07:00-08:00, 2026-12-01T15:00:00Z",
        // Berlin springs forward at 02:00 on Sunday 29 March 2026; "now" is Saturday 10:00 CET.
        "2026-03-28T09:00:00Z, Europe/Berlin, today,            2026-03-28T17:00+01:00, 2026-03-28T16:00:00Z",
        "2026-03-28T09:00:00Z, Europe/Berlin, tomorrow,         2026-03-29T17:00+02:00, 2026-03-29T15:00:00Z",
        "2026-03-28T09:00:00Z, Europe/Berlin, in 2 days,        2026-03-30T17:00+02:00, 2026-03-30T15:00:00Z",
        "2026-03-28T09:00:00Z, Europe/Berlin, in 24 hours,      2026-03-29T11:00+02:00, 2026-03-29T09:00:00Z",
        "2026-03-28T09:00:00Z, Europe/Berlin, 2026-03-29T02:30, 2026-03-29T03:30+02:00, 2026-03-29T01:30:00Z",
        // New York falls back at 02:00 on Sunday 1 November 2026; "now" is Friday 10:00 EDT.
        "2026-10-30T14:00:00Z, America/New_York, today,            2026-10-30T17:00-04:00, 2026-10-30T21:00:00Z",
        "2026-10-30T14:00:00Z, America/New_York, in 3 days,        2026-11-02T17:00-05:00, 2026-11-02T22:00:00Z",
        "2026-10-30T14:00:00Z, America/New_York, in 48 hours,      2026-11-01T09:00-05:00, 2026-11-01T14:00:00Z",
        "2026-10-30T14:00:00Z, America/New_York, 2026-11-01T01:30, 2026-11-01T01:30-04:00, 2026-11-01T05:30:00Z",
        "2026-10-30T14:00:00Z, America/New_York, sunday 1:30am,    2026-11-01T01:30-04:00, 2026-11-01T05:30:00Z",
    })
    void readsInThePersonsZone(
            Instant now, ZoneId zone, String phrase, OffsetDateTime expectedLocal, Instant expectedInstant) {
        DueReading reading = readerAt(now).read(phrase, zone, WEEKDAYS);

        DueReading.Due due = assertInstanceOf(DueReading.Due.class, reading);
        assertEquals(expectedLocal, due.local().toOffsetDateTime());
        assertEquals(zone, due.local().getZone());
        assertEquals(expectedInstant, due.instant());
    }

    @ParameterizedTest(name = "\"{1}\" read at {0} is past: {2}")
    @CsvSource({
        "2026-11-24T10:00, 2026-11-01,           2026-11-01T17:00",
        "2026-11-24T10:00, 9am,                  2026-11-24T09:00",
        "2026-11-24T10:00, 2026-11-24T10:00,     2026-11-24T10:00",  // exactly now is not ahead
        "2026-11-24T10:00, 2026-11-24T15:00:00Z, 2026-11-24T10:00",
        "2026-11-24T10:00, in 0 minutes,         2026-11-24T10:00",
        "2026-11-24T18:00, today,                2026-11-24T17:00",
        "2026-11-24T18:00, eod,                  2026-11-24T17:00",
        "2026-11-24T18:00, in 0 days,            2026-11-24T17:00",
        "2026-11-27T18:00, friday,               2026-11-27T17:00",  // Friday evening
        "2026-11-28T10:00, eow,                  2026-11-27T17:00",  // Saturday
        "2026-11-23T22:00, today,                2026-11-23T17:00",  // already Tuesday in UTC
    })
    void tellsWhenTheDateHasPassed(LocalDateTime now, String phrase, LocalDateTime expected) {
        DueReading reading = readerAt(now).read(phrase, NEW_YORK, WEEKDAYS);

        assertEquals(new DueReading.Past(ZonedDateTime.of(expected, NEW_YORK)), reading);
    }

    @ParameterizedTest(name = "\"{0}\" is unreadable: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "fridya                | I couldn't read \"fridya\" as a date.",
        "by Fridya 3pm         | I couldn't read \"by Fridya 3pm\" as a date.",
        "asap                  | I couldn't read \"asap\" as a date.",
        "next                  | I couldn't read \"next\" as a date.",
        "tomorrow 3            | I couldn't read \"3\" as a time.",
        "fridya 3              | I couldn't read \"fridya 3\" as a date.",
        "in 2 days 17          | I couldn't read \"17\" as a time.",
        "12/01/2026            | I couldn't read \"12/01/2026\" as a date.",
        "eod 3pm               | I couldn't read \"eod 3pm\" as a date.",
        "in 3 business hours   | I couldn't read \"in 3 business hours\" as a date.",
        "in 2 business weeks   | I couldn't read \"in 2 business weeks\" as a date.",
        "in 3 hours at 5pm     | I couldn't read \"in 3 hours at 5pm\" as a date.",
        "friday 25pm           | I couldn't read \"25pm\" as a time.",
        "friday 13pm           | I couldn't read \"13pm\" as a time.",
        "tomorrow 9:75am       | I couldn't read \"9:75am\" as a time.",
        "24:00                 | I couldn't read \"24:00\" as a time.",
        "0am                   | I couldn't read \"0am\" as a time.",
        "2026-02-30            | 2026-02-30 isn't a real date.",
        "2026-13-01 3pm        | 2026-13-01 isn't a real date.",
        "2026-12-01T25:00      | 2026-12-01T25:00 isn't a real date and time.",
        "2026-02-30T10:00:00Z  | 2026-02-30T10:00:00Z isn't a real date and time.",
        "in -3 days            | I can only count forward, not \"in -3 days\".",
        "in 99999 days         | \"in 99999 days\" is too far ahead.",
        "in 12345678901 hours  | \"in 12345678901 hours\" is too far ahead.",
        "please have it to me around the end of next month | "
                + "I couldn't read \"please have it to me around the end of n…\" as a date.",
    })
    void explainsWhatItCouldNotRead(String phrase, String reason) {
        DueReading reading = readerAt(LocalDateTime.parse(NOW)).read(phrase, NEW_YORK, WEEKDAYS);

        assertEquals(new DueReading.Unreadable(reason), reading);
    }

    @ParameterizedTest(name = "\"{0}\" is empty")
    @NullAndEmptySource
    @ValueSource(strings = {"   ", ".", " \u00A0 "})
    void saysWhenThereIsNothingToRead(String phrase) {
        DueReading reading = readerAt(LocalDateTime.parse(NOW)).read(phrase, NEW_YORK, WEEKDAYS);

        assertEquals(new DueReading.Unreadable("There's no due date to read."), reading);
    }

    static Stream<String> examples() {
        return Arrays.stream(DueDateReader.EXAMPLES.split(", "));
    }

    @ParameterizedTest(name = "example \"{0}\" is readable")
    @MethodSource("examples")
    void showsOnlyExamplesItCanRead(String example) {
        DueReading reading = readerAt(LocalDateTime.parse(NOW)).read(example, NEW_YORK, WEEKDAYS);

        assertInstanceOf(DueReading.Due.class, reading);
    }
}
