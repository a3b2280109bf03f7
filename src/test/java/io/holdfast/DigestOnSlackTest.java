package io.holdfast;

import static io.holdfast.testing.HoldfastOnSlack.CHANNEL;
import static io.holdfast.testing.HoldfastOnSlack.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.holdfast.testing.SlackCall;
import io.holdfast.testing.SlackEndToEnd;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The at-risk digest: subscriptions from Slack, posts at the local time once a day, preview, and the dry-run CLI agreeing with the post. */
class DigestOnSlackTest extends SlackEndToEnd {

    @BeforeEach
    void start() throws Exception {
        holdfast.slack.user("ULEE", "Lee", "America/New_York", false).user("UADMIN", "Ada", "America/New_York", true);
    }

    private String say(String user, String text) {
        return holdfast.command(user, "/holdfast", text).json().get("text").getAsString();
    }

    /** Acme has a promise overdue since yesterday; Globex has nothing wrong. */
    private void acmeAtRisk() {
        holdfast.promise("ULEE", "Acme Corp: send the SOC2 report by today");
        holdfast.promise("ULEE", "Globex: send the deck by 2026-12-20");
        holdfast.clock.set(Instant.parse("2026-11-25T13:29:00Z"));
    }

    @Test
    void aSubscribedChannelGetsTheDigestOnceAtItsLocalTime() {
        String reply = say("ULEE", "digest weekdays 08:30 top 3");
        assertTrue(reply.contains("top 3 at-risk accounts every weekday at 08:30 America/New_York"), reply);
        acmeAtRisk();

        assertEquals(0, holdfast.checkDigests(), "08:29 is too early");
        holdfast.clock.set(Instant.parse("2026-11-25T13:30:00Z"));
        assertEquals(1, holdfast.checkDigests());
        assertEquals(0, holdfast.checkDigests(), "once a day");
        holdfast.clock.set(Instant.parse("2026-11-25T20:00:00Z"));
        assertEquals(0, holdfast.checkDigests(), "still once, later that day");

        SlackCall digest = holdfast.slack.awaitCall("chat.postMessage", c -> c.text().contains("At-risk accounts"), WAIT);
        assertEquals(CHANNEL, digest.param("channel"));
        assertTrue(digest.text().contains("Acme Corp") && digest.text().contains("overdue"), digest.text());
        assertTrue(!digest.text().contains("Globex"), "nothing wrong with Globex: " + digest.text());
        assertTrue(digest.blocks().toString().contains("digest.next-step") && digest.blocks().toString().contains("digest.log-outcome"));
    }

    @Test
    void subscribingAfterTodaysTimeWaitsForTomorrowAndChangingItNeverPostsTwice() {
        acmeAtRisk();
        holdfast.clock.set(Instant.parse("2026-11-25T20:00:00Z"));
        say("ULEE", "digest daily 09:00");
        assertEquals(0, holdfast.checkDigests(), "today's 09:00 was before the subscription");

        holdfast.clock.set(Instant.parse("2026-11-26T14:00:00Z"));
        assertEquals(1, holdfast.checkDigests());
        say("ULEE", "digest daily 09:00 top 3");
        assertEquals(0, holdfast.checkDigests(), "re-subscribing the same day doesn't post again");
        assertEquals(1, holdfast.count("SELECT COUNT(*) FROM digest_subscriptions"));
    }

    @Test
    void theTriggerFiresAtTheSameLocalTimeAcrossADaylightSavingChange() throws Exception {
        say("ULEE", "digest daily 09:00");
        String key = "digest:" + holdfast.count("SELECT id FROM digest_subscriptions");

        // Quartz counts from the real start time, so the change used is the next one: clocks go forward on 14 March 2027.
        assertEquals(Instant.parse("2027-03-13T14:00:00Z"), holdfast.nextFire(key, Instant.parse("2027-03-12T15:00:00Z")).orElseThrow(),
                "09:00 EST");
        assertEquals(Instant.parse("2027-03-14T13:00:00Z"), holdfast.nextFire(key, Instant.parse("2027-03-13T15:00:00Z")).orElseThrow(),
                "09:00 EDT, the day the clocks go forward");
    }

    @Test
    void nothingAtRiskIsAnAllClearNotSilence() {
        say("ULEE", "digest daily 09:00");
        holdfast.clock.set(Instant.parse("2026-11-25T14:00:00Z"));

        assertEquals(1, holdfast.checkDigests());

        assertTrue(holdfast.slack.awaitCall("chat.postMessage", WAIT).text().contains("All clear"));
    }

    @Test
    void previewShowsTheDigestPrivatelyNowAndOffStopsIt() {
        acmeAtRisk();
        var preview = holdfast.command("ULEE", "/holdfast", "digest preview");
        assertEquals("ephemeral", preview.json().get("response_type").getAsString());
        assertTrue(preview.json().toString().contains("Acme Corp"), preview.body());

        say("ULEE", "digest weekly monday 09:00");
        assertTrue(say("ULEE", "digest").contains("every Monday at 09:00"));
        assertTrue(say("ULEE", "digest off").contains("digest is off"));
        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM digest_subscriptions"));
        assertTrue(say("ULEE", "digest fortnightly 09:00").contains("Say daily, weekdays or weekly"));
        assertTrue(say("ULEE", "digest daily 9am").contains("HH:MM"));
    }

    @Test
    void adminsTuneTheRiskWeightsForTheirWorkspace() {
        assertTrue(holdfast.command("ULEE", "/holdfast", "risk").json().toString().contains("overdue_promise\u003d10"));
        assertTrue(say("ULEE", "risk overdue_promise=12").contains("Only workspace admins and escalation leads"));

        String changed = holdfast.command("UADMIN", "/holdfast", "risk overdue_promise=12 p1_open=40").json().toString();

        assertTrue(changed.contains("overdue_promise\u003d12") && changed.contains("p1_open\u003d40"), changed);
        assertTrue(say("UADMIN", "risk loudness=3").contains("I don't know the weight"));
    }

    @Test
    void theDryRunPrintsWhatTheDigestPosts() throws Exception {
        say("ULEE", "digest weekdays 08:30");
        acmeAtRisk();
        holdfast.clock.set(Instant.parse("2026-11-25T13:30:00Z"));
        holdfast.checkDigests();
        String posted = holdfast.slack.awaitCall("chat.postMessage", c -> c.text().contains("At-risk accounts"), WAIT).text();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = DigestCommand.run(new String[] {"digest", "--dry-run", "--as-of", "2026-11-25T13:30:00Z", "--format", "json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                Map.of("HOLDFAST_DB_URL", holdfast.databaseUrl()));

        assertEquals(0, exit);
        JsonObject dryRun = JsonParser.parseString(out.toString(StandardCharsets.UTF_8).strip()).getAsJsonObject();
        JsonObject first = dryRun.getAsJsonArray("accounts").get(0).getAsJsonObject();
        assertEquals("Acme Corp", first.get("name").getAsString());
        assertTrue(posted.contains(first.getAsJsonArray("reasons").get(0).getAsString()), "the post says what the dry run says: " + posted);
        assertEquals(CHANNEL, dryRun.get("channel").getAsString());
    }
}
