package io.holdfast.slack;

import static io.holdfast.testing.HoldfastOnSlack.CHANNEL;
import static io.holdfast.testing.HoldfastOnSlack.WAIT;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.holdfast.testing.HoldfastOnSlack;
import io.holdfast.testing.SlackCall;
import io.holdfast.testing.SlackEndToEnd;
import io.holdfast.testing.SlackRequests;
import io.holdfast.testing.SlackResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /escalate end to end: signed Slack requests in, Web API calls out, SLA clocks moved by a test clock. */
class EscalationOnSlackTest extends SlackEndToEnd {
    static final String REPORTER = "UREP";
    static final String LEE = "ULEE";
    static final String SAM = "USAM";
    static final String LEAD = "ULEAD";
    static final String ADMIN = "UADMIN";

    @BeforeEach
    void start() throws Exception {
        holdfast.slack.user(REPORTER, "Rae", "America/New_York", false)
                .user(LEE, "Lee", "America/New_York", false)
                .user(SAM, "Sam", "America/New_York", false)
                .user(LEAD, "Lia", "America/New_York", false)
                .user(ADMIN, "Ada", "America/New_York", true);
        say(ADMIN, "/holdfast", "timezone America/New_York");
        say(ADMIN, "/holdfast", "leads <@ULEAD|lia>");
    }

    private String say(String user, String command, String text) {
        return holdfast.command(user, command, text).json().get("text").getAsString();
    }

    private SlackResponse escalate(String user, String text) {
        return holdfast.command(user, "/escalate", text);
    }

    private SlackCall card(int number) {
        return holdfast.slack.awaitCall("chat.postMessage", c -> c.param("thread_ts") == null && c.text().contains("Escalation #" + number),
                WAIT);
    }

    private String cardTs(int number) {
        card(number);
        holdfast.awaitDatabase("the ts of escalation card #" + number,
                () -> holdfast.text("SELECT card_ref FROM escalations WHERE number = ?", number) != null);
        return holdfast.text("SELECT card_ref FROM escalations WHERE number = ?", number);
    }

    private String escalationId(int number) {
        return String.valueOf(holdfast.count("SELECT id FROM escalations WHERE number = ?", number));
    }

    private long threadPosts(String ts) {
        return holdfast.slack.calls("chat.postMessage").stream().filter(c -> ts.equals(c.param("thread_ts"))).count();
    }

    @Test
    void raisingPostsACardWithBothClocksAndButtons() {
        String reply = escalate(REPORTER, "Acme Corp P1: checkout is down for all their users").json().get("text").getAsString();

        assertTrue(reply.contains("Escalation #1 (P1) for *Acme Corp* is raised. Acknowledge by Tue 24 Nov 11:00, resolve by Fri 27 Nov 10:00"),
                reply);
        SlackCall card = card(1);
        String blocks = card.blocks().toString();
        assertAll(
                () -> assertEquals(CHANNEL, card.param("channel")),
                () -> assertTrue(card.text().contains("checkout is down for all their users")),
                () -> assertTrue(card.text().contains("Unassigned")),
                () -> assertTrue(card.text().contains("<@UREP>")),
                () -> assertTrue(card.text().contains("<!date^" + NOW.plus(Duration.ofHours(1)).getEpochSecond())),
                () -> assertTrue(card.text().contains("<!date^" + NOW.plus(Duration.ofHours(72)).getEpochSecond())),
                () -> assertTrue(blocks.contains("escalation.ack") && blocks.contains("escalation.assign") && blocks.contains("escalation.resolve")));
    }

    @Test
    void severityDefaultsToP2WithBusinessHourClocks() {
        String reply = escalate(REPORTER, "Globex: invoices show the wrong currency").json().get("text").getAsString();

        assertTrue(reply.contains("(P2)") && reply.contains("Acknowledge by Tue 24 Nov 14:00") && reply.contains("resolve by Tue 1 Dec 10:00"),
                reply);
    }

    @Test
    void acknowledgeButtonMakesThePresserOwnerAndUpdatesTheCard() {
        escalate(REPORTER, "Acme Corp P1: checkout is down");
        String ts = cardTs(1);
        holdfast.clock.advance(Duration.ofMinutes(20));

        holdfast.press(LEE, "escalation.ack", escalationId(1));

        SlackCall answer = holdfast.slack.awaitCall("response_url", WAIT);
        assertTrue(answer.text().contains("Acknowledged #1. You own it now."), answer.text());
        SlackCall update = holdfast.slack.awaitCall("chat.update", WAIT);
        assertEquals(ts, update.param("ts"));
        assertTrue(update.text().contains("<@ULEE>") && update.text().contains("Done in time"), update.text());
        assertFalse(update.blocks().toString().contains("escalation.ack"), "no Acknowledge button once acknowledged");
        assertEquals(1200, holdfast.count("SELECT ack_seconds FROM escalations WHERE number = 1"));
        assertEquals(0, holdfast.count("SELECT ack_breached FROM escalations WHERE number = 1"));
    }

