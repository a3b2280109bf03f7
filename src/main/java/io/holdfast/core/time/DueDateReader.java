package io.holdfast.core.time;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the due dates people type ("friday 3pm", "in 2 business days") in that person's time zone.
 *
 * <p>Case and extra spaces don't matter; a leading "by" or "on" and a trailing "." are ignored. Forms:
 * <ul>
 *   <li>{@code 2026-12-01T15:00:00Z} (or with an offset such as {@code +01:00}): that instant.
 *       {@code 2026-12-01T15:00}: that local time.
 *   <li>{@code in 30 minutes}, {@code in 30 mins}, {@code in 3 hours}, {@code in an hour}: exactly that
 *       long after now, so across a DST change the wall-clock time moves.
 *   <li>{@code eod}, {@code end of day}: today at the end of the working day. {@code eow},
 *       {@code end of week}: the last business day of this week (Monday to Sunday) at the end of the
 *       working day, which is in the past once that day's working hours are over.
 *   <li>A date, optionally followed by a time ({@code friday 3pm}, {@code friday at 3pm}):
 *     <ul>
 *       <li>{@code today}, {@code tomorrow}, {@code 2026-12-01}.
 *       <li>{@code friday}, {@code fri}, {@code this friday}: the first Friday on or after today, so
 *           "friday" said on a Friday is that same day.
 *       <li>{@code next tuesday}: the Tuesday of the following calendar week, weeks starting on Monday.
 *           Said on a Monday that is 8 days ahead; said on a Sunday, 2 days ahead.
 *       <li>{@code next week}: the first business day of the following calendar week.
 *       <li>{@code in 3 days}, {@code in 2 weeks}, {@code in a day}: that many calendar days ahead, moved
 *           on to the next business day if that is a weekend or holiday. {@code in 2 business days},
 *           {@code in 2 working days}: counted with {@link BusinessCalendar#addBusinessDays}.
 *     </ul>
 *     A date with no time means that date at the end of the working day. Dates the person names
 *     ("tomorrow", "saturday", an ISO date) are taken as said, even on a weekend or holiday.
 *   <li>A time alone ({@code 14:30}, {@code 3pm}, {@code noon}) means today at that time.
 * </ul>
 * Times are {@code 3pm}, {@code 9:30am}, {@code 14:30}, {@code noon} and {@code midnight}. "midnight"
 * ends the day it follows ("friday midnight" is 00:00 on Saturday), because someone promising a thing
 * "by midnight" means tonight; "12am" is read as a clock time, 00:00 at the start of the day.
 *
 * <p>Local date-times become instants as {@link ZonedDateTime#of(LocalDateTime, ZoneId)} does: a time
 * skipped by a DST change moves forward by the length of the gap; a repeated time takes the earlier
 * offset. Amounts above 10,000 ("in 99999 days") are refused rather than computed.
 */
public final class DueDateReader {

    /** Phrases to show someone whose phrase was unreadable. */
    public static final String EXAMPLES = "friday, tomorrow 3pm, 2026-12-01, in 2 business days";

    private static final int MAX_AMOUNT = 10_000;
    private static final int MAX_QUOTE = 40;

    private static final Pattern SPACES = Pattern.compile("(?U)\\s+");
    private static final Pattern INSTANT =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}t\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(z|[+-]\\d{2}:\\d{2})");
    private static final Pattern LOCAL_DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}t\\d{2}:\\d{2}(:\\d{2})?");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern RELATIVE =
            Pattern.compile("in (-?\\d+|an?) (?:(business|working) )?(min|minute|hour|hr|day|week)s?");
    private static final Pattern WEEKDAY = Pattern.compile("(?:(this|next) )?([a-z]+)");
    // Loose on purpose ("3" is caught here) so that a bad time gets its own message.
    private static final Pattern DATE_AND_TIME = Pattern.compile("(?:(?<date>.+?) )??(?:at )?"
            + "(?<time>(?<hour>\\d{1,2})(?::(?<minute>\\d{2}))? ?(?<half>[ap]m)?|noon|midnight)");
    private static final Map<String, DayOfWeek> DAY_NAMES = dayNames();

    private final Clock clock;

    public DueDateReader(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reads {@code phrase} as said by someone in {@code zone}, whose business days follow
     * {@code calendar}. Never throws for bad input: it comes back {@link DueReading.Unreadable}.
     */
    public DueReading read(String phrase, ZoneId zone, BusinessCalendar calendar) {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(calendar, "calendar");
        String text = normalize(phrase);
        if (text.isEmpty()) {
            return new DueReading.Unreadable("There's no due date to read.");
        }
        ZonedDateTime now = clock.instant().atZone(zone);
        try {
            ZonedDateTime due = new Resolver(now, calendar, quote(phrase)).resolve(text);
            return due.toInstant().isAfter(now.toInstant())
                    ? new DueReading.Due(due.toInstant(), due)
                    : new DueReading.Past(due);
        } catch (NotUnderstood e) {
            return new DueReading.Unreadable(e.getMessage());
        }
    }

    private static String normalize(String phrase) {
        if (phrase == null) {
            return "";
        }
        String text = SPACES.matcher(phrase).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1).stripTrailing();
        }
        if (text.startsWith("by ") || text.startsWith("on ")) {
            text = text.substring(3);
        }
        return text;
    }

    // The phrase goes back to its author, so it is quoted as typed, but kept short.
    private static String quote(String phrase) {
        String text = SPACES.matcher(phrase).replaceAll(" ").strip();
        return "\"" + (text.length() > MAX_QUOTE ? text.substring(0, MAX_QUOTE) + "…" : text) + "\"";
    }

    private static Map<String, DayOfWeek> dayNames() {
        Map<String, DayOfWeek> names = new HashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            names.put(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT), day);
            names.put(day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT), day);
        }
        return Map.copyOf(names);
    }

    /** One reading: the phrase's words resolved against one moment, zone and calendar. */
    private static final class Resolver {

        private final ZonedDateTime now;
        private final LocalDate today;
        private final BusinessCalendar calendar;
        private final String quoted;

        Resolver(ZonedDateTime now, BusinessCalendar calendar, String quoted) {
            this.now = now;
            this.today = now.toLocalDate();
            this.calendar = calendar;
            this.quoted = quoted;
        }

        ZonedDateTime resolve(String text) {
            if (INSTANT.matcher(text).matches()) {
                return instant(text);
            }
            if (LOCAL_DATE_TIME.matcher(text).matches()) {
                return at(localDateTime(text));
            }
            Matcher relative = RELATIVE.matcher(text);
            if (relative.matches() && isClockUnit(relative.group(3))) {
                return afterNow(relative);
            }
            if (text.equals("eod") || text.equals("end of day")) {
                return endOfWorkday(today);
            }
            if (text.equals("eow") || text.equals("end of week")) {
                return endOfWorkday(lastBusinessDayOfWeek());
            }
            Matcher dateAndTime = DATE_AND_TIME.matcher(text);
            if (!dateAndTime.matches()) {
                return endOfWorkday(date(text));
            }
            LocalDate date = dateAndTime.group("date") == null ? today : date(dateAndTime.group("date"));
            return at(timeOn(date, dateAndTime));
        }

        private LocalDate date(String text) {
            return switch (text) {
                case "today" -> today;
                case "tomorrow" -> today.plusDays(1);
                case "next week" -> calendar.nextBusinessDayOnOrAfter(mondayOfThisWeek().plusWeeks(1));
                default -> namedOrCountedDate(text);
            };
        }

        private LocalDate namedOrCountedDate(String text) {
            if (ISO_DATE.matcher(text).matches()) {
                return isoDate(text);
            }
            Matcher relative = RELATIVE.matcher(text);
            if (relative.matches() && !isClockUnit(relative.group(3))) {
                return daysAhead(relative);
            }
            return weekday(text);
        }

        private LocalDate weekday(String text) {
            Matcher matcher = WEEKDAY.matcher(text);
            DayOfWeek day = matcher.matches() ? DAY_NAMES.get(matcher.group(2)) : null;
            if (day == null) {
                throw new NotUnderstood("I couldn't read " + quoted + " as a date.");
            }
            LocalDate from = "next".equals(matcher.group(1)) ? mondayOfThisWeek().plusWeeks(1) : today;
            return from.with(TemporalAdjusters.nextOrSame(day));
        }

        private LocalDate daysAhead(Matcher relative) {
            int amount = amount(relative.group(1));
            if (relative.group(2) != null) {
                if (!relative.group(3).equals("day")) {
                    throw new NotUnderstood("I couldn't read " + quoted + " as a date.");
                }
                return calendar.nextBusinessDayOnOrAfter(calendar.addBusinessDays(today, amount));
            }
            int days = relative.group(3).equals("week") ? amount * 7 : amount;
            return calendar.nextBusinessDayOnOrAfter(today.plusDays(days));
        }

        private ZonedDateTime afterNow(Matcher relative) {
            if (relative.group(2) != null) {
                throw new NotUnderstood("I couldn't read " + quoted + " as a date.");
            }
            int amount = amount(relative.group(1));
            boolean hours = relative.group(3).startsWith("h");
            return now.plus(hours ? Duration.ofHours(amount) : Duration.ofMinutes(amount));
        }

        private int amount(String number) {
            if (number.equals("a") || number.equals("an")) {
                return 1;
            }
            if (number.startsWith("-")) {
                throw new NotUnderstood("I can only count forward, not " + quoted + ".");
            }
            int amount = number.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(number);
            if (amount > MAX_AMOUNT) {
                throw new NotUnderstood(quoted + " is too far ahead.");
            }
            return amount;
        }

        private LocalDateTime timeOn(LocalDate date, Matcher dateAndTime) {
            String time = dateAndTime.group("time");
            if (time.equals("noon")) {
                return date.atTime(12, 0);
            }
            if (time.equals("midnight")) {
                return date.plusDays(1).atStartOfDay();
            }
            int hour = Integer.parseInt(dateAndTime.group("hour"));
            String minutes = dateAndTime.group("minute");
            String half = dateAndTime.group("half");
            int minute = minutes == null ? 0 : Integer.parseInt(minutes);
            boolean valid = half == null
                    ? minutes != null && hour < 24 && minute < 60
                    : hour >= 1 && hour <= 12 && minute < 60;
            if (!valid) {
                throw new NotUnderstood("I couldn't read \"" + time + "\" as a time.");
            }
            int hourOfDay = half == null ? hour : hour % 12 + (half.equals("pm") ? 12 : 0);
            return date.atTime(hourOfDay, minute);
        }

        private LocalDate lastBusinessDayOfWeek() {
            LocalDate monday = mondayOfThisWeek();
            LocalDate day = monday.plusDays(6);
            while (day.isAfter(monday) && !calendar.isBusinessDay(day)) {
                day = day.minusDays(1);
            }
            return day;
        }

        private LocalDate mondayOfThisWeek() {
            return today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }

        private static boolean isClockUnit(String unit) {
            return !unit.equals("day") && !unit.equals("week");
        }

        private ZonedDateTime instant(String text) {
            try {
                return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).atZoneSameInstant(now.getZone());
            } catch (DateTimeException e) {
                throw new NotUnderstood(text.toUpperCase(Locale.ROOT) + " isn't a real date and time.");
            }
        }

        private static LocalDateTime localDateTime(String text) {
            try {
                return LocalDateTime.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeException e) {
                throw new NotUnderstood(text.toUpperCase(Locale.ROOT) + " isn't a real date and time.");
            }
        }

        private static LocalDate isoDate(String text) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeException e) {
                throw new NotUnderstood(text + " isn't a real date.");
            }
        }

        private ZonedDateTime endOfWorkday(LocalDate date) {
            return at(date.atTime(calendar.workdayEnd()));
        }

        private ZonedDateTime at(LocalDateTime local) {
            return ZonedDateTime.of(local, now.getZone());
        }
    }

    /** Carries the reason a phrase can't be read out of the depths of the resolver. */
    private static final class NotUnderstood extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotUnderstood(String reason) {
            super(reason, null, false, false);
        }
    }
}
