package io.holdfast.teams;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.testing.FakeBotConnector;
import io.holdfast.testing.FakeBotConnector.Sent;
import io.holdfast.testing.TeamsEndToEnd;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Posts Holdfast makes on its own in Teams go through the outbox: refused posts wait, retry or stop as the Bot Connector says. */
class TeamsDeliveryTest extends TeamsEndToEnd {

    @Test
    void aRateLimitedCardWaitsAsLongAsTeamsAskedThenGoesOut() {
        teams.rateLimitNext(30, FakeBotConnector.Op.SEND);

        promise("send the renewal quote by friday");
        teams.awaitCall(s -> s.status() == 429, Duration.ofSeconds(10));
        holdfast.deliverNow();
        assertEquals(0, teams.delivered().stream().filter(s -> s.text().contains("Promise #1")).count(), "nothing before Retry-After");

        holdfast.clock.advance(Duration.ofSeconds(40));

        Sent card = card(1);
        assertEquals(CHANNEL, card.conversationId());
    }

    @Test
    void serverErrorsAreRetriedByTheOutboxWithBackoffNotByTheSdkBehindItsBack() {
        teams.serverErrorNext(2, FakeBotConnector.Op.SEND);

        promise("send the renewal quote by friday");
        teams.awaitCall(s -> s.status() == 500, Duration.ofSeconds(10));
        holdfast.deliverNow();
        assertEquals(1, serverErrors(), "no immediate resend: a 502 after Teams stored the post would show the card twice");

        holdfast.clock.advance(Duration.ofMinutes(1));
        teams.awaitCall(s -> serverErrors() == 2, Duration.ofSeconds(10));
        holdfast.deliverNow(); // waits for the worker's pass, so the next retry time is stored before the clock moves
        holdfast.clock.advance(Duration.ofMinutes(1));

        card(1);
        assertEquals(1, teams.delivered().stream().filter(s -> s.text().contains("Promise #1")).count());
    }

    private long serverErrors() {
        return teams.calls().stream().filter(s -> s.status() == 500).count();
    }

    @Test
    void whenHoldfastWasRemovedFromTheConversationItStopsPostingThere() {
        promise("send the renewal quote by friday");
        card(1);
        holdfast.deliverNow(); // waits for the worker's pass, so the card's id is stored before the clock moves
        teams.notInRosterNext();
        holdfast.clock.advance(Duration.ofDays(3).plusHours(8));

        holdfast.checkNudges();
        holdfast.deliverNow();

        assertAll(
                () -> assertEquals(0, holdfast.count("SELECT COUNT(*) FROM teams_conversations WHERE conversation_id = ? AND installed = 1", CHANNEL)),
                () -> assertEquals(0, holdfast.count("SELECT COUNT(*) FROM outbox WHERE status = 'PENDING'"), "nothing is retried"),
                () -> assertTrue(holdfast.count("SELECT COUNT(*) FROM outbox WHERE status = 'FAILED'") >= 1));
    }

    @Test
    void whenACardCannotBePostedItsAuthorIsToldInTheirPersonalChat() {
        holdfast.send(activities.personalInstall(ALEX));
        teams.clear();
        teams.notInRosterNext(FakeBotConnector.Op.SEND);

        promise("send the renewal quote by friday");

        Sent told = teams.awaitSent(s -> s.succeeded() && s.conversationId().equals(activities.personalConversationId(ALEX))
                && s.text().contains("#1"));
        assertTrue(told.text().contains("couldn't post the card for #1") && told.text().contains("Teams said"), told.text());
        assertFalse(told.text().contains("Slack"), told.text());
    }

    @Test
    void aCardTeamsLostIsPostedAfreshWithTheChangeAndLaterUpdatesFollowIt() {
        promise("send the renewal quote by friday");
        Sent card = card(1);
        teams.activityNotFoundOnNextUpdate();

        holdfast.send(activities.cardSubmitInChannel(ALEX, TEAM, CHANNEL, card.messageId(), card.submitData("Done")));

        Sent fresh = teams.awaitSent(s -> s.isPost() && !s.isReply() && s.succeeded() && s.text().contains("replaces an earlier"));
        holdfast.deliverNow();
        assertAll(
                () -> assertEquals("DONE", holdfast.text("SELECT status FROM promises WHERE number = 1"), "the change is kept"),
                () -> assertEquals(fresh.messageId(), holdfast.text("SELECT card_ref FROM promises WHERE number = 1")),
                () -> assertEquals(CHANNEL, fresh.conversationId()));
    }

    @Test
    void channelsAreLearntFromConversationUpdatesAndForgottenWhenHoldfastLeavesTheTeam() {
        holdfast.send(activities.botAddedToTeam(ALEX, TEAM, "Customer Success"));
        holdfast.send(activities.channelCreated(ALEX, TEAM, CHANNEL, "Acme renewals"));
        holdfast.send(activities.channelRenamed(ALEX, TEAM, CHANNEL, "Acme Corp renewals"));

        assertEquals("Acme Corp renewals", holdfast.text("SELECT name FROM teams_conversations WHERE conversation_id = ?", CHANNEL));

        holdfast.send(activities.botRemovedFromTeam(ALEX, TEAM));

        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM teams_conversations WHERE installed = 1"));
    }

    @Test
    void aDeletedChannelAndAnUninstalledTeamAreNoLongerPostedTo() {
        holdfast.send(activities.botAddedToTeam(ALEX, TEAM, "Customer Success"));
        holdfast.send(activities.channelCreated(ALEX, TEAM, CHANNEL, "Acme renewals"));

        holdfast.send(activities.channelDeleted(ALEX, TEAM, CHANNEL, "Acme renewals"));
        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM teams_conversations WHERE conversation_id = ? AND installed = 1", CHANNEL));

        holdfast.send(activities.teamInstallationUpdate(ALEX, TEAM, "Customer Success", "remove"));
        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM teams_conversations WHERE installed = 1"));
    }

    @Test
    void aPersonalInstallIsRememberedButGivesNoAdminRights() {
        holdfast.send(activities.personalInstall(ALEX));

        assertAll(
                () -> assertEquals(1, holdfast.count("SELECT COUNT(*) FROM teams_conversations WHERE kind = 'PERSONAL' AND installed = 1")),
                () -> assertFalse(holdfast.count("SELECT COUNT(*) FROM users WHERE is_admin = 1") > 0));
    }
}
