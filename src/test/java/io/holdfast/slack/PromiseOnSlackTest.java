package io.holdfast.slack;

import static io.holdfast.testing.HoldfastOnSlack.CHANNEL;
import static io.holdfast.testing.HoldfastOnSlack.WAIT;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.testing.HoldfastOnSlack;
import io.holdfast.testing.SlackCall;
import io.holdfast.testing.SlackRequests;
import io.holdfast.testing.SlackResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** /promise end to end: signed Slack requests in, Web API calls out, a real SQLite file underneath. */
class PromiseOnSlackTest extends PromiseTeam {
    @Test
    void creatingAPromiseConfirmsPrivatelyAndPostsACardWithButtons() {
        SlackResponse response = holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");

        assertEquals(200, response.status());
        assertEquals("ephemeral", response.json().get("response_type").getAsString());
        String confirmation = response.json().get("text").getAsString();
        assertTrue(confirmation.contains("#1 for *Acme Corp* — owner <@ULEE> — due Fri 27 Nov 17:00"), confirmation);

        SlackCall card = holdfast.card(1);
        assertAll(
                () -> assertEquals(CHANNEL, card.param("channel")),
                () -> assertTrue(card.text().contains("send the SOC2 report"), card.text()),
                () -> assertTrue(card.text().contains("<@ULEE>"), "owner mentioned from the stored id"),
                () -> assertTrue(card.blocks().toString().contains("promise.done")),
                () -> assertTrue(card.blocks().toString().contains("promise.snooze")),
                () -> assertTrue(card.blocks().toString().contains("promise.update")),
                () -> assertTrue(card.text().contains("<!date^" + Instant.parse("2026-11-27T22:00:00Z").getEpochSecond())),
                () -> assertEquals(1, holdfast.count("SELECT COUNT(*) FROM promise_events WHERE kind = 'CREATED'")));
        holdfast.awaitCardRemembered(1);
    }

    @Test
    void ownerMentionedFirstOwnsThePromiseAndDueIsReadInTheCallersZone() {
        SlackResponse response = holdfast.promise(KIM, "<@ULEE|lee> Globex: call back about the invoice by tomorrow 3pm");

        String confirmation = response.json().get("text").getAsString();
        assertTrue(confirmation.contains("owner <@ULEE>"), confirmation);
        assertTrue(confirmation.contains("due Wed 25 Nov 15:00"), "Kim's 3pm, in Kim's zone (Berlin): " + confirmation);
        assertEquals(Instant.parse("2026-11-25T14:00:00Z").toEpochMilli(),
                holdfast.count("SELECT due_at FROM promises WHERE number = 1"));
        assertEquals("America/New_York", holdfast.text("SELECT due_zone FROM promises WHERE number = 1"), "owner's zone kept with the due");
    }

    @Test
    void accountNamesAreOneAccountWhateverTheirCase() {
        holdfast.promise(LEE, "Acme Corp: a by friday");
        holdfast.promise(LEE, "acme corp: b by friday");
        holdfast.promise(LEE, "ACME  CORP: c by friday");

        assertEquals(1, holdfast.count("SELECT COUNT(*) FROM accounts"));
        assertEquals(3, holdfast.count("SELECT COUNT(*) FROM promises"));
    }

    @Test
    void listShowsOpenPromisesSoonestFirstAndFilters() {
        holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");
        holdfast.promise(KIM, "Globex: fix the export by tomorrow");
        holdfast.promise(LEE, "Initech: renewal quote by 2026-12-10");

        String all = holdfast.promise(SAM, "list").json().get("text").getAsString();
        assertTrue(all.contains("(3)"), all);
        String blocks = holdfast.promise(SAM, "list").json().get("blocks").toString();
        assertTrue(blocks.indexOf("#2") < blocks.indexOf("#1") && blocks.indexOf("#1") < blocks.indexOf("#3"), "sorted by due: " + blocks);

        String mine = holdfast.promise(LEE, "list mine").json().get("blocks").toString();
        assertTrue(mine.contains("#1") && mine.contains("#3") && !mine.contains("#2"), mine);

        String kims = holdfast.promise(SAM, "list <@UKIM|kim>").json().get("blocks").toString();
        assertTrue(kims.contains("#2") && !kims.contains("#1"), kims);

        String acme = holdfast.promise(SAM, "list acme corp").json().get("blocks").toString();
        assertTrue(acme.contains("#1") && !acme.contains("#2"), acme);

        holdfast.clock.advance(Duration.ofDays(2));
        String overdue = holdfast.promise(SAM, "list overdue").json().get("blocks").toString();
        assertTrue(overdue.contains("#2") && overdue.contains("overdue") && !overdue.contains("#3"), overdue);
    }

