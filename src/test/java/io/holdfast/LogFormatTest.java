package io.holdfast;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.holdfast.config.ConfigException;
import io.holdfast.config.LogFormat;
import io.holdfast.testing.Await;
import io.holdfast.testing.FakeSlackApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HOLDFAST_LOG_FORMAT, checked on a real {@code serve} process: what a log collector or a person reads. */
class LogFormatTest {
    static final String SECRET = "log-test-signing-secret";
    static final String TOKEN = "xoxb-log-test-token";

    @TempDir
    Path dir;

    /** Starts {@code serve} with {@code format}, waits until it listens, stops it and returns its log lines. */
    private List<String> serveAndStop(String format) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = dir.resolve("serve-" + format + ".log");
        try (FakeSlackApi slack = new FakeSlackApi()) {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.holdfast.Main", "serve")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(Map.of("HOLDFAST_PORT", String.valueOf(port), "HOLDFAST_DB_URL", "jdbc:sqlite:" + dir.resolve(format + ".db"),
                    "SLACK_SIGNING_SECRET", SECRET, "SLACK_BOT_TOKEN", TOKEN, "SLACK_API_URL", slack.methodsUrl(), LogFormat.VARIABLE, format));
            Process serve = builder.start();
            try {
                Await.until("Holdfast listening", Duration.ofSeconds(60), () -> !serve.isAlive() || read(log).contains("listening on port"));
            } finally {
                serve.destroy();
                serve.waitFor();
            }
        }
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void jsonWritesOneObjectPerLineWithLevelLoggerAndMessageAndNoSecrets() throws Exception {
        List<String> lines = serveAndStop("json");

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(json.readTree(line));
        }
        assertAll(
                () -> assertTrue(events.stream().allMatch(e -> e.hasNonNull("timestamp") && e.hasNonNull("level") && e.hasNonNull("loggerName")
                        && e.hasNonNull("formattedMessage")), String.join("\n", lines)),
                () -> assertTrue(events.stream().anyMatch(e -> e.get("level").asText().equals("INFO")
                        && e.get("formattedMessage").asText().startsWith("Holdfast listening on port")), String.join("\n", lines)),
                () -> assertTrue(events.stream().noneMatch(e -> e.has("arguments") || e.has("message")), "only the formatted message"),
                () -> assertFalse(String.join("\n", lines).contains(SECRET) || String.join("\n", lines).contains(TOKEN), "no secret logged"));
    }

    @Test
    void textIsTheDefaultOneReadableLinePerEvent() throws Exception {
        List<String> lines = serveAndStop("text");

        assertTrue(lines.stream().anyMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z INFO .* - Holdfast listening on port \\d+")),
                String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(line -> line.startsWith("{")), "not JSON");
        assertFalse(String.join("\n", lines).contains(SECRET) || String.join("\n", lines).contains(TOKEN), "no secret logged");
    }

    @Test
    void anUnknownFormatIsRefusedWithAnExample() {
        ConfigException refused = assertThrows(ConfigException.class, () -> LogFormat.fromEnvironment(Map.of(LogFormat.VARIABLE, "xml")));

        assertEquals("HOLDFAST_LOG_FORMAT must be text or json, e.g. HOLDFAST_LOG_FORMAT=json (got \"xml\")", refused.getMessage());
        assertEquals(LogFormat.TEXT, LogFormat.fromEnvironment(Map.of()));
        assertEquals(LogFormat.JSON, LogFormat.fromEnvironment(Map.of(LogFormat.VARIABLE, " JSON ")));
    }
}