    @Test
    void assignResolveWithTheFormAndReopen() {
        escalate(REPORTER, "Acme Corp P2: exports fail");
        String ts = cardTs(1);

        assertTrue(say(REPORTER, "/escalate", "assign #1 <@ULEE|lee>").contains("Assigned #1"));
        assertEquals(LEE, holdfast.text("SELECT owner_id FROM escalations WHERE number = 1"));

        escalate(LEE, "resolve #1");
        SlackCall opened = holdfast.slack.awaitCall("views.open", WAIT);
        JsonObject view = JsonParser.parseString(opened.param("view")).getAsJsonObject();
        assertEquals("escalation.resolve", view.get("callback_id").getAsString());
        String metadata = view.get("private_metadata").getAsString();

        SlackResponse missing = holdfast.requests().viewSubmission(HoldfastOnSlack.TEAM, LEE, "escalation.resolve", metadata,
                SlackRequests.values().text("root_cause", "root_cause", "").text("remediation", "remediation", "a credit").build());
        assertTrue(missing.json().getAsJsonObject("errors").has("root_cause"), missing.body());
        assertEquals("OPEN", holdfast.text("SELECT status FROM escalations WHERE number = 1"), "assigning does not acknowledge");

        holdfast.requests().viewSubmission(HoldfastOnSlack.TEAM, LEE, "escalation.resolve", metadata, SlackRequests.values()
                .text("root_cause", "root_cause", "a bad deploy").text("remediation", "remediation", "one month's credit").build());
        SlackCall resolved = holdfast.slack.awaitCall("chat.update", c -> c.text().contains("Root cause: a bad deploy"), WAIT);
        assertFalse(resolved.blocks().toString().contains("escalation.resolve"), "no buttons once resolved");
        assertEquals("RESOLVED", holdfast.text("SELECT status FROM escalations WHERE number = 1"));

        String reopened = say(REPORTER, "/escalate", "reopen #1 the exports failed again");
        assertTrue(reopened.contains("reopened #1: the exports failed again"), reopened);
        assertEquals("ACKNOWLEDGED", holdfast.text("SELECT status FROM escalations WHERE number = 1"));
        assertEquals(2, holdfast.count("SELECT round FROM escalations WHERE number = 1"));
        holdfast.slack.awaitCall("chat.postMessage", c -> ts.equals(c.param("thread_ts")) && c.text().contains("reopened #1"), WAIT);
        assertEquals(3, threadPosts(ts), "assign, resolve and reopen each told the thread");

        String timeline = escalate(REPORTER, "show #1").body();
        assertTrue(timeline.contains("raised") && timeline.contains("assigned") && timeline.contains("resolved") && timeline.contains("reopened"),
                timeline);
    }

    @Test
    void onlyOwnerReporterOrALeadMayAssignResolveOrReopen() {
        escalate(REPORTER, "Acme Corp P2: exports fail");

        String refused = say(SAM, "/escalate", "assign #1 <@USAM|sam>");
        assertTrue(refused.contains("Only the owner or the reporter of #1, or an escalation lead"), refused);
        holdfast.press(SAM, "escalation.resolve", escalationId(1));
        assertTrue(holdfast.slack.awaitCall("response_url", WAIT).text().contains("Only the owner"));

        assertTrue(say(LEAD, "/escalate", "assign #1 <@ULEE|lee>").contains("Assigned #1"), "a lead may");
        assertTrue(say(SAM, "/escalate", "ack #1").contains("Acknowledged #1"), "anyone may acknowledge");
    }