    @Test
    void listShowsAtMostTwentyLinesAndCountsTheRest() {
        for (int i = 1; i <= 23; i++) {
            holdfast.promise(LEE, "Acme Corp: item " + i + " by in " + i + " days");
        }
        var reply = holdfast.promise(LEE, "list");
        String blocks = reply.json().get("blocks").toString();
        assertTrue(blocks.contains("#20") && !blocks.contains("#21 "), blocks);
        assertTrue(blocks.contains("and 3 more"), blocks);
    }

    @Test
    void doneButtonClosesThePromiseUpdatesTheCardAndTellsTheThread() {
        holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");
        SlackCall card = holdfast.card(1);
        holdfast.awaitCardRemembered(1);
        String cardTs = holdfast.text("SELECT card_ref FROM promises WHERE number = 1");

        assertEquals(200, holdfast.press(LEE, "promise.done", holdfast.promiseId(1)).status());

        SlackCall answer = holdfast.slack.awaitCall("response_url", WAIT);
        assertTrue(answer.text().contains("Marked #1 done"), answer.text());
        assertEquals("ephemeral", answer.json().get("response_type").getAsString());
        SlackCall update = holdfast.slack.awaitCall("chat.update", WAIT);
        assertEquals(cardTs, update.param("ts"));
        assertEquals(card.param("channel"), update.param("channel"));
        assertTrue(update.text().contains("Done ✓"), update.text());
        assertFalse(update.blocks().toString().contains("promise.done"), "no buttons on a closed promise");
        SlackCall thread = holdfast.slack.awaitCall("chat.postMessage", c -> cardTs.equals(c.param("thread_ts")), WAIT);
        assertTrue(thread.text().contains("marked #1 done"), thread.text());
        assertEquals("DONE", holdfast.text("SELECT status FROM promises WHERE number = 1"));
    }

    @Test
    void updateMovesTheDueAndTellsAuthorAndOwnerWhyInTheThread() {
        holdfast.promise(KIM, "<@ULEE|lee> Acme Corp: send the SOC2 report by friday");
        holdfast.awaitCardRemembered(1);
        String cardTs = holdfast.text("SELECT card_ref FROM promises WHERE number = 1");

        SlackResponse reply = holdfast.promise(LEE, "update #1 by next tuesday: the auditor needs two more days");

        assertTrue(reply.json().get("text").getAsString().contains("#1 is now due Tue 1 Dec 17:00"), reply.body());
        SlackCall thread = holdfast.slack.awaitCall("chat.postMessage", c -> cardTs.equals(c.param("thread_ts")), WAIT);
        assertTrue(thread.text().contains("the auditor needs two more days"), thread.text());
        assertTrue(thread.text().contains("<@UKIM>") && thread.text().contains("<@ULEE>"), "author and owner mentioned: " + thread.text());
        SlackCall update = holdfast.slack.awaitCall("chat.update", WAIT);
        assertTrue(update.text().contains("<!date^" + Instant.parse("2026-12-01T22:00:00Z").getEpochSecond()), update.text());
        assertEquals(1, holdfast.count("SELECT COUNT(*) FROM promise_events WHERE kind = 'UPDATED'"));
    }

