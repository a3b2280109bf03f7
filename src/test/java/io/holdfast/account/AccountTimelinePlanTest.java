package io.holdfast.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.store.Database;
import io.holdfast.testing.Engine;
import io.holdfast.testing.QueryPlans;
import io.holdfast.testing.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account's timeline starts from that account's promises and escalations. It used to start from the events side,
 * reading every promise event and every escalation event of the workspace to keep the account's: a workspace with
 * years of history paid for all of it on every account view.
 */
class AccountTimelinePlanTest {

    @TempDir
    Path dir;

    @Test
    void theTimelineReachesEventsOnlyThroughTheAccountsOwnPromisesAndEscalations() {
        List<String> queries = new ArrayList<>();
        List<String> plan;
        try (Database db = TestDatabases.migrated(Engine.SQLITE, dir)) {
            db.read(c -> new AccountTimeline().recent(QueryPlans.recording(c, queries), new Account(1, 1, "Acme"), 20));
            assertEquals(1, queries.size(), String.join("\n", queries));
            plan = db.read(c -> QueryPlans.explain(c, queries.get(0)));
        }

        String steps = String.join("\n", plan);
        assertTrue(steps.contains("p USING COVERING INDEX promises_by_account (tenant_id=? AND account_id=?)"), steps);
        assertTrue(steps.contains("pe USING INDEX promise_events_by_promise (tenant_id=? AND promise_id=?)"), steps);
        assertTrue(steps.contains("e USING INDEX escalations_by_account (tenant_id=? AND account_id=?)")
                || steps.contains("e USING COVERING INDEX escalations_by_account (tenant_id=? AND account_id=?)"), steps);
        assertTrue(steps.contains("ee USING INDEX escalation_events_by_escalation (tenant_id=? AND escalation_id=?)"), steps);
    }
}
