package io.holdfast;

import io.holdfast.config.Config;
import io.holdfast.config.ConfigException;
import io.holdfast.config.LogFormat;
import io.holdfast.console.Console;
import io.holdfast.store.Database;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** Command line: {@code serve} (default), {@code console}, {@code migrate}, {@code migrate-data}, {@code backup}, the tools, {@code --help}, {@code --version}. */
public final class Main {
    static final String USAGE = """
            Usage: java -jar holdfast.jar [command]

            Commands:
              serve      run the bot: Slack at POST /slack/events, health at /healthz and /readyz (default)
              console    try every command in a terminal, on the same database, as a local user
              migrate    apply database migrations and exit
              export kudos --from YYYY-MM-DD --to YYYY-MM-DD [--tenant ID] [--format csv|json]
                         write the recognition log (see: export --help)
              import accounts|promises FILE.csv [--tenant ID]
                         bring accounts or promises over from a spreadsheet (see: import --help)
              outbox --failed
                         list the posts Holdfast gave up on, with the reason
              backup FILE
                         copy the SQLite database to FILE while Holdfast runs, and check the copy
              tenant list | tenant purge ID [--force]
                         list the workspaces and tenants, or delete every row of one that uninstalled Holdfast
              migrate-data --from DB-URL --to DB-URL
                         copy an install into an empty database (e.g. SQLite to PostgreSQL) and check the counts
              digest --dry-run [--as-of ISO-INSTANT] [--tenant ID] [--channel ID] [--top N] [--format text|json]
                         print what the at-risk digests would post (see: digest --help)
              --help     show this help
              --version  show the version

            Configuration comes from the environment: HOLDFAST_PORT, HOLDFAST_DB_URL, HOLDFAST_DB_USER,
            HOLDFAST_DB_PASSWORD, SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_API_URL, MICROSOFT_APP_ID, ...
            See README.md.""";

    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "serve" : args[0];
        try {
            // Before the first logger: Logback reads its configuration once, when it starts.
            System.setProperty("logback.configurationFile", LogFormat.fromEnvironment(System.getenv()).configuration());
            if (command.equals("console")) {
                System.setProperty("holdfast.requestLog", "WARN");
            }
            switch (command) {
                case "--help", "-h", "help" -> System.out.println(USAGE);
                case "--version", "-v", "version" -> System.out.println("holdfast " + version());
                case "serve" -> serve();
                case "console" -> console();
                case "migrate" -> migrate();
                case "export" -> System.exit(ExportCommand.run(args, System.out, System.err, System.getenv()));
                case "digest" -> System.exit(DigestCommand.run(args, System.out, System.err, System.getenv()));
                case "import" -> System.exit(ImportCommand.run(args, System.out, System.err, System.getenv()));
                case "outbox" -> System.exit(OutboxCommand.run(args, System.out, System.err, System.getenv()));
                case "backup" -> System.exit(BackupCommand.run(args, System.out, System.err, System.getenv()));
                case "tenant" -> System.exit(TenantCommand.run(args, System.out, System.err, System.getenv()));
                case "migrate-data" -> System.exit(MigrateDataCommand.run(args, System.out, System.err, System.getenv()));
                default -> {
                    System.err.println("Unknown command \"" + command + "\".\n\n" + USAGE);
                    System.exit(2);
                }
            }
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(78);
        } catch (Exception e) {
            System.err.println("Holdfast failed: " + Redaction.causes(e));
            System.exit(1);
        }
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static void serve() throws Exception {
        App app = App.serve(Config.fromEnvironment(System.getenv()), Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.close();
            } catch (Exception e) {
                System.err.println("Holdfast did not stop cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }, "holdfast-shutdown"));
        stopped.await();
    }

    private static void console() throws Exception {
        try (App app = App.console(Config.fromEnvironment(System.getenv()), Clock.systemUTC(), System.out)) {
            Console console = app.newConsole(System.out);
            console.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        }
    }

    private static void migrate() {
        Config config = Config.fromEnvironment(System.getenv());
        try (Database db = Database.open(config)) {
            System.out.println("Applied " + db.migrate() + " migration(s) to " + config.redactedDbUrl() + ".");
        }
    }
}
