package io.holdfast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.testing.Await;
import io.holdfast.testing.Engine;
import io.holdfast.testing.FakeSlackApi;
import io.holdfast.testing.HoldfastOnSlack;
import io.holdfast.testing.ReplicaProcess;
import io.holdfast.testing.SlackCall;
import io.holdfast.testing.TestClock;
import io.holdfast.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica killed outright while it is inside a scheduled job, on PostgreSQL: the clustered
 * scheduler notices it stopped checking in and runs the job again on the replica that is left, so
 * the channel still gets its digest, once.
 */
class ReplicaCrashTest {
    /** A dead replica is noticed after its check-in interval (5 s) plus Quartz's grace (7.5 s). */
    static final Duration TAKEOVER = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    FakeSlackApi slack;
    ReplicaProcess crashing;
    HoldfastOnSlack survivor;

    @AfterEach
    void stop() throws Exception {
        try {
            if (crashing != null) {
                crashing.close();
            }
            if (survivor != null) {
                survivor.stop();
            }
        } finally {
            if (slack != null) {
                slack.close();
            }
        }
    }

    /** Nothing else posts here: no promise or escalation was made, so the digest is an all-clear. */
    private List<SlackCall> digestsPosted() {
        return slack.calls("chat.postMessage").stream().filter(c -> c.text().contains("All clear")).toList();
    }

    private static boolean executing(String url, String trigger) {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM qrtz_fired_triggers WHERE trigger_name = ? AND state = 'EXECUTING'")) {
            ps.setString(1, trigger);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aReplicaKilledInsideItsDigestJobHasTheJobRunAgainByTheReplicaLeft() throws Exception {
        String url = TestDatabases.freshUrl(Engine.POSTGRESQL, dir);
        slack = new FakeSlackApi().user("ULEE", "Lee", "UTC", false);
        crashing = ReplicaProcess.start(url, slack, dir.resolve("crashing-replica.log"));
        // The next whole minute at least 20 s away, so the subscription is stored well before it strikes.
        Instant strike = Instant.now().plusSeconds(80).truncatedTo(ChronoUnit.MINUTES);
        String at = DateTimeFormatter.ofPattern("HH:mm").format(strike.atOffset(ZoneOffset.UTC));
        String reply = crashing.command("ULEE", "/holdfast", "digest daily " + at + " UTC").json().get("text").getAsString();
        assertTrue(reply.contains("every day at " + at + " UTC"), reply);

        try (Connection lock = DriverManager.getConnection(url)) {
            // Holds the digest's insert into the outbox, so the job is caught mid-run when the replica dies.
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE outbox IN EXCLUSIVE MODE");
            }
            Await.until("the crashing replica is inside the digest job", Duration.ofSeconds(150), () -> executing(url, "digest:1"));
            crashing.kill();
            lock.rollback();
        }
        assertTrue(digestsPosted().isEmpty(), "the killed replica never got its digest out");

        survivor = new HoldfastOnSlack(slack, TestClock.at(Instant.now(), ZoneOffset.UTC), url);
        Await.until("the survivor ran the dead replica's job again", TAKEOVER,
                () -> survivor.schedules().firedHere().stream().anyMatch(key -> key.startsWith("recover_")));
        Await.until("the digest was posted", HoldfastOnSlack.WAIT, () -> !digestsPosted().isEmpty());
        survivor.deliverNow();

        assertEquals(1, digestsPosted().size(), "one digest, though the job ran twice");
        assertEquals("C0ACCOUNTS", digestsPosted().get(0).param("channel"));
    }
}
