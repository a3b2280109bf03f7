package io.holdfast.digest;

import io.holdfast.account.AccountProfile;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A channel's digest subscription: when (in its own zone), how many accounts, and which.
 *
 * @param weeklyDay the day for WEEKLY, null otherwise
 * @param tier      only accounts of this tier, or null for all
 * @param ownerId   only accounts this person owns, or null for all
 * @param since     when it was last (re)subscribed: postings scheduled before then are not owed
 */
public record Subscription(long id, long tenantId, String channel, Cadence cadence, DayOfWeek weeklyDay, LocalTime at, ZoneId zone,
                           int top, AccountProfile.Tier tier, String ownerId, Instant since) {

    /**
     * The posting due at {@code now}: today's time in the subscription's zone, if today is one of its
     * days and that time has passed. A posting missed while the server was down is still due later the
     * same day; one from an earlier day is not (yesterday's digest is stale).
     */
    public Optional<LocalDate> dueOn(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate today = local.toLocalDate();
        if (!cadence.postsOn(today, weeklyDay) || local.toLocalTime().isBefore(at)
                || ZonedDateTime.of(today, at, zone).toInstant().isBefore(since)) {
            return Optional.empty();
        }
        return Optional.of(today);
    }

    /** The posting of the day before {@code now}, if there was one owed: what a long outage would have missed. */
    public Optional<LocalDate> owedTheDayBefore(Instant now) {
        LocalDate yesterday = now.atZone(zone).toLocalDate().minusDays(1);
        boolean owed = cadence.postsOn(yesterday, weeklyDay) && !ZonedDateTime.of(yesterday, at, zone).toInstant().isBefore(since);
        return owed ? Optional.of(yesterday) : Optional.empty();
    }

    public String key() {
        return "digest:" + id;
    }
}
