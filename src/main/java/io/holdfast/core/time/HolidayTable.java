package io.holdfast.core.time;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The days a country's holidays close, computed once per year. */
final class HolidayTable {

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
