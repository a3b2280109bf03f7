package io.holdfast.slack;

import static io.holdfast.testing.HoldfastOnSlack.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.testing.SlackCall;
import io.holdfast.testing.SlackEndToEnd;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Overdue promises are chased in their card's thread, on business days, exactly once per nudge. */
class PromiseNudgesOnSlackTest extends SlackEndToEnd {
    /** Due Wed 25 Nov 17:00 New York. */
    static final Instant DUE = Instant.parse("2026-11-25T22:00:00Z");

    String cardTs;

    @BeforeEach
    void start() throws Exception {
        holdfast.slack.user("ULEE", "Lee", "America/New_York", false).user("UADMIN", "Ada", "America/New_York", true);
        holdfast.promise("ULEE", "Acme Corp: send the SOC2 report by tomorrow");
        holdfast.awaitCardRemembered(1);
        cardTs = holdfast.text("SELECT card_ref FROM promises WHERE number = 1");
    }

    /** The reminders in the card's thread; not its other replies, such as a new due date and why. */
    private List<SlackCall> nudges() {
        return holdfast.slack.calls("chat.postMessage").stream()
                .filter(c -> cardTs.equals(c.param("thread_ts")) && c.param("text").startsWith("⏰")).toList();
    }

    private void at(String instant) {
        holdfast.clock.set(Instant.parse(instant));
    }

    @Test
    void theFirstNudgeComesRightAfterTheDueTimeWithButtonsAndOnlyOnce() {
        at("2026-11-25T21:59:00Z");
        assertEquals(0, holdfast.checkNudges(), "not before it is due");
        at("2026-11-25T22:01:00Z");
        assertEquals(1, holdfast.checkNudges());
        assertEquals(0, holdfast.checkNudges(), "once");

        SlackCall nudge = holdfast.slack.awaitCall("chat.postMessage", c -> cardTs.equals(c.param("thread_ts")), WAIT);
        assertTrue(nudge.text().contains("<@ULEE>") && nudge.text().contains("#1") && nudge.text().contains("still open"), nudge.text());
        assertTrue(nudge.blocks().toString().contains("promise.done") && nudge.blocks().toString().contains("promise.snooze"));
    }

    @Test
    void remindersFollowOnBusinessDaysAt0930AndThenTellTheAccountOwner() {
        holdfast.command("UADMIN", "/holdfast", "account Acme Corp owner=<@UDANA|dana>");
        at("2026-11-25T22:01:00Z");
        holdfast.checkNudges();

        at("2026-11-26T14:29:00Z");
        assertEquals(0, holdfast.checkNudges(), "Thu 09:29 is too early");
        at("2026-11-26T14:30:00Z");
        assertEquals(1, holdfast.checkNudges(), "reminder 1, Thu 09:30");
        at("2026-11-27T14:30:00Z");
        assertEquals(1, holdfast.checkNudges(), "reminder 2, Fri 09:30");
        at("2026-11-28T14:30:00Z");
        assertEquals(0, holdfast.checkNudges(), "no reminder on Saturday");
        at("2026-11-30T14:30:00Z");
        assertEquals(1, holdfast.checkNudges(), "reminder 3, Mon 09:30");
        at("2026-12-01T14:30:00Z");
        assertEquals(1, holdfast.checkNudges(), "reminder 4, Tue 09:30");

        holdfast.awaitDatabase("five nudges delivered", () -> nudges().size() == 5);
        List<SlackCall> nudges = nudges();
        assertFalse(nudges.get(3).text().contains("<@UDANA>"), "three reminders go to the owner alone");
        assertTrue(nudges.get(4).text().contains("<@UDANA>"), "after three reminders the account owner is told too");
        assertEquals(5, holdfast.count("SELECT COUNT(*) FROM promise_events WHERE kind = 'NUDGED'"));
    }

    @Test
    void snoozedDoneAndCancelledPromisesAreNotNudged() {
        holdfast.promise("ULEE", "Globex: call back by tomorrow");
        holdfast.promise("ULEE", "Initech: quote by tomorrow");
        holdfast.promise("ULEE", "snooze #1 monday 10am");
        holdfast.promise("ULEE", "done #2 called");
        holdfast.promise("ULEE", "cancel #3 not needed");

        at("2026-11-26T15:00:00Z");
        assertEquals(0, holdfast.checkNudges(), "overdue but snoozed, done or cancelled");

        at("2026-11-30T15:00:00Z");
        assertEquals(1, holdfast.checkNudges(), "the snooze is over on Monday at 10:00");
        assertEquals(1, holdfast.count("SELECT nudges FROM promises WHERE number = 1"));
    }

    @Test
    void aNewDueDateStartsTheCountAgain() {
        at("2026-11-25T22:01:00Z");
        holdfast.checkNudges();

        holdfast.promise("ULEE", "update #1 by 2026-12-02: the auditor moved our slot");

        assertEquals(0, holdfast.count("SELECT nudges FROM promises WHERE number = 1"));
        at("2026-11-26T14:30:00Z");
        assertEquals(0, holdfast.checkNudges(), "not overdue any more");
        assertEquals(Duration.ZERO, Duration.ofMillis(holdfast.count("SELECT next_nudge_at - due_at FROM promises WHERE number = 1")));

        at("2026-12-02T22:01:00Z");
        assertEquals(1, holdfast.checkNudges(), "overdue again on the new date: nudged again, as a new first nudge");
        holdfast.awaitDatabase("two nudges delivered", () -> nudges().size() == 2);
    }

    @Test
    void aReminderMissedWhileTheServerWasDownWaitsForOfficeHours() {
        at("2026-11-25T22:01:00Z");
        holdfast.checkNudges();

        at("2026-11-28T08:00:00Z");
        assertEquals(0, holdfast.checkNudges(), "Saturday 03:00 in New York: no reminder");
        assertEquals(Instant.parse("2026-11-30T14:30:00Z").toEpochMilli(), holdfast.count("SELECT next_nudge_at FROM promises WHERE number = 1"),
                "moved to Monday 09:30");
        at("2026-11-30T14:30:00Z");
        assertEquals(1, holdfast.checkNudges());
    }
}
