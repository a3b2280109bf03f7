package io.holdfast.testing;

import io.holdfast.config.Config;
import io.holdfast.store.Database;
import java.nio.file.Path;
import java.util.Map;

/** Real SQLite files for store tests, opened exactly as the app opens them. */
public final class TestDatabases {
    private TestDatabases() {
    }

    public static Database open(Path file) {
        return Database.open(Config.fromEnvironment(Map.of("HOLDFAST_DB_URL", "jdbc:sqlite:" + file)));
    }

    /** A fresh database in {@code dir} with every migration applied. */
    public static Database migrated(Path dir) {
        Database db = open(dir.resolve("holdfast.db"));
        db.migrate();
        return db;
    }
}
