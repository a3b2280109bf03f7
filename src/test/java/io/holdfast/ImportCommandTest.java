package io.holdfast;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.account.Account;
import io.holdfast.account.AccountProfile;
import io.holdfast.core.Platform;
import io.holdfast.promise.PromiseStore;
import io.holdfast.store.Sql;
import io.holdfast.testing.CommandLineRun;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code holdfast import accounts|promises} on a real SQLite file, the way a team moving off a spreadsheet runs it. */
class ImportCommandTest extends CommandLineRun {
    static final String ACCOUNTS_HEADER = "name,arr,tier,renewal,owner,channel\n";
    static final String PROMISES_HEADER = "account,owner,text,due,status\n";


    ImportCommandTest() {
        super(Instant.parse("2026-03-02T12:00:00Z"));
    }

    @Test
    void accountsLandAndAnExistingOneIsUpdatedKeepingWhatItsEmptyCellsDoNotSay() throws IOException {
        long tenant = tenants.findOrCreate(Platform.SLACK, "T1").id();
        db.write(c -> {
            Account acme = accounts.findOrCreate(c, tenant, "Acme Corp");
            accounts.update(c, new AccountProfile(acme, 50_000L, AccountProfile.Tier.STANDARD, null, "U0OLD", "C0ACME"));
            return null;
        });
        Path file = csv("accounts.csv", ACCOUNTS_HEADER
                + "ACME  corp,\"120,000\",Strategic,2027-03-31,@U0DANA,\n"
                + "Globex,$45k,high,,U0BEN,#C0GLOBEX\n"
                + "Initech,,standard,2026-12-01,,\n"
                + ",,,,,\n"
                + "\n");

        int code = run("import", "accounts", file.toString());

        assertAll(
                () -> assertEquals(0, code, stderr()),
                () -> assertEquals("Imported 3 accounts (1 updated).\n", stdout()),
                () -> assertEquals("", stderr()),
                () -> assertEquals(Arrays.asList("Acme Corp", "120000", "STRATEGIC", "2027-03-31", "U0DANA", "C0ACME"), account("acme corp")),
                () -> assertEquals(Arrays.asList("Globex", "45000", "HIGH", null, "U0BEN", "C0GLOBEX"), account("globex")),
                () -> assertEquals(Arrays.asList("Initech", null, "STANDARD", "2026-12-01", null, null), account("initech")),
                () -> assertEquals(3, count("SELECT COUNT(*) FROM accounts")));
    }

