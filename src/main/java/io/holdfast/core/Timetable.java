package io.holdfast.core;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;

/** The scheduler, as features see it: run something at a local time of day, in a zone of its own. */
public interface Timetable {

    /** Runs {@code job} at {@code at} in {@code zone} on the given days (all days when {@code days} is empty); replaces an earlier plan with the same key. */
    void plan(String key, java.util.Set<DayOfWeek> days, LocalTime at, ZoneId zone, Runnable job);

    void cancel(String key);
}
