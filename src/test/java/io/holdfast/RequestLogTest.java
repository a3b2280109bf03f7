package io.holdfast;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.holdfast.core.CommandRouter;
import io.holdfast.testing.HoldfastOnSlack;
import io.holdfast.testing.HoldfastOnTeams;
import io.holdfast.testing.TeamsActivities.Person;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** One log line per request, as an operator reads it: what was asked, for which tenant, how it ended, how long it took. */
class RequestLogTest {
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

    @TempDir
    Path dir;
    HoldfastOnSlack holdfast;
    final ListAppender<ILoggingEvent> heard = new ListAppender<>();
    final Logger routerLog = (Logger) LoggerFactory.getLogger(CommandRouter.class);

    @BeforeEach
    void listen() throws Exception {
        heard.start();
        routerLog.addAppender(heard);
        holdfast = new HoldfastOnSlack(dir, NOW);
    }

    @AfterEach
    void stop() throws Exception {
        routerLog.detachAppender(heard);
        holdfast.close();
    }

    private static Map<String, String> fields(ILoggingEvent event) {
        return event.getKeyValuePairs().stream().collect(Collectors.toMap(kv -> kv.key, kv -> String.valueOf(kv.value)));
    }

    @Test
    void eachCommandIsOneLineWithItsOutcomeAndNeverWhatWasTyped() {
        holdfast.promise("ULEE", "Acme Corp: send the confidential SOC2 report by friday");
        holdfast.promise("ULEE", "done #77 shipped");

        List<ILoggingEvent> events = List.copyOf(heard.list);
        assertEquals(2, events.size(), events.toString());
        long tenant = holdfast.count("SELECT id FROM tenants");
        Map<String, String> created = fields(events.get(0));
        assertAll(
                () -> assertEquals(Map.of("kind", "command", "name", "promise", "tenant", String.valueOf(tenant), "platform", "SLACK",
                        "outcome", "ok", "duration_ms", created.get("duration_ms")), created),
                () -> assertTrue(Long.parseLong(created.get("duration_ms")) >= 0),
                () -> assertTrue(events.get(0).getFormattedMessage().matches("command promise for tenant \\d+: ok in \\d+ ms"),
                        events.get(0).getFormattedMessage()),
                () -> assertEquals("refused", fields(events.get(1)).get("outcome"), "#77 does not exist: the person's mistake, not a failure"));
        String everything = events.stream().map(e -> e.getFormattedMessage() + fields(e)).collect(Collectors.joining("\n"));
        assertFalse(everything.contains("confidential") || everything.contains("shipped"), "typed text stays out of the log: " + everything);
    }

    @Test
    void aWordHoldfastDoesNotKnowIsLoggedAsUnknownBecauseInTeamsItIsTheFirstWordSomeoneTyped(@TempDir Path teamsDir) throws Exception {
        Person alex = new Person("29:1alex", "aad-alex-0001", "Alex Rivera", "America/New_York");
        try (HoldfastOnTeams teams = new HoldfastOnTeams(teamsDir, NOW)) {
            teams.send(teams.activities.personalMessage(alex, "mergerplans with Globex stay between us"));
            teams.teams.awaitSent(s -> s.text().contains("doesn't know the command"));
        }

        List<ILoggingEvent> info = heard.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).toList();
        assertEquals(1, info.size(), info.toString());
        assertAll(
                () -> assertEquals("unknown", fields(info.get(0)).get("name")),
                () -> assertEquals("TEAMS", fields(info.get(0)).get("platform")),
                () -> assertTrue(info.get(0).getFormattedMessage().matches("command unknown for tenant \\d+: unknown in \\d+ ms"),
                        info.get(0).getFormattedMessage()),
                () -> assertFalse(info.get(0).getFormattedMessage().contains("mergerplans"), info.get(0).getFormattedMessage()));
    }
}