    @Test
    void updateAcceptsAClockTimeInTheNewDate() {
        holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");

        String reply = holdfast.promise(LEE, "update #1 by friday 14:30: the auditor moved our slot").json().get("text").getAsString();

        assertTrue(reply.contains("now due Fri 27 Nov 14:30"), reply);
        SlackCall thread = holdfast.slack.awaitCall("chat.postMessage", c -> c.param("thread_ts") != null, WAIT);
        assertTrue(thread.text().contains("Why: the auditor moved our slot"), thread.text());
    }

    @Test
    void anAccountWhoseNameStartsLikeASubcommandIsStillAnAccount() {
        String reply = holdfast.promise(LEE, "Update Corp: send the deck by friday").json().get("text").getAsString();

        assertTrue(reply.contains("#1 for *Update Corp*"), reply);
    }

    @Test
    void snoozeKeepsTheDueDateAndShowsUntilWhen() {
        holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");

        SlackResponse reply = holdfast.promise(LEE, "snooze #1 thursday 9am");

        String text = reply.json().get("text").getAsString();
        assertTrue(text.contains("until Thu 26 Nov 09:00") && text.contains("still due Fri 27 Nov 17:00"), text);
        SlackCall update = holdfast.slack.awaitCall("chat.update", WAIT);
        assertTrue(update.text().contains("snoozed until"), update.text());
        assertEquals(Instant.parse("2026-11-27T22:00:00Z").toEpochMilli(), holdfast.count("SELECT due_at FROM promises WHERE number = 1"));
    }

    @Test
    void moveHandsThePromiseToSomeoneElse() {
        holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");

        SlackResponse reply = holdfast.promise(LEE, "move #1 <@UKIM|kim>");

        assertTrue(reply.json().get("text").getAsString().contains("now belongs to <@UKIM>"), reply.body());
        assertEquals(KIM, holdfast.text("SELECT owner_id FROM promises WHERE number = 1"));
        assertEquals("Europe/Berlin", holdfast.text("SELECT due_zone FROM promises WHERE number = 1"));
        SlackCall thread = holdfast.slack.awaitCall("chat.postMessage", c -> c.param("thread_ts") != null, WAIT);
        assertTrue(thread.text().contains("<@UKIM> now owns #1"), thread.text());
    }

    @Test
    void cancelNeedsAReason() {
        holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");

        String refused = holdfast.promise(LEE, "cancel #1").json().get("text").getAsString();
        assertTrue(refused.contains("Say why") && refused.contains("Example: /promise cancel #1"), refused);
        assertEquals("OPEN", holdfast.text("SELECT status FROM promises WHERE number = 1"));

        String done = holdfast.promise(LEE, "cancel #1 client dropped the requirement").json().get("text").getAsString();
        assertTrue(done.contains("Cancelled #1"), done);
        assertEquals("CANCELLED", holdfast.text("SELECT status FROM promises WHERE number = 1"));
        String again = holdfast.promise(LEE, "done #1").json().get("text").getAsString();
        assertTrue(again.contains("already cancelled"), again);
    }

    @Test
    void onlyOwnerAuthorOrAdminMayChangeAPromise() {
        holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");

        String refused = holdfast.promise(SAM, "done #1").json().get("text").getAsString();
        assertTrue(refused.contains("Only the owner or the author of #1"), refused);
        assertEquals("OPEN", holdfast.text("SELECT status FROM promises WHERE number = 1"));

        holdfast.press(SAM, "promise.done", holdfast.promiseId(1));
        SlackCall answer = holdfast.slack.awaitCall("response_url", WAIT);
        assertTrue(answer.text().contains("Only the owner"), answer.text());

        assertTrue(holdfast.promise(ADMIN, "done #1").json().get("text").getAsString().contains("Marked #1 done"));
    }

