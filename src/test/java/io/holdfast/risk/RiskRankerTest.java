package io.holdfast.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.account.AccountProfile.Tier;
import io.holdfast.escalation.EscalationSettings;
import io.holdfast.escalation.Severity;
import io.holdfast.store.Database;
import io.holdfast.store.Sql;
import io.holdfast.testing.Engine;
import io.holdfast.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Ranking on a real SQLite file with hand-made accounts: who comes first, and the words that say why. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class RiskRankerTest {
    @Parameter
    Engine engine;
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    static final Duration HOUR = Duration.ofHours(1);
    static final Duration DAY = Duration.ofDays(1);

    @TempDir
    Path dir;
    Database db;
    RiskRanker ranker;
    RiskData data;
    long tenant;

    @BeforeEach
    void open() {
        db = TestDatabases.migrated(engine, dir);
        ranker = new RiskRanker(db, new EscalationSettings(db), new RiskWeightStore());
        data = new RiskData(db, NOW);
        tenant = data.tenant("T1");
    }

    @AfterEach
    void close() {
        // null when the engine is not available here and the test was aborted before it opened one
        if (db != null) {
            db.close();
        }
    }

    private List<RiskEntry> top(RiskFilter filter) {
        return ranker.top(tenant, NOW, ZoneOffset.UTC, 10, filter);
    }

    private List<String> names(List<RiskEntry> entries) {
        return entries.stream().map(RiskEntry::accountName).toList();
    }

    @Test
    void nothingAtRiskGivesAnEmptyList() {
        long calm = data.account(tenant, "Calm Co", Tier.STRATEGIC, 900_000L, TODAY.plusDays(10), "UDANA");
        data.promise(tenant, calm, "UDANA", "quarterly review", NOW.plus(DAY.multipliedBy(5)), "OPEN", null);
        data.promise(tenant, calm, "UDANA", "kept in time", NOW.minus(DAY.multipliedBy(5)), "DONE", NOW.minus(DAY.multipliedBy(6)));
        data.promise(tenant, calm, "UDANA", "no longer wanted", NOW.minus(DAY.multipliedBy(5)), "CANCELLED", NOW.minus(DAY));
        data.escalation(tenant, calm, Severity.P3, "RESOLVED", NOW.minus(DAY.multipliedBy(40)), false, false);

        assertEquals(List.of(), top(RiskFilter.ALL));
    }

    @Test
    void anOverduePromiseOutranksOneDueSoon() {
        long soon = data.account(tenant, "Acme", null, null, null, "UDANA");
        long late = data.account(tenant, "Zenith", null, null, null, "ULEE");
        long soonNumber = data.promise(tenant, soon, "UDANA", "send the pricing sheet", NOW.plus(HOUR.multipliedBy(20)), "OPEN", null);
        long lateNumber = data.promise(tenant, late, "ULEE", "send the SOC2 report", NOW.minus(DAY.multipliedBy(4)), "OPEN", null);
        data.promise(tenant, late, "ULEE", "fix the export", NOW.minus(HOUR.multipliedBy(5)), "OPEN", null);

        List<RiskEntry> entries = top(RiskFilter.ALL);

        assertEquals(List.of("Zenith", "Acme"), names(entries));
        assertEquals(List.of("2 promises overdue (longest 4 days)"), entries.get(0).reasons());
        assertEquals("promise #" + lateNumber + " \"send the SOC2 report\" overdue 4 days", entries.get(0).cause());
        assertEquals("ULEE", entries.get(0).ownerId());
        assertEquals(List.of("1 promise due within 48 hours"), entries.get(1).reasons());
        assertEquals("promise #" + soonNumber + " \"send the pricing sheet\" due in 20 h", entries.get(1).cause());
    }

    @Test
    void aBreachedP1OutranksAP3() {
        long minor = data.account(tenant, "Acme", null, null, null, null);
        long major = data.account(tenant, "Zenith", null, null, null, null);
        data.escalation(tenant, minor, Severity.P3, "ACKNOWLEDGED", NOW.minus(DAY.multipliedBy(2)), false, false);
        // Acknowledge was due an hour after opening; the SLA watch has not flagged it yet, the deadline alone counts.
        long p1 = data.escalation(tenant, major, Severity.P1, "OPEN", NOW.minus(HOUR.multipliedBy(3)), false, false);
        data.escalation(tenant, major, Severity.P1, "RESOLVED", NOW.minus(DAY.multipliedBy(60)), false, false);

        List<RiskEntry> entries = top(RiskFilter.ALL);

        assertEquals(List.of("Zenith", "Acme"), names(entries));
        assertEquals(List.of("P1 escalation open 3 h, acknowledge SLA breached"), entries.get(0).reasons());
        assertEquals("P1 escalation #" + p1 + " open 3 h, ack SLA breached", entries.get(0).cause());
        assertEquals(List.of("P3 escalation open 2 days"), entries.get(1).reasons());
    }

    @Test
    void valueAmplifiesRiskButDoesNotCreateIt() {
        long standard = data.account(tenant, "Acme", Tier.STANDARD, 20_000L, null, null);
        long strategic = data.account(tenant, "Zenith", Tier.STRATEGIC, 120_000L, null, null);
        data.account(tenant, "Quiet Giant", Tier.STRATEGIC, 5_000_000L, null, null);
        data.promise(tenant, standard, "UDANA", "send the roadmap", NOW.minus(DAY.multipliedBy(2)), "OPEN", null);
        data.promise(tenant, strategic, "UDANA", "send the roadmap", NOW.minus(DAY.multipliedBy(2)), "OPEN", null);

        List<RiskEntry> entries = top(RiskFilter.ALL);

        assertEquals(List.of("Zenith", "Acme"), names(entries));
        assertEquals(List.of("1 promise overdue 2 days", "strategic, $120k ARR"), entries.get(0).reasons());
        assertEquals(List.of("1 promise overdue 2 days", "$20k ARR"), entries.get(1).reasons());
        assertTrue(entries.get(0).score() > entries.get(1).score());
    }

    @Test
    void aRenewalWithinThirtyDaysMakesFrictionMoreUrgent() {
        long none = data.account(tenant, "Acme", null, null, null, null);
        long later = data.account(tenant, "Beta", null, null, TODAY.plusDays(60), null);
        long soon = data.account(tenant, "Gamma", null, null, TODAY.plusDays(21), null);
        data.account(tenant, "Renewing Calmly", null, null, TODAY.plusDays(5), null);
        for (long account : List.of(none, later, soon)) {
            data.promise(tenant, account, "UDANA", "call back", NOW.plus(HOUR.multipliedBy(6)), "OPEN", null);
        }

        List<RiskEntry> entries = top(RiskFilter.ALL);

        assertEquals(List.of("Gamma", "Beta", "Acme"), names(entries));
        assertEquals(List.of("renews in 21 days", "1 promise due within 48 hours"), entries.get(0).reasons());
        assertEquals(List.of("renews in 60 days", "1 promise due within 48 hours"), entries.get(1).reasons());
    }

    @Test
    void repeatEscalationsAndMissedSlasCountAfterResolution() {
        long repeat = data.account(tenant, "Acme", null, null, null, null);
        long spread = data.account(tenant, "Beta", null, null, null, null);
        long missed = data.account(tenant, "Gamma", null, null, null, null);
        data.escalation(tenant, repeat, Severity.P3, "RESOLVED", NOW.minus(DAY.multipliedBy(3)), false, false);
        data.escalation(tenant, repeat, Severity.P3, "RESOLVED", NOW.minus(DAY.multipliedBy(20)), false, false);
        data.escalation(tenant, spread, Severity.P3, "RESOLVED", NOW.minus(DAY.multipliedBy(3)), false, false);
        data.escalation(tenant, spread, Severity.P3, "RESOLVED", NOW.minus(DAY.multipliedBy(45)), false, false);
        data.escalation(tenant, missed, Severity.P2, "RESOLVED", NOW.minus(DAY.multipliedBy(80)), true, true);
        data.escalation(tenant, missed, Severity.P2, "RESOLVED", NOW.minus(DAY.multipliedBy(120)), true, false);

        List<RiskEntry> entries = top(RiskFilter.ALL);

        assertEquals(List.of("Acme", "Gamma"), names(entries));
        assertEquals(List.of("2 escalations in 30 days"), entries.get(0).reasons());
        assertEquals(List.of("2 SLAs missed in 90 days"), entries.get(1).reasons());
        assertNull(entries.get(0).cause());

        // A tenant that counts repeats over 60 days sees the second account's pair as a repeat too.
        db.write(c -> Sql.update(c, "UPDATE tenants SET repeat_window_days = 60 WHERE id = ?", tenant));
        List<RiskEntry> wider = top(RiskFilter.ALL);
        assertEquals(List.of("Acme", "Beta", "Gamma"), names(wider));
        assertEquals(List.of("2 escalations in 60 days"), wider.get(1).reasons());
    }

    @Test
    void promisesKeptLateInNinetyDaysCount() {
        long late = data.account(tenant, "Acme", null, null, null, null);
        long longAgo = data.account(tenant, "Beta", null, null, null, null);
        data.promise(tenant, late, "UDANA", "send the fix", NOW.minus(DAY.multipliedBy(10)), "DONE", NOW.minus(DAY.multipliedBy(7)));
        data.promise(tenant, late, "UDANA", "send the notes", NOW.minus(DAY.multipliedBy(10)), "DONE", NOW.minus(DAY.multipliedBy(11)));
        data.promise(tenant, longAgo, "UDANA", "send the fix", NOW.minus(DAY.multipliedBy(110)), "DONE", NOW.minus(DAY.multipliedBy(100)));
        data.promise(tenant, longAgo, "UDANA", "drop it", NOW.minus(DAY.multipliedBy(10)), "CANCELLED", NOW.minus(DAY.multipliedBy(5)));

        List<RiskEntry> entries = top(RiskFilter.ALL);

        assertEquals(List.of("Acme"), names(entries));
        assertEquals(List.of("1 promise kept late in 90 days"), entries.get(0).reasons());
        assertNull(entries.get(0).cause());
    }

    @Test
    void filtersByTierAndOwner() {
        long dana = data.account(tenant, "Acme", Tier.STRATEGIC, null, null, "UDANA");
        long lee = data.account(tenant, "Beta", Tier.STRATEGIC, null, null, "ULEE");
        long standard = data.account(tenant, "Gamma", Tier.STANDARD, null, null, "UDANA");
        long unset = data.account(tenant, "Delta", null, null, null, null);
        for (long account : List.of(dana, lee, standard, unset)) {
            data.promise(tenant, account, "UKIM", "call back", NOW.minus(DAY), "OPEN", null);
        }

        assertEquals(List.of("Acme", "Beta", "Delta", "Gamma"), names(top(RiskFilter.ALL)));
        assertEquals(List.of("Acme", "Beta"), names(top(new RiskFilter(Tier.STRATEGIC, null))));
        assertEquals(List.of("Acme", "Gamma"), names(top(new RiskFilter(null, "UDANA"))));
        assertEquals(List.of("Acme"), names(top(new RiskFilter(Tier.STRATEGIC, "UDANA"))));
    }

    @Test
    void staysInItsTenant() {
        long other = data.tenant("T2");
        long mine = data.account(tenant, "Acme", null, null, null, null);
        long theirs = data.account(other, "Acme", Tier.STRATEGIC, 900_000L, TODAY.plusDays(3), null);
        data.promise(tenant, mine, "UDANA", "call back", NOW.plus(HOUR), "OPEN", null);
        data.promise(other, theirs, "UDANA", "call back", NOW.minus(DAY.multipliedBy(9)), "OPEN", null);
        data.escalation(other, theirs, Severity.P1, "OPEN", NOW.minus(HOUR.multipliedBy(5)), true, false);
        data.escalation(other, theirs, Severity.P1, "RESOLVED", NOW.minus(DAY), true, true);

        List<RiskEntry> entries = top(RiskFilter.ALL);

        assertEquals(1, entries.size());
        assertEquals(mine, entries.get(0).accountId());
        assertEquals(List.of("1 promise due within 48 hours"), entries.get(0).reasons());
        assertEquals(List.of(theirs), ranker.top(other, NOW, ZoneOffset.UTC, 10, RiskFilter.ALL).stream().map(RiskEntry::accountId).toList());
    }

    @Test
    void equalScoresGoByNameAndTheLimitHolds() {
        for (String name : List.of("delta", "Beta", "alpha", "Gamma")) {
            data.promise(tenant, data.account(tenant, name, null, null, null, null), "UDANA", "call", NOW.minus(HOUR), "OPEN", null);
        }

        assertEquals(List.of("alpha", "Beta", "delta"), names(ranker.top(tenant, NOW, ZoneOffset.UTC, 3, RiskFilter.ALL)));
    }

    @Test
    void aTenantsOwnWeightsChangeTheRanking() {
        long overdue = data.account(tenant, "Acme", null, null, null, null);
        long soon = data.account(tenant, "Beta", null, null, null, null);
        long late = data.account(tenant, "Gamma", null, null, null, null);
        data.promise(tenant, overdue, "UDANA", "call", NOW.minus(HOUR), "OPEN", null);
        data.promise(tenant, soon, "UDANA", "call", NOW.plus(HOUR), "OPEN", null);
        data.promise(tenant, late, "UDANA", "call", NOW.minus(DAY.multipliedBy(3)), "DONE", NOW.minus(DAY));
        RiskWeightStore weights = new RiskWeightStore();

        db.write(c -> {
            weights.set(c, tenant, RiskWeights.Weight.DUE_SOON_PROMISE, 50);
            weights.set(c, tenant, RiskWeights.Weight.KEPT_LATE, 7);
            weights.set(c, tenant, RiskWeights.Weight.KEPT_LATE, 0);
            // A weight a later version dropped is ignored, not fatal.
            return Sql.update(c, "INSERT INTO risk_weights (tenant_id, signal, weight) VALUES (?, 'RETIRED_SIGNAL', 3)", tenant);
        });

        List<RiskEntry> entries = top(RiskFilter.ALL);
        assertEquals(List.of("Beta", "Acme"), names(entries));
        assertEquals(50, entries.get(0).score());
    }
}
