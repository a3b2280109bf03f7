package io.holdfast.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.testing.Engine;
import io.holdfast.testing.QueryPlans;
import io.holdfast.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery worker's claim runs on SQLite's single writer, ahead of every command queued behind it; with a
 * backlog of tens of thousands of cards, reading the backlog in due order from its index (V12) instead of sorting
 * it was half of the writer's time (bench/PROFILING.md, item 11). This holds the plan to that index.
 */
class ClaimPlanTest {

    @TempDir
    Path dir;

    @Test
    void theClaimReadsTheBacklogInDueOrderFromItsIndexWithoutSorting() {
        List<String> plan;
        try (Database db = TestDatabases.migrated(Engine.SQLITE, dir)) {
            plan = db.read(c -> QueryPlans.explain(c, Outbox.claimQuery(2, db.dialect())));
        }

        assertTrue(plan.stream().anyMatch(step -> step.contains("o USING INDEX outbox_due_in_order")), String.join("\n", plan));
        assertFalse(plan.stream().anyMatch(step -> step.contains("TEMP B-TREE")), String.join("\n", plan));
    }
}
