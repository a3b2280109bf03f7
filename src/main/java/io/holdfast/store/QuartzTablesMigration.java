package io.holdfast.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * V9: the tables of Quartz's clustered job store, created from the PostgreSQL script that ships
 * inside the Quartz jar, so they are Quartz's own definition rather than a copy of it. They are
 * fixed at the Quartz version that first ran V9: a Quartz upgrade that changes its schema needs a
 * migration of its own. SQLite keeps its triggers in memory, so there the migration records itself
 * and creates nothing: both engines share one migration history.
 */
final class QuartzTablesMigration implements JavaMigration {
    static final String SCRIPT = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    private final Dialect dialect;

    QuartzTablesMigration(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("9");
    }

    @Override
    public String getDescription() {
        return "quartz job store";
    }

    @Override
    public Integer getChecksum() {
        // Not the script's: a Quartz upgrade that edits its script must not fail validation of old databases.
        return 9;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        if (dialect != Dialect.POSTGRESQL) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : statements()) {
                statement.execute(sql);
            }
        }
    }

    /** The script's CREATE statements; its DROPs and its closing COMMIT are for people running it by hand. */
    static List<String> statements() throws IOException {
        String script;
        try (InputStream in = QuartzTablesMigration.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException(SCRIPT + " is missing from the Quartz jar");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String withoutComments = script.lines().filter(line -> !line.strip().startsWith("--")).collect(Collectors.joining("\n"));
        return Arrays.stream(withoutComments.split(";"))
                .map(String::strip)
                .filter(sql -> sql.regionMatches(true, 0, "CREATE", 0, 6))
                .toList();
    }
}
