package io.holdfast.escalation;

import io.holdfast.core.time.BusinessCalendar;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long an SLA window is: wall-clock time, or business time (only working hours on business days
 * count). Wall-clock windows are whole minutes and business windows whole business hours, which is
 * what {@link #parse} can produce and what {@link #code} can write back.
 */
public record SlaWindow(Duration length, boolean businessTime) {

    // Bounds the business-time walk in SlaCalculator, which steps one day at a time.
    private static final Duration MAX_LENGTH = Duration.ofDays(365);
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(m|h|d|bh|bd)");
    private static final String FORMS =
            "use a whole number of minutes, hours or days (30m, 4h, 3d) or of business hours or days (4bh, 5bd)";

    public SlaWindow {
        Objects.requireNonNull(length, "length");
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("An SLA window must be longer than zero: " + length);
        }
        if (length.compareTo(MAX_LENGTH) > 0) {
            throw new IllegalArgumentException("An SLA window can be at most 365 days (8760 hours) long.");
        }
        if (length.toNanos() % granularity(businessTime).size.toNanos() != 0) {
            throw new IllegalArgumentException(businessTime
                    ? "A business-time SLA window must be whole business hours: " + length
                    : "An SLA window must be whole minutes: " + length);
        }
    }

    /**
     * "30m", "4h", "3d" = wall clock; "4bh" = 4 business hours, "5bd" = 5 business days (a business day
     * is one workday's length of business time, 8 hours with 09:00-17:00). Case-insensitive.
     *
     * @throws IllegalArgumentException naming the accepted forms if {@code text} is not one of them
     */
    public static SlaWindow parse(String text) {
        Matcher matcher = FORM.matcher(Objects.requireNonNull(text, "text").strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw notAWindow(text);
        }
        long amount = Long.parseLong(matcher.group(1));
        if (amount == 0) {
            throw notAWindow(text);
        }
        Unit unit = Unit.forSuffix(matcher.group(2));
        return new SlaWindow(unit.size.multipliedBy(amount), unit.business);
    }

    private static IllegalArgumentException notAWindow(String text) {
        return new IllegalArgumentException("\"" + text.strip() + "\" is not an SLA window: " + FORMS + ".");
    }

    /** "1 hour", "72 hours", "4 business hours", "5 business days", "30 minutes". */
    public String describe() {
        Unit unit = displayUnit();
        long amount = amountIn(unit);
        return amount + " " + unit.noun + (amount == 1 ? "" : "s");
    }

    /** The stored form, which {@link #parse} reads back to an equal window: "60m" is stored as "1h". */
    public String code() {
        Unit unit = displayUnit();
        return amountIn(unit) + unit.suffix;
    }

    private long amountIn(Unit unit) {
        return length.toNanos() / unit.size.toNanos();
    }

    // The largest unit that divides the length. Wall-clock days are shown as hours ("72h"): a
    // wall-clock day is exactly 24 elapsed hours, and the escalation practice states its limits in hours.
    private Unit displayUnit() {
        List<Unit> largestFirst = businessTime
                ? List.of(Unit.BUSINESS_DAYS, Unit.BUSINESS_HOURS)
                : List.of(Unit.HOURS, Unit.MINUTES);
        return largestFirst.stream()
                .filter(unit -> length.toNanos() % unit.size.toNanos() == 0)
                .findFirst()
                .orElseThrow();
    }

    private static Unit granularity(boolean business) {
        return business ? Unit.BUSINESS_HOURS : Unit.MINUTES;
    }

    private enum Unit {
        MINUTES("m", Duration.ofMinutes(1), false, "minute"),
        HOURS("h", Duration.ofHours(1), false, "hour"),
        DAYS("d", Duration.ofDays(1), false, "day"),
        BUSINESS_HOURS("bh", Duration.ofHours(1), true, "business hour"),
        BUSINESS_DAYS("bd", Duration.between(BusinessCalendar.DEFAULT_START, BusinessCalendar.DEFAULT_END),
                true, "business day");

        final String suffix;
        final Duration size;
        final boolean business;
        final String noun;

        Unit(String suffix, Duration size, boolean business, String noun) {
            this.suffix = suffix;
            this.size = size;
            this.business = business;
            this.noun = noun;
        }

        static Unit forSuffix(String suffix) {
            for (Unit unit : values()) {
                if (unit.suffix.equals(suffix)) {
                    return unit;
                }
            }
            throw new IllegalArgumentException("Unknown unit: " + suffix);
        }
    }
}
