package io.holdfast.web;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.testing.Await;
import io.holdfast.testing.HoldfastOnSlack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /readyz} on the real server, with the fake Slack accepting, refusing or failing {@code auth.test}. */
class ReadinessOnSlackTest {
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

    @TempDir
    Path dir;
    HoldfastOnSlack holdfast;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        holdfast = new HoldfastOnSlack(dir, NOW);
    }

    @AfterEach
    void stop() throws Exception {
        holdfast.close();
    }

    private HttpResponse<String> readyz() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + holdfast.port() + "/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Probes until the body mentions {@code line}, as Kubernetes keeps probing; the token is checked in the background. */
    private HttpResponse<String> readyzOnce(String line) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        Await.until("/readyz saying " + line, Duration.ofSeconds(10), () -> {
            last.set(readyz());
            return last.get().body().contains(line);
        });
        return last.get();
    }

    @Test
    void aHealthyReplicaIsReadyAndSaysWhyDependencyByDependency() {
        HttpResponse<String> answer = readyzOnce("slack: up (bot token accepted for team T0001)");

        assertEquals(200, answer.statusCode());
        assertEquals("""
                ready
                database: up (migrated)
                scheduler: up
                slack: up (bot token accepted for team T0001)
                teams: up (off)
                """, answer.body());
    }

    @Test
    void aTokenSlackRefusesTakesTheReplicaOutUntilSlackAcceptsItAgain() {
        holdfast.slack.failNext("auth.test", "token_revoked");

        HttpResponse<String> refused = readyzOnce("slack: down");

        assertAll(
                () -> assertEquals(503, refused.statusCode()),
                () -> assertTrue(refused.body().startsWith("not ready\n"), refused.body()),
                () -> assertTrue(refused.body().contains("slack: down (Slack refuses the bot token: token_revoked; set a valid SLACK_BOT_TOKEN)"),
                        refused.body()));
        assertEquals(503, readyz().statusCode(), "the answer holds until it is a minute old");

        holdfast.clock.advance(Duration.ofSeconds(61));
        HttpResponse<String> again = readyzOnce("slack: up (bot token accepted");
        assertEquals(200, again.statusCode());
    }

    @Test
    void slackBeingUnreachableKeepsTheReplicaReadyBecausePostsWaitInTheOutbox() {
        holdfast.slack.serverErrorNext("auth.test", 1);

        HttpResponse<String> answer = readyzOnce("slack: up (Slack unreachable");

        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().contains("posts wait in the outbox"), answer.body());
    }
}