    @Test
    void warningsAndBreachesArePostedOnceEachAsTheClockMoves() {
        escalate(REPORTER, "Acme Corp P1: checkout is down");
        String ts = cardTs(1);

        holdfast.clock.advance(Duration.ofMinutes(44));
        assertEquals(0, holdfast.checkSlaClocks(), "before 75% of the hour nothing is said");

        holdfast.clock.advance(Duration.ofMinutes(2));
        assertEquals(1, holdfast.checkSlaClocks());
        assertEquals(0, holdfast.checkSlaClocks(), "a second run of the watch says nothing new");
        SlackCall warning = holdfast.slack.awaitCall("chat.postMessage", c -> ts.equals(c.param("thread_ts")), WAIT);
        assertTrue(warning.text().contains("not acknowledged yet") && warning.text().contains("<@UREP>")
                && warning.text().contains("<@ULEAD>"), "unassigned: reporter and leads are told: " + warning.text());

        holdfast.clock.advance(Duration.ofMinutes(15));
        assertEquals(1, holdfast.checkSlaClocks());
        assertEquals(0, holdfast.checkSlaClocks());
        SlackCall breach = holdfast.slack.awaitCall("chat.postMessage", c -> c.text().contains("breached its acknowledge SLA"), WAIT);
        assertEquals(ts, breach.param("thread_ts"));
        assertEquals(1, holdfast.count("SELECT ack_breached FROM escalations WHERE number = 1"));
        holdfast.slack.awaitCall("chat.update", c -> c.text().contains("breached"), WAIT);

        holdfast.awaitDatabase("both notices delivered",
                () -> holdfast.count("SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'escalation:%:ack-%' AND status = 'SENT'") == 3);
        assertEquals(2, threadPosts(ts), "one warning and one breach notice in the thread");
    }

    @Test
    void aSecondEscalationWithinThirtyDaysAsksTheLeadsForAReview() {
        escalate(REPORTER, "Acme Corp P3: slow reports");
        holdfast.clock.advance(Duration.ofDays(10));
        escalate(REPORTER, "acme corp P2: exports fail");

        SlackCall second = card(2);
        assertTrue(second.text().contains("Leadership review"), second.text());
        assertTrue(second.blocks().toString().contains("escalation.reviewed"));
        String ts = cardTs(2);
        SlackCall ask = holdfast.slack.awaitCall("chat.postMessage", c -> ts.equals(c.param("thread_ts")), WAIT);
        assertTrue(ask.text().contains("<@ULEAD>") && ask.text().contains("#2") && ask.text().contains("#1"), ask.text());

        holdfast.press(SAM, "escalation.reviewed", escalationId(2));
        assertTrue(holdfast.slack.awaitCall("response_url", WAIT).text().contains("Only an escalation lead"));

        holdfast.press(LEAD, "escalation.reviewed", escalationId(2));
        SlackCall reviewed = holdfast.slack.awaitCall("chat.update", c -> c.text().contains("Reviewed by"), WAIT);
        assertTrue(reviewed.text().contains("<@ULEAD>"), reviewed.text());
        assertEquals(LEAD, holdfast.text("SELECT reviewed_by FROM accounts"));
    }

    @Test
    void reviewingTheAccountClearsTheReviewButtonOnEveryFlaggedCard() {
        escalate(REPORTER, "Acme Corp P3: slow reports");
        escalate(REPORTER, "Acme Corp P2: exports fail");
        escalate(REPORTER, "Acme Corp P1: checkout down");
        String ts2 = cardTs(2);
        String ts3 = cardTs(3);

        holdfast.press(LEAD, "escalation.reviewed", escalationId(3));

        holdfast.slack.awaitCall("chat.update", c -> ts2.equals(c.param("ts")) && c.text().contains("Reviewed by"), WAIT);
        SlackCall third = holdfast.slack.awaitCall("chat.update", c -> ts3.equals(c.param("ts")) && c.text().contains("Reviewed by"), WAIT);
        assertFalse(third.blocks().toString().contains("escalation.reviewed"));
    }

    @Test
    void leadsMayBeASlackUserGroup() {
        holdfast.slack.group("SLEADS", "UGRP");
        holdfast.slack.user("UGRP", "Gus", "America/New_York", false);
        String set = say(ADMIN, "/holdfast", "leads <!subteam^SLEADS|@cs-leads>");
        assertTrue(set.contains("<!subteam^SLEADS>"), set);
        escalate(REPORTER, "Acme Corp P1: checkout is down");
        String ts = cardTs(1);

        assertTrue(say("UGRP", "/escalate", "assign #1 <@ULEE|lee>").contains("Assigned #1"), "a member of the group is a lead");
        assertTrue(say(LEAD, "/escalate", "assign #1 <@ULEE|lee>").contains("Only the owner"), "the old list was replaced");

        holdfast.clock.advance(Duration.ofHours(60));
        holdfast.checkSlaClocks();
        SlackCall warning = holdfast.slack.awaitCall("chat.postMessage", c -> ts.equals(c.param("thread_ts")) && c.text().contains("⏰"), WAIT);
        assertTrue(warning.text().contains("<@ULEE>"), "an owned escalation warns its owner: " + warning.text());
    }

