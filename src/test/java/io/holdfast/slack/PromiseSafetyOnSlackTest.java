package io.holdfast.slack;

import static io.holdfast.testing.HoldfastOnSlack.CHANNEL;
import static io.holdfast.testing.HoldfastOnSlack.WAIT;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.testing.HoldfastOnSlack;
import io.holdfast.testing.SlackCall;
import io.holdfast.testing.SlackRequests;
import io.holdfast.testing.SlackResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** /promise when things go wrong: bad input, hostile text, forged requests, restarts and rate limits. */
class PromiseSafetyOnSlackTest extends PromiseTeam {
    @Test
    void badInputGetsAnExampleAndWritesNothing() {
        String[][] cases = {
                {"Acme Corp send the report by friday", "Put the client's account first, then a colon"},
                {"Acme Corp: send the report", "When is it due?"},
                {"Acme Corp: send the report by fridya", "couldn't read"},
                {"Acme Corp: send the report by 2026-11-20", "has already passed"},
                {": send the report by friday", "Which account"},
                {"Acme Corp: by friday", "What did you promise?"},
                {"Acme Corp: " + "x".repeat(2100) + " by friday", "characters"},
                {"frobnicate", "I didn't understand"},
                {"done #99", "There's no promise #99"},
                {"move #1 lee", "Mention one person"},
                {"update #1 friday", "Give the new date and the reason"},
                {"done", "Which promise? Give its number. Example: /promise done #12"},
                {"update by friday: the vendor is late", "Example: /promise update #12 by next tuesday"},
                {"cancel #99999999999999999999", "Which promise?"},
        };
        holdfast.promise(LEE, "Acme Corp: the real one by friday");
        for (String[] c : cases) {
            SlackResponse reply = holdfast.promise(LEE, c[0]);
            String text = reply.json().get("text").getAsString();
            assertEquals(200, reply.status());
            assertTrue(text.contains(c[1]), c[0] + " → " + text);
            assertTrue(text.contains("xample") || c[1].startsWith("There's no") || c[1].startsWith("I didn't") || c[1].startsWith("Which"),
                    "shows an example: " + text);
        }
        assertEquals(1, holdfast.count("SELECT COUNT(*) FROM promises"));
        assertEquals(1, holdfast.count("SELECT COUNT(*) FROM promise_events"));
    }

    @Test
    void aCardTheChannelRefusesIsExplainedToTheAuthorPrivately() {
        holdfast.slack.failNext("chat.postMessage", "not_in_channel");

        holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");

        SlackCall note = holdfast.slack.awaitCall("chat.postMessage", c -> LEE.equals(c.param("channel")), WAIT);
        assertTrue(note.text().contains("couldn't post the card for #1") && note.text().contains("/invite @holdfast"), note.text());
        assertEquals("FAILED", holdfast.text("SELECT status FROM outbox WHERE idempotency_key LIKE '%:card'"));
    }

    @Test
    void typedMentionsAndBroadcastsCannotPingAnyone() {
        holdfast.promise(LEE, "Acme &lt;b&gt;: tell <!channel> and <!here> and <@UBOSS|boss> &lt;!everyone&gt; it's done by friday");

        SlackCall card = holdfast.card(1);
        String blocks = card.blocks().toString() + card.param("text");
        assertAll(
                () -> assertFalse(blocks.contains("<!channel>"), blocks),
                () -> assertFalse(blocks.contains("<!here>"), blocks),
                () -> assertFalse(blocks.contains("<!everyone>"), blocks),
                () -> assertFalse(blocks.contains("<@UBOSS>"), blocks),
                () -> assertTrue(blocks.contains("@boss"), blocks),
                () -> assertTrue(blocks.contains("&lt;!everyone&gt;"), blocks));
        assertEquals("tell @channel and @here and @boss <!everyone> it's done",
                holdfast.text("SELECT text FROM promises WHERE number = 1"));
    }

    @Test
    void aMentionTypedAsTextCannotMakeSomeoneTheOwner() {
        holdfast.promise(LEE, "&lt;@UBOSS&gt; Acme Corp: send the SOC2 report by friday");

        assertEquals(LEE, holdfast.text("SELECT owner_id FROM promises WHERE number = 1"));
        SlackCall card = holdfast.card(1);
        assertFalse(card.text().contains("<@UBOSS>"), card.text());
    }

    @Test
    void forgedOrStaleRequestsAreRefusedBeforeAnyWork() {
        SlackRequests requests = holdfast.requests();
        String body = requests.slashCommandBody(HoldfastOnSlack.TEAM, LEE, CHANNEL, "/promise", "Acme: x by friday",
                holdfast.slack.responseUrl("x"), "t1");

        assertEquals(401, requests.forged(body).status());
        assertEquals(401, requests.sendAt(NOW.minus(Duration.ofMinutes(6)), body).status());
        assertEquals(401, requests.sendAt(NOW.plus(Duration.ofMinutes(6)), body).status());
        assertEquals(401, requests.raw(body, null, null, SlackRequests.FORM).status());

        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM promises"));
        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM tenants"));
        assertEquals(0, holdfast.slack.count("users.info"));
        assertEquals(200, requests.sendAt(NOW.plus(Duration.ofMinutes(4)), body).status());
    }

    @Test
    void aRestartKeepsPromisesAndStillUpdatesTheirCards() throws Exception {
        holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");
        holdfast.awaitCardRemembered(1);
        String cardTs = holdfast.text("SELECT card_ref FROM promises WHERE number = 1");

        holdfast.stop();
        holdfast.start();

        String list = holdfast.promise(LEE, "list").json().get("blocks").toString();
        assertTrue(list.contains("#1") && list.contains("send the SOC2 report"), list);
        holdfast.promise(LEE, "done #1 sent it");
        SlackCall update = holdfast.slack.awaitCall("chat.update", WAIT);
        assertEquals(cardTs, update.param("ts"));
        String next = holdfast.promise(LEE, "Globex: next one by friday").json().get("text").getAsString();
        assertTrue(next.contains("#2 for"), "numbering continues after a restart: " + next);
    }

    @Test
    void aRateLimitedCardIsPostedOnceAfterTheWaitSlackAskedFor() {
        holdfast.slack.rateLimitNext("chat.postMessage", 1, 30);

        holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");
        holdfast.slack.awaitCount("chat.postMessage", 1, WAIT);
        holdfast.awaitDatabase("the retry scheduled",
                () -> "rate limited".equals(holdfast.text("SELECT last_error FROM outbox WHERE idempotency_key LIKE '%:card'")));
        assertEquals(Duration.ofSeconds(30).toMillis(),
                holdfast.count("SELECT next_attempt_at FROM outbox WHERE idempotency_key LIKE '%:card'") - NOW.toEpochMilli());
        holdfast.clock.advance(Duration.ofSeconds(31));

        holdfast.slack.awaitCount("chat.postMessage", 2, WAIT);
        holdfast.awaitCardRemembered(1);
        assertEquals("SENT", holdfast.text("SELECT status FROM outbox WHERE idempotency_key LIKE '%:card'"));
        assertEquals(1, holdfast.count("SELECT attempts FROM outbox WHERE idempotency_key LIKE '%:card'"));
        assertNotNull(holdfast.text("SELECT card_ref FROM promises WHERE number = 1"));
    }
}
