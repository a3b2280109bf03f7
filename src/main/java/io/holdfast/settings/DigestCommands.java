package io.holdfast.settings;

import io.holdfast.account.AccountProfile;
import io.holdfast.core.Invocation;
import io.holdfast.core.Mentions;
import io.holdfast.core.Reply;
import io.holdfast.core.Timetable;
import io.holdfast.core.UserInputException;
import io.holdfast.digest.Cadence;
import io.holdfast.digest.DigestMessages;
import io.holdfast.digest.DigestService;
import io.holdfast.digest.Subscription;
import io.holdfast.digest.SubscriptionStore;
import io.holdfast.risk.RiskFilter;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * {@code /holdfast digest}: subscribe this channel to the at-risk digest (daily, weekdays or weekly at a
 * local time), turn it off, or preview it now.
 */
final class DigestCommands {
    static final String EXAMPLE = "/holdfast digest weekdays 08:30 Europe/London top 5 tier=strategic";

    private final SubscriptionStore subscriptions;
    private final DigestService digests;
    private final DigestMessages messages;
    private final Timetable timetable;
    private final Clock clock;

    DigestCommands(SubscriptionStore subscriptions, DigestService digests, DigestMessages messages, Timetable timetable, Clock clock) {
        this.subscriptions = subscriptions;
        this.digests = digests;
        this.messages = messages;
        this.timetable = timetable;
        this.clock = clock;
    }

    Reply handle(Invocation invocation, String args) {
        long tenantId = invocation.tenant().id();
        String channel = invocation.channelId();
        String[] words = args.isEmpty() ? new String[0] : args.split("\\s+");
        if (words.length == 0) {
            return Reply.show(subscriptions.forChannel(tenantId, channel).map(DigestCommands::describe)
                    .orElse("This channel has no digest. Subscribe it with " + EXAMPLE + ", or see it now with /holdfast digest preview."));
        }
        switch (words[0].toLowerCase(Locale.ROOT)) {
            case "off" -> {
                subscriptions.forChannel(tenantId, channel).ifPresent(s -> timetable.cancel(s.key()));
                return Reply.show(subscriptions.delete(tenantId, channel) ? "This channel's digest is off." : "This channel had no digest.");
            }
            case "preview" -> {
                var subscription = subscriptions.forChannel(tenantId, channel);
                var report = subscription.isPresent() ? digests.compose(invocation.tenant(), subscription.get(), clock.instant())
                        : digests.compose(invocation.tenant(), clock.instant(), 5, RiskFilter.ALL);
                return Reply.show(messages.digest(report, invocation.actor().zone()));
            }
            default -> {
                return subscribe(invocation, words);
            }
        }
    }

    private Reply subscribe(Invocation invocation, String[] words) {
        Cadence cadence;
        try {
            cadence = Cadence.valueOf(words[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("Say daily, weekdays or weekly. Example: " + EXAMPLE);
        }
        int i = 1;
        DayOfWeek day = null;
        if (cadence == Cadence.WEEKLY) {
            day = words.length > i ? dayOfWeek(words[i++]) : null;
            if (day == null) {
                throw new UserInputException("Which day? Example: /holdfast digest weekly monday 09:00");
            }
        }
        if (words.length <= i) {
            throw new UserInputException("At what time? Example: " + EXAMPLE);
        }
        LocalTime at = time(words[i++]);
        ZoneId zone = invocation.actor().zone();
        int top = 5;
        AccountProfile.Tier tier = null;
        String owner = null;
        for (; i < words.length; i++) {
            String word = words[i];
            if (word.equalsIgnoreCase("top") && i + 1 < words.length) {
                top = topCount(words[++i]);
            } else if (word.toLowerCase(Locale.ROOT).startsWith("tier=")) {
                tier = tier(word.substring(5));
            } else if (word.toLowerCase(Locale.ROOT).startsWith("owner=")) {
                owner = Mentions.only(word.substring(6)).orElseThrow(() -> new UserInputException("owner= takes one mention. Example: "
                        + EXAMPLE));
            } else {
                zone = zone(word);
            }
        }
        Subscription s = subscriptions.save(invocation.tenant().id(), invocation.channelId(), cadence, day, at, zone, top, tier, owner,
                invocation.actor().userId());
        timetable.plan(s.key(), cadence.days(day), at, zone, DigestService.JOB);
        return Reply.show("Subscribed. " + describe(s));
    }

    static String describe(Subscription s) {
        String when = switch (s.cadence()) {
            case DAILY -> "every day";
            case WEEKDAYS -> "every weekday";
            case WEEKLY -> "every " + s.weeklyDay().name().charAt(0) + s.weeklyDay().name().substring(1).toLowerCase(Locale.ROOT);
        };
        return "This channel gets the top " + s.top() + " at-risk accounts " + when + " at " + s.at() + " " + s.zone().getId()
                + (s.tier() == null ? "" : ", " + s.tier().name().toLowerCase(Locale.ROOT) + " accounts only")
                + (s.ownerId() == null ? "" : ", one owner's accounts only") + ". /holdfast digest off stops it.";
    }

    private static DayOfWeek dayOfWeek(String word) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (word.length() >= 3 && d.name().toLowerCase(Locale.ROOT).startsWith(word.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        return null;
    }

    private static LocalTime time(String word) {
        try {
            return LocalTime.parse(word.length() == 4 ? "0" + word : word);
        } catch (DateTimeParseException e) {
            throw new UserInputException("I couldn't read \"" + word + "\" as a time; use 24-hour HH:MM. Example: " + EXAMPLE);
        }
    }

    private static ZoneId zone(String word) {
        try {
            return ZoneId.of(word);
        } catch (DateTimeException e) {
            throw new UserInputException("I didn't understand \"" + word + "\": give a time zone as Area/City, top N, tier= or owner=. "
                    + "Example: " + EXAMPLE);
        }
    }

    private static int topCount(String word) {
        try {
            int n = Integer.parseInt(word);
            if (n >= 1 && n <= 10) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new UserInputException("top takes a number from 1 to 10. Example: " + EXAMPLE);
    }

    private static AccountProfile.Tier tier(String word) {
        try {
            return AccountProfile.Tier.valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("tier= is standard, high or strategic. Example: " + EXAMPLE);
        }
    }
}