    @Test
    void unassignedWarningsMentionTheLeadGroup() {
        holdfast.slack.group("SLEADS", "UGRP");
        say(ADMIN, "/holdfast", "leads <!subteam^SLEADS|@cs-leads>");
        escalate(REPORTER, "Acme Corp P1: checkout is down");
        String ts = cardTs(1);

        holdfast.clock.advance(Duration.ofMinutes(50));
        holdfast.checkSlaClocks();

        SlackCall warning = holdfast.slack.awaitCall("chat.postMessage", c -> ts.equals(c.param("thread_ts")), WAIT);
        assertTrue(warning.text().contains("<!subteam^SLEADS>") && warning.text().contains("<@UREP>"), warning.text());
    }

    @Test
    void anEscalationChannelReceivesTheCards() {
        say(ADMIN, "/holdfast", "escalations <#CESC|escalations>");

        escalate(REPORTER, "Acme Corp P2: exports fail");

        assertEquals("CESC", card(1).param("channel"));
    }

    @Test
    void theRaiseFormCreatesTheSameEscalation() {
        escalate(REPORTER, "");
        JsonObject view = JsonParser.parseString(holdfast.slack.awaitCall("views.open", WAIT).param("view")).getAsJsonObject();
        assertEquals("escalation.raise", view.get("callback_id").getAsString());

        holdfast.requests().viewSubmission(HoldfastOnSlack.TEAM, REPORTER, "escalation.raise", view.get("private_metadata").getAsString(),
                SlackRequests.values().text("account", "account", "Initech").option("severity", "severity", "P1", "P1")
                        .text("summary", "summary", "login loops forever").user("owner", "owner", LEE).build());

        SlackCall card = card(1);
        assertTrue(card.text().contains("P1") && card.text().contains("login loops forever") && card.text().contains("<@ULEE>"), card.text());
    }

    @Test
    void badInputGetsAnExampleAndWritesNothing() {
        String[][] cases = {
                {"Acme P7: site down", "Unknown severity P7"},
                {"Acme site down", "Put the account"},
                {": site down", "Which account"},
                {"Acme P1:", "Say what is wrong"},
                {"ack #99", "There's no escalation #99"},
                {"assign", "Which escalation?"},
        };
        for (String[] c : cases) {
            String text = say(REPORTER, "/escalate", c[0]);
            assertTrue(text.contains(c[1]), c[0] + " → " + text);
        }
        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM escalations"));
        escalate(REPORTER, "Acme P1: site down");
        String noCause = say(REPORTER, "/escalate", "resolve #1 cause: dns");
        assertTrue(noCause.contains("Example: /escalate resolve #1 cause:"), noCause);
        assertEquals("OPEN", holdfast.text("SELECT status FROM escalations WHERE number = 1"));
    }

    @Test
    void aTenantsSlaAndAuthoritySettingsShapeNewEscalations() {
        String sla = say(LEAD, "/holdfast", "sla P1 ack 30m resolve 48h");
        assertTrue(sla.contains("acknowledge within 30 minutes, resolve within 48 hours"), sla);
        say(LEAD, "/holdfast", "authority P1 frontline may offer a credit up to $75 or one free month; more needs a lead");
        assertTrue(holdfast.command(SAM, "/holdfast", "sla").body().contains("P1: acknowledge within 30 minutes"));
        assertTrue(say(SAM, "/holdfast", "sla P1 ack 1m").contains("Only workspace admins and escalation leads"));

        String reply = escalate(REPORTER, "Acme Corp P1: checkout is down").json().get("text").getAsString();

        assertTrue(reply.contains("Acknowledge by Tue 24 Nov 10:30, resolve by Thu 26 Nov 10:00"), reply);
        assertTrue(card(1).text().contains("Authority for P1: frontline may offer a credit up to $75 or one free month"), card(1).text());
    }

    @Test
    void aNumberWithoutHashAfterAVerbIsStillThatEscalation() {
        escalate(REPORTER, "Acme Corp P2: exports fail");

        String reply = say(REPORTER, "/escalate", "resolve 1 cause: a bad deploy remediation: one month's credit");

        assertTrue(reply.contains("Resolved #1"), reply);
        assertEquals(1, holdfast.count("SELECT COUNT(*) FROM escalations"), "no escalation raised for an account called \"resolve 1 cause\"");
    }

    @Test
    void theSlaWatchRunsOnTheScheduler() throws Exception {
        assertTrue(holdfast.scheduledJobs().contains("sla-watch"));
    }
}
