package io.holdfast.testing;

import io.holdfast.testing.TeamsActivities.Person;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product for one Teams end-to-end test, in insecure dev mode (as with the Bot Framework
 * Emulator): started on a fresh SQLite file before it, closed after it, with Alex and Dana known to Teams.
 */
public abstract class TeamsEndToEnd {
    /** Tuesday 24 Nov 2026, 10:00 in New York. */
    protected static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    protected static final String TEAM = HoldfastOnTeams.TEAM;
    protected static final String CHANNEL = HoldfastOnTeams.CHANNEL;
    protected static final Person ALEX = new Person("29:1alex", "aad-alex-0001", "Alex Rivera", "America/New_York");
    protected static final Person DANA = new Person("29:1dana", "aad-dana-0002", "Dana Ruiz", "Europe/London");

    @TempDir
    protected Path dir;
    protected HoldfastOnTeams holdfast;
    protected TeamsActivities activities;
    protected FakeBotConnector teams;

    @BeforeEach
    void startHoldfast() throws Exception {
        holdfast = new HoldfastOnTeams(dir, NOW);
        activities = holdfast.activities;
        teams = holdfast.teams;
        teams.member(ALEX.teamsId(), ALEX.aadObjectId(), ALEX.name()).member(DANA.teamsId(), DANA.aadObjectId(), DANA.name());
    }

    @AfterEach
    void closeHoldfast() throws Exception {
        holdfast.close();
    }

    /** Alex makes a promise in the channel, as "@Holdfast promise Acme Corp: ...". */
    protected void promise(String what) {
        holdfast.send(activities.channelMessage(ALEX, TEAM, CHANNEL, "promise Acme Corp: " + what));
    }

    /** The card of promise #{@code number} as posted to the channel. */
    protected FakeBotConnector.Sent card(int number) {
        return teams.awaitSent(s -> s.isPost() && !s.isReply() && s.succeeded() && s.text().contains("Promise #" + number));
    }
}
