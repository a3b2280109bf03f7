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
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /kudos end to end: give, verify against the rubric, list, and the monthly shout-out as the clock crosses the month. */
class KudosOnSlackTest extends SlackEndToEnd {
    static final String GIVER = "UGIV";
    static final String LEE = "ULEE";
    static final String KIM = "UKIM";
    static final String LEAD = "ULEAD";
    static final String MANAGER = "UMGR";
    static final String ADMIN = "UADMIN";
    static final String WHY = "spotted the renewal risk early and set up a fix call that saved the renewal";

    @BeforeEach
    void start() throws Exception {
        holdfast.slack.user(ADMIN, "Ada", "America/New_York", true);
        say(ADMIN, "/holdfast", "timezone America/New_York");
        say(ADMIN, "/holdfast", "leads <@ULEAD|lia>");
    }

    private String say(String user, String command, String text) {
        return holdfast.command(user, command, text).json().get("text").getAsString();
    }

    /** The first recognition card posted. */
    private SlackCall card() {
        return holdfast.slack.awaitCall("chat.postMessage", c -> c.param("thread_ts") == null && c.text().contains("Kudos")
                && c.text().contains(WHY.substring(0, 20)), WAIT);
    }

    private String kudosId(int number) {
        return String.valueOf(holdfast.count("SELECT id FROM kudos WHERE number = ?", number));
    }

    private void verify(String verifier, int number, String impact, String speed, String creativity) {
        holdfast.press(verifier, "kudos.verify", kudosId(number));
        SlackCall opened = holdfast.slack.awaitCall("views.open", c -> c.param("view").contains("kudos.verify"), WAIT);
        JsonObject view = JsonParser.parseString(opened.param("view")).getAsJsonObject();
        holdfast.requests().viewSubmission(HoldfastOnSlack.TEAM, verifier, "kudos.verify", view.get("private_metadata").getAsString(),
                SlackRequests.values().option("impact", "impact", impact, impact).option("speed", "speed", speed, speed)
                        .option("creativity", "creativity", creativity, creativity).build());
    }

    @Test
    void givingKudosPostsARecognitionCardNamingPeopleAccountAndImpact() {
        String reply = say(GIVER, "/kudos", "<@ULEE|lee> <@UKIM|kim> Acme Corp: " + WHY);

        assertTrue(reply.contains("Kudos #1 posted for <@ULEE> and <@UKIM>"), reply);
        SlackCall card = card();
        assertAll(
                () -> assertEquals(CHANNEL, card.param("channel")),
                () -> assertTrue(card.text().contains("<@ULEE>") && card.text().contains("<@UKIM>")),
                () -> assertTrue(card.text().contains("Acme Corp") && card.text().contains(WHY)),
                () -> assertTrue(card.text().contains("From <@UGIV>")),
                () -> assertTrue(card.blocks().toString().contains("kudos.verify")));
        assertEquals(2, holdfast.count("SELECT COUNT(*) FROM kudos_recipients"));
    }

    @Test
    void kudosToYourselfAreRefusedKindly() {
        String reply = say(GIVER, "/kudos", "<@UGIV|me> Acme Corp: " + WHY);

        assertTrue(reply.contains("can't give them to yourself"), reply);
        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM kudos"));
        assertEquals(0, holdfast.slack.count("chat.postMessage"));
    }

    @Test
    void aLeadVerifiesAgainstTheRubricAndTheCardSaysSo() {
        say(GIVER, "/kudos", "<@ULEE|lee> Acme Corp: " + WHY);
        card();

        verify(LEAD, 1, "3", "2", "2");

        SlackCall update = holdfast.slack.awaitCall("chat.update", WAIT);
        assertTrue(update.text().contains("Verified by <@ULEAD> · impact 3 · speed 2 · creativity 2"), update.text());
        assertFalse(update.blocks().toString().contains("kudos.verify"), "no Verify button once verified");
        assertEquals(7, holdfast.count("SELECT impact + speed + creativity FROM kudos WHERE number = 1"));
    }

