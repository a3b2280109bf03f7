package io.holdfast;

import io.holdfast.config.Config;
import io.holdfast.config.ConfigException;
import io.holdfast.store.DataCopy;
import io.holdfast.store.Database;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code holdfast migrate-data --from URL --to URL}: moves an install to another database (SQLite to
 * PostgreSQL when one process is no longer enough), every tenant with its history, subscriptions and
 * outbox, and proves it by counting each table on both sides. HOLDFAST_DB_USER and
 * HOLDFAST_DB_PASSWORD log in to whichever side is PostgreSQL.
 */
final class MigrateDataCommand {
    static final String EXAMPLE = "java -jar holdfast.jar migrate-data --from jdbc:sqlite:holdfast.db "
            + "--to jdbc:postgresql://db.internal:5432/holdfast";

    private MigrateDataCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Map<String, String> options = options(args);
        if (options == null || !options.containsKey("--from") || !options.containsKey("--to")) {
            err.println("migrate-data needs --from and --to database URLs. Stop Holdfast first, then run, e.g.:\n  " + EXAMPLE);
            return 2;
        }
        if (options.get("--from").equals(options.get("--to"))) {
            err.println("--from and --to are the same database; name the new, empty one after --to. Example:\n  " + EXAMPLE);
            return 2;
        }
        Config from;
        Config to;
        try {
            from = side(env, options.get("--from"));
            to = side(env, options.get("--to"));
        } catch (ConfigException e) {
            err.println(e.getMessage().replace("HOLDFAST_DB_URL", "the database URL") + "\n  " + EXAMPLE);
            return 2;
        }
        Optional<Path> missing = from.sqliteFile().filter(file -> !Files.exists(file));
        if (missing.isPresent()) {
            err.println("There is no SQLite database at " + missing.get() + "; --from must name the bot's file. Example:\n  " + EXAMPLE);
            return 2;
        }
        try (Database source = Database.open(from); Database target = Database.open(to)) {
            List<String> behind = source.pendingMigrations();
            if (!behind.isEmpty()) {
                err.println(from.redactedDbUrl() + " is on an older schema (missing " + String.join(", ", behind) + "). migrate-data only "
                        + "reads the source, so bring it up to date first: HOLDFAST_DB_URL=" + from.redactedDbUrl()
                        + " java -jar holdfast.jar migrate");
                return 2;
            }
            target.migrate();
            DataCopy copy = new DataCopy(source, target);
            List<String> tables = copy.tables();
            if (DataCopy.count(source, List.of("tenants")).rows().get("tenants") == 0) {
                err.println(from.redactedDbUrl() + " holds no tenants, so there is nothing to move; is --from the bot's database?");
                return 2;
            }
            List<String> notEmpty = DataCopy.count(target, tables).rows().entrySet().stream()
                    .filter(t -> t.getValue() > 0).map(t -> t.getKey() + " (" + t.getValue() + (t.getValue() == 1 ? " row)" : " rows)")).toList();
            if (!notEmpty.isEmpty()) {
                err.println(to.redactedDbUrl() + " already holds data in " + String.join(", ", notEmpty)
                        + "; migrate-data copies into an empty database only, so nothing was copied. Create a new database and run again.");
                return 2;
            }
            out.println("Copying " + from.redactedDbUrl() + " to " + to.redactedDbUrl());
            DataCopy.Counts copied;
            try {
                copied = copy.copy(tables);
            } catch (IllegalStateException e) {
                err.println("Nothing was copied: " + e.getMessage() + ". Was Holdfast still running on the source? Stop it and run again.");
                return 1;
            }
            copied.rows().forEach((table, rows) -> out.printf("  %-24s %9d%n", table, rows));
            out.println("All " + tables.size() + " tables copied and their row counts match. Point HOLDFAST_DB_URL at the new database and start Holdfast.");
            return 0;
        }
    }

    private static Config side(Map<String, String> env, String url) {
        Map<String, String> sideEnv = new HashMap<>(env);
        sideEnv.put("HOLDFAST_DB_URL", url);
        return Config.fromEnvironment(sideEnv);
    }

    /** {@code --name value} pairs after the command word; null when the words don't pair up. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                return null;
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
