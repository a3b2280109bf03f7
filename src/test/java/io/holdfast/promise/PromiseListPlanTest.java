package io.holdfast.promise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.store.Database;
import io.holdfast.testing.Engine;
import io.holdfast.testing.QueryPlans;
import io.holdfast.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /promise list} must read one person's open promises from the owner index, already in due order: before
 * V14 it walked every open promise of the workspace, 46 lists a second once people had thousands each
 * (bench/PROFILING.md, item 16). This holds both of its queries, the count and the page, to that index, and
 * an account's list, both queries, to the account index.
 */
class PromiseListPlanTest {

    @TempDir
    Path dir;

    @Test
    void aPersonsListIsCountedFromTheOwnerIndexAloneAndReadInDueOrderWithoutSorting() {
        List<List<String>> plans = countAndPagePlans(new PromiseFilter.Mine());
        List<String> count = plans.get(0);
        List<String> page = plans.get(1);

        assertTrue(count.stream().anyMatch(step -> step.contains("USING COVERING INDEX promises_by_owner")), String.join("\n", count));
        assertTrue(page.stream().anyMatch(step -> step.contains("p USING INDEX promises_by_owner")), String.join("\n", page));
        assertFalse(page.stream().anyMatch(step -> step.contains("TEMP B-TREE")), String.join("\n", page));
    }

    @Test
    void anAccountsListIsCountedFromTheAccountIndexAloneAndReadInDueOrderWithoutSorting() {
        List<List<String>> plans = countAndPagePlans(new PromiseFilter.ForAccount("Acme"));
        List<String> count = plans.get(0);
        List<String> page = plans.get(1);

        assertTrue(count.stream().anyMatch(step -> step.contains("USING COVERING INDEX promises_by_account (tenant_id=? AND account_id=? AND status=?)")),
                String.join("\n", count));
        assertTrue(page.stream().anyMatch(step -> step.contains("p USING INDEX promises_by_account (tenant_id=? AND account_id=? AND status=?)")),
                String.join("\n", page));
        assertFalse(page.stream().anyMatch(step -> step.contains("TEMP B-TREE")), String.join("\n", page));
    }

    /** SQLite's plans for the two queries a list with {@code filter} runs: the count, then the page. */
    private List<List<String>> countAndPagePlans(PromiseFilter filter) {
        List<String> queries = new ArrayList<>();
        try (Database db = TestDatabases.migrated(Engine.SQLITE, dir)) {
            db.read(c -> new PromiseStore().list(QueryPlans.recording(c, queries), 1, "U1", filter, Instant.EPOCH, 20));
            assertEquals(2, queries.size(), String.join("\n", queries));
            return List.of(db.read(c -> QueryPlans.explain(c, queries.get(0))), db.read(c -> QueryPlans.explain(c, queries.get(1))));
        }
    }
}
