package io.holdfast.core.time;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A tenant's working calendar: working days Monday to Friday, working hours, and optionally the public
 * holidays of one country as published by jollyday. Immutable and thread-safe.
 *
 * <p>Only public and bank holidays close a business day; jollyday's observances (days that are marked
 * but not taken off) do not. A holiday that falls on a weekend closes the weekday it is observed on
 * (e.g. US Independence Day 2026, a Saturday, closes Friday 3 July).
 */
public final class BusinessCalendar {

    public static final LocalTime DEFAULT_START = LocalTime.of(9, 0);
    public static final LocalTime DEFAULT_END = LocalTime.of(17, 0);

    private static final BusinessCalendar WEEKDAYS = new BusinessCalendar(null, HolidayTable.NONE);
    private static final Pattern ISO_COUNTRY = Pattern.compile("[A-Z]{2}");
    // Parsing a country's holiday rules is slow, so every calendar of one country shares one table.
    private static final Map<String, HolidayTable> TABLES = new ConcurrentHashMap<>();

    private final String holidayCountry;
    private final HolidayTable holidays;

    private BusinessCalendar(String holidayCountry, HolidayTable holidays) {
        this.holidayCountry = holidayCountry;
        this.holidays = holidays;
    }

    /** Monday to Friday, 09:00-17:00, no holidays. */
    public static BusinessCalendar weekdays() {
        return WEEKDAYS;
    }

    /**
     * Monday to Friday, 09:00-17:00, closed on the public holidays of {@code holidayCountry}.
     *
     * @param holidayCountry an ISO 3166 alpha-2 code such as "US", "GB" or "DE", in any case;
     *     null or blank means no holidays
     * @throws IllegalArgumentException if jollyday has no holidays for that code
     */
    public static BusinessCalendar forCountry(String holidayCountry) {
        if (holidayCountry == null || holidayCountry.isBlank()) {
            return WEEKDAYS;
        }
        String code = holidayCountry.strip().toUpperCase(Locale.ROOT);
        // jollyday also knows exchange calendars (NYSE, TARGET...), which are not countries.
        if (!ISO_COUNTRY.matcher(code).matches() || !HolidayManager.getSupportedCalendarCodes().contains(code)) {
            throw new IllegalArgumentException("Unknown holiday country \"" + holidayCountry.strip()
                    + "\": use a two-letter ISO 3166 country code such as US, GB or DE.");
        }
        return new BusinessCalendar(code, TABLES.computeIfAbsent(code, HolidayTable::forCountry));
    }

    public Optional<String> holidayCountry() {
        return Optional.ofNullable(holidayCountry);
    }

    public LocalTime workdayStart() {
        return DEFAULT_START;
    }

    public LocalTime workdayEnd() {
        return DEFAULT_END;
    }

    /** False on Saturdays, Sundays and holidays. */
    public boolean isBusinessDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.isClosed(date);
    }

    public LocalDate nextBusinessDayOnOrAfter(LocalDate date) {
        LocalDate day = date;
        while (!isBusinessDay(day)) {
            day = day.plusDays(1);
        }
        return day;
    }

    /**
     * Counts {@code days} business days forward, so 2 from a Friday is the Tuesday and 1 from a Saturday
     * is the Monday. Zero returns {@code date} unchanged, even if it is not a business day.
     *
     * @throws IllegalArgumentException if {@code days} is negative
     */
    public LocalDate addBusinessDays(LocalDate date, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative: " + days);
        }
        LocalDate day = date;
        for (int counted = 0; counted < days; counted++) {
            day = nextBusinessDayOnOrAfter(day.plusDays(1));
        }
        return day;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BusinessCalendar that && Objects.equals(holidayCountry, that.holidayCountry);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(holidayCountry);
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + (holidayCountry == null ? "weekdays" : holidayCountry) + ", "
                + DEFAULT_START + "-" + DEFAULT_END + "]";
    }

    /** The days a country's holidays close, computed once per year. */
    private static final class HolidayTable {

        static final HolidayTable NONE = new HolidayTable(null);

        private final HolidayManager manager;
        private final Map<Integer, Set<LocalDate>> closedByYear = new ConcurrentHashMap<>();

        private HolidayTable(HolidayManager manager) {
            this.manager = manager;
        }

        static HolidayTable forCountry(String code) {
            return new HolidayTable(HolidayManager.getInstance(ManagerParameters.create(code)));
        }

        boolean isClosed(LocalDate date) {
            return manager != null && closedByYear.computeIfAbsent(date.getYear(), this::closedDays).contains(date);
        }

        // A holiday can be observed in a neighbouring year (US New Year's Day 2022 was observed on
        // Friday 31 December 2021), and jollyday files it under the holiday's own year.
        private Set<LocalDate> closedDays(int year) {
            return IntStream.rangeClosed(year - 1, year + 1)
                    .mapToObj(y -> manager.getHolidays(Year.of(y)))
                    .flatMap(Set::stream)
                    .filter(holiday -> holiday.getType() != HolidayType.OBSERVANCE)
                    .map(Holiday::getDate)
                    .filter(date -> date.getYear() == year)
                    .collect(Collectors.toUnmodifiableSet());
        }
    }
}
