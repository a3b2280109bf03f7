package io.holdfast.home;

import static io.holdfast.testing.HoldfastOnSlack.TEAM;
import static io.holdfast.testing.HoldfastOnSlack.WAIT;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.holdfast.testing.SlackCall;
import io.holdfast.testing.SlackEndToEnd;
import io.holdfast.testing.SlackRequests;
import io.holdfast.testing.SlackResponse;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The App Home tab end to end: app_home_opened in, views.publish out, and the buttons on it working as on the cards. */
class HomeOnSlackTest extends SlackEndToEnd {
    static final String LEE = "ULEE";
    static final String KIM = "UKIM";
    static final String SAM = "USAM";
    static final String REPORTER = "UREP";
    static final String GIVER = "UGIV";
    static final String ADMIN = "UADMIN";
    static final String WHY = "spotted the renewal risk early and set up a fix call that saved the renewal";

    private int triggers;

    @BeforeEach
    void meetTheTeam() {
        holdfast.slack.user(LEE, "Lee", "America/New_York", false)
                .user(KIM, "Kim", "Europe/Berlin", false)
                .user(SAM, "Sam", "America/New_York", false)
                .user(REPORTER, "Rae", "America/New_York", false)
                .user(GIVER, "Gil", "America/New_York", false)
                .user(ADMIN, "Ada", "America/New_York", true);
        holdfast.command(ADMIN, "/holdfast", "timezone America/New_York");
    }

    private SlackResponse openHome(String user) {
        return holdfast.requests().homeOpened(TEAM, user);
    }

    /** Presses a button on the Home tab; returns the trigger id Slack gave the press. */
    private String pressOnHome(String user, String actionId, String value) {
        String trigger = "home-trigger-" + (++triggers);
        assertEquals(200, holdfast.requests().homeBlockAction(TEAM, user, actionId, value, trigger).status());
        return trigger;
    }

    private SlackCall home(String user) {
        return holdfast.slack.awaitHome(user, c -> true, WAIT);
    }

    private static JsonArray blocks(SlackCall home) {
        return JsonParser.parseString(home.param("view")).getAsJsonObject().getAsJsonArray("blocks");
    }

    private String id(String table, int number) {
        return String.valueOf(holdfast.count("SELECT id FROM " + table + " WHERE number = ?", number));
    }

