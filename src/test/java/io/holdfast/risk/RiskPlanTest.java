package io.holdfast.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.store.Database;
import io.holdfast.testing.Engine;
import io.holdfast.testing.QueryPlans;
import io.holdfast.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ranker's promise aggregates read the due-ordered index alone. Since V15 no promise index is in account order
 * but the account index itself, and without a bound on the due time SQLite took that one to skip a sort and read
 * every promise of the workspace from the table: about 80 ms for 56,000 promises, where the index alone takes
 * well under one.
 */
class RiskPlanTest {

    @TempDir
    Path dir;

    @Test
    void bothPromiseAggregatesReadOnlyTheDueOrderedIndex() {
        List<String> queries = new ArrayList<>();
        List<List<String>> plans = new ArrayList<>();
        try (Database db = TestDatabases.migrated(Engine.SQLITE, dir)) {
            db.read(c -> RiskSignals.collect(QueryPlans.recording(c, queries), 1, Instant.EPOCH, Duration.ofDays(30), RiskFilter.ALL));
            for (String sql : queries.stream().filter(q -> q.contains("FROM promises")).toList()) {
                plans.add(db.read(c -> QueryPlans.explain(c, sql)));
            }
        }

        assertEquals(2, plans.size(), String.join("\n", queries));
        for (List<String> plan : plans) {
            assertTrue(plan.stream().anyMatch(step -> step.contains("USING COVERING INDEX promises_by_status_due (tenant_id=? AND status=? AND due_at<?)")),
                    String.join("\n", plan));
        }
    }
}