    @Test
    void badAccountRowsAreToldByLineAndTheGoodOnesStillLand() throws IOException {
        tenants.findOrCreate(Platform.SLACK, "T1");
        Path file = csv("accounts.csv", ACCOUNTS_HEADER
                + "Acme,120000,gold,,,\n"
                + "Globex,lots,high,,,\n"
                + "Initech,,high,31/12/2026,,\n"
                + ",1000,high,,,\n"
                + "Umbrella,1000,high,2027-01-01,U0ANA,C0UMB\n"
                + "Hooli,1000,high,,Gavin Belson,\n"
                + "Stark,1000\n"
                + "Wayne,1.5m,strategic,,,\n");

        int code = run("import", "accounts", file.toString());

        assertAll(
                () -> assertEquals(1, code),
                () -> assertEquals(List.of(
                        "line 2: tier \"gold\" is not standard, high or strategic.",
                        "line 3: arr \"lots\" is not an amount: write it like 120000, 120,000 or 120k.",
                        "line 4: renewal \"31/12/2026\" is not a date: write it like 2027-03-31.",
                        "line 5: name is missing.",
                        "line 7: owner \"Gavin Belson\" is not a user id: write it like U012AB3CD or @U012AB3CD.",
                        "line 8: 2 values where the header has 6 (a value with a comma needs double quotes around it).",
                        "6 rows were not imported: fix those lines and import just them again."), stderr().lines().toList()),
                () -> assertEquals("Imported 2 accounts (0 updated).\n", stdout()),
                () -> assertEquals(List.of("umbrella", "wayne"), column("SELECT normalized_name FROM accounts ORDER BY 1")),
                () -> assertEquals("1500000", account("wayne").get(1)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "name,arr,tire,renewal,owner  | missing: tier, channel; not known: \"tire\"",
        "account,owner,text,due,status | missing: name, arr, tier, renewal, channel; not known: \"account\", \"text\", \"due\", \"status\"",
        "name,arr,tier,renewal,owner,channel,name | column \"name\" appears twice",
    })
    void aWrongHeaderImportsNothingAndSaysWhatTheHeaderMustBe(String header, String problem) throws IOException {
        tenants.findOrCreate(Platform.SLACK, "T1");
        Path file = csv("accounts.csv", header + "\nAcme,120000,high,,,\n");

        assertEquals(1, run("import", "accounts", file.toString()));

        assertAll(
                () -> assertTrue(stderr().startsWith("line 1: "), stderr()),
                () -> assertTrue(stderr().contains("name,arr,tier,renewal,owner,channel (in any order)"), stderr()),
                () -> assertTrue(stderr().contains(problem), stderr()),
                () -> assertEquals(0, count("SELECT COUNT(*) FROM accounts")));
    }

    @Test
    void columnsMayComeInAnyOrderAfterTheByteOrderMarkExcelWrites() throws IOException {
        tenants.findOrCreate(Platform.SLACK, "T1");
        Path file = csv("accounts.csv", "\uFEFFChannel,Owner,Name,Tier,ARR,Renewal\r\nC0ACME,U0DANA,Acme,high,100,\r\n");

        assertEquals(0, run("import", "accounts", file.toString()), stderr());

        assertEquals(Arrays.asList("Acme", "100", "HIGH", null, "U0DANA", "C0ACME"), account("acme"));
    }

    @Test
    void quotedValuesMayHoldCommasQuotesAndLineBreaksAndLaterLinesAreStillCountedRight() throws IOException {
        tenants.findOrCreate(Platform.SLACK, "T1");
        Path accountsFile = csv("accounts.csv", ACCOUNTS_HEADER
                + "\"Acme, Inc.\",100,high,,,\r\n"
                + "\"Globex\r\nCorporation\",200,high,,,\r\n"
                + "Initech,300,gold,,,\r\n");
        Path promisesFile = csv("promises.csv", PROMISES_HEADER
                + "\"Acme, Inc.\",U0DANA,\"Send the \"\"final\"\" deck,\nthen call <@U0BOSS>\",2026-03-31,open\n"
                + "\"Acme, Inc.\",U0DANA,,2026-03-31,open\n");

        assertEquals(1, run("import", "accounts", accountsFile.toString()));
        assertEquals(1, run("import", "promises", promisesFile.toString()));

        List<String> texts = column("SELECT text FROM promises");
        assertAll(
                () -> assertEquals(List.of("acme, inc.", "globex corporation"), column("SELECT normalized_name FROM accounts ORDER BY 1")),
                () -> assertTrue(stderr().startsWith("line 5: tier \"gold\""), stderr()),
                () -> assertTrue(stderr().contains("line 4: text is missing."), stderr()),
                () -> assertEquals(1, texts.size()),
                () -> assertTrue(texts.get(0).startsWith("Send the \"final\" deck,\nthen call "), texts.get(0)),
                () -> assertFalse(texts.get(0).contains("<@U0BOSS>"), "a mention typed in a cell must not ping anyone: " + texts.get(0)));
    }

    @Test
    void promisesLandWithNumbersAfterTheTenantsOwnAndDuesReadInItsZone() throws IOException {
        long tenant = tenants.findOrCreate(Platform.SLACK, "T1").id();
        tenants.setTimeZone(tenant, ZoneId.of("Europe/Berlin"));
        Account acme = db.write(c -> {
            Account account = accounts.findOrCreate(c, tenant, "Acme Corp");
            accounts.update(c, new AccountProfile(account, null, null, null, null, "C0ACME"));
            new PromiseStore().insert(c, tenant, new PromiseStore.NewPromise(account, "U0ANA", "U0ANA", "made in Slack",
                    Instant.parse("2026-03-10T16:00:00Z"), ZoneOffset.UTC, "C0ACME", clock.instant()));
            return account;
        });
        Path file = csv("promises.csv", PROMISES_HEADER
                + "acme corp,@U0DANA,Send the renewal quote,2026-03-31,\n"
                + "Globex,U0BEN,Fix the invoice,2024-11-02T15:30:00Z,done\n"
                + "Acme Corp,U0ANA,Call back,2024-01-10T09:00:00+01:00,Cancelled\n"
                + "Acme Corp,U0ANA,Ship the fix early,2099-01-01,done\n");
        long before = System.currentTimeMillis();

        int code = run("import", "promises", file.toString());

        long after = System.currentTimeMillis();
        long globex = db.read(c -> accounts.find(c, tenant, "globex")).orElseThrow().id();
        Map<String, String> quote = promise(2);
        Map<String, String> invoice = promise(3);
        Map<String, String> call = promise(4);
        Map<String, String> early = promise(5);
        assertAll(
                () -> assertEquals(0, code, stderr()),
                () -> assertEquals("Imported 4 promises (1 new account).\n", stdout()),
                () -> assertEquals(String.valueOf(acme.id()), quote.get("account_id")),
                () -> assertEquals("U0DANA", quote.get("owner_id")),
                () -> assertEquals("U0DANA", quote.get("author_id")),
                () -> assertEquals("Send the renewal quote", quote.get("text")),
                () -> assertEquals(millis(ZonedDateTime.parse("2026-03-31T17:00+02:00[Europe/Berlin]").toInstant()), quote.get("due_at")),
                () -> assertEquals("Europe/Berlin", quote.get("due_zone")),
                () -> assertEquals("OPEN", quote.get("status")),
                () -> assertEquals(null, quote.get("closed_at")),
                () -> assertEquals("C0ACME", quote.get("origin_channel")),
                () -> assertEquals("1", quote.get("version")),
                () -> assertEquals(quote.get("due_at"), quote.get("next_nudge_at")),
                () -> assertTrue(Long.parseLong(quote.get("created_at")) >= before && Long.parseLong(quote.get("created_at")) <= after),
                () -> assertEquals(quote.get("created_at"), quote.get("updated_at")),
                () -> assertEquals(String.valueOf(globex), invoice.get("account_id")),
                () -> assertEquals(millis(Instant.parse("2024-11-02T15:30:00Z")), invoice.get("due_at")),
                () -> assertEquals(ZoneOffset.UTC, ZoneId.of(invoice.get("due_zone"))),
                () -> assertEquals("DONE", invoice.get("status")),
                () -> assertEquals(invoice.get("due_at"), invoice.get("closed_at"), "closed when due: history is not counted as kept late"),
                () -> assertEquals("import", invoice.get("origin_channel")),
                () -> assertEquals(millis(Instant.parse("2024-01-10T08:00:00Z")), call.get("due_at")),
                () -> assertEquals("CANCELLED", call.get("status")),
                () -> assertEquals(call.get("due_at"), call.get("closed_at")),
                () -> assertTrue(Long.parseLong(early.get("closed_at")) >= before && Long.parseLong(early.get("closed_at")) <= after,
                        "done before its due: closed at the import, not in the future"));
        long next = db.write(c -> new PromiseStore().insert(c, tenant, new PromiseStore.NewPromise(acme, "U0ANA", "U0ANA", "made after the import",
                Instant.parse("2026-04-01T16:00:00Z"), ZoneOffset.UTC, "C0ACME", clock.instant())).number());
        assertEquals(6, next, "/promise carries on after the imported numbers");
    }

    @Test
    void badPromiseRowsAreToldByLineAndTheGoodOnesStillLand() throws IOException {
        tenants.findOrCreate(Platform.SLACK, "T1");
        Path file = csv("promises.csv", PROMISES_HEADER
                + "Acme,U0DANA,Send the quote,next friday,\n"
                + "Acme,U0DANA,Send the quote,2026-03-31T17:00,\n"
                + "Acme,U0DANA,Send the quote,2026-03-31,later\n"
                + "Acme,,Send the quote,2026-03-31,\n"
                + ",U0DANA,Send the quote,2026-03-31,\n"
                + "Acme,U0DANA,Send the quote,,\n"
                + "Acme,U0DANA,\"" + "x".repeat(2001) + "\",2026-03-31,\n"
                + "Acme,U0DANA,Send the quote,2026-03-31,done\n");

        int code = run("import", "promises", file.toString());

        assertAll(
                () -> assertEquals(1, code),
                () -> assertEquals(List.of(
                        "line 2: due \"next friday\" is not a date or an instant: write it like 2026-03-31 or 2026-03-31T15:00:00Z.",
                        "line 3: due \"2026-03-31T17:00\" is not a date or an instant: write it like 2026-03-31 or 2026-03-31T15:00:00Z.",
                        "line 4: status \"later\" is not open, done or cancelled.",
                        "line 5: owner is missing.",
                        "line 6: account is missing.",
                        "line 7: due is missing.",
                        "line 8: text is 2001 characters; keep it to 2000.",
                        "7 rows were not imported: fix those lines and import just them again."), stderr().lines().toList()),
                () -> assertEquals("Imported 1 promise (1 new account).\n", stdout()),
                () -> assertEquals(List.of("DONE"), column("SELECT status FROM promises")));
    }

    @Test
    void aBrokenQuoteStopsTheImportThereKeepingTheRowsBeforeIt() throws IOException {
        tenants.findOrCreate(Platform.SLACK, "T1");
        Path file = csv("accounts.csv", ACCOUNTS_HEADER + "Acme,100,high,,,\n\"Globex,200,high,,,\nInitech,300,high,,,\n");

        assertEquals(1, run("import", "accounts", file.toString()));

        assertAll(
                () -> assertTrue(stderr().matches("line 3: the rest of the file cannot be read \\(.+\\); fix it and import the rest again.\n"), stderr()),
                () -> assertEquals("Imported 1 account (0 updated).\n", stdout()),
                () -> assertEquals(List.of("acme"), column("SELECT normalized_name FROM accounts")));
    }

    @Test
    void aFileSavedInAnotherEncodingIsImportedUpToWhereItStopsBeingUtf8() throws IOException {
        tenants.findOrCreate(Platform.SLACK, "T1");
        StringBuilder rows = new StringBuilder(ACCOUNTS_HEADER);
        for (int i = 0; i < 1_000; i++) {
            rows.append("Account ").append(i).append(",1000,high,,,\n");
        }
        Path file = dir.resolve("latin1.csv");
        Files.write(file, (rows + "Caf\u00e9 Noir,1000,high,,,\n").getBytes(StandardCharsets.ISO_8859_1));

        assertEquals(1, run("import", "accounts", file.toString()));

        Matcher told = Pattern.compile("line (\\d+): the file is not UTF-8 from here on; save it as \"CSV UTF-8\" and import the rest again.\n")
                .matcher(stderr());
        assertTrue(told.matches(), stderr());
        long stoppedAt = Long.parseLong(told.group(1));
        assertTrue(stoppedAt > 2, "reading stops near the bad byte, not at the start: line " + stoppedAt);
        assertEquals(stoppedAt - 2, count("SELECT COUNT(*) FROM accounts"), "every row above the reported line is in");
    }

    @Test
    void withoutTenantTheOnlyTenantIsUsed() throws IOException {
        long tenant = tenants.findOrCreate(Platform.CONSOLE, "local").id();

        assertEquals(0, run("import", "accounts", csv("accounts.csv", ACCOUNTS_HEADER + "Acme,,,,,\n").toString()), stderr());

        assertEquals(tenant, count("SELECT tenant_id FROM accounts"));
    }

    @Test
    void tenantChoosesOneOfSeveral() throws IOException {
        tenants.findOrCreate(Platform.SLACK, "T1");
        long second = tenants.findOrCreate(Platform.SLACK, "T2").id();

        assertEquals(0, run("import", "accounts", csv("accounts.csv", ACCOUNTS_HEADER + "Acme,,,,,\n").toString(), "--tenant", "T2"), stderr());

        assertEquals(second, count("SELECT tenant_id FROM accounts"));
    }

    @Test
    void anUnknownTenantIsCreatedAsASlackWorkspaceAndSaidSo() throws IOException {
        tenants.findOrCreate(Platform.SLACK, "T1");

        int code = run("import", "promises", "--tenant", "T9", csv("promises.csv", PROMISES_HEADER + "Acme,U0DANA,Call,2026-03-31,\n").toString());

        long created = tenants.find(Platform.SLACK, "T9").orElseThrow().id();
        assertAll(
                () -> assertEquals(0, code, stderr()),
                () -> assertTrue(stdout().startsWith("Tenant \"T9\" is new: created it as a Slack workspace (the database also holds T1).\n"), stdout()),
                () -> assertEquals(created, count("SELECT tenant_id FROM promises")),
                () -> assertEquals(created, count("SELECT tenant_id FROM accounts")));
    }

    @Test
    void severalTenantsWithoutTenantAreRefusedNamingThem() throws IOException {
        tenants.findOrCreate(Platform.SLACK, "T1");
        tenants.findOrCreate(Platform.CONSOLE, "local");

        assertEquals(2, run("import", "accounts", csv("accounts.csv", ACCOUNTS_HEADER + "Acme,,,,,\n").toString()));

        assertRefused("holds 2 tenants (T1, local): choose one with --tenant", "--tenant T1");
    }

    @Test
    void anEmptyDatabaseWithoutTenantIsRefused() throws IOException {
        assertEquals(2, run("import", "accounts", csv("accounts.csv", ACCOUNTS_HEADER + "Acme,,,,,\n").toString()));

        assertRefused("holds no tenants yet", "--tenant T012AB3CD");
        assertEquals(0, count("SELECT COUNT(*) FROM tenants"));
    }

    @Test
    void aTenantIdOnTwoPlatformsIsRefusedRatherThanGuessed() throws IOException {
        tenants.findOrCreate(Platform.SLACK, "T1");
        tenants.findOrCreate(Platform.TEAMS, "T1");

        assertEquals(2, run("import", "accounts", csv("accounts.csv", ACCOUNTS_HEADER + "Acme,,,,,\n").toString(), "--tenant", "T1"));

        assertRefused("more than one platform", "SLACK, TEAMS");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "import                                         | Say what to import: accounts or promises.",
        "import kudos good.csv                          | Only accounts and promises can be imported, not \"kudos\"",
        "import accounts                                | Name the CSV file to import.",
        "import accounts good.csv other.csv             | Import one file at a time",
        "import accounts good.csv --since 2026          | Unknown option \"--since\"",
        "import accounts good.csv --tenant              | --tenant needs a value",
        "import accounts good.csv --tenant T1 --tenant T2 | --tenant is given twice",
        "import accounts missing.csv                    | There is no file",
    })
    void aBadRequestExitsWithTwoAndOneLineNamingTheProblem(String commandLine, String problem) throws IOException {
        tenants.findOrCreate(Platform.SLACK, "T1");
        csv("good.csv", ACCOUNTS_HEADER + "Acme,,,,,\n");

        String[] args = Arrays.stream(commandLine.split(" +")).map(a -> a.endsWith(".csv") ? dir.resolve(a).toString() : a).toArray(String[]::new);
        assertEquals(2, run(args));

        assertRefused(problem);
        assertEquals(0, count("SELECT COUNT(*) FROM accounts"));
    }

