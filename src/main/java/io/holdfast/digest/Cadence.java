package io.holdfast.digest;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/** How often a channel gets the digest. */
public enum Cadence {
    DAILY, WEEKDAYS, WEEKLY;

    /** The days it is posted; for WEEKLY the one chosen day. */
    public Set<DayOfWeek> days(DayOfWeek weeklyDay) {
        return switch (this) {
            case DAILY -> EnumSet.allOf(DayOfWeek.class);
            case WEEKDAYS -> EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
            case WEEKLY -> EnumSet.of(weeklyDay);
        };
    }

    public boolean postsOn(LocalDate date, DayOfWeek weeklyDay) {
        return days(weeklyDay).contains(date.getDayOfWeek());
    }
}
