package io.holdfast.store;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.holdfast.testing.Engine;
import io.holdfast.testing.TestDatabases;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings that make one SQLite file safe for a server: WAL, foreign keys, a busy timeout. */
class SqliteConnectionTest {
    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = TestDatabases.open(TestDatabases.freshUrl(Engine.SQLITE, dir));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void connectionSettingsHoldOnBothWriterAndReaderConnections() {
        db.migrate();
        Map<String, String> expected = Map.of(
                "journal_mode", "wal",
                "foreign_keys", "1",
                "synchronous", "1",
                "busy_timeout", "10000");

        for (Map.Entry<String, String> pragma : expected.entrySet()) {
            String sql = "PRAGMA " + pragma.getKey();
            String onWriter = db.write(c -> Sql.one(c, sql, rs -> rs.getString(1)).orElseThrow());
            String onReader = db.read(c -> Sql.one(c, sql, rs -> rs.getString(1)).orElseThrow());
            assertAll(pragma.getKey(),
                    () -> assertEquals(pragma.getValue(), onWriter.toLowerCase(), "writer " + sql),
                    () -> assertEquals(pragma.getValue(), onReader.toLowerCase(), "reader " + sql));
        }
    }

    @Test
    void theWriterKeepsABatchsPagesInMemoryUntilItCommits() {
        db.migrate();
        String onWriter = db.write(c -> Sql.one(c, "PRAGMA cache_size", rs -> rs.getString(1)).orElseThrow());
        String onReader = db.read(c -> Sql.one(c, "PRAGMA cache_size", rs -> rs.getString(1)).orElseThrow());

        assertEquals("-32768", onWriter, "32 MiB, so a group commit does not spill pages to the log before it commits");
        assertEquals("-2000", onReader, "readers keep SQLite's default");
    }

    @Test
    void theWriterLeavesCheckpointsToItsOwnCopyAndKeepsSavepointJournalsInMemory() {
        db.migrate();
        String checkpointOnWriter = db.write(c -> Sql.one(c, "PRAGMA wal_autocheckpoint", rs -> rs.getString(1)).orElseThrow());
        String checkpointOnReader = db.read(c -> Sql.one(c, "PRAGMA wal_autocheckpoint", rs -> rs.getString(1)).orElseThrow());
        String tempOnWriter = db.write(c -> Sql.one(c, "PRAGMA temp_store", rs -> rs.getString(1)).orElseThrow());
        String tempOnReader = db.read(c -> Sql.one(c, "PRAGMA temp_store", rs -> rs.getString(1)).orElseThrow());

        assertAll(
                () -> assertEquals("0", checkpointOnWriter, "no checkpoint inside a COMMIT that a batch waits for"),
                () -> assertEquals("1000", checkpointOnReader, "readers keep SQLite's default"),
                () -> assertEquals("2", tempOnWriter, "savepoint journals in memory"),
                () -> assertEquals("0", tempOnReader, "readers' large sorts may go to temporary files"));
    }
}
