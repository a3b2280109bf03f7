package io.holdfast;

import io.holdfast.config.Config;
import io.holdfast.core.Tenant;
import io.holdfast.core.time.HolidayCalendars;
import io.holdfast.kudos.Kudos;
import io.holdfast.kudos.KudosExport;
import io.holdfast.kudos.KudosExport.Format;
import io.holdfast.kudos.KudosStore;
import io.holdfast.store.Database;
import io.holdfast.store.TenantStore;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code export kudos}: the recognition log for performance reviews, written to standard output so an
 * operator can redirect it to a file. Configuration errors ({@code ConfigException}) and store failures
 * are left to {@link Main}, which reports them like every other command.
 */
public final class ExportCommand {
    static final String USAGE = """
            Usage: java -jar holdfast.jar export kudos --from YYYY-MM-DD --to YYYY-MM-DD [--tenant ID] [--format csv|json]

            Writes the recognition log to standard output, oldest first: every kudos given from the start of
            --from to the end of --to, both days included, in the workspace's time zone (as /kudos list and the
            monthly shout-out count them: 00:00 on --from up to 00:00 the day after --to).

              --from DATE    first day to include
              --to DATE      last day to include, the whole day
              --tenant ID    Slack team id, Teams tenant id, or "local" for the console;
                             needed only when the database holds more than one tenant
              --format FMT   csv (default) or json

            Fields: number, given_at, giver, recipients, account, text, verified_by, verified_at, impact, speed,
            creativity, rubric_total (the verification fields are empty until a lead verifies the kudos).
            In CSV the recipients are separated by spaces, and text starting with = + - @ gets a leading '
            so spreadsheets show it instead of running it. Only kudos can be exported in this release.

            Example: java -jar holdfast.jar export kudos --from 2026-11-01 --to 2026-11-30 > kudos-2026-11.csv""";

    private static final String EXAMPLE = "java -jar holdfast.jar export kudos --from 2026-11-01 --to 2026-11-30";
    private static final Set<String> OPTIONS = Set.of("--from", "--to", "--tenant", "--format");

    private ExportCommand() {
    }

    /** Returns the exit code: 0 when the export was written, 2 when the request was wrong (one line on {@code err}). */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        try {
            Request request = Request.parse(args);
            Config config = Config.fromEnvironment(env);
            try (Database db = Database.open(config)) {
                // A fresh or older database file gets the kudos tables instead of an SQL error.
                db.migrate();
                Tenant tenant = request.choose(new TenantStore(db, Clock.systemUTC(), new HolidayCalendars()).all(), config);
                List<Kudos> kudos = db.read(c -> new KudosStore().given(c, tenant.id(), request.start(tenant.zone()), request.end(tenant.zone()), null));
                // Not closed: closing the writer would close out, which is usually standard output.
                KudosExport.write(kudos, request.format(), new OutputStreamWriter(out, StandardCharsets.UTF_8));
            }
            return 0;
        } catch (UsageException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Request(LocalDate from, LocalDate to, String tenant, Format format) {

        static Request parse(String[] args) throws UsageException {
            if (args.length < 2) {
                throw new UsageException("Say what to export: only kudos can be exported in this release.", EXAMPLE);
            }
            if (!args[1].equals("kudos")) {
                throw new UsageException("Only kudos can be exported in this release, not \"" + args[1] + "\".", EXAMPLE);
            }
            Map<String, String> options = new HashMap<>();
            for (int i = 2; i < args.length; i += 2) {
                String name = args[i];
                if (!OPTIONS.contains(name)) {
                    throw new UsageException("Unknown option \"" + name + "\": use --from, --to, --tenant or --format.", EXAMPLE);
                }
                if (i + 1 == args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException(name + " needs a value.", EXAMPLE);
                }
                if (options.put(name, args[i + 1]) != null) {
                    throw new UsageException(name + " is given twice.", EXAMPLE);
                }
            }
            LocalDate from = date(options, "--from");
            LocalDate to = date(options, "--to");
            if (to.isBefore(from)) {
                throw new UsageException("--to " + to + " is before --from " + from + ".", EXAMPLE);
            }
            String formatName = options.getOrDefault("--format", "csv");
            Format format = Format.parse(formatName).orElseThrow(
                    () -> new UsageException("Unknown --format \"" + formatName + "\": use csv or json.", EXAMPLE + " --format json"));
            return new Request(from, to, options.get("--tenant"), format);
        }

        private static LocalDate date(Map<String, String> options, String name) throws UsageException {
            String value = options.get(name);
            if (value == null) {
                throw new UsageException(name + " is missing.", EXAMPLE);
            }
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new UsageException(name + " \"" + value + "\" is not a date: use YYYY-MM-DD.", EXAMPLE);
            }
        }

        Instant start(ZoneId zone) {
            return from.atStartOfDay(zone).toInstant();
        }

        /** Exclusive: midnight after the --to day, so that whole day is in the export. */
        Instant end(ZoneId zone) {
            return to.plusDays(1).atStartOfDay(zone).toInstant();
        }

        /** The tenant named by --tenant, or the only one when it is omitted. */
        Tenant choose(List<Tenant> tenants, Config config) throws UsageException {
            if (tenants.isEmpty()) {
                throw new UsageException("The database " + config.redactedDbUrl() + " holds no tenants yet, so there are no kudos: "
                        + "is HOLDFAST_DB_URL set to the bot's database?", "HOLDFAST_DB_URL=jdbc:sqlite:/srv/holdfast.db " + EXAMPLE);
            }
            List<Tenant> matching = tenant == null ? tenants : tenants.stream().filter(t -> t.externalId().equals(tenant)).toList();
            if (matching.size() == 1) {
                return matching.get(0);
            }
            String ids = tenants.stream().map(Tenant::externalId).distinct().collect(Collectors.joining(", "));
            String example = withTenant(tenants.get(0).externalId());
            if (tenant == null) {
                throw new UsageException("The database holds " + tenants.size() + " tenants (" + ids + "): choose one with --tenant.",
                        example);
            }
            if (matching.isEmpty()) {
                throw new UsageException("Unknown tenant \"" + tenant + "\": the database holds " + ids + ".", example);
            }
            // Platforms pick their own ids, so two could coincide; guessing would export another team's log.
            throw new UsageException("Tenant \"" + tenant + "\" is on more than one platform ("
                    + matching.stream().map(t -> t.platform().name()).collect(Collectors.joining(", "))
                    + ") and this release cannot tell them apart.", null);
        }

        private String withTenant(String id) {
            return "java -jar holdfast.jar export kudos --from " + from + " --to " + to + " --tenant " + id
                    + (format == Format.CSV ? "" : " --format " + format.name().toLowerCase(Locale.ROOT));
        }
    }

    /** A request this command cannot run, told as one line: the problem, then (when there is one) a command that works. */
    private static final class UsageException extends Exception {
        UsageException(String problem, String example) {
            super(example == null ? problem : problem + " Example: " + example, null, false, false);
        }
    }
}
