package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.App;
import io.holdfast.config.Config;
import io.holdfast.testing.Await;
import io.holdfast.testing.FakeSlackApi;
import io.holdfast.testing.FakeSocketModeServer;
import io.holdfast.testing.HoldfastOverSocketMode;
import io.holdfast.testing.TestClock;
import io.holdfast.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} in Socket Mode when Slack won't open a connection: it stops at start-up, saying what to check, and leaves nothing running. */
class SocketModeStartUpTest {
    @TempDir
    Path dir;

    @Test
    void anAppTokenSlackRefusesStopsStartUpWithALineSayingWhatToCheck() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi(); FakeSocketModeServer socket = new FakeSocketModeServer()) {
            slack.socketModeAt(socket::nextUrl).failNext("apps.connections.open", "invalid_auth");
            Config config = Config.fromEnvironment(Map.of(
                    "HOLDFAST_PORT", "0",
                    "HOLDFAST_DB_URL", TestDatabases.freshUrl(dir),
                    "SLACK_BOT_TOKEN", "xoxb-test-token",
                    "SLACK_APP_TOKEN", HoldfastOverSocketMode.APP_TOKEN,
                    "SLACK_API_URL", slack.methodsUrl()));

            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> App.serve(config, TestClock.at(Instant.parse("2026-11-24T15:00:00Z"), ZoneId.of("UTC"))));

            String said = refused.getMessage() + " / " + refused.getCause().getMessage();
            assertAll(
                    () -> assertTrue(refused.getMessage().contains("SLACK_APP_TOKEN"), said),
                    () -> assertTrue(refused.getMessage().contains("Socket Mode is on in the app settings"), said),
                    () -> assertTrue(refused.getCause().getMessage().contains("invalid_auth"), "Slack's own reason follows: " + said),
                    () -> assertFalse(said.contains(HoldfastOverSocketMode.APP_TOKEN), said));
            Await.until("no Socket Mode thread left behind", Duration.ofSeconds(10), () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.isAlive() && (t.getName().startsWith("WebSocket") || t.getName().contains("socket-mode"))));
        }
    }
}
