package io.holdfast.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.holdfast.testing.Engine;
import io.holdfast.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer keeps its prepared statements between writes; what repositories do with them must not notice. */
class SqliteStatementsTest {
    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = TestDatabases.open(TestDatabases.freshUrl(Engine.SQLITE, dir));
        db.write(c -> Sql.update(c, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<String> notes() {
        return db.read(c -> Sql.list(c, "SELECT text FROM notes ORDER BY id", rs -> rs.getString(1)));
    }

    @Test
    void aKeptStatementStartsEachWriteWithNoParametersLeftOverAndSurvivesAFailedWrite() {
        db.write(c -> Sql.update(c, "INSERT INTO notes (text) VALUES (?)", "first"));
        assertThrows(StoreException.class, () -> db.write(c -> {
            Sql.update(c, "INSERT INTO notes (text) VALUES (?)", "rolled back");
            return Sql.update(c, "INSERT INTO notes (text) VALUES (?)", (Object) null);
        }));
        db.write(c -> Sql.update(c, "INSERT INTO notes (text) VALUES (?)", "second"));

        assertEquals(List.of("first", "second"), notes());
    }

    @Test
    void aQueryRunInsideTheRowsOfTheSameQueryGetsItsOwnStatement() {
        db.write(c -> Sql.update(c, "INSERT INTO notes (text) VALUES ('a'), ('b'), ('c')"));
        String sql = "SELECT text FROM notes WHERE id <= ? ORDER BY id";

        List<String> pairs = db.write(c -> Sql.list(c, sql, rs -> rs.getString(1) + "/" + Sql.list(c, sql, inner -> inner.getString(1), 1), 3));

        assertEquals(List.of("a/[a]", "b/[a]", "c/[a]"), pairs);
        assertEquals(List.of("a", "b", "c"), db.write(c -> Sql.list(c, sql, rs -> rs.getString(1), 3)), "the kept statement is usable again");
    }

    @Test
    void moreDistinctStatementsThanAreKeptAllStillRun() {
        int texts = 300;
        for (int i = 0; i < texts; i++) {
            String sql = "INSERT INTO notes (text) VALUES (?)" + " ".repeat(i);
            String text = "note " + i;
            db.write(c -> Sql.update(c, sql, text));
        }

        assertEquals(IntStream.range(0, texts).mapToObj(i -> "note " + i).toList(), notes());
    }
}
