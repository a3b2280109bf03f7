package io.holdfast.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.testing.FakeBotConnector;
import io.holdfast.testing.HoldfastOnTeams;
import io.holdfast.testing.TeamsActivities;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeamsConversationsOnTeamsTest {
    private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    private static final TeamsActivities.Person ALEX = new TeamsActivities.Person("29:1alex", "aad-alex-0001", "Alex Rivera", "America/New_York");

    @TempDir
    Path dir;
    HoldfastOnTeams holdfast;

    @BeforeEach
    void start() throws Exception {
        holdfast = new HoldfastOnTeams(dir, NOW);
        holdfast.teams.member(ALEX.teamsId(), ALEX.aadObjectId(), ALEX.name());
    }

    @AfterEach
    void close() throws Exception {
        holdfast.close();
    }

    @Test
    void aChannelPromiseIsConfirmedInTheThreadAndItsCardPostedInTheChannel() {
        assertEquals(200, holdfast.send(holdfast.activities.channelMessage(ALEX, HoldfastOnTeams.TEAM, HoldfastOnTeams.CHANNEL,
                "promise Acme Corp: send the renewal quote by friday")));

        FakeBotConnector.Sent reply = holdfast.teams.awaitSent(s -> s.isReply() && s.text().contains("#1"));
        FakeBotConnector.Sent card = holdfast.teams.awaitSent(s -> s.isPost() && !s.isReply() && s.text().contains("Promise #1"));
        assertTrue(card.conversationId().equals(HoldfastOnTeams.CHANNEL), card.toString());
    }
}
