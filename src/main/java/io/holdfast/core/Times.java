package io.holdfast.core;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How times are written for people: in their own zone, short, unambiguous ("Fri 5 Dec 17:00"). */
public final class Times {
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_WITH_ZONE = DateTimeFormatter.ofPattern("EEE d MMM HH:mm z", Locale.ENGLISH);

    private Times() {
    }

    public static String inZone(Instant at, ZoneId zone) {
        return SHORT.format(at.atZone(zone));
    }

    /** With the zone's abbreviation, for text read by people who may be elsewhere. */
    public static String withZone(Instant at, ZoneId zone) {
        return SHORT_WITH_ZONE.format(at.atZone(zone));
    }

    /** "3 days", "5 hours", "20 minutes": the larger unit only, rounded down. */
    public static String span(Duration d) {
        long minutes = Math.max(1, d.toMinutes());
        if (minutes >= 60 * 24) {
            return plural(minutes / (60 * 24), "day");
        }
        if (minutes >= 60) {
            return plural(minutes / 60, "hour");
        }
        return plural(minutes, "minute");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
