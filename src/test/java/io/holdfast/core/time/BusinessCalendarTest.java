package io.holdfast.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BusinessCalendarTest {
    private static final HolidayCalendars CALENDARS = new HolidayCalendars();

    private static BusinessCalendar calendar(String country) {
        return country.equals("none") ? BusinessCalendar.weekdays() : CALENDARS.forCountry(country);
    }

    @ParameterizedTest(name = "{0}: {1} is a business day: {2}")
    @CsvSource({
        "none, 2026-11-23, true",   // Monday
        "none, 2026-11-27, true",   // Friday
        "none, 2026-11-28, false",  // Saturday
        "none, 2026-11-29, false",  // Sunday
        "none, 2026-11-26, true",   // Thanksgiving, but no holidays without a country
        "US,   2026-11-26, false",  // Thanksgiving
        "US,   2026-11-27, true",   // the day after is not a federal holiday
        "US,   2026-11-11, false",  // Veterans Day, a Wednesday
        "US,   2026-07-03, false",  // Independence Day (Saturday 4 July) observed on the Friday
        "US,   2021-12-31, false",  // New Year's Day 2022 (a Saturday) observed in the year before
        "US,   2026-12-25, false",  // Christmas
        "GB,   2026-12-28, false",  // Boxing Day (Saturday 26th) observed on the Monday
        "GB,   2026-11-26, true",
        "DE,   2026-04-06, false",  // Easter Monday
        "AT,   2026-12-24, true",   // Christmas Eve is only an observance in Austria
        "AT,   2026-12-25, false",
    })
    void knowsWeekendsAndHolidays(String country, LocalDate date, boolean businessDay) {
        assertEquals(businessDay, calendar(country).isBusinessDay(date));
    }

    @ParameterizedTest(name = "{0}: next business day on or after {1} is {2}")
    @CsvSource({
        "none, 2026-11-23, 2026-11-23",
        "none, 2026-11-28, 2026-11-30",
        "US,   2026-11-26, 2026-11-27",
        "US,   2026-07-03, 2026-07-06",
        "GB,   2026-12-25, 2026-12-29",
    })
    void findsTheNextBusinessDay(String country, LocalDate date, LocalDate expected) {
        assertEquals(expected, calendar(country).nextBusinessDayOnOrAfter(date));
    }

    @ParameterizedTest(name = "{0}: {1} plus {2} business days is {3}")
    @CsvSource({
        "none, 2026-11-27, 2, 2026-12-01",  // Friday + 2 = Tuesday
        "none, 2026-11-28, 1, 2026-11-30",  // Saturday + 1 = Monday
        "none, 2026-11-24, 0, 2026-11-24",
        "none, 2026-11-28, 0, 2026-11-28",  // zero does not move, even off a weekend
        "none, 2026-11-24, 5, 2026-12-01",
        "US,   2026-11-24, 2, 2026-11-27",  // skips Thanksgiving
        "US,   2026-12-23, 2, 2026-12-28",  // skips Christmas and the weekend
    })
    void addsBusinessDays(String country, LocalDate date, int days, LocalDate expected) {
        assertEquals(expected, calendar(country).addBusinessDays(date, days));
    }

    @Test
    void refusesToAddNegativeBusinessDays() {
        BusinessCalendar weekdays = BusinessCalendar.weekdays();
        LocalDate monday = LocalDate.of(2026, 11, 23);

        assertThrows(IllegalArgumentException.class, () -> weekdays.addBusinessDays(monday, -1));
    }

    @ParameterizedTest(name = "forCountry(\"{0}\") is {1}")
    @CsvSource({"US, US", "us, US", "' gb ', GB", "De, DE"})
    void readsCountryCodesInAnyCase(String given, String code) {
        BusinessCalendar calendar = CALENDARS.forCountry(given);

        assertEquals(Optional.of(code), calendar.holidayCountry());
        assertEquals(CALENDARS.forCountry(code), calendar);
    }

    @ParameterizedTest(name = "forCountry(\"{0}\") has no holidays")
    @NullSource
    @ValueSource(strings = {"", "   "})
    void treatsNoCountryAsWeekdays(String given) {
        BusinessCalendar calendar = CALENDARS.forCountry(given);

        assertEquals(Optional.empty(), calendar.holidayCountry());
        assertEquals(BusinessCalendar.weekdays(), calendar);
    }

    @ParameterizedTest(name = "forCountry(\"{0}\") is refused")
    @ValueSource(strings = {"XX", "USA", "NYSE", "U S", "1"})
    void refusesUnknownCountries(String given) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CALENDARS.forCountry(given));

        assertTrue(e.getMessage().contains("\"" + given + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("ISO 3166"), e.getMessage());
    }

    @Test
    void worksNineToFive() {
        BusinessCalendar us = CALENDARS.forCountry("US");

        assertEquals(LocalTime.of(9, 0), us.workdayStart());
        assertEquals(LocalTime.of(17, 0), us.workdayEnd());
        assertEquals("BusinessCalendar[US, 09:00-17:00]", us.toString());
    }
}
