package io.holdfast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.testing.HoldfastOnSlack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxCommandTest {
    @TempDir
    Path dir;

    @Test
    void listsThePostsHoldfastGaveUpOnWithTheReason() throws Exception {
        try (HoldfastOnSlack holdfast = new HoldfastOnSlack(dir, Instant.parse("2026-11-24T15:00:00Z"))) {
            holdfast.slack.failNext("chat.postMessage", "channel_not_found");
            holdfast.promise("ULEE", "Acme Corp: send the SOC2 report by friday");
            holdfast.awaitDatabase("the card given up on",
                    () -> holdfast.count("SELECT COUNT(*) FROM outbox WHERE status = 'FAILED'") == 1);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = OutboxCommand.run(new String[] {"outbox", "--failed"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                    Map.of("HOLDFAST_DB_URL", holdfast.databaseUrl()));

            assertEquals(0, exit);
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.startsWith("1 failed post(s)") && printed.contains(":card") && printed.contains("reason: channel_not_found"),
                    printed);
        }
    }

    @Test
    void anythingElseIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, OutboxCommand.run(new String[] {"outbox"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Example: java -jar holdfast.jar outbox --failed"));
    }
}