    @Test
    void helpShowsBothHeadersAndTheExitStatus() {
        assertEquals(0, run("import", "--help"));

        assertAll(
                () -> assertTrue(stdout().startsWith("Usage: java -jar holdfast.jar import accounts FILE.csv [--tenant ID]"), stdout()),
                () -> assertTrue(stdout().contains("name,arr,tier,renewal,owner,channel"), stdout()),
                () -> assertTrue(stdout().contains("account,owner,text,due,status"), stdout()),
                () -> assertTrue(stdout().contains("Exit status: 0 when every row was imported, 1 when some were not"), stdout()),
                () -> assertEquals("", stderr()));
    }

    @Test
    void tenThousandAccountsAndTwoHundredThousandPromisesImportInBatches() throws IOException {
        long tenant = tenants.findOrCreate(Platform.SLACK, "T1").id();
        String[] tiers = {"standard", "high", "strategic"};
        String[] statuses = {"open", "done", "cancelled", ""};
        Path accountsFile = generated("accounts.csv", ACCOUNTS_HEADER, 10_000,
                i -> "Account " + i + "," + (i * 1000) + "," + tiers[i % 3] + ",2027-0" + (1 + i % 9) + "-15,U" + (i % 50) + ",C" + i);
        Path promisesFile = generated("promises.csv", PROMISES_HEADER, 200_000,
                i -> "Account " + (i % 10_000) + ",U" + (i % 50) + ",\"Follow-up " + i + ", as agreed\","
                        + (i % 2 == 0 ? "2026-0" + (1 + i % 9) + "-1" + (i % 10) : "2025-06-01T09:00:00Z") + "," + statuses[i % 4]);

        long start = System.nanoTime();
        int accountsCode = run("import", "accounts", accountsFile.toString());
        long accountsDone = System.nanoTime();
        int promisesCode = run("import", "promises", promisesFile.toString());
        long promisesDone = System.nanoTime();
        System.out.printf("Imported 10,000 accounts in %d ms and 200,000 promises in %d ms%n",
                (accountsDone - start) / 1_000_000, (promisesDone - accountsDone) / 1_000_000);

        assertAll(
                () -> assertEquals(0, accountsCode, stderr()),
                () -> assertEquals(0, promisesCode, stderr()),
                () -> assertEquals("Imported 10000 accounts (0 updated).\nImported 200000 promises (0 new accounts).\n", stdout()),
                () -> assertEquals(10_000, count("SELECT COUNT(*) FROM accounts WHERE tenant_id = ?", tenant)),
                () -> assertEquals(200_000, count("SELECT COUNT(*) FROM promises WHERE tenant_id = ?", tenant)),
                () -> assertEquals(200_000, count("SELECT COUNT(DISTINCT number) FROM promises")),
                () -> assertEquals(200_000, count("SELECT MAX(number) FROM promises")),
                () -> assertEquals(200_001, count("SELECT next_value FROM counters WHERE tenant_id = ? AND name = 'promise'", tenant)),
                () -> assertEquals(50_000, count("SELECT COUNT(*) FROM promises WHERE status = 'DONE'")),
                () -> assertEquals(100_000, count("SELECT COUNT(*) FROM promises WHERE status = 'OPEN'")),
                () -> assertEquals(20, count("SELECT COUNT(*) FROM promises p JOIN accounts a ON a.id = p.account_id WHERE a.name = 'Account 7'")));
    }

