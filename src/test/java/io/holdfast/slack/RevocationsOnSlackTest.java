package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.testing.Engine;
import io.holdfast.testing.HoldfastForEveryWorkspace;
import io.holdfast.testing.SlackResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code app_uninstalled} and {@code tokens_revoked} take effect before Slack gets its answer, only on the
 * install they were about, and again on Slack's retry when they could not be applied the first time.
 */
class RevocationsOnSlackTest {
    static final Instant NOW = InstallInEveryWorkspaceTest.NOW;
    static final String ACME = InstallInEveryWorkspaceTest.ACME;

    @TempDir
    Path dir;
    HoldfastForEveryWorkspace holdfast;

    @BeforeEach
    void start() throws Exception {
        holdfast = new HoldfastForEveryWorkspace(dir, NOW);
        holdfast.slack.user("ULEE", "Lee", "America/New_York", false);
        holdfast.install(ACME, "Acme Sales", "xoxb-acme");
    }

    @AfterEach
    void close() throws Exception {
        holdfast.close();
    }

    private String token() {
        return holdfast.text("SELECT bot_token FROM slack_installations WHERE team_id = ?", ACME);
    }

    @Test
    void anUninstallHasTakenEffectWhenSlackGetsItsAnswer() {
        SlackResponse answer = holdfast.appUninstalled(ACME, "Ev-uninstall");

        assertEquals(200, answer.status(), answer.body());
        assertTrue(holdfast.paused(ACME), "paused before the acknowledgement, not some time after it");
        assertNull(token());
    }

    @Test
    void aRevocationDeliveredAfterAReinstallLeavesTheNewInstallAlone() {
        holdfast.clock.advance(Duration.ofMinutes(1));
        Instant uninstalled = holdfast.clock.instant();
        assertEquals(200, holdfast.appUninstalled(ACME, "Ev-uninstall").status());
        holdfast.clock.advance(Duration.ofMinutes(2));
        holdfast.install(ACME, "Acme Sales", "xoxb-acme-again");
        holdfast.clock.advance(Duration.ofMinutes(3));

        // Slack sends tokens_revoked beside app_uninstalled; this one reaches Holdfast only on its last retry.
        SlackResponse late = holdfast.botTokensRevoked(ACME, "Ev-revoke", 2, uninstalled);

        assertEquals(200, late.status(), late.body());
        assertAll(
                () -> assertFalse(holdfast.paused(ACME), "the workspace's schedules carry on"),
                () -> assertNotNull(token(), "the new token is kept"));
        holdfast.promise(ACME, "ULEE", "Acme Corp: send the SOC2 report by friday");
        holdfast.slack.awaitCall("chat.postMessage", c -> "Bearer xoxb-acme-again".equals(c.authorization()) && c.text().contains("SOC2"),
                HoldfastForEveryWorkspace.WAIT);
    }

    @Test
    void anUninstallThatCouldNotBeSavedFailsSoSlacksRetryAppliesIt() {
        refuseUpdatesOfInstallations(true);

        SlackResponse failed = holdfast.appUninstalled(ACME, "Ev-uninstall");

        assertAll(
                () -> assertEquals(500, failed.status(), "Slack is told, so it delivers the event again: " + failed.body()),
                () -> assertFalse(holdfast.paused(ACME)),
                () -> assertEquals(0, holdfast.count("SELECT COUNT(*) FROM slack_events_seen WHERE event_id = 'Ev-uninstall'"),
                        "the delivery is not remembered as handled"));
        refuseUpdatesOfInstallations(false);

        SlackResponse retried = holdfast.event(ACME, "Ev-uninstall", HoldfastForEveryWorkspace.appUninstalledEvent(NOW), 1);

        assertEquals(200, retried.status(), retried.body());
        assertTrue(holdfast.paused(ACME));
        assertNull(token());
    }

    /** A fault the database itself raises on saving a revocation, written for the engine this run uses. */
    private void refuseUpdatesOfInstallations(boolean refuse) {
        if (Engine.fallback() == Engine.SQLITE) {
            holdfast.execute(refuse ? "CREATE TRIGGER refuse_revocations BEFORE UPDATE ON slack_installations BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
                    : "DROP TRIGGER refuse_revocations");
        } else if (refuse) {
            holdfast.execute("CREATE FUNCTION refuse_revocations() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk I/O error'; END $$ LANGUAGE plpgsql");
            holdfast.execute("CREATE TRIGGER refuse_revocations BEFORE UPDATE ON slack_installations FOR EACH ROW EXECUTE FUNCTION refuse_revocations()");
        } else {
            holdfast.execute("DROP TRIGGER refuse_revocations ON slack_installations");
            holdfast.execute("DROP FUNCTION refuse_revocations()");
        }
    }
}
