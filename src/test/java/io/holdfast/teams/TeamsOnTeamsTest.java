package io.holdfast.teams;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.testing.FakeBotConnector.Sent;
import io.holdfast.testing.TeamsActivities;
import io.holdfast.testing.TeamsActivities.Person;
import io.holdfast.testing.TeamsEndToEnd;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Teams users get what Slack users get: the same commands, buttons and forms, answered with Adaptive Cards. */
class TeamsOnTeamsTest extends TeamsEndToEnd {

    @Test
    void addingHoldfastToATeamWelcomesTheTeamAndRemembersWhereToPost() {
        assertEquals(200, holdfast.send(activities.botAddedToTeam(ALEX, TEAM, "Customer Success")));

        Sent welcome = teams.awaitSent(s -> s.isPost() && s.text().contains("@Holdfast promise"));
        assertAll(
                () -> assertEquals(TEAM, welcome.conversationId(), "a new post in the team's first channel"),
                () -> assertFalse(welcome.isReply(), "a conversation update is nothing to reply to"),
                () -> assertEquals(1, holdfast.count("SELECT COUNT(*) FROM teams_conversations WHERE conversation_id = ? AND installed = 1", TEAM)),
                () -> assertEquals(1, holdfast.count("SELECT COUNT(*) FROM users WHERE user_id = ? AND is_admin = 1", ALEX.aadObjectId()),
                        "the person who added Holdfast to the team administers it"));
    }

    @Test
    void onlyTheFirstPersonToAddHoldfastToATeamAdministersIt() {
        holdfast.send(activities.botAddedToTeam(ALEX, TEAM, "Customer Success"));
        holdfast.send(activities.botAddedToTeam(DANA, "19:dana-own-team@thread.tacv2", "Dana's team"));

        assertAll(
                () -> assertEquals(1, holdfast.count("SELECT COUNT(*) FROM users WHERE is_admin = 1")),
                () -> assertEquals(0, holdfast.count("SELECT COUNT(*) FROM users WHERE user_id = ? AND is_admin = 1", DANA.aadObjectId()),
                        "anyone can create a team, so a later install grants nothing"));
    }

    @Test
    void aBotNameThatLooksLikeARegularExpressionIsStillStrippedFromTheCommand() {
        String activity = activities.channelMessage(ALEX, TEAM, CHANNEL, "promise Acme Corp: send the renewal quote by friday")
                .replace("<at>Holdfast</at>", "<at>Holdfast [EU]</at>");

        holdfast.send(activity);

        assertTrue(card(1).text().contains("send the renewal quote"));
    }

    @Test
    void aMentionTeamsCannotResolveGetsAnAnswerAndSavesNothing() {
        Person stranger = new Person("29:1stranger", "aad-stranger", "Sam Stranger", "America/New_York");

        holdfast.send(activities.channelMessage(ALEX, TEAM, CHANNEL,
                "kudos <at>Sam Stranger</at> Acme Corp: stayed late to rebuild the renewal deck after the outage", stranger));

        Sent answer = teams.awaitSent(s -> s.isReply() && s.text().contains("Sam Stranger"));
        assertAll(
                () -> assertTrue(answer.text().contains("e.g. kudos"), answer.text()),
                () -> assertEquals(0, holdfast.count("SELECT COUNT(*) FROM kudos")));
    }

    @Test
    void aPromiseMadeInAChannelIsConfirmedInTheThreadAndItsCardPostedToTheChannel() {
        promise("send the renewal quote by friday");
        String asked = activities.lastActivityId();

        Sent confirmation = teams.awaitSent(s -> s.isReply() && s.text().contains("#1"));
        Sent card = card(1);
        assertAll(
                () -> assertEquals(TeamsActivities.threadId(CHANNEL, asked), confirmation.conversationId()),
                () -> assertEquals(CHANNEL, card.conversationId(), "the card is a new post in the channel, not a reply"),
                () -> assertTrue(card.text().contains("send the renewal quote"), card.text()),
                () -> assertTrue(card.mentionedIds().contains(ALEX.aadObjectId()), "the owner is mentioned by AAD object id"),
                () -> assertEquals(3, card.submitActions().size(), "Done, Snooze and Update"),
                () -> assertEquals("America/New_York", holdfast.text("SELECT time_zone FROM users WHERE user_id = ?", ALEX.aadObjectId())),
                () -> assertEquals("America/New_York", holdfast.text("SELECT time_zone FROM tenants WHERE platform = 'TEAMS'")));
    }