    private interface Line {
        String of(int i);
    }

    private Path generated(String name, String header, int rows, Line line) throws IOException {
        Path file = dir.resolve(name);
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write(header);
            for (int i = 0; i < rows; i++) {
                writer.write(line.of(i));
                writer.write('\n');
            }
        }
        return file;
    }

    private Path csv(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private int run(String... args) {
        return ImportCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private long count(String sql, Object... params) {
        return db.read(c -> Sql.count(c, sql, params));
    }

    private List<String> column(String sql) {
        return db.read(c -> Sql.list(c, sql, rs -> rs.getString(1)));
    }

    /** name, arr, tier, renewal, owner, channel of the account, as stored. */
    private List<String> account(String normalizedName) {
        return db.read(c -> Sql.one(c, "SELECT name, arr, tier, renewal_date, owner_id, channel FROM accounts WHERE normalized_name = ?",
                rs -> {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= 6; i++) {
                        values.add(rs.getString(i));
                    }
                    return values;
                }, normalizedName)).orElseThrow();
    }

    /** Every column of the promise with that number, as stored. */
    private Map<String, String> promise(long number) {
        return db.read(c -> Sql.one(c, "SELECT * FROM promises WHERE number = ?", rs -> {
            ResultSetMetaData meta = rs.getMetaData();
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.put(meta.getColumnName(i), rs.getString(i));
            }
            return row;
        }, number)).orElseThrow();
    }

    private static String millis(Instant instant) {
        return String.valueOf(instant.toEpochMilli());
    }

    private void assertRefused(String... fragments) {
        String message = stderr();
        assertAll(
                () -> assertEquals("", stdout(), "nothing is imported"),
                () -> assertFalse(message.strip().contains("\n"), "one line: " + message),
                () -> {
                    for (String fragment : fragments) {
                        assertTrue(message.contains(fragment), "\"" + fragment + "\" in: " + message);
                    }
                });
    }
}