    @Test
    void onlyLeadsOrTheirManagerMayVerifyAndNeverTheirOwn() {
        say(GIVER, "/kudos", "<@ULEE|lee> Acme Corp: " + WHY);

        holdfast.press(KIM, "kudos.verify", kudosId(1));
        assertTrue(holdfast.slack.awaitCall("response_url", WAIT).text().contains("Only an escalation lead or the person's manager"));
        assertEquals(0, holdfast.slack.count("views.open"), "no form for someone who may not verify");

        say(ADMIN, "/holdfast", "manager <@ULEE|lee> <@UMGR|mgr>");
        verify(MANAGER, 1, "2", "2", "1");
        holdfast.slack.awaitCall("chat.update", c -> c.text().contains("Verified by <@UMGR>"), WAIT);

        say(LEAD, "/kudos", "<@UKIM|kim> Acme Corp: " + WHY);
        holdfast.press(LEAD, "kudos.verify", kudosId(2));
        holdfast.slack.awaitCall("response_url", c -> c.text().contains("Nobody verifies kudos they gave"), WAIT);

        holdfast.requests().viewSubmission(HoldfastOnSlack.TEAM, KIM, "kudos.verify", "{\"channel\":\"C0ACCOUNTS\",\"context\":\""
                + kudosId(2) + "\"}", SlackRequests.values().option("impact", "impact", "3", "3").option("speed", "speed", "3", "3")
                .option("creativity", "creativity", "3", "3").build());
        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM kudos WHERE number = 2 AND verified_at IS NOT NULL"),
                "submitting the form directly doesn't get round the check");
    }

    @Test
    void badInputGetsAnExampleAndPostsNothing() {
        String[][] cases = {
                {"Acme Corp: " + WHY, "Who are you recognising?"},
                {"@lee Acme Corp: " + WHY, "I couldn't tell who @lee is"},
                {"<@ULEE|lee> " + WHY, "Name the client account"},
                {"<@ULEE|lee> : " + WHY, "Which client account"},
                {"<@ULEE|lee> Acme Corp: great job", "at least 8 words (that was 2)"},
                {"<!subteam^S1|@cs> Acme Corp: " + WHY, "mention each person rather than a group"},
                {"<@ULEE|lee> Acme Corp: " + "word ".repeat(400), "keep kudos to 1500"},
        };
        for (String[] c : cases) {
            String text = say(GIVER, "/kudos", c[0]);
            assertTrue(text.contains(c[1]) && text.contains("Example: /kudos @lee"), c[0] + " → " + text);
        }
        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM kudos"));
    }

    @Test
    void typedBroadcastsInTheTextCannotPing() {
        say(GIVER, "/kudos", "<@ULEE|lee> Acme Corp: told <!channel> and <!here> about it early which " + WHY);

        String blocks = card().blocks().toString();
        assertFalse(blocks.contains("<!channel>") || blocks.contains("<!here>"), blocks);
    }

    @Test
    void listShowsTheMonthsKudosPrivately() {
        say(GIVER, "/kudos", "<@ULEE|lee> Acme Corp: " + WHY);
        say(GIVER, "/kudos", "<@UKIM|kim> Globex: " + WHY);

        String all = holdfast.command(LEE, "/kudos", "list").body();
        assertTrue(all.contains("#1") && all.contains("#2") && all.contains("November 2026 (2)"), all);
        String lees = holdfast.command(LEE, "/kudos", "list <@ULEE|lee> 2026-11").body();
        assertTrue(lees.contains("#1") && !lees.contains("#2"), lees);
        String october = holdfast.command(LEE, "/kudos", "list october").body();
        assertTrue(october.contains("No kudos in October 2026"), october);
        assertEquals("ephemeral", holdfast.command(LEE, "/kudos", "list").json().get("response_type").getAsString());
    }

    @Test
    void theMonthlyShoutOutIsPostedOnceOnTheFirstBusinessDayAtTen() {
        say(ADMIN, "/holdfast", "shoutout <#CWINS|wins>");
        say(GIVER, "/kudos", "<@ULEE|lee> Acme Corp: " + WHY);
        say(GIVER, "/kudos", "<@UKIM|kim> Globex: fixed their export overnight so the board pack went out on time");
        verify(LEAD, 1, "2", "2", "2");
        verify(LEAD, 2, "3", "3", "2");

        holdfast.clock.set(Instant.parse("2026-11-30T20:00:00Z"));
        assertEquals(0, holdfast.checkShoutOuts(), "not before the month is over");
        holdfast.clock.set(Instant.parse("2026-12-01T14:59:00Z"));
        assertEquals(0, holdfast.checkShoutOuts(), "Tue 1 Dec 09:59 in New York is too early");
        holdfast.clock.set(Instant.parse("2026-12-01T15:00:00Z"));
        assertEquals(1, holdfast.checkShoutOuts());
        assertEquals(0, holdfast.checkShoutOuts(), "exactly once");
        holdfast.clock.set(Instant.parse("2026-12-02T15:00:00Z"));
        assertEquals(0, holdfast.checkShoutOuts(), "still once, the next day");

        SlackCall shoutOut = holdfast.slack.awaitCall("chat.postMessage", c -> "CWINS".equals(c.param("channel")), WAIT);
        String text = shoutOut.text();
        assertTrue(text.contains("Client Impact — November 2026"), text);
        assertTrue(text.indexOf("fixed their export") < text.indexOf(WHY), "ranked by rubric total: " + text);
        holdfast.awaitDatabase("the shout-out delivered",
                () -> holdfast.count("SELECT COUNT(*) FROM outbox WHERE channel = 'CWINS' AND status = 'SENT'") == 1);
    }

    @Test
    void theShoutOutRunsOnTheScheduler() throws Exception {
        assertTrue(holdfast.scheduledJobs().contains("shout-out"));
    }
}
