package io.holdfast.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.core.time.BusinessCalendar;
import io.holdfast.core.time.HolidayCalendars;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlaCalculatorTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final BusinessCalendar US = new HolidayCalendars().forCountry("US");
    private static final SlaCalculator CALCULATOR = new SlaCalculator();

    private static BusinessCalendar calendar(String country) {
        return country.equals("none") ? BusinessCalendar.weekdays() : US;
    }

    // Times are local to the zone. November 2026: Tue 24, Wed 25, Thu 26 (Thanksgiving), Fri 27, Mon 30.
    @ParameterizedTest(name = "[{0}, {1}] {3} from {2}: warn {4}, due {5}")
    @CsvSource({
        // wall clock
        "America/New_York, none, 2026-11-24T10:00, 1h,   2026-11-24T10:45, 2026-11-24T11:00",
        "America/New_York, none, 2026-11-28T10:00, 1h,   2026-11-28T10:45, 2026-11-28T11:00",  // weekends count
        // 2h Tuesday + 2h Wednesday
        "America/New_York, none, 2026-11-24T15:00, 4bh,  2026-11-25T10:00, 2026-11-25T11:00",
        // 1h Friday + 3h Monday
        "America/New_York, none, 2026-11-27T16:00, 4bh,  2026-11-30T11:00, 2026-11-30T12:00",
        // started on the weekend: counting starts Monday 09:00
        "America/New_York, none, 2026-11-28T10:00, 4bh,  2026-11-30T12:00, 2026-11-30T13:00",
        "America/New_York, none, 2026-11-29T20:00, 1bd,  2026-11-30T15:00, 2026-11-30T17:00",
        // started at closing: counting starts at the next opening
        "America/New_York, none, 2026-11-24T17:00, 1bh,  2026-11-25T09:45, 2026-11-25T10:00",
        // started before opening: counting starts at 09:00 that day
        "America/New_York, none, 2026-11-24T08:00, 1bh,  2026-11-24T09:45, 2026-11-24T10:00",
        // runs out exactly at closing: due at closing, not the next morning
        "America/New_York, none, 2026-11-24T13:00, 4bh,  2026-11-24T16:00, 2026-11-24T17:00",
        // 40 business hours: 7 + 8 + 8 + 8 + 8 + 1
        "America/New_York, none, 2026-11-24T10:00, 5bd,  2026-11-27T16:00, 2026-12-01T10:00",
        "America/New_York, none, 2026-11-24T10:00, 10bd, 2026-12-03T14:00, 2026-12-08T10:00",
        // Thanksgiving closes Thursday in the US calendar only
        "America/New_York, none, 2026-11-25T15:00, 4bh,  2026-11-26T10:00, 2026-11-26T11:00",
        "America/New_York, US,   2026-11-25T15:00, 4bh,  2026-11-27T10:00, 2026-11-27T11:00",
        "America/New_York, US,   2026-11-26T10:00, 4bh,  2026-11-27T12:00, 2026-11-27T13:00",
        "America/New_York, US,   2026-11-24T10:00, 5bd,  2026-11-30T16:00, 2026-12-02T10:00",
        // New York falls back on Sunday 1 November: business hours stay 09:00-17:00 local ...
        "America/New_York, none, 2026-10-30T15:00, 4bh,  2026-11-02T10:00, 2026-11-02T11:00",
        // ... while 72 wall-clock hours end an hour earlier on the clock
        "America/New_York, none, 2026-10-30T10:00, 72h,  2026-11-01T15:00, 2026-11-02T09:00",
        // and springs forward on Sunday 8 March: an hour later on the clock
        "America/New_York, none, 2026-03-06T10:00, 72h,  2026-03-08T17:00, 2026-03-09T11:00",
        // Berlin falls back on Sunday 25 October
        "Europe/Berlin,    none, 2026-10-23T15:00, 4bh,  2026-10-26T10:00, 2026-10-26T11:00",
        "Europe/Berlin,    none, 2026-10-23T10:00, 72h,  2026-10-25T15:00, 2026-10-26T09:00",
    })
    void endsWindows(ZoneId zone, String country, LocalDateTime start, String window, LocalDateTime warnAt,
            LocalDateTime due) {
        SlaClock clock = CALCULATOR.clock(start.atZone(zone).toInstant(), SlaWindow.parse(window), zone,
                calendar(country));

        assertEquals(warnAt.atZone(zone), clock.warnAt().atZone(zone), "warning");
        assertEquals(due.atZone(zone), clock.due().atZone(zone), "due");
    }

    @Test
    void countsTheDayAfterThanksgivingAsABusinessDay() {
        // The Thanksgiving rows above depend on this: jollyday's US calendar closes only the Thursday.
        assertFalse(US.isBusinessDay(LocalDate.of(2026, 11, 26)));
        assertTrue(US.isBusinessDay(LocalDate.of(2026, 11, 27)));
    }

    @Test
    void countsTheExtraNightHourOfADstChangeAsClosedTime() {
        Instant fridayAt3 = Instant.parse("2026-10-30T19:00:00Z");  // 15:00 EDT

        SlaClock clock = CALCULATOR.clock(fridayAt3, SlaWindow.parse("4bh"), NEW_YORK, BusinessCalendar.weekdays());

        assertEquals(Instant.parse("2026-11-02T16:00:00Z"), clock.due());  // Monday 11:00 EST
        assertEquals(Duration.ofHours(69), Duration.between(fridayAt3, clock.due()));
    }

    @Test
    void runsWallClockWindowsOnElapsedTimeAcrossADstChange() {
        Instant fridayAt10 = Instant.parse("2026-10-30T14:00:00Z");  // 10:00 EDT

        SlaClock clock = CALCULATOR.clock(fridayAt10, SlaWindow.parse("72h"), NEW_YORK, US);

        assertEquals(fridayAt10.plus(Duration.ofHours(72)), clock.due());
        assertEquals(fridayAt10.plus(Duration.ofHours(54)), clock.warnAt());
        assertEquals(LocalTime.of(9, 0), clock.due().atZone(NEW_YORK).toLocalTime());
    }

    @Test
    void agreesWithTheCalendarOverTheLongestWindow() {
        // 1095 business days is the longest window there is; counting them day by day stays cheap.
        ZonedDateTime start = ZonedDateTime.of(2026, 11, 24, 10, 0, 0, 0, NEW_YORK);

        SlaClock clock = CALCULATOR.clock(start.toInstant(), SlaWindow.parse("1095bd"), NEW_YORK, US);

        LocalDate expected = US.addBusinessDays(start.toLocalDate(), 1095);
        assertEquals(expected.atTime(10, 0).atZone(NEW_YORK).toInstant(), clock.due());
    }
}
