package io.holdfast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.store.DataCopy;
import io.holdfast.store.Database;
import io.holdfast.store.Sql;
import io.holdfast.testing.HoldfastForEveryWorkspace;
import io.holdfast.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator finds a workspace that left and deletes its data for good, without touching anyone else's. */
class TenantCommandTest {
    @TempDir
    Path dir;
    HoldfastForEveryWorkspace holdfast;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void twoWorkspacesWithData() throws Exception {
        holdfast = new HoldfastForEveryWorkspace(dir, Instant.parse("2026-11-24T15:00:00Z"));
        holdfast.slack.user("ULEE", "Lee", "America/New_York", false);
        for (String team : new String[] {"TACME", "TGLOBEX"}) {
            holdfast.install(team, "Team " + team, "xoxb-" + team);
            holdfast.promise(team, "ULEE", "Acme Corp: send the SOC2 report by friday");
            holdfast.command(team, "ULEE", "/holdfast", "digest daily 09:00");
            holdfast.command(team, "ULEE", "/promise", "done #1 sent");
        }
        holdfast.await("every card posted", () -> holdfast.count("SELECT COUNT(*) FROM outbox WHERE status <> 'SENT'") == 0);
        holdfast.appUninstalled("TACME", "Ev-1");
        holdfast.await("Acme paused", () -> holdfast.paused("TACME"));
    }

    @AfterEach
    void close() throws Exception {
        holdfast.close();
    }

    private int run(String... args) {
        return TenantCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("HOLDFAST_DB_URL", holdfast.databaseUrl()));
    }

    /** Rows per table that belong to {@code tenant} (by tenant id, or by team id where a table has only that). */
    private Map<String, Long> rowsOf(long tenant, String team) {
        try (Database db = TestDatabases.open(holdfast.databaseUrl())) {
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String table : new DataCopy(db, db).tables()) {
                String where = switch (table) {
                    case "tenants" -> "id = " + tenant;
                    case "slack_events_seen" -> "team_id = '" + team + "'";
                    case "slack_oauth_states" -> null;
                    default -> "tenant_id = " + tenant;
                };
                if (where != null) {
                    rows.put(table, db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM " + table + " WHERE " + where)));
                }
            }
            return rows;
        }
    }

    @Test
    void listShowsEachTenantWithWhetherItIsPaused() {
        assertEquals(0, run("tenant", "list"));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains(holdfast.tenantOf("TACME") + "  slack  TACME  paused since 2026-11-24T15:00:00Z (app_uninstalled)"), printed);
        assertTrue(printed.contains(holdfast.tenantOf("TGLOBEX") + "  slack  TGLOBEX  active; installed 2026-11-24T15:00:00Z by UINSTALLER in Team TGLOBEX"),
                printed);
    }

    @Test
    void purgeDeletesEveryRowOfAnUninstalledTenantAndNothingOfAnother() {
        long acme = holdfast.tenantOf("TACME");
        long globex = holdfast.tenantOf("TGLOBEX");
        Map<String, Long> globexBefore = rowsOf(globex, "TGLOBEX");
        assertTrue(rowsOf(acme, "TACME").get("promises") == 1 && rowsOf(acme, "TACME").get("outbox") > 0, "Acme had data");

        assertEquals(0, run("tenant", "purge", String.valueOf(acme)));

        assertTrue(rowsOf(acme, "TACME").values().stream().allMatch(n -> n == 0), "every row of Acme is gone: " + rowsOf(acme, "TACME"));
        assertEquals(globexBefore, rowsOf(globex, "TGLOBEX"));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("Purged tenant " + acme + " (slack TACME): "), printed);
        assertTrue(printed.contains("  promises: 1") && printed.contains("  slack_installations: 1") && printed.contains("  tenants: 1"), printed);
    }

    @Test
    void purgeRefusesAnUnknownIdAndATenantStillInstalledUnlessForced() {
        long globex = holdfast.tenantOf("TGLOBEX");

        assertEquals(1, run("tenant", "purge", "999"));
        assertEquals(1, run("tenant", "purge", String.valueOf(globex)));
        assertEquals(2, run("tenant", "purge", "acme"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("There is no tenant 999"), err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is in use: its app is still installed"), err.toString(StandardCharsets.UTF_8));
        assertEquals(1L, rowsOf(globex, "TGLOBEX").get("tenants"));

        assertEquals(0, run("tenant", "purge", String.valueOf(globex), "--force"));
        assertEquals(0L, rowsOf(globex, "TGLOBEX").get("tenants"));
    }
}
