package io.holdfast.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.store.Database;
import io.holdfast.testing.Engine;
import io.holdfast.testing.QueryPlans;
import io.holdfast.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ranker reads promises through indexes alone where it aggregates, and only the shown accounts' promises where it
 * finds their causes. Since V15 the only account-ordered promise index is the account index: without a bound on the
 * due time, SQLite took it to skip a sort and read every promise of the workspace from the table (about 80 ms for
 * 56,000 promises, where the due-ordered index alone takes a few).
 */
class RiskPlanTest {
    private static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z");
    private static final Duration REPEAT_WINDOW = Duration.ofDays(30);

    @TempDir
    Path dir;

    @Test
    void bothPromiseAggregatesReadOnlyTheDueOrderedIndex() {
        List<List<String>> plans = promisePlans(db -> RiskSignals.collect(QueryPlans.recording(db.connection(), db.queries()), 1, NOW, REPEAT_WINDOW,
                RiskFilter.ALL));

        assertEquals(2, plans.size(), plans.toString());
        for (List<String> plan : plans) {
            assertTrue(plan.stream().anyMatch(step -> step.contains("USING COVERING INDEX promises_by_status_due (tenant_id=? AND status=? AND due_at<?)")),
                    String.join("\n", plan));
        }
    }

    @Test
    void theCausesOfTheShownAccountsReadOnlyThoseAccountsPromisesInDueOrder() {
        List<List<String>> plans = promisePlans(db -> {
            RiskScorer scorer = new RiskScorer(new RiskWeightStore().load(db.connection(), 1), NOW, LocalDate.ofInstant(NOW, ZoneOffset.UTC), REPEAT_WINDOW);
            List<RiskScorer.Scored> shown = RiskSignals.collect(db.connection(), 1, NOW, REPEAT_WINDOW, RiskFilter.ALL).stream().map(scorer::score).toList();
            return RiskCauses.of(QueryPlans.recording(db.connection(), db.queries()), 1, NOW, scorer, shown);
        });

        assertEquals(1, plans.size(), plans.toString());
        List<String> plan = plans.get(0);
        assertTrue(plan.stream().anyMatch(step -> step.contains("USING INDEX promises_by_account (tenant_id=? AND account_id=? AND status=? AND due_at<?)")),
                String.join("\n", plan));
        assertFalse(plan.stream().anyMatch(step -> step.contains("TEMP B-TREE FOR ORDER BY")), String.join("\n", plan));
    }

    private interface Recorded {
        Object run(Session db) throws SQLException;
    }

    /** The connection to run on, and where the recording connection lists what it prepared. */
    private record Session(Connection connection, List<String> queries) {}

    /** SQLite's plans for the queries on promises that {@code work} runs, with one overdue promise to rank. */
    private List<List<String>> promisePlans(Recorded work) {
        List<String> queries = new ArrayList<>();
        List<List<String>> plans = new ArrayList<>();
        try (Database db = TestDatabases.migrated(Engine.SQLITE, dir)) {
            RiskData data = new RiskData(db, NOW);
            long tenant = data.tenant("T1");
            long account = data.account(tenant, "Acme", null, null, null, "UDANA");
            data.promise(tenant, account, "UDANA", "send the renewal quote", NOW.minus(Duration.ofDays(3)), "OPEN", null);
            db.read(c -> work.run(new Session(c, queries)));
            for (String sql : queries.stream().filter(q -> q.contains("FROM promises")).toList()) {
                plans.add(db.read(c -> QueryPlans.explain(c, sql)));
            }
        }
        return plans;
    }
}
