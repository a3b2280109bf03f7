package io.holdfast.escalation;

import io.holdfast.core.time.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/** Works out when SLA windows end. Stateless and thread-safe. */
public final class SlaCalculator {

    public static final double WARN_FRACTION = 0.75;

    /**
     * Starts {@code window} at {@code start}. Wall-clock windows: due = start + length, warnAt = start +
     * 75% of length. Business windows: only time inside the calendar's working hours (workdayStart to
     * workdayEnd) on business days, in {@code zone}, counts; a window started outside working hours starts
     * counting at the next opening; warnAt is where 75% of the business length has accrued. A business
     * window that runs out exactly at closing time is due at closing, not at the next opening.
     */
    public SlaClock clock(Instant start, SlaWindow window, ZoneId zone, BusinessCalendar calendar) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(calendar, "calendar");
        // Windows are whole minutes, so 75% of one is whole seconds.
        Duration warnAfter = Duration.ofSeconds(Math.round(window.length().toSeconds() * WARN_FRACTION));
        if (!window.businessTime()) {
            // Elapsed time, so across a DST change the local due time moves by the hour.
            return new SlaClock(start.plus(warnAfter), start.plus(window.length()));
        }
        return new SlaClock(
                afterBusinessTime(start, warnAfter, zone, calendar),
                afterBusinessTime(start, window.length(), zone, calendar));
    }

    // Opening and closing are resolved in the zone for each day, so on either side of a DST change
    // they stay at the local 09:00 and 17:00 while the instants between them shift.
    private static Instant afterBusinessTime(Instant start, Duration amount, ZoneId zone, BusinessCalendar calendar) {
        Duration remaining = amount;
        for (LocalDate day = start.atZone(zone).toLocalDate(); ; day = day.plusDays(1)) {
            if (!calendar.isBusinessDay(day)) {
                continue;
            }
            Instant opening = day.atTime(calendar.workdayStart()).atZone(zone).toInstant();
            Instant closing = day.atTime(calendar.workdayEnd()).atZone(zone).toInstant();
            Instant from = start.isAfter(opening) ? start : opening;
            if (!from.isBefore(closing)) {
                continue;
            }
            Duration open = Duration.between(from, closing);
            if (remaining.compareTo(open) <= 0) {
                return from.plus(remaining);
            }
            remaining = remaining.minus(open);
        }
    }
}