    @Test
    void aPersonalChatNeedsNoMention() {
        holdfast.send(activities.personalMessage(ALEX, "promise Acme Corp: send the SOC2 report by friday 3pm"));
        teams.awaitSent(s -> s.isPost() && s.text().contains("Promise #1"));

        holdfast.send(activities.personalMessage(ALEX, "promise list"));

        Sent list = teams.awaitSent(s -> s.isPost() && s.text().contains("send the SOC2 report") && !s.text().contains("Promise #1"));
        assertEquals(activities.personalConversationId(ALEX), list.conversationId());
    }

    @Test
    void helpListsEveryCommand() {
        holdfast.send(activities.channelMessage(ALEX, TEAM, CHANNEL, "help"));

        Sent help = teams.awaitSent(s -> s.isReply() && s.text().contains("kudos"));
        assertTrue(help.text().contains("promise") && help.text().contains("escalate"), help.text());
    }

    @Test
    void pressingDoneOnTheCardClosesThePromiseAndUpdatesTheCardInPlace() {
        promise("send the renewal quote by friday");
        Sent card = card(1);

        holdfast.send(activities.cardSubmitInChannel(ALEX, TEAM, CHANNEL, card.messageId(), card.submitData("Done")));

        Sent updated = teams.awaitSent(s -> s.isUpdate() && card.messageId().equals(s.activityId()));
        assertAll(
                () -> assertTrue(updated.text().contains("Done") || updated.text().contains("done"), updated.text()),
                () -> assertTrue(updated.submitActions().isEmpty(), "a kept promise has no buttons left"),
                () -> assertEquals("DONE", holdfast.text("SELECT status FROM promises WHERE number = 1")));
    }

    @Test
    void aPromiseFormIsFilledInOnACardAndReplacedByItsConfirmation() {
        Sent form = newPromiseForm();
        Map<String, Object> value = new HashMap<>(form.submitData("Create"));
        value.put("owner", DANA.aadObjectId());
        value.put("account", "Globex");
        value.put("what", "share the migration plan");
        value.put("due_date", "2026-11-27");
        value.put("due_time", "15:00");

        holdfast.send(activities.cardSubmit(ALEX, activities.personalConversationId(ALEX), form.messageId(), value));

        Sent closed = teams.awaitSent(s -> s.isUpdate() && form.messageId().equals(s.activityId()));
        assertAll(
                () -> assertTrue(closed.text().contains("#1"), closed.text()),
                () -> assertEquals(DANA.aadObjectId(), holdfast.text("SELECT owner_id FROM promises WHERE number = 1")),
                () -> assertTrue(card(1).text().contains("share the migration plan")));
    }

    @Test
    void aFormWithAPastDueDateSaysWhatToFixAndSavesNothing() {
        Sent form = newPromiseForm();
        Map<String, Object> value = new HashMap<>(form.submitData("Create"));
        value.put("owner", ALEX.aadObjectId());
        value.put("account", "Globex");
        value.put("what", "share the plan");
        value.put("due_date", "2026-11-20");

        holdfast.send(activities.cardSubmit(ALEX, activities.personalConversationId(ALEX), form.messageId(), value));

        Sent fix = teams.awaitSent(s -> s.isPost() && s.text().contains("fix"));
        assertAll(
                () -> assertTrue(fix.text().contains("already passed"), fix.text()),
                () -> assertEquals(0, holdfast.count("SELECT COUNT(*) FROM promises")));
    }

    @Test
    void kudosRecipientsAreTheTeamsMentions() {
        holdfast.send(activities.channelMessage(ALEX, TEAM, CHANNEL,
                "kudos <at>Dana Ruiz</at> Acme Corp: stayed late to rebuild the renewal deck after the outage", DANA));

        Sent card = teams.awaitSent(s -> s.isPost() && !s.isReply() && s.text().contains("Dana Ruiz") && s.text().contains("rebuild"));
        assertAll(
                () -> assertTrue(card.mentionedIds().contains(DANA.aadObjectId()), card.mentions().toString()),
                () -> assertEquals(1, holdfast.count("SELECT COUNT(*) FROM kudos")));
    }

