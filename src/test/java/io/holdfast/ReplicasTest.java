package io.holdfast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.digest.DigestService;
import io.holdfast.testing.Await;
import io.holdfast.testing.Engine;
import io.holdfast.testing.FakeSlackApi;
import io.holdfast.testing.HoldfastOnSlack;
import io.holdfast.testing.SlackCall;
import io.holdfast.testing.TestClock;
import io.holdfast.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of Holdfast on one PostgreSQL database, sharing one Slack workspace, as a Deployment
 * with two pods runs them: each scheduled firing runs on one replica, each nudge and digest is
 * posted once, and when one replica stops the other carries on with its triggers.
 */
class ReplicasTest {
    /** Tuesday 24 Nov 2026, 10:00 in New York. */
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    /** Wednesday 25 Nov, 09:00:30 in New York: the daily 09:00 digest is due. */
    static final Instant DIGEST_TIME = Instant.parse("2026-11-25T14:00:30Z");
    /** Quartz's clustered store notices a stopped replica after its check-in interval and a grace period. */
    static final Duration TAKEOVER = Duration.ofSeconds(45);

    @TempDir
    Path dir;
    FakeSlackApi slack;
    HoldfastOnSlack first;
    HoldfastOnSlack second;
    boolean firstStopped;

    @BeforeEach
    void startTwoReplicas() throws Exception {
        slack = new FakeSlackApi().user("ULEE", "Lee", "America/New_York", false);
        String url = TestDatabases.freshUrl(Engine.POSTGRESQL, dir);
        first = new HoldfastOnSlack(slack, TestClock.at(NOW, ZoneId.of("UTC")), url);
        second = new HoldfastOnSlack(slack, TestClock.at(NOW, ZoneId.of("UTC")), url);
    }

    @AfterEach
    void stopReplicas() throws Exception {
        try {
            if (first != null && !firstStopped) {
                first.stop();
            }
            if (second != null) {
                second.stop();
            }
        } finally {
            slack.close();
        }
    }

    private void bothAt(Instant instant) {
        first.clock.set(instant);
        second.clock.set(instant);
    }

    /** Acme has a promise overdue since Tuesday evening, and the channel takes the daily digest at 09:00 New York. */
    private String acmeAtRiskWithADailyDigest() {
        first.promise("ULEE", "Acme Corp: send the SOC2 report by today");
        String reply = first.command("ULEE", "/holdfast", "digest daily 09:00").json().get("text").getAsString();
        assertTrue(reply.contains("every day at 09:00 America/New_York"), reply);
        bothAt(DIGEST_TIME);
        return "digest:" + first.count("SELECT id FROM digest_subscriptions");
    }

    /**
     * Moves the subscription's trigger to a real moment a few seconds ahead, as if 09:00 were about to
     * strike; returns that moment. Planned again if a slow machine let the moment pass before Quartz stored it.
     */
    private Instant strikeSoon(HoldfastOnSlack replica, String key) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant soon = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
            replica.schedules().plan(key, Set.of(), LocalTime.ofInstant(soon, ZoneOffset.UTC), ZoneOffset.UTC, DigestService.JOB);
            if (storedNextFire(key).equals(soon)) {
                return soon;
            }
        }
        throw new AssertionError("could not plan " + key + " a few seconds ahead");
    }

    /** When the shared job store says the trigger fires next: every replica reads this one row. */
    private Instant storedNextFire(String key) {
        return Instant.ofEpochMilli(second.count("SELECT next_fire_time FROM qrtz_triggers WHERE trigger_name = ?", key));
    }

    private List<SlackCall> digestsPosted() {
        return slack.calls("chat.postMessage").stream().filter(c -> c.text().contains("At-risk accounts")).toList();
    }

    @Test
    void aScheduledDigestFiresOnOneReplicaAndIsPostedOnce() throws Exception {
        String key = acmeAtRiskWithADailyDigest();
        Instant strike = strikeSoon(first, key);

        Await.until("the digest trigger fired", Duration.ofSeconds(30), () -> first.schedules().firedHere(key) + second.schedules().firedHere(key) > 0);
        // Once the shared row points at tomorrow, neither replica can fire today's strike again.
        Await.until("the trigger moved on to tomorrow in the shared store", Duration.ofSeconds(30),
                () -> storedNextFire(key).isAfter(strike.plus(Duration.ofHours(23))));
        Await.until("the digest was posted", HoldfastOnSlack.WAIT, () -> !digestsPosted().isEmpty());
        first.deliverNow();
        second.deliverNow();

        assertEquals(1, first.schedules().firedHere(key) + second.schedules().firedHere(key), "one firing, on one replica");
        assertEquals(1, digestsPosted().size(), "one digest in the channel");
        assertTrue(digestsPosted().get(0).text().contains("Acme Corp"), digestsPosted().get(0).text());
    }

    @Test
    void anOverduePromiseIsNudgedOnceWhenBothReplicasSweepAtOnce() throws Exception {
        first.promise("ULEE", "Acme Corp: send the SOC2 report by tomorrow");
        first.awaitCardRemembered(1);
        String cardTs = first.text("SELECT card_ref FROM promises WHERE number = 1");
        bothAt(Instant.parse("2026-11-25T22:01:00Z"));

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService sweeps = Executors.newFixedThreadPool(2);
        int queued;
        try {
            Future<Integer> onFirst = sweeps.submit(() -> {
                go.await();
                return first.checkNudges();
            });
            Future<Integer> onSecond = sweeps.submit(() -> {
                go.await();
                return second.checkNudges();
            });
            go.countDown();
            queued = onFirst.get(30, TimeUnit.SECONDS) + onSecond.get(30, TimeUnit.SECONDS);
        } finally {
            sweeps.shutdownNow();
        }
        first.deliverNow();
        second.deliverNow();

        // The real every-minute sweep may have queued it first; then neither of these did.
        assertTrue(queued <= 1, "the two sweeps queued one nudge between them at most: " + queued);
        List<SlackCall> nudges = slack.calls("chat.postMessage").stream().filter(c -> cardTs.equals(c.param("thread_ts"))).toList();
        assertEquals(1, nudges.size(), "one nudge in the card's thread: " + nudges);
        assertTrue(nudges.get(0).text().contains("still open"), nudges.get(0).text());
        assertEquals(1, first.count("SELECT COUNT(*) FROM promise_events WHERE kind = 'NUDGED'"));
    }

    @Test
    void whenOneReplicaStopsTheOtherFiresItsTriggersAndServesItsChannels() throws Exception {
        String key = acmeAtRiskWithADailyDigest();
        Instant strike = strikeSoon(first, key);
        first.stop();
        firstStopped = true;

        Await.until("the surviving replica fired the trigger", TAKEOVER, () -> second.schedules().firedHere(key) == 1);
        Await.until("the digest was posted", HoldfastOnSlack.WAIT, () -> !digestsPosted().isEmpty());
        second.deliverNow();

        assertEquals(0, first.schedules().firedHere(key), "the stopped replica fired nothing");
        assertTrue(storedNextFire(key).isAfter(strike), "the strike was taken over, not lost");
        assertEquals(1, digestsPosted().size());
        second.promise("ULEE", "Globex: send the deck by friday");
        assertTrue(second.card(2).text().contains("Globex"), "the surviving replica still takes commands and posts cards");
    }
}
