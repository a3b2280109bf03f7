package io.holdfast;

import io.holdfast.config.Config;
import io.holdfast.store.Sql;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.Codes;

/**
 * {@code holdfast backup FILE}: a consistent copy of the SQLite database taken with SQLite's online
 * backup API while Holdfast keeps running. The copy is written next to FILE, checked (integrity,
 * schema, row counts) and only then moved to FILE, so FILE is either a good backup or absent.
 */
final class BackupCommand {
    static final String EXAMPLE = "java -jar holdfast.jar backup /var/backups/holdfast-2026-11-25.db";

    private BackupCommand() {
    }

    /** What a checked copy holds, for the operator to compare with what they expect. */
    record Contents(String schema, long tenants, long promises, long escalations, long kudos) {}

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (args.length != 2 || args[1].startsWith("-")) {
            err.println("backup needs the file to write the copy to; Holdfast can keep running meanwhile. Example:\n  " + EXAMPLE);
            return 2;
        }
        Config config = Config.fromEnvironment(env);
        if (config.isPostgres()) {
            err.println("backup copies Holdfast's SQLite file. On PostgreSQL, back up with the database's own tools, e.g.:\n"
                    + "  pg_dump --format=custom --file=holdfast.dump \"$DATABASE\"");
            return 2;
        }
        Optional<Path> source = config.sqliteFile();
        if (source.isEmpty()) {
            err.println("backup needs HOLDFAST_DB_URL to name the bot's SQLite file as jdbc:sqlite:PATH, e.g. "
                    + "HOLDFAST_DB_URL=jdbc:sqlite:/data/holdfast.db " + EXAMPLE);
            return 2;
        }
        if (!Files.isRegularFile(source.get())) {
            err.println("There is no SQLite database at " + source.get() + "; set HOLDFAST_DB_URL to the bot's file, e.g. "
                    + "HOLDFAST_DB_URL=jdbc:sqlite:/data/holdfast.db " + EXAMPLE);
            return 2;
        }
        Path target = Path.of(args[1]).toAbsolutePath();
        if (Files.exists(target)) {
            err.println(target + " already exists, and backup never overwrites a file. Name a new one, e.g.:\n  " + EXAMPLE);
            return 2;
        }
        if (!Files.isDirectory(target.getParent())) {
            err.println("The folder " + target.getParent() + " does not exist. Create it first, or name a file in an existing folder.");
            return 2;
        }
        Path partial = null;
        try {
            // Its own name, so two backups to one FILE at once can't spoil each other's copy.
            partial = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".partial");
            copy(config.dbUrl(), partial);
            Contents contents = check(partial);
            // No REPLACE_EXISTING: if FILE appeared meanwhile, the move fails rather than overwrite it.
            Files.move(partial, target);
            out.printf(Locale.ROOT, "Backed up %s to %s (%.1f MiB): integrity ok, schema %s, %s, %s, %s, %,d kudos.%n"
                            + "To restore: stop Holdfast, replace %s with this file (delete its -wal and -shm files), start Holdfast.%n",
                    source.get(), target, Files.size(target) / 1048576.0, contents.schema(), counted(contents.tenants(), "tenant"),
                    counted(contents.promises(), "promise"), counted(contents.escalations(), "escalation"), contents.kudos(),
                    source.get().getFileName());
            return 0;
        } catch (SQLException | IOException | IllegalStateException e) {
            if (partial != null) {
                deleteQuietly(partial);
            }
            err.println("The backup failed and nothing was written to " + target + ": " + e.getMessage());
            return 1;
        }
    }

    private static String counted(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    /** One backup step over every page: a single read snapshot, which in WAL mode does not hold up Holdfast's writes. */
    private static void copy(String url, Path partial) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            int result = c.unwrap(SQLiteConnection.class).getDatabase().backup("main", partial.toString(), null, 100, 100, -1);
            if (result != Codes.SQLITE_OK) {
                throw new SQLException("SQLite's backup ended with code " + result);
            }
        }
    }

    private static Contents check(Path copy) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy)) {
            String integrity = Sql.one(c, "PRAGMA quick_check", rs -> rs.getString(1)).orElse("no answer");
            if (!integrity.equals("ok")) {
                throw new IllegalStateException("the copy failed its integrity check (" + integrity + ")");
            }
            String schema = Sql.one(c, "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank DESC LIMIT 1",
                    rs -> "V" + rs.getString(1)).orElseThrow(() -> new IllegalStateException("the copy has no schema history"));
            return new Contents(schema, Sql.count(c, "SELECT COUNT(*) FROM tenants"), Sql.count(c, "SELECT COUNT(*) FROM promises"),
                    Sql.count(c, "SELECT COUNT(*) FROM escalations"), Sql.count(c, "SELECT COUNT(*) FROM kudos"));
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the failure already reported matters more than a leftover partial file
        }
    }
}
