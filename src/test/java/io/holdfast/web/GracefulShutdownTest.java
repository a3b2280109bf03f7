package io.holdfast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.testing.HoldfastOnSlack;
import io.holdfast.testing.SlackEndToEnd;
import io.holdfast.testing.SlackResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulShutdownTest extends SlackEndToEnd {

    @Test
    void healthAndReadinessAnswerWhileRunning() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : new String[] {"/healthz", "/readyz"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + holdfast.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), path);
        }
    }

    /** Shutdown has begun once the server stops taking new requests. */
    private static void awaitNewRequestsRefused(int port) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build();
        long deadline = System.nanoTime() + HoldfastOnSlack.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
                    return;
                }
            } catch (java.io.IOException refused) {
                return;
            }
        }
        throw new AssertionError("the server kept accepting new requests while stopping");
    }

    @Test
    void stoppingLetsTheCommandInFlightFinishAndClosesTheDatabaseCleanly() throws Exception {
        CountDownLatch slackAnswers = holdfast.slack.holdNext("users.info");
        CompletableFuture<SlackResponse> inFlight = CompletableFuture.supplyAsync(
                () -> holdfast.promise("ULEE", "Acme Corp: send the SOC2 report by friday"));
        holdfast.slack.awaitCall("users.info", HoldfastOnSlack.WAIT);
        int port = holdfast.port();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                holdfast.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitNewRequestsRefused(port);
        assertFalse(stopping.isDone(), "stop waits for the request in flight");
        slackAnswers.countDown();

        SlackResponse response = inFlight.get(20, TimeUnit.SECONDS);
        assertEquals(200, response.status());
        assertTrue(response.json().get("text").getAsString().contains("#1 for"), response.body());
        stopping.get(30, TimeUnit.SECONDS);
        Path wal = dir.resolve("holdfast.db-wal");
        assertTrue(!Files.exists(wal) || Files.size(wal) == 0, "the WAL was checkpointed on a clean close");

        holdfast.start();
        assertEquals(1, holdfast.count("SELECT COUNT(*) FROM promises"));
        assertEquals(1, holdfast.count("SELECT COUNT(*) FROM outbox WHERE status = 'SENT'"), "the card queued before the stop went out");
    }
}
