package io.holdfast;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.store.DataCopy;
import io.holdfast.store.Database;
import io.holdfast.testing.Engine;
import io.holdfast.testing.FakeSlackApi;
import io.holdfast.testing.HoldfastOnSlack;
import io.holdfast.testing.TestClock;
import io.holdfast.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving a live SQLite install to PostgreSQL: every table arrives with the same rows, the counts are
 * checked and printed, Holdfast carries on from the copy (numbers and ids continue), and a copy back
 * to SQLite gives the very rows it started with.
 */
class MigrateDataCommandTest {
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

    @TempDir
    Path dir;
    String sqlite;
    String postgres;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** A team's install after a day of use: promises, an escalation, kudos, a digest subscription, delivered cards. */
    @BeforeEach
    void useHoldfastOnSqlite() throws Exception {
        sqlite = TestDatabases.freshUrl(Engine.SQLITE, dir);
        postgres = TestDatabases.freshUrl(Engine.POSTGRESQL, dir);
        FakeSlackApi slack = new FakeSlackApi().user("ULEE", "Lee", "America/New_York", false)
                .user("UDANA", "Dana", "America/New_York", false);
        HoldfastOnSlack holdfast = new HoldfastOnSlack(slack, TestClock.at(NOW, ZoneId.of("UTC")), sqlite);
        try {
            holdfast.promise("ULEE", "Acme Corp: send the SOC2 report by friday");
            holdfast.promise("ULEE", "Globex: call back by tomorrow");
            holdfast.command("ULEE", "/escalate", "Acme Corp P2: exports fail");
            holdfast.command("ULEE", "/kudos", "<@UDANA|dana> Acme Corp: rebuilt the export overnight");
            holdfast.command("ULEE", "/holdfast", "digest daily 09:00");
            holdfast.awaitCardRemembered(2);
            holdfast.deliverNow();
        } finally {
            holdfast.close();
        }
    }

    private int migrateData(String from, String to) {
        out.reset();
        err.reset();
        return MigrateDataCommand.run(new String[] {"migrate-data", "--from", from, "--to", to},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String complaint() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Every row of every data table, in id order, as text: what "the same data" means. */
    private static Map<String, List<String>> contents(String url) {
        try (Database db = TestDatabases.open(url)) {
            List<String> tables = new DataCopy(db, db).tables();
            return db.read(c -> {
                Map<String, List<String>> all = new java.util.TreeMap<>();
                for (String table : tables) {
                    List<String> rows = new ArrayList<>();
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
                        ResultSetMetaData meta = rs.getMetaData();
                        while (rs.next()) {
                            StringBuilder row = new StringBuilder();
                            for (int i = 1; i <= meta.getColumnCount(); i++) {
                                row.append(meta.getColumnName(i).toLowerCase()).append('=').append(rs.getString(i)).append(' ');
                            }
                            rows.add(row.toString());
                        }
                    }
                    all.put(table, rows);
                }
                return all;
            });
        }
    }

    @Test
    void aSqliteInstallMovesToPostgresqlWithEveryRowAndCountsChecked() {
        assertEquals(0, migrateData(sqlite, postgres), complaint());

        Map<String, List<String>> before = contents(sqlite);
        Map<String, List<String>> after = contents(postgres);
        assertAll(
                () -> assertTrue(before.keySet().containsAll(List.of("tenants", "users", "accounts", "promises", "promise_events",
                        "escalations", "kudos", "kudos_recipients", "digest_subscriptions", "outbox", "counters")), before.keySet().toString()),
                () -> assertFalse(before.keySet().stream().anyMatch(t -> t.startsWith("flyway_") || t.startsWith("qrtz_")),
                        "each database keeps its own migration history and scheduler state"),
                () -> assertEquals(before, after, "the same rows, column for column"),
                () -> assertTrue(printed().contains("promises") && printed().contains("row counts match"), printed()),
                () -> assertTrue(printed().matches("(?s).*promises\\s+2\\b.*"), printed()),
                () -> assertFalse(printed().contains("MISMATCH"), printed()));
    }

    @Test
    void holdfastCarriesOnFromTheCopyAndACopyBackGivesTheSameRows() throws Exception {
        assertEquals(0, migrateData(sqlite, postgres), complaint());

        FakeSlackApi slack = new FakeSlackApi().user("ULEE", "Lee", "America/New_York", false);
        HoldfastOnSlack onPostgres = new HoldfastOnSlack(slack, TestClock.at(NOW.plusSeconds(3600), ZoneId.of("UTC")), postgres);
        try {
            String list = onPostgres.promise("ULEE", "list").json().toString();
            assertTrue(list.contains("Acme Corp") && list.contains("Globex"), "the copied promises are there: " + list);
            onPostgres.promise("ULEE", "Initech: send the quote by monday");
            assertTrue(onPostgres.card(3).text().contains("Initech"), "numbers go on from #2");
            assertEquals(1, onPostgres.count("SELECT COUNT(*) FROM promises WHERE number = 3 AND id > 2"),
                    "new rows get fresh ids after the copied ones");
        } finally {
            onPostgres.close();
        }

        String back = TestDatabases.freshUrl(Engine.SQLITE, dir);
        assertEquals(0, migrateData(postgres, back), complaint());
        assertEquals(contents(postgres), contents(back), "PostgreSQL to SQLite gives the same rows back");
    }

    @Test
    void aTargetThatAlreadyHoldsDataIsRefusedAndLeftAsItWas() {
        assertEquals(0, migrateData(sqlite, postgres), complaint());
        Map<String, List<String>> copied = contents(postgres);

        assertEquals(2, migrateData(sqlite, postgres));

        assertTrue(complaint().contains("already holds data") && complaint().contains("nothing was copied"), complaint());
        assertEquals(copied, contents(postgres), "not a row added");
    }

    @Test
    void missingOrRepeatedUrlsAreAnsweredWithAnExample() {
        record Case(String[] args, String says) {}
        List<Case> cases = List.of(
                new Case(new String[] {"migrate-data"}, "needs --from and --to"),
                new Case(new String[] {"migrate-data", "--from", sqlite}, "needs --from and --to"),
                new Case(new String[] {"migrate-data", "--from", sqlite, "--to", sqlite}, "the same database"),
                new Case(new String[] {"migrate-data", "--from", sqlite, "--to", "mysql://db/holdfast"}, "jdbc:postgresql://"),
                new Case(new String[] {"migrate-data", "--from", "jdbc:sqlite:" + dir.resolve("holdfsat.db"), "--to", postgres},
                        "no SQLite database at"));

        for (Case k : cases) {
            err.reset();
            int exit = MigrateDataCommand.run(k.args(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
            assertEquals(2, exit, String.join(" ", k.args()));
            assertTrue(complaint().contains(k.says()) && complaint().contains("migrate-data --from jdbc:sqlite:"), complaint());
        }
        assertFalse(java.nio.file.Files.exists(dir.resolve("holdfsat.db")), "a mistyped source is not created");
    }

    @Test
    void aSourceWithNoTenantsIsNotTakenForAnInstall() {
        String empty = TestDatabases.freshUrl(Engine.SQLITE, dir);
        try (Database db = TestDatabases.open(empty)) {
            db.migrate();
        }

        assertEquals(2, migrateData(empty, postgres));

        assertTrue(complaint().contains("holds no tenants"), complaint());
    }
}
