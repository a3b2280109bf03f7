package io.holdfast.core.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;

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

    private static final BusinessCalendar WEEKDAYS = new BusinessCalendar(null, HolidayTable.NONE, DEFAULT_START, DEFAULT_END);

    private final String holidayCountry;
    private final HolidayTable holidays;
    private final LocalTime start;
    private final LocalTime end;

    BusinessCalendar(String holidayCountry, HolidayTable holidays, LocalTime start, LocalTime end) {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("a working day starts before it ends");
        }
        this.holidayCountry = holidayCountry;
        this.holidays = holidays;
        this.start = start;
        this.end = end;
    }

    /** The same calendar with the tenant's own working hours. */
    public BusinessCalendar withHours(LocalTime workdayStart, LocalTime workdayEnd) {
        return new BusinessCalendar(holidayCountry, holidays, workdayStart, workdayEnd);
    }

    /** Monday to Friday, 09:00-17:00, no holidays. */
    public static BusinessCalendar weekdays() {
        return WEEKDAYS;
    }

    public Optional<String> holidayCountry() {
        return Optional.ofNullable(holidayCountry);
    }

    public LocalTime workdayStart() {
        return start;
    }

    public LocalTime workdayEnd() {
        return end;
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
        return other instanceof BusinessCalendar that && Objects.equals(holidayCountry, that.holidayCountry) && start.equals(that.start)
                && end.equals(that.end);
    }

    @Override
    public int hashCode() {
        return Objects.hash(holidayCountry, start, end);
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + (holidayCountry == null ? "weekdays" : holidayCountry) + ", "
                + start + "-" + end + "]";
    }
}