    @Test
    void anEscalationIsAcknowledgedFromItsCard() {
        holdfast.send(activities.botAddedToTeam(ALEX, TEAM, "Customer Success"));
        holdfast.send(activities.channelMessage(ALEX, TEAM, CHANNEL, "escalate Acme Corp P1: dashboard down for all users"));
        Sent card = teams.awaitSent(s -> s.isPost() && !s.isReply() && s.text().contains("dashboard down") && !s.submitActions().isEmpty());

        holdfast.send(activities.cardSubmitInChannel(ALEX, TEAM, CHANNEL, card.messageId(), card.submitData("Acknowledge")));

        teams.awaitSent(s -> s.isUpdate() && card.messageId().equals(s.activityId()) && s.text().toLowerCase().contains("acknowledged"));
        assertEquals(1, holdfast.count("SELECT COUNT(*) FROM escalations WHERE acked_at IS NOT NULL"));
    }

    @Test
    void aMissedAcknowledgeSlaIsAnnouncedInTheEscalationsThread() {
        holdfast.send(activities.channelMessage(ALEX, TEAM, CHANNEL, "escalate Acme Corp P1: dashboard down for all users"));
        Sent card = teams.awaitSent(s -> s.isPost() && !s.isReply() && s.text().contains("dashboard down"));
        holdfast.deliverNow(); // waits for the worker's pass, so the card's id is stored before the clock moves
        holdfast.clock.advance(Duration.ofHours(3));

        holdfast.checkSlaClocks();
        holdfast.deliverNow();

        Sent breach = teams.awaitSent(s -> s.isReply() && card.messageId().equals(s.replyToId()) && s.text().contains("breached"));
        assertEquals(TeamsActivities.threadId(CHANNEL, card.messageId()), breach.conversationId());
    }

    @Test
    void anOverduePromiseIsNudgedInItsCardsThread() {
        promise("send the renewal quote by friday");
        Sent card = card(1);
        holdfast.deliverNow(); // waits for the worker's pass, so the card's id is stored before the clock moves
        holdfast.clock.advance(Duration.ofDays(3).plusHours(8));

        // The scheduler's minute sweep may get there first; either way the nudge is queued once.
        holdfast.checkNudges();
        holdfast.deliverNow();

        Sent nudge = teams.awaitSent(s -> s.isReply() && card.messageId().equals(s.replyToId()));
        assertAll(
                () -> assertEquals(TeamsActivities.threadId(CHANNEL, card.messageId()), nudge.conversationId()),
                () -> assertTrue(nudge.mentionedIds().contains(ALEX.aadObjectId()), "the owner is pinged"));
    }

    @Test
    void aDigestSubscribedInAChannelIsPostedThereOnSchedule() {
        holdfast.send(activities.botAddedToTeam(ALEX, TEAM, "Customer Success"));
        holdfast.send(activities.channelMessage(ALEX, TEAM, CHANNEL, "holdfast digest daily 09:00"));
        teams.awaitSent(s -> s.isReply() && s.text().contains("09:00"));
        holdfast.send(activities.channelMessage(ALEX, TEAM, CHANNEL, "escalate Acme Corp P1: dashboard down for all users"));
        teams.awaitSent(s -> s.isPost() && !s.isReply() && s.text().contains("dashboard down"));
        teams.clear();
        holdfast.clock.advance(Duration.ofHours(23));

        holdfast.checkDigests();
        holdfast.deliverNow();

        Sent digest = teams.awaitSent(s -> s.isPost() && s.text().contains("Acme Corp"));
        assertAll(
                () -> assertEquals(CHANNEL, digest.conversationId()),
                () -> assertFalse(digest.isReply()));
    }

    private Sent newPromiseForm() {
        holdfast.send(activities.personalMessage(ALEX, "promise"));
        return teams.awaitSent(s -> s.isPost() && s.text().contains("New promise"));
    }
}
