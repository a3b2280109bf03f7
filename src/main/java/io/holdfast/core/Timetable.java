package io.holdfast.core;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/** The scheduler, as features see it: run a named job at a local time of day, in a zone of its own. */
public interface Timetable {

    /**
     * Runs the job registered as {@code job} at {@code at} in {@code zone} on the given days (all days
     * when {@code days} is empty); replaces an earlier plan with the same key. Jobs are named rather
     * than passed, because on PostgreSQL a plan made on one replica may fire on another.
     */
    void plan(String key, Set<DayOfWeek> days, LocalTime at, ZoneId zone, String job);

    void cancel(String key);
}
