package io.holdfast.slack;

import static io.holdfast.testing.HoldfastOverSocketMode.CHANNEL;
import static io.holdfast.testing.HoldfastOverSocketMode.WAIT;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.holdfast.testing.Await;
import io.holdfast.testing.HoldfastOnSlack;
import io.holdfast.testing.HoldfastOverSocketMode;
import io.holdfast.testing.SlackCall;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slack over Socket Mode end to end: {@code serve} with an app-level token and no signing secret, commands and
 * buttons arriving as envelopes on a WebSocket it opened itself, answers in the acks and through the Web API.
 */
class SocketModeOnSlackTest {
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    static final String LEE = "ULEE";

    @TempDir
    Path dir;
    HoldfastOverSocketMode holdfast;

    @BeforeEach
    void start() throws Exception {
        holdfast = new HoldfastOverSocketMode(dir, NOW);
        holdfast.slack.user(LEE, "Lee", "America/New_York", false);
        holdfast.socket.awaitHellos(1, WAIT);
    }

    @AfterEach
    void stop() throws Exception {
        holdfast.close();
    }

    @Test
    void aSlashCommandOverTheSocketIsAnsweredInItsAckAndPostsTheCard() {
        JsonObject answer = holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");

        assertEquals("ephemeral", answer.get("response_type").getAsString());
        String confirmation = answer.get("text").getAsString();
        assertTrue(confirmation.contains("#1 for *Acme Corp* — owner <@ULEE> — due Fri 27 Nov 17:00"), confirmation);
        assertEquals(1, holdfast.count("SELECT COUNT(*) FROM promises"));
        SlackCall card = holdfast.slack.awaitCall("chat.postMessage", c -> c.param("thread_ts") == null && c.text().contains("Promise #1"), WAIT);
        assertAll(
                () -> assertEquals(CHANNEL, card.param("channel")),
                () -> assertEquals("Bearer xoxb-test-token", card.authorization(), "posts go out with the bot token, not the app token"),
                () -> assertTrue(card.text().contains("send the SOC2 report"), card.text()),
                () -> assertTrue(card.blocks().toString().contains("promise.done"), "the card has its buttons"));
    }

    @Test
    void theSameCommandIsAnsweredTheSameOverTheSocketAsOverHttp() throws Exception {
        String overSocket = holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday").get("text").getAsString();

        String overHttp;
        try (HoldfastOnSlack http = new HoldfastOnSlack(dir, NOW)) {
            http.slack.user(LEE, "Lee", "America/New_York", false);
            overHttp = http.promise(LEE, "Acme Corp: send the SOC2 report by friday").json().get("text").getAsString();
        }

        assertEquals(overHttp, overSocket);
    }

    @Test
    void aDoneButtonOverTheSocketClosesThePromiseAndUpdatesItsCard() {
        holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");
        SlackCall card = holdfast.slack.awaitCall("chat.postMessage", c -> c.text().contains("Promise #1"), WAIT);
        Await.until("the card's ts stored", WAIT, () -> holdfast.text("SELECT card_ref FROM promises WHERE number = 1") != null);
        String cardTs = holdfast.text("SELECT card_ref FROM promises WHERE number = 1");
        String promiseId = String.valueOf(holdfast.count("SELECT id FROM promises WHERE number = 1"));

        JsonObject ack = holdfast.press(LEE, "promise.done", promiseId);

        assertFalse(ack.has("payload"), "a button is acknowledged with the envelope id alone: " + ack);
        SlackCall privately = holdfast.slack.awaitCall("response_url", WAIT);
        assertTrue(privately.text().contains("Marked #1 done"), privately.text());
        SlackCall update = holdfast.slack.awaitCall("chat.update", WAIT);
        assertAll(
                () -> assertEquals(cardTs, update.param("ts")),
                () -> assertEquals(card.param("channel"), update.param("channel")),
                () -> assertTrue(update.text().contains("Done ✓"), update.text()),
                () -> assertEquals("DONE", holdfast.text("SELECT status FROM promises WHERE number = 1")));
    }

    @Test
    void readinessShowsTheSocketConnected() {
        HttpResponse<String> ready = readyzSaying("slack socket: up (connected)");

        assertEquals(200, ready.statusCode());
        assertTrue(ready.body().startsWith("ready\n"), ready.body());
    }

    @Test
    void whenSlackAsksForAFreshConnectionHoldfastReconnectsAndKeepsAnswering() {
        int urlsAsked = holdfast.slack.count("apps.connections.open");

        holdfast.socket.askToReconnect();

        holdfast.socket.awaitHellos(2, WAIT);
        assertTrue(holdfast.slack.count("apps.connections.open") > urlsAsked, "a new connection is opened with a fresh URL");
        Await.until("the old connection closed", WAIT, () -> holdfast.socket.openConnections() == 1);
        String confirmation = holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday").get("text").getAsString();
        assertTrue(confirmation.contains("#1 for *Acme Corp*"), confirmation);
    }

    @Test
    void aLostConnectionKeepsTheReplicaReadyWhileBoltReconnectsAndTakesItOutAfterAMinute() {
        readyzSaying("slack socket: up (connected)");

        holdfast.socket.dropAndRefuse();
        HttpResponse<String> reconnecting = readyzSaying("slack socket: up (reconnecting)");
        assertEquals(200, reconnecting.statusCode(), "a brief drop is routine: " + reconnecting.body());

        holdfast.clock.advance(Duration.ofSeconds(61));
        HttpResponse<String> lost = readyzSaying("slack socket: down (not connected for 61 s");
        assertEquals(503, lost.statusCode(), lost.body());

        holdfast.socket.acceptAgain();
        HttpResponse<String> back = readyzSaying("slack socket: up (connected)");
        assertEquals(200, back.statusCode(), back.body());
    }

    @Test
    void theHttpDoorIsClosedBecauseNothingThereCouldBeVerified() {
        HttpResponse<String> answer = holdfast.post("/slack/events", "command=%2Fpromise&text=list");

        assertEquals(404, answer.statusCode());
        assertTrue(answer.body().contains("over Socket Mode"), answer.body());
        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM promises"));
    }

    @Test
    void stoppingHoldfastClosesTheConnectionAndEndsEverySocketModeThread() throws Exception {
        holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");

        holdfast.stop();

        Await.until("the fake sees the connection closed", WAIT, () -> holdfast.socket.openConnections() == 0);
        Await.until("no Socket Mode thread left, so the JVM can exit: " + socketModeThreads(), WAIT, () -> socketModeThreads().isEmpty());
    }

    private static List<String> socketModeThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("WebSocket") || name.startsWith("connectionLostChecker") || name.contains("socket-mode"))
                .toList();
    }

    /** Probes until the body has {@code line}, as a Kubernetes probe keeps probing; the socket is checked in the background. */
    private HttpResponse<String> readyzSaying(String line) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        try {
            Await.until("/readyz saying " + line, Duration.ofSeconds(20), () -> {
                last.set(holdfast.get("/readyz"));
                return last.get().body().contains(line);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; it last said:\n" + last.get().body(), e);
        }
        return last.get();
    }
}
