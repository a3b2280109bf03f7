package io.holdfast.core.time;

import de.focus_shift.jollyday.core.HolidayManager;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Makes business calendars for holiday countries. Reading a country's holiday rules is slow, so one
 * instance (owned by the composition root) shares each country's table among all its calendars.
 */
public final class HolidayCalendars {
    private static final Pattern ISO_COUNTRY = Pattern.compile("[A-Z]{2}");

    private final Map<String, HolidayTable> tables = new ConcurrentHashMap<>();

    /**
     * Monday to Friday, 09:00-17:00, closed on the public holidays of {@code holidayCountry}.
     *
     * @param holidayCountry an ISO 3166 alpha-2 code such as "US", "GB" or "DE", in any case;
     *     null or blank means no holidays
     * @throws IllegalArgumentException if jollyday has no holidays for that code
     */
    public BusinessCalendar forCountry(String holidayCountry) {
        if (holidayCountry == null || holidayCountry.isBlank()) {
            return BusinessCalendar.weekdays();
        }
        String code = holidayCountry.strip().toUpperCase(Locale.ROOT);
        // jollyday also knows exchange calendars (NYSE, TARGET...), which are not countries.
        if (!ISO_COUNTRY.matcher(code).matches() || !HolidayManager.getSupportedCalendarCodes().contains(code)) {
            throw new IllegalArgumentException("Unknown holiday country \"" + holidayCountry.strip()
                    + "\": use a two-letter ISO 3166 country code such as US, GB or DE.");
        }
        return new BusinessCalendar(code, tables.computeIfAbsent(code, HolidayTable::forCountry), BusinessCalendar.DEFAULT_START,
                BusinessCalendar.DEFAULT_END);
    }
}
