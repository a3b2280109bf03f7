package io.holdfast;

import io.holdfast.account.AccountImport;
import io.holdfast.config.Config;
import io.holdfast.core.Platform;
import io.holdfast.core.Tenant;
import io.holdfast.core.UserInputException;
import io.holdfast.core.time.HolidayCalendars;
import io.holdfast.promise.PromiseImport;
import io.holdfast.store.Database;
import io.holdfast.store.TenantStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code import accounts|promises FILE.csv}: brings a team's spreadsheet over. Each bad row is reported on
 * {@code err} with its line and the reason while every good row is imported, so one typo does not block
 * ten thousand rows. Configuration errors and store failures are left to {@link Main}, like every other command.
 */
public final class ImportCommand {
    static final String USAGE = """
            Usage: java -jar holdfast.jar import accounts FILE.csv [--tenant ID]
                   java -jar holdfast.jar import promises FILE.csv [--tenant ID]

            Brings accounts and promises over from a spreadsheet. FILE.csv is CSV in UTF-8 whose first line names
            the columns, in any order. Values with commas or line breaks go in double quotes.

              accounts   name,arr,tier,renewal,owner,channel
                         name is required. arr is an amount (120000, 120,000 or 120k); tier is standard, high or
                         strategic; renewal is a date (2027-03-31); owner is a user id (U012AB3CD or @U012AB3CD);
                         channel is a channel id (C012AB3CD or #C012AB3CD). An account that already exists (names
                         match ignoring case and spacing) gets the new values; an empty cell keeps the old one.
              promises   account,owner,text,due,status
                         account, owner, text and due are required. due is a date (2026-03-31: the end of that
                         working day in the workspace's time zone) or an instant (2026-03-31T15:00:00Z); past dues
                         are fine; imported promises have no card, so they show in digests but are not nudged. status is open (the
                         default), done or cancelled. An account not there yet is created. Every row is a new
                         promise: importing the same file twice adds its promises twice.

              --tenant ID    Slack team id, Teams tenant id, or "local" for the console; needed only when the
                             database holds more than one tenant. An id the database does not hold yet is
                             created as a Slack workspace.

            Rows that cannot be imported are listed on standard error as "line N: reason"; all other rows are
            imported. Exit status: 0 when every row was imported, 1 when some were not, 2 when the command was wrong.

            Example: java -jar holdfast.jar import accounts accounts.csv --tenant T012AB3CD""";

    private static final String EXAMPLE = "java -jar holdfast.jar import accounts accounts.csv";
    // Empty lines are kept so the line count stays right; blank rows are skipped by hand instead.
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();
    /** What Excel puts at the start of a "CSV UTF-8" file. */
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private ImportCommand() {
    }

    /** Returns the exit code: 0 when every row was imported, 1 when some were not (each told on {@code err}), 2 for a wrong request. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        try {
            Request request = Request.parse(args);
            Config config = Config.fromEnvironment(env);
            try (Reader reader = request.open(); CSVParser parser = CSVParser.parse(reader, FORMAT)) {
                Records records = new Records(parser);
                Map<String, Integer> columns;
                try {
                    columns = columns(records.next(), request.kind().header());
                } catch (UserInputException e) {
                    err.println("line " + records.line() + ": " + e.getMessage());
                    return 1;
                } catch (UncheckedIOException e) {
                    err.println("line " + records.line() + ": " + unreadable(e));
                    return 1;
                }
                try (Database db = Database.open(config)) {
                    // A fresh or older database file gets the tables instead of an SQL error.
                    db.migrate();
                    TenantStore tenants = new TenantStore(db, Clock.systemUTC(), new HolidayCalendars());
                    Tenant tenant = request.choose(tenants, config, out);
                    Outcome outcome = load(records, columns, request.kind().start(db, tenant, Clock.systemUTC()), out, err);
                    int failed = outcome.failedRows();
                    if (failed > 0) {
                        // Just those rows: the others are in, and promises imported again would be there twice.
                        err.println(failed + (failed == 1 ? " row was" : " rows were") + " not imported: fix "
                                + (failed == 1 ? "that line" : "those lines") + " and import just " + (failed == 1 ? "it" : "them") + " again.");
                    }
                    return failed == 0 && !outcome.cutShort() ? 0 : 1;
                }
            }
        } catch (UsageException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How a file went in: rows refused one by one, and whether reading stopped early.
     *
     * @param cutShort true when the file could not be read to its end, so rows after that point are not imported
     */
    private record Outcome(int failedRows, boolean cutShort) {}

