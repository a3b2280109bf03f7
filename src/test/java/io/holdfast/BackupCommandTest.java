package io.holdfast;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.store.Database;
import io.holdfast.store.Sql;
import io.holdfast.testing.Engine;
import io.holdfast.testing.FakeSlackApi;
import io.holdfast.testing.HoldfastOnSlack;
import io.holdfast.testing.TestClock;
import io.holdfast.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code holdfast backup FILE}: taken from a running Holdfast, opened again as Holdfast, and every refusal. */
class BackupCommandTest {
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int backup(String url, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "backup";
        System.arraycopy(args, 0, command, 1, args.length);
        return BackupCommand.run(command, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("HOLDFAST_DB_URL", url));
    }

    private String said() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBackupTakenWhileHoldfastTakesCommandsOpensAsHoldfastWithAConsistentSnapshot() throws Exception {
        String url = TestDatabases.freshUrl(Engine.SQLITE, dir);
        Path file = dir.resolve("holdfast-2026-11-24.db");
        int code;
        int madeDuring;
        FakeSlackApi slack = new FakeSlackApi().user("ULEE", "Lee", "America/New_York", false);
        ExecutorService team = Executors.newSingleThreadExecutor();
        try (HoldfastOnSlack holdfast = new HoldfastOnSlack(slack, TestClock.at(NOW, ZoneId.of("UTC")), url)) {
            for (int i = 1; i <= 5; i++) {
                holdfast.promise("ULEE", "Acme Corp: item " + i + " by friday");
            }
            AtomicBoolean backedUp = new AtomicBoolean();
            Future<Integer> during = team.submit(() -> {
                int made = 0;
                while (!backedUp.get()) {
                    holdfast.promise("ULEE", "Globex: follow-up " + made + " by friday");
                    made++;
                }
                return made;
            });

            code = backup(url, file.toString());
            backedUp.set(true);
            madeDuring = during.get(30, TimeUnit.SECONDS);
        } finally {
            team.shutdownNow();
        }

        assertEquals(0, code, said());
        assertAll(
                () -> assertTrue(said().contains("integrity ok, schema V15, 1 tenant, "), said()),
                () -> assertTrue(said().contains("To restore: stop Holdfast"), said()),
                () -> assertEquals(List.of(), listed(dir, ".partial"), "no partial copy left behind"));
        try (Database copy = TestDatabases.open("jdbc:sqlite:" + file)) {
            assertEquals(List.of(), copy.pendingMigrations(), "Holdfast starts on the copy without migrating");
            List<Long> numbers = copy.read(c -> Sql.list(c, "SELECT number FROM promises ORDER BY number", rs -> rs.getLong(1)));
            assertTrue(numbers.size() >= 5 && numbers.size() <= 5 + madeDuring, numbers.size() + " promises in the copy");
            assertEquals(LongStream.rangeClosed(1, numbers.size()).boxed().toList(), numbers,
                    "one snapshot: every promise up to a moment, none missing in between");
            assertEquals((long) numbers.size(), copy.<Long>read(c -> Sql.count(c, "SELECT COUNT(*) FROM outbox WHERE subject LIKE 'promise-card:%'")),
                    "each promise's card row came with it");
        }
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        String url = migratedDatabase();
        Path existing = Files.writeString(dir.resolve("last-night.db"), "yesterday's backup");

        assertEquals(2, backup(url, existing.toString()));

        assertTrue(said().contains("already exists, and backup never overwrites"), said());
        assertEquals("yesterday's backup", Files.readString(existing));
    }

    @Test
    void aMissingDatabaseFileIsNamedInsteadOfBackingUpAnEmptyOne() {
        Path missing = dir.resolve("holdfsat.db");

        assertEquals(2, backup("jdbc:sqlite:" + missing, dir.resolve("copy.db").toString()));

        assertTrue(said().contains("There is no SQLite database at " + missing), said());
        assertFalse(Files.exists(missing), "the typo did not create a database");
        assertFalse(Files.exists(dir.resolve("copy.db")));
    }

    @Test
    void onPostgresqlItPointsToTheDatabasesOwnTools() {
        assertEquals(2, backup("jdbc:postgresql://db.internal:5432/holdfast", dir.resolve("copy.db").toString()));

        assertTrue(said().contains("pg_dump"), said());
    }

    @Test
    void aUrlThatNamesNoFileIsExplained() {
        assertEquals(2, backup("jdbc:sqlite::memory:", dir.resolve("copy.db").toString()));

        assertTrue(said().contains("backup needs HOLDFAST_DB_URL to name the bot's SQLite file as jdbc:sqlite:PATH"), said());
    }

    @Test
    void withoutAFileOrWithAMissingFolderItSaysWhatToType() throws Exception {
        String url = migratedDatabase();

        assertEquals(2, backup(url));
        assertTrue(said().contains(BackupCommand.EXAMPLE), said());

        assertEquals(2, backup(url, dir.resolve("no-such-folder").resolve("copy.db").toString()));
        assertTrue(said().contains("The folder " + dir.resolve("no-such-folder") + " does not exist"), said());
    }

    private static List<Path> listed(Path folder, String suffix) throws java.io.IOException {
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private String migratedDatabase() {
        String url = TestDatabases.freshUrl(Engine.SQLITE, dir);
        try (Database db = TestDatabases.open(url)) {
            db.migrate();
        }
        return url;
    }
}
