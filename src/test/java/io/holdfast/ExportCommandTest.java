package io.holdfast;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.holdfast.core.Platform;
import io.holdfast.kudos.Kudos;
import io.holdfast.kudos.KudosStore;
import io.holdfast.kudos.Rubric;
import io.holdfast.testing.CommandLineRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code holdfast export kudos} on a real SQLite file, the way an operator runs it for review season. */
class ExportCommandTest extends CommandLineRun {
    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    static final String NOVEMBER_TEXT = "Ana escalated the Acme data-loss risk early, before the client saw it, and saved the renewal";

    KudosStore kudos = new KudosStore();

    ExportCommandTest() {
        super(NOW);
    }

    private Kudos give(long tenantId, String text, Instant at) {
        return db.write(c -> kudos.insert(c, tenantId, accounts.findOrCreate(c, tenantId, "Acme Corp").id(), "UKIM", List.of("UANA", "UBEN"),
                text, "C0WINS", at));
    }

    private int export(String... args) {
        return ExportCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private List<CSVRecord> csv() throws IOException {
        try (CSVParser parser = CSVParser.parse(stdout(), CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        }
    }

    private List<String> exportedTexts() throws IOException {
        return csv().stream().map(r -> r.get("text")).toList();
    }

    @Test
    void exportsEveryKudosFromTheFirstDayThroughTheWholeLastDayInUtc() throws IOException {
        long tenant = tenants.findOrCreate(Platform.SLACK, "T1").id();
        give(tenant, "last moment of October", Instant.parse("2026-10-31T23:59:59.999Z"));
        give(tenant, "first moment of November", Instant.parse("2026-11-01T00:00:00Z"));
        give(tenant, NOVEMBER_TEXT, Instant.parse("2026-11-12T16:30:00Z"));
        give(tenant, "last moment of November", Instant.parse("2026-11-30T23:59:59.999Z"));
        give(tenant, "first moment of December", Instant.parse("2026-12-01T00:00:00Z"));

        int code = export("export", "kudos", "--from", "2026-11-01", "--to", "2026-11-30");

        assertEquals(0, code, stderr());
        assertEquals(List.of("first moment of November", NOVEMBER_TEXT, "last moment of November"), exportedTexts());
        assertEquals("", stderr());
    }

    @Test
    void csvRowsCarryTheVerificationAndTheRubric() throws IOException {
        long tenant = tenants.findOrCreate(Platform.SLACK, "T1").id();
        Kudos given = give(tenant, NOVEMBER_TEXT, Instant.parse("2026-11-12T16:30:00Z"));
        db.write(c -> {
            kudos.verify(c, given, "ULEAD", new Rubric(3, 2, 1), Instant.parse("2026-11-13T09:00:00Z"));
            return null;
        });

        assertEquals(0, export("export", "kudos", "--from", "2026-11-12", "--to", "2026-11-12", "--format", "csv"), stderr());

        CSVRecord row = csv().get(0);
        assertAll(
                () -> assertEquals("1", row.get("number")),
                () -> assertEquals("2026-11-12T16:30:00Z", row.get("given_at")),
                () -> assertEquals("UKIM", row.get("giver")),
                () -> assertEquals("UANA UBEN", row.get("recipients")),
                () -> assertEquals("Acme Corp", row.get("account")),
                () -> assertEquals(NOVEMBER_TEXT, row.get("text")),
                () -> assertEquals("ULEAD", row.get("verified_by")),
                () -> assertEquals("2026-11-13T09:00:00Z", row.get("verified_at")),
                () -> assertEquals("6", row.get("rubric_total")));
    }

    @Test
    void jsonIsAnArrayOfTheKudosInRange() throws IOException {
        long tenant = tenants.findOrCreate(Platform.SLACK, "T1").id();
        give(tenant, "Réka fixed the café chain's \"urgent\" invoice, same day ✓", Instant.parse("2026-11-02T08:00:00Z"));
        give(tenant, "outside the range", Instant.parse("2026-11-03T08:00:00Z"));

        assertEquals(0, export("export", "kudos", "--from", "2026-11-02", "--to", "2026-11-02", "--format", "json"), stderr());

        JsonNode array = new ObjectMapper().readTree(stdout());
        assertEquals(1, array.size());
        assertAll(
                () -> assertEquals("Réka fixed the café chain's \"urgent\" invoice, same day ✓", array.get(0).get("text").asText()),
                () -> assertEquals(2, array.get(0).get("recipients").size()),
                () -> assertTrue(array.get(0).get("rubric_total").isNull()));
    }

    @Test
    void tenantPicksOneWorkspaceOfSeveral() throws IOException {
        long slack = tenants.findOrCreate(Platform.SLACK, "T1").id();
        long console = tenants.findOrCreate(Platform.CONSOLE, "local").id();
        give(slack, "given in Slack", Instant.parse("2026-11-05T10:00:00Z"));
        give(console, "given at the console", Instant.parse("2026-11-05T11:00:00Z"));

        assertEquals(0, export("export", "kudos", "--from", "2026-11-01", "--to", "2026-11-30", "--tenant", "local"), stderr());

        assertEquals(List.of("given at the console"), exportedTexts());
    }

    @Test
    void severalTenantsWithoutTenantIsRefusedNamingThem() {
        tenants.findOrCreate(Platform.SLACK, "T1");
        tenants.findOrCreate(Platform.CONSOLE, "local");

        assertEquals(2, export("export", "kudos", "--from", "2026-11-01", "--to", "2026-11-30"));

        assertRefused("--tenant", "T1, local", "Example: java -jar holdfast.jar export kudos --from 2026-11-01 --to 2026-11-30 --tenant T1");
    }

    @Test
    void anUnknownTenantIsRefusedNamingTheKnownOnes() {
        tenants.findOrCreate(Platform.SLACK, "T1");

        assertEquals(2, export("export", "kudos", "--from", "2026-11-01", "--to", "2026-11-30", "--tenant", "T9", "--format", "json"));

        assertRefused("Unknown tenant \"T9\"", "T1", "--tenant T1 --format json");
    }

    @Test
    void aTenantIdOnTwoPlatformsIsRefusedRatherThanGuessed() {
        tenants.findOrCreate(Platform.SLACK, "T1");
        tenants.findOrCreate(Platform.TEAMS, "T1");

        assertEquals(2, export("export", "kudos", "--from", "2026-11-01", "--to", "2026-11-30", "--tenant", "T1"));

        assertRefused("more than one platform", "SLACK, TEAMS");
    }

    @Test
    void aFreshDatabaseIsMigratedAndSaysItHasNoTenants() {
        env = Map.of("HOLDFAST_DB_URL", "jdbc:sqlite:" + dir.resolve("fresh.db"));

        assertEquals(2, export("export", "kudos", "--from", "2026-11-01", "--to", "2026-11-30"));

        assertRefused("no tenants", "fresh.db", "HOLDFAST_DB_URL");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "export                                                        | Say what to export",
        "export promises --from 2026-11-01 --to 2026-11-30             | Only kudos can be exported in this release, not \"promises\"",
        "export kudos --to 2026-11-30                                  | --from is missing",
        "export kudos --from 2026-11-01                                | --to is missing",
        "export kudos --from 2026-11-31 --to 2026-12-01                | --from \"2026-11-31\" is not a date: use YYYY-MM-DD",
        "export kudos --from 1/11/2026 --to 2026-11-30                 | --from \"1/11/2026\" is not a date",
        "export kudos --from 2026-11-30 --to 2026-11-01                | --to 2026-11-01 is before --from 2026-11-30",
        "export kudos --from 2026-11-01 --to 2026-11-30 --format xlsx  | Unknown --format \"xlsx\": use csv or json",
        "export kudos --from 2026-11-01 --to 2026-11-30 --since 2026   | Unknown option \"--since\"",
        "export kudos --from 2026-11-01 --to 2026-11-30 --tenant       | --tenant needs a value",
        "export kudos --from --to 2026-11-30                           | --from needs a value",
        "export kudos --from 2026-11-01 --to 2026-11-30 --to 2026-12-31 | --to is given twice",
    })
    void aBadRequestExitsWithTwoAndOneLineNamingTheProblem(String commandLine, String problem) {
        tenants.findOrCreate(Platform.SLACK, "T1");

        assertEquals(2, export(commandLine.split(" +")));

        assertRefused(problem, "Example: java -jar holdfast.jar export kudos --from 2026-11-01 --to 2026-11-30");
    }

    @Test
    void helpExplainsTheInclusiveUtcDaysAndTheFormats() {
        assertEquals(0, export("export", "kudos", "--help"));

        assertAll(
                () -> assertTrue(stdout().startsWith("Usage: java -jar holdfast.jar export kudos --from YYYY-MM-DD --to YYYY-MM-DD"), stdout()),
                () -> assertTrue(stdout().contains("both days included, in the workspace's time zone"), stdout()),
                () -> assertTrue(stdout().contains("csv (default) or json"), stdout()),
                () -> assertEquals("", stderr()));
    }

    private void assertRefused(String... fragments) {
        String message = stderr();
        assertAll(
                () -> assertEquals("", stdout(), "nothing is exported"),
                () -> assertFalse(message.strip().contains("\n"), "one line: " + message),
                () -> {
                    for (String fragment : fragments) {
                        assertTrue(message.contains(fragment), "\"" + fragment + "\" in: " + message);
                    }
                });
    }
}
