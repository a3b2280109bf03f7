package io.holdfast.console;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.App;
import io.holdfast.config.Config;
import io.holdfast.store.Sql;
import io.holdfast.testing.TestClock;
import io.holdfast.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdfast console}: the whole app on a SQLite file, typed at like a terminal. What the bot posts in
 * the channel is printed to {@link #channel}; delivery is driven with {@code deliverDue()} so nothing waits.
 */
class ConsoleTest {
    /**
     * Tuesday 24 Nov 2026, 15:00 UTC. The console reads times in the machine's zone, where it is Tuesday or Wednesday,
     * so the phrases used here ("friday", "next tuesday", a date) mean the same day on any machine.
     */
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    static final String CREATE = "promise Acme Corp: send the SOC2 report by friday";

    @TempDir
    Path dir;
    TestClock clock = TestClock.at(NOW);
    ByteArrayOutputStream channel = new ByteArrayOutputStream();
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    App app;
    Console console;

    @BeforeEach
    void start() throws Exception {
        Config config = Config.fromEnvironment(Map.of("HOLDFAST_DB_URL", TestDatabases.freshUrl(dir)));
        app = App.console(config, clock, new PrintStream(channel, true, StandardCharsets.UTF_8));
        console = app.newConsole(new PrintStream(terminal, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    /** What the bot has posted so far, after delivering everything due (the worker thread may have done it already). */
    private String posted() {
        app.delivery().deliverDue();
        return channel.toString(StandardCharsets.UTF_8);
    }

    private long count(String sql) {
        return app.database().read(c -> Sql.count(c, sql));
    }

    @Test
    void makingAPromiseConfirmsLikeSlackDoesAndPrintsTheCard() {
        String reply = console.execute(CREATE);

        assertEquals("#1 for Acme Corp — owner @you — due Fri 27 Nov 17:00", reply);
        String card = posted();
        assertAll(
                () -> assertTrue(card.contains("── Holdfast posted in #console"), card),
                () -> assertTrue(card.contains("Promise #1 to Acme Corp"), card),
                () -> assertTrue(card.contains("  > send the SOC2 report"), card),
                () -> assertTrue(card.contains("Owner: @you"), card),
                () -> assertTrue(card.contains("Status: Open"), card),
                () -> assertTrue(card.contains("[Done] [Snooze] [Update]"), card));
    }

    @Test
    void listShowsTheOpenPromises() {
        assertTrue(console.execute("promise list").startsWith("No open promises."), "nothing yet");
        console.execute(CREATE);
        console.execute("promise Globex: fix the export by 2026-11-26");

        String list = console.execute("promise list");

        int globex = list.indexOf("#2 · Globex — fix the export — @you — due Thu 26 Nov 17:00");
        int acme = list.indexOf("#1 · Acme Corp — send the SOC2 report — @you — due Fri 27 Nov 17:00");
        assertTrue(list.startsWith("Open promises (2)"), list);
        assertTrue(globex >= 0 && acme >= 0, list);
        assertTrue(globex < acme, "soonest first: " + list);
    }

    @Test
    void doneClosesThePromiseAndTellsTheCardAndItsThread() {
        console.execute(CREATE);
        posted();

        String reply = console.execute("promise done #1 sent it");

        assertEquals("Marked #1 done. Nice work keeping it.", reply);
        String out = posted();
        assertAll(
                () -> assertTrue(out.contains("── Holdfast updated "), out),
                () -> assertTrue(out.contains("Status: Done ✓"), out),
                () -> assertTrue(out.contains("── Holdfast replied in the thread of "), out),
                () -> assertTrue(out.contains("✅ @you marked #1 done: sent it"), out));
        assertTrue(console.execute("promise list").startsWith("No open promises."));
        assertTrue(console.execute("promise done #1").contains("#1 is already done"));
    }

    @Test
    void updateMovesTheDueDateAndSaysWhyInTheThread() {
        console.execute(CREATE);
        posted();

        String reply = console.execute("promise update #1 by next tuesday: the auditor needs two more days");

        assertEquals("#1 is now due Tue 1 Dec 17:00. I've told the card's thread why.", reply);
        String out = posted();
        assertTrue(out.contains("📅 #1 is now due Tue 1 Dec 17:00"), out);
        assertTrue(out.contains("Why: the auditor needs two more days"), out);
        assertEquals(1, count("SELECT COUNT(*) FROM promise_events WHERE kind = 'UPDATED'"));
    }

    @Test
    void atNamesStandForPeople() {
        String reply = console.execute("promise @lee Globex: call back about the invoice by friday");

        assertEquals("#1 for Globex — owner @lee — due Fri 27 Nov 17:00", reply);
        assertEquals("lee", app.database().read(c -> Sql.one(c, "SELECT owner_id FROM promises WHERE number = 1",
                rs -> rs.getString(1))).orElseThrow());
        assertTrue(console.execute("promise list @lee").contains("#1 · Globex"));
        assertTrue(console.execute("promise list mine").startsWith("No open promises you own"));
        assertTrue(console.execute("promise move #1 @kim").contains("#1 now belongs to @kim"));
        assertTrue(posted().contains("@kim now owns #1 (was @lee, moved by @you)"));
    }

    @Test
    void mentionsInsideThePromiseAreKeptAsPlainNames() {
        console.execute("promise Acme Corp: ask @sam.lee for the logs, cc ops@acme.com by friday");

        assertEquals("ask @sam.lee for the logs, cc ops@acme.com", app.database().read(c -> Sql.one(c,
                "SELECT text FROM promises WHERE number = 1", rs -> rs.getString(1))).orElseThrow());
    }

    @Test
    void aTypedMentionTokenIsTextNotAPerson() {
        String reply = console.execute("promise <@boss> Acme: tell <@lee> it's done by friday");

        assertTrue(reply.contains("owner @you"), "the literal <@boss> does not pick the owner: " + reply);
        assertEquals("you", app.database().read(c -> Sql.one(c, "SELECT owner_id FROM promises WHERE number = 1",
                rs -> rs.getString(1))).orElseThrow());
    }

    @Test
    void answersToHelpAndMistakes() {
        record Case(String typed, String expected) {}
        var cases = java.util.List.of(
                new Case("help", "/promise Acme Corp: send the SOC2 report by friday — a promise you own"),
                new Case("promise help", "/promise list [mine | @user | <account> | overdue]"),
                new Case("/promise help", "/promise cancel #12 <reason>"),
                new Case("promise", "In Slack and Teams this opens the \"New promise\" form. Here, type it in one line, e.g. " + CREATE),
                new Case("promise Acme Corp send the report by friday", "Put the client's account first, then a colon. Example:"),
                new Case("promise Acme Corp: send the report", "When is it due?"),
                new Case("promise done #99", "There's no promise #99 here."),
                new Case("frobnicate", "Holdfast doesn't know the command frobnicate. Try: promise help"));

        assertAll(cases.stream().map(k -> () -> {
            String reply = console.execute(k.typed());
            assertTrue(reply.contains(k.expected()), k.typed() + " → " + reply);
        }));
        assertEquals(0, count("SELECT COUNT(*) FROM promises"), "no mistake wrote anything");
    }

    @Test
    void theReplPromptsRunsEachLineAndStopsAtQuit() throws Exception {
        console.execute(CREATE);

        console.run(new BufferedReader(new StringReader("promise list\n\nquit\npromise list\n")));

        String shown = terminal.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
        assertTrue(shown.startsWith("Holdfast console — you are @you in #console"), shown);
        assertTrue(shown.contains("Try: promise Acme Corp: send the SOC2 report by friday"), shown);
        assertTrue(shown.contains("holdfast> Open promises (1)\n#1 · Acme Corp — send the SOC2 report"), shown);
        assertEquals(3, shown.split("holdfast> ", -1).length - 1, "a prompt per line read, including the blank one and quit: " + shown);
        assertEquals(1, shown.split("Open promises", -1).length - 1, "nothing after quit is run: " + shown);
    }

    @Test
    void theReplEndsAtEndOfInput() throws Exception {
        console.run(new BufferedReader(new StringReader(CREATE + "\n")));

        String shown = terminal.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("holdfast> #1 for Acme Corp — owner @you"), shown);
        assertTrue(shown.endsWith("holdfast> "), "prompted once more, then stopped at end of input: " + shown);
        assertTrue(posted().contains("Promise #1 to Acme Corp"));
    }
}