    /** Feeds every row to {@code sink}, reporting on {@code err} the ones it refuses and where reading stopped, if it did. */
    private static Outcome load(Records records, Map<String, Integer> columns, Sink sink, PrintStream out, PrintStream err) {
        int failed = 0;
        boolean cutShort = false;
        try {
            for (CSVRecord record = records.next(); record != null; record = records.next()) {
                try {
                    if (!isBlank(record)) {
                        sink.add().accept(cells(record, columns));
                    }
                } catch (UserInputException e) {
                    err.println("line " + records.line() + ": " + e.getMessage());
                    failed++;
                }
            }
        } catch (UncheckedIOException e) {
            // A broken quote or a wrong encoding leaves no way to find where the next row starts.
            err.println("line " + records.line() + ": " + unreadable(e));
            cutShort = true;
        }
        out.println(sink.finish().get());
        return new Outcome(failed, cutShort);
    }

    private static String unreadable(UncheckedIOException e) {
        return e.getCause() instanceof CharacterCodingException
                ? "the file is not UTF-8 from here on; save it as \"CSV UTF-8\" and import the rest again."
                : "the rest of the file cannot be read (" + e.getCause().getMessage() + "); fix it and import the rest again.";
    }

    /** Which column holds each header name; refuses a header that is not exactly the expected names. */
    private static Map<String, Integer> columns(CSVRecord header, List<String> expected) {
        String wanted = "the first line must name the columns " + String.join(",", expected) + " (in any order)";
        if (header == null) {
            throw new UserInputException("the file is empty: " + wanted + ".");
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).replace(BYTE_ORDER_MARK, "").strip().toLowerCase(Locale.ROOT);
            if (!expected.contains(name)) {
                unknown.add("\"" + name + "\"");
            } else if (columns.put(name, i) != null) {
                throw new UserInputException("column \"" + name + "\" appears twice: " + wanted + ".");
            }
        }
        List<String> missing = expected.stream().filter(name -> !columns.containsKey(name)).toList();
        if (!unknown.isEmpty() || !missing.isEmpty()) {
            throw new UserInputException(wanted + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing))
                    + (unknown.isEmpty() ? "" : "; not known: " + String.join(", ", unknown)) + ".");
        }
        return columns;
    }

    private static Map<String, String> cells(CSVRecord record, Map<String, Integer> columns) {
        if (record.size() != columns.size()) {
            throw new UserInputException(record.size() + " values where the header has " + columns.size()
                    + " (a value with a comma needs double quotes around it).");
        }
        Map<String, String> cells = new HashMap<>();
        columns.forEach((name, index) -> cells.put(name, record.get(index).strip()));
        return cells;
    }

    /** An empty line, or a row of empty cells as spreadsheets leave below the data. */
    private static boolean isBlank(CSVRecord record) {
        return record.stream().allMatch(String::isBlank);
    }

    /** The file's records with the line each starts on: a quoted value can span lines, so the record count would mislead. */
    private static final class Records {
        private final CSVParser parser;
        private final Iterator<CSVRecord> iterator;
        private long line = 1;

        Records(CSVParser parser) {
            this.parser = parser;
            this.iterator = parser.iterator();
        }

        /** The next record, or null at the end of the file. */
        CSVRecord next() {
            line = parser.getCurrentLineNumber() + 1;
            return iterator.hasNext() ? iterator.next() : null;
        }

        long line() {
            return line;
        }
    }

    /** Where checked rows go: {@link AccountImport} or {@link PromiseImport}, which batch them into the store. */
    private record Sink(Consumer<Map<String, String>> add, Supplier<String> finish) {}

    private enum Kind {
        ACCOUNTS(AccountImport.HEADER), PROMISES(PromiseImport.HEADER);

        private final List<String> header;

        Kind(List<String> header) {
            this.header = header;
        }

        List<String> header() {
            return header;
        }

        Sink start(Database db, Tenant tenant, Clock clock) {
            return switch (this) {
                case ACCOUNTS -> {
                    AccountImport accounts = new AccountImport(db, tenant.id(), clock);
                    yield new Sink(accounts::add, accounts::finish);
                }
                case PROMISES -> {
                    PromiseImport promises = new PromiseImport(db, tenant, clock);
                    yield new Sink(promises::add, promises::finish);
                }
            };
        }
    }

    private record Request(Kind kind, Path file, String tenant) {

        static Request parse(String[] args) throws UsageException {
            if (args.length < 2) {
                throw new UsageException("Say what to import: accounts or promises.", EXAMPLE);
            }
            Kind kind = switch (args[1]) {
                case "accounts" -> Kind.ACCOUNTS;
                case "promises" -> Kind.PROMISES;
                default -> throw new UsageException("Only accounts and promises can be imported, not \"" + args[1] + "\".", EXAMPLE);
            };
            Path file = null;
            String tenant = null;
            for (int i = 2; i < args.length; i++) {
                if (args[i].equals("--tenant")) {
                    if (i + 1 == args.length || args[i + 1].startsWith("--")) {
                        throw new UsageException("--tenant needs a value.", EXAMPLE + " --tenant T012AB3CD");
                    }
                    if (tenant != null) {
                        throw new UsageException("--tenant is given twice.", null);
                    }
                    tenant = args[++i];
                } else if (args[i].startsWith("--")) {
                    throw new UsageException("Unknown option \"" + args[i] + "\": only --tenant is known.", EXAMPLE);
                } else if (file != null) {
                    throw new UsageException("Import one file at a time, not \"" + file + "\" and \"" + args[i] + "\".", EXAMPLE);
                } else {
                    file = Path.of(args[i]);
                }
            }
            if (file == null) {
                throw new UsageException("Name the CSV file to import.", EXAMPLE);
            }
            return new Request(kind, file, tenant);
        }

        Reader open() throws UsageException, IOException {
            try {
                return Files.newBufferedReader(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new UsageException("There is no file " + file.toAbsolutePath() + ".", null);
            }
        }

        /** The tenant named by --tenant (created when new), or the only one when it is omitted. */
        Tenant choose(TenantStore store, Config config, PrintStream out) throws UsageException {
            List<Tenant> tenants = store.all();
            String ids = tenants.stream().map(Tenant::externalId).distinct().collect(Collectors.joining(", "));
            if (tenant == null) {
                if (tenants.size() == 1) {
                    return tenants.get(0);
                }
                throw new UsageException(tenants.isEmpty()
                        ? "The database " + config.redactedDbUrl() + " holds no tenants yet: say which Slack team to import into with --tenant."
                        : "The database holds " + tenants.size() + " tenants (" + ids + "): choose one with --tenant.",
                        EXAMPLE + " --tenant " + (tenants.isEmpty() ? "T012AB3CD" : tenants.get(0).externalId()));
            }
            List<Tenant> matching = tenants.stream().filter(t -> t.externalId().equals(tenant)).toList();
            if (matching.size() > 1) {
                // Platforms pick their own ids, so two could coincide; guessing would fill another team's store.
                throw new UsageException("Tenant \"" + tenant + "\" is on more than one platform ("
                        + matching.stream().map(t -> t.platform().name()).collect(Collectors.joining(", "))
                        + ") and this release cannot tell them apart.", null);
            }
            if (matching.size() == 1) {
                return matching.get(0);
            }
            // Telling the operator keeps a mistyped id from quietly filling a workspace no one uses.
            out.println("Tenant \"" + tenant + "\" is new: created it as a Slack workspace"
                    + (tenants.isEmpty() ? "." : " (the database also holds " + ids + ")."));
            return store.findOrCreate(Platform.SLACK, tenant);
        }
    }

    /** A request this command cannot run, told as one line: the problem, then (when there is one) a command that works. */
    private static final class UsageException extends Exception {
        UsageException(String problem, String example) {
            super(example == null ? problem : problem + " Example: " + example, null, false, false);
        }
    }
}