    @Test
    void modalCreatesTheSamePromise() {
        SlackResponse opened = holdfast.promise(LEE, "");
        assertEquals(200, opened.status());
        SlackCall viewsOpen = holdfast.slack.awaitCall("views.open", WAIT);
        assertTrue(viewsOpen.param("trigger_id").startsWith("trigger-"));
        var view = com.google.gson.JsonParser.parseString(viewsOpen.param("view")).getAsJsonObject();
        assertEquals("promise.create", view.get("callback_id").getAsString());

        SlackRequests.StateValues values = SlackRequests.values()
                .user("owner", "owner", LEE)
                .text("account", "account", "Acme Corp")
                .text("what", "what", "send the SOC2 report")
                .date("due_date", "due_date", LocalDate.of(2026, 12, 2))
                .time("due_time", "due_time", LocalTime.of(11, 0));
        SlackResponse submitted = holdfast.requests().viewSubmission(HoldfastOnSlack.TEAM, LEE, "promise.create",
                view.get("private_metadata").getAsString(), values.build());

        assertEquals(200, submitted.status());
        SlackCall card = holdfast.card(1);
        assertTrue(card.text().contains("send the SOC2 report"));
        assertEquals(Instant.parse("2026-12-02T16:00:00Z").toEpochMilli(), holdfast.count("SELECT due_at FROM promises WHERE number = 1"));
        SlackCall confirmation = holdfast.slack.awaitCall("chat.postEphemeral", WAIT);
        assertEquals(CHANNEL, confirmation.param("channel"));
        assertTrue(confirmation.text().contains("#1 for"), confirmation.text());
    }

    @Test
    void modalWithAPastDateKeepsTheFormOpenWithTheError() {
        SlackRequests.StateValues values = SlackRequests.values()
                .user("owner", "owner", LEE)
                .text("account", "account", "Acme Corp")
                .text("what", "what", "send the SOC2 report")
                .date("due_date", "due_date", LocalDate.of(2026, 11, 20));
        SlackResponse submitted = holdfast.requests().viewSubmission(HoldfastOnSlack.TEAM, LEE, "promise.create",
                "{\"channel\":\"" + CHANNEL + "\",\"context\":\"" + CHANNEL + "\"}", values.build());

        assertEquals("errors", submitted.json().get("response_action").getAsString());
        assertTrue(submitted.json().getAsJsonObject("errors").get("due_date").getAsString().contains("already passed"));
        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM promises"));
    }

    @Test
    void snoozeAndUpdateButtonsOpenSmallFormsThatDoTheSame() {
        holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");
        holdfast.press(LEE, "promise.update", holdfast.promiseId(1));
        SlackCall viewsOpen = holdfast.slack.awaitCall("views.open", WAIT);
        var view = com.google.gson.JsonParser.parseString(viewsOpen.param("view")).getAsJsonObject();
        assertEquals("promise.update", view.get("callback_id").getAsString());

        holdfast.requests().viewSubmission(HoldfastOnSlack.TEAM, LEE, "promise.update", view.get("private_metadata").getAsString(),
                SlackRequests.values().text("due", "due", "2026-12-04").text("reason", "reason", "client asked for a week").build());

        SlackCall thread = holdfast.slack.awaitCall("chat.postMessage", c -> c.param("thread_ts") != null, WAIT);
        assertTrue(thread.text().contains("client asked for a week"), thread.text());
        assertEquals(Instant.parse("2026-12-04T22:00:00Z").toEpochMilli(), holdfast.count("SELECT due_at FROM promises WHERE number = 1"));

        holdfast.press(LEE, "promise.snooze", holdfast.promiseId(1));
        SlackCall snoozeOpen = holdfast.slack.awaitCall("views.open", c -> c.param("view").contains("promise.snooze"), WAIT);
        var snoozeView = com.google.gson.JsonParser.parseString(snoozeOpen.param("view")).getAsJsonObject();
        holdfast.requests().viewSubmission(HoldfastOnSlack.TEAM, LEE, "promise.snooze", snoozeView.get("private_metadata").getAsString(),
                SlackRequests.values().text("until", "until", "monday 9am").build());
        assertEquals(1, holdfast.count("SELECT COUNT(*) FROM promise_events WHERE kind = 'SNOOZED'"));
    }

    @Test
    void anExpiredTriggerGetsAShortApology() {
        holdfast.slack.failNext("views.open", "expired_trigger_id");

        SlackResponse response = holdfast.promise(LEE, "");

        assertTrue(response.json().get("text").getAsString().contains("please try again"), response.body());
    }

}