    private static boolean hasButton(SlackCall home, String actionId, String value) {
        for (var block : blocks(home)) {
            JsonObject b = block.getAsJsonObject();
            if (b.has("elements") && "actions".equals(b.get("type").getAsString())) {
                for (var element : b.getAsJsonArray("elements")) {
                    JsonObject button = element.getAsJsonObject();
                    if (actionId.equals(button.get("action_id").getAsString()) && value.equals(button.get("value").getAsString())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void openingHomeShowsMyOverduePromiseFirstMyEscalationTheTopAtRiskAccountAndMyKudos() {
        holdfast.promise(LEE, "Initech: send the renewal quote by 2026-12-10");
        holdfast.promise(LEE, "Acme Corp: send the SOC2 report by today");
        holdfast.promise(KIM, "Globex: fix the export by friday");
        holdfast.command(REPORTER, "/escalate", "Acme Corp P1: checkout is down for all their users");
        holdfast.command(LEE, "/escalate", "ack #1");
        holdfast.command(GIVER, "/kudos", "<@ULEE|lee> Acme Corp: " + WHY);
        holdfast.clock.set(Instant.parse("2026-11-25T15:00:00Z"));

        SlackResponse ack = openHome(LEE);

        assertEquals(200, ack.status());
        SlackCall home = home(LEE);
        String text = home.text();
        JsonObject view = JsonParser.parseString(home.param("view")).getAsJsonObject();
        assertAll(
                () -> assertEquals("home", view.get("type").getAsString()),
                () -> assertTrue(text.contains("Your open promises (2)"), text),
                () -> assertTrue(text.indexOf("send the SOC2 report") < text.indexOf("send the renewal quote"), "overdue first: " + text),
                () -> assertTrue(text.contains("overdue by 17 hours"), text),
                () -> assertTrue(text.contains("<!date^" + Instant.parse("2026-11-24T22:00:00Z").getEpochSecond()), "a moment each viewer "
                        + "sees in their own zone: " + text),
                () -> assertFalse(text.contains("fix the export"), "Kim's promise is not on Lee's Home: " + text),
                () -> assertTrue(hasButton(home, "promise.done", id("promises", 2)), "Done as on the card"),
                () -> assertTrue(hasButton(home, "promise.snooze", id("promises", 2)) && hasButton(home, "promise.update", id("promises", 2))),
                () -> assertTrue(text.contains("Escalations you own (1)") && text.contains("checkout is down for all their users"), text),
                () -> assertTrue(hasButton(home, "escalation.assign", id("escalations", 1))
                        && hasButton(home, "escalation.resolve", id("escalations", 1)), "Assign and Resolve as on the card"),
                () -> assertFalse(hasButton(home, "escalation.ack", id("escalations", 1)), "already acknowledged"),
                () -> assertTrue(text.contains("Top 5 at-risk accounts") && text.contains("1. Acme Corp"), text),
                () -> assertTrue(text.contains("Recent kudos you received") && text.contains(WHY) && text.contains("<@UGIV>"), text));
    }

    @Test
    void theEventIsAcknowledgedAtOnceAndHomeIsPublishedAfterwardsWithTheWorkspacesToken() {
        CountDownLatch held = holdfast.slack.holdNext("views.publish");
        try {
            assertEquals(200, openHome(LEE).status(), "answered while views.publish is still held");
            SlackCall publish = holdfast.slack.awaitCall("views.publish", WAIT);
            assertEquals("Bearer xoxb-test-token", publish.authorization());
            assertEquals(LEE, publish.param("user_id"));
        } finally {
            held.countDown();
        }
    }

    @Test
    void eachPersonSeesTheirOwnWorkInTheirOwnZone() {
        holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");
        holdfast.promise(KIM, "Globex: fix the export by friday");

        openHome(KIM);

        String kims = home(KIM).text();
        assertTrue(kims.contains("fix the export") && !kims.contains("send the SOC2 report"), kims);
        assertTrue(kims.contains("Fri 27 Nov 17:00 CET"), "shown in Kim's zone where Slack can't: " + kims);
        assertEquals(0, holdfast.slack.calls("views.publish").stream().filter(c -> LEE.equals(c.param("user_id"))).count());
    }

    @Test
    void pressingDoneOnHomeClosesThePromiseUpdatesItsCardAndShowsHomeWithoutIt() {
        holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");
        holdfast.promise(LEE, "Globex: send the deck by 2026-12-20");
        holdfast.awaitCardRemembered(1);
        String cardTs = holdfast.text("SELECT card_ref FROM promises WHERE number = 1");
        openHome(LEE);
        assertTrue(home(LEE).text().contains("send the SOC2 report"));

        pressOnHome(LEE, "promise.done", id("promises", 1));

        SlackCall update = holdfast.slack.awaitCall("chat.update", c -> cardTs.equals(c.param("ts")), WAIT);
        assertTrue(update.text().contains("Done ✓"), update.text());
        SlackCall again = holdfast.slack.awaitHome(LEE, c -> c.text().contains("Marked #1 done"), WAIT);
        assertFalse(again.text().contains("send the SOC2 report"), again.text());
        assertTrue(again.text().contains("send the deck") && again.text().contains("Your open promises (1)"), again.text());
        assertEquals("DONE", holdfast.text("SELECT status FROM promises WHERE number = 1"));
        assertEquals(0, holdfast.slack.count("response_url"), "nothing to answer through on the Home tab");
    }

    @Test
    void snoozeOnHomeOpensItsFormAndTheConfirmationLandsOnHome() {
        holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");

        String trigger = pressOnHome(LEE, "promise.snooze", id("promises", 1));

        SlackCall opened = holdfast.slack.awaitCall("views.open", c -> trigger.equals(c.param("trigger_id")), WAIT);
        JsonObject modal = JsonParser.parseString(opened.param("view")).getAsJsonObject();
        assertEquals("promise.snooze", modal.get("callback_id").getAsString());
        holdfast.requests().viewSubmission(TEAM, LEE, "promise.snooze", modal.get("private_metadata").getAsString(),
                SlackRequests.values().text("until", "until", "thursday 9am").build());

        SlackCall home = holdfast.slack.awaitHome(LEE, c -> c.text().contains("Snoozed reminders for #1"), WAIT);
        assertTrue(home.text().contains("reminders snoozed until"), home.text());
        assertEquals(1, holdfast.count("SELECT COUNT(*) FROM promise_events WHERE kind = 'SNOOZED'"));
        assertEquals(0, holdfast.slack.count("chat.postEphemeral"), "no channel to confirm in");
    }

    @Test
    void escalationButtonsOnHomeWorkAsOnTheCard() {
        holdfast.command(REPORTER, "/escalate", "Acme Corp P1: checkout is down for all their users");
        holdfast.command(REPORTER, "/escalate", "assign #1 <@ULEE|lee>");
        holdfast.slack.awaitCall("chat.postMessage", c -> c.param("thread_ts") == null && c.text().contains("Escalation #1"), WAIT);
        holdfast.awaitDatabase("the escalation card's ts", () -> holdfast.text("SELECT card_ref FROM escalations WHERE number = 1") != null);
        openHome(LEE);
        assertTrue(hasButton(home(LEE), "escalation.ack", id("escalations", 1)));

        pressOnHome(LEE, "escalation.ack", id("escalations", 1));

        SlackCall home = holdfast.slack.awaitHome(LEE, c -> c.text().contains("Acknowledged #1"), WAIT);
        assertFalse(hasButton(home, "escalation.ack", id("escalations", 1)), "acknowledged now");
        assertTrue(hasButton(home, "escalation.resolve", id("escalations", 1)));
        holdfast.slack.awaitCall("chat.update", c -> c.text().contains("Acknowledged"), WAIT);

        String trigger = pressOnHome(LEE, "escalation.resolve", id("escalations", 1));
        SlackCall opened = holdfast.slack.awaitCall("views.open", c -> trigger.equals(c.param("trigger_id")), WAIT);
        assertTrue(opened.param("view").contains("escalation.resolve"), opened.param("view"));
    }

    @Test
    void aStaleButtonOnHomeSaysWhyAtTheTop() {
        holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");
        holdfast.promise(LEE, "done #1 sent it");

        pressOnHome(LEE, "promise.done", id("promises", 1));

        SlackCall home = holdfast.slack.awaitHome(LEE, c -> c.text().contains("#1 is already done"), WAIT);
        assertTrue(home.text().contains("Nothing open on you"), home.text());
    }

    @Test
    void anEmptyHomeSaysHowToStart() {
        openHome(SAM);

        String text = home(SAM).text();
        assertAll(
                () -> assertTrue(text.contains("/promise Acme Corp: send the renewal quote by friday"), text),
                () -> assertTrue(text.contains("/escalate Acme Corp P1:"), text),
                () -> assertTrue(text.contains("No account shows a risk signal") && text.contains("/holdfast digest daily 09:00"), text),
                () -> assertTrue(text.contains("/kudos @lee Acme Corp:"), text));
    }

    @Test
    void typedTextCannotPingAnyoneFromHome() {
        holdfast.promise(LEE, "Acme &lt;b&gt;: tell <!channel> and <@UBOSS|boss> &lt;!everyone&gt; it's done by friday");
        holdfast.command(GIVER, "/kudos", "<@ULEE|lee> Acme &lt;b&gt;: told <!here> about it early which " + WHY);

        openHome(LEE);

        String blocks = blocks(home(LEE)).toString();
        assertAll(
                () -> assertFalse(blocks.contains("<!channel>"), blocks),
                () -> assertFalse(blocks.contains("<!here>"), blocks),
                () -> assertFalse(blocks.contains("<!everyone>"), blocks),
                () -> assertFalse(blocks.contains("<@UBOSS>"), blocks),
                () -> assertTrue(blocks.contains("&lt;!everyone&gt;") && blocks.contains("Acme &lt;b&gt;"), blocks));
    }

    @Test
    void longListsAreCutToFitAHomeTabAndSayHowToSeeTheRest() {
        for (int i = 1; i <= 12; i++) {
            holdfast.promise(LEE, "Account " + i + ": item " + i + " by today");
        }
        for (int i = 1; i <= 6; i++) {
            holdfast.command(LEE, "/escalate", "Account " + i + " P3: issue " + i);
            holdfast.command(LEE, "/escalate", "ack #" + i);
            holdfast.command(GIVER, "/kudos", "<@ULEE|lee> Account " + i + ": " + WHY);
        }
        holdfast.clock.set(Instant.parse("2026-11-25T15:00:00Z"));

        openHome(LEE);

        SlackCall home = home(LEE);
        String text = home.text();
        assertAll(
                () -> assertTrue(blocks(home).size() <= 100, "Slack takes at most 100 blocks: " + blocks(home).size()),
                () -> assertTrue(text.contains("…and 2 more — /promise list mine"), text),
                () -> assertTrue(text.contains("…and 1 more — /escalate list mine"), text),
                () -> assertTrue(text.contains("…and 1 more — /kudos list"), text),
                () -> assertTrue(text.contains("5. Account") && !text.contains("6. Account"), "the top five only: " + text));
    }

    @Test
    void theMessagesTabIsLeftAlone() {
        assertEquals(200, holdfast.requests().appHomeOpened(TEAM, LEE, "messages").status());
        openHome(SAM);

        home(SAM);
        assertEquals(1, holdfast.slack.count("views.publish"), "only Sam's Home tab was published");
    }

    @Test
    void slackCanVerifyTheEventsUrlWhenTheManifestSubscribesToEvents() {
        SlackResponse response = holdfast.requests().sendJson("{\"token\":\"legacy-verification-token\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}");

        assertEquals(200, response.status());
        assertTrue(response.body().contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"), response.body());
    }
}
