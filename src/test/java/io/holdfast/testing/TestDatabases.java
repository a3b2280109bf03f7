package io.holdfast.testing;

import io.holdfast.config.Config;
import io.holdfast.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Real databases for tests, opened exactly as the app opens them: a SQLite file in the test's
 * directory, or a fresh schema on the PostgreSQL server named by {@code HOLDFAST_TEST_POSTGRES_URL}
 * ({@code .ci/postgres-up} starts one). In CI a missing server fails the test rather than skipping it.
 */
public final class TestDatabases {
    public static final String POSTGRES_URL_VARIABLE = "HOLDFAST_TEST_POSTGRES_URL";

    private TestDatabases() {
    }

    /** A URL for a new, empty database on {@code engine}. */
    public static String freshUrl(Engine engine, Path dir) {
        return switch (engine) {
            case SQLITE -> "jdbc:sqlite:" + dir.resolve("holdfast-" + UUID.randomUUID().toString().substring(0, 8) + ".db");
            case POSTGRESQL -> freshPostgresSchema();
        };
    }

    /** A URL for a new, empty database on the engine the run asks for (SQLite unless told otherwise). */
    public static String freshUrl(Path dir) {
        return freshUrl(Engine.fallback(), dir);
    }

    public static Database open(String url) {
        return Database.open(Config.fromEnvironment(Map.of("HOLDFAST_DB_URL", url)));
    }

    /** A fresh database on {@code engine} with every migration applied. */
    public static Database migrated(Engine engine, Path dir) {
        Database db = open(freshUrl(engine, dir));
        db.migrate();
        return db;
    }

    /** A fresh database, on the engine the run asks for, with every migration applied. */
    public static Database migrated(Path dir) {
        return migrated(Engine.fallback(), dir);
    }

    private static String freshPostgresSchema() {
        String server = postgresServer();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a schema on " + server + ": " + e.getMessage(), e);
        }
        return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static String postgresServer() {
        String url = System.getenv(POSTGRES_URL_VARIABLE);
        if (url == null || url.isBlank()) {
            String why = POSTGRES_URL_VARIABLE + " is not set; start a server with: export " + POSTGRES_URL_VARIABLE + "=$(.ci/postgres-up)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("the PostgreSQL tests must run in CI: " + why);
            }
            Assumptions.abort(why);
        }
        return url;
    }
}
