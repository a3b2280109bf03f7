package io.holdfast.escalation;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.core.time.HolidayCalendars;
import io.holdfast.store.Sql;
import io.holdfast.store.TenantStore;
import io.holdfast.testing.TwoTenantStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Escalation rows on a real SQLite file: what is stored comes back, reads stay in their tenant, and the SLA watch sees each notice once. */
class EscalationStoreTest extends TwoTenantStore {
    static final Duration HOUR = Duration.ofHours(1);
    static final String LEE = "ULEE";
    static final String KIM = "UKIM";

    EscalationStore store = new EscalationStore();

    /** A window's clock: the warning at 75% of it, due at its end. */
    static SlaClock clock(Instant from, Duration window) {
        return new SlaClock(from.plus(window.multipliedBy(3).dividedBy(4)), from.plus(window));
    }

    private Escalation raise(long tenant, String account, Severity severity, String owner, Instant opened, Duration ack, Duration resolve) {
        return db.write(c -> store.insert(c, tenant, new EscalationStore.NewEscalation(accounts.findOrCreate(c, tenant, account).id(), KIM,
                owner, severity, "checkout is down", opened, clock(opened, ack), clock(opened, resolve), false, "C0ESC")));
    }

    private Escalation raise(long tenant, String account) {
        return raise(tenant, account, Severity.P1, LEE, NOW, HOUR, HOUR.multipliedBy(72));
    }

    private Escalation save(Escalation e) {
        return db.write(c -> store.save(c, e));
    }

    private List<Long> attention(Instant at) {
        return db.read(c -> store.needingAttention(c, at)).stream().map(Escalation::id).toList();
    }

    private void warned(Escalation e, boolean ack) {
        db.write(c -> { store.markWarned(c, e, ack); return null; });
    }

    private void breached(Escalation e, boolean ack) {
        db.write(c -> { store.markBreached(c, e, ack); return null; });
    }

    private List<Long> listed(long tenant, String viewer, EscalationFilter filter) {
        return db.read(c -> store.list(c, tenant, viewer, filter, 20)).escalations().stream().map(Escalation::number).toList();
    }

    private List<Long> seconds(Escalation e) {
        return db.read(c -> Sql.one(c, "SELECT ack_seconds, resolve_seconds FROM escalations WHERE id = ?",
                rs -> Arrays.asList(Sql.nullableLong(rs, "ack_seconds"), Sql.nullableLong(rs, "resolve_seconds")), e.id())).orElseThrow();
    }

    @Test
    void everyFieldComesBackAsItWasStoredToTheMillisecond() {
        SlaClock ack = new SlaClock(Instant.parse("2026-11-24T15:45:00.111999Z"), Instant.parse("2026-11-24T16:00:00.222999Z"));
        SlaClock resolve = new SlaClock(Instant.parse("2026-11-26T21:00:00.333999Z"), Instant.parse("2026-11-27T15:00:00.444999Z"));

        Escalation inserted = db.write(c -> store.insert(c, tenantA, new EscalationStore.NewEscalation(
                accounts.findOrCreate(c, tenantA, "Acme Corp").id(), KIM, null, Severity.P2, "checkout is down", NOW, ack, resolve, true, "C0ESC")));
        Escalation read = db.read(c -> store.byNumber(c, tenantA, 1)).orElseThrow();

        assertEquals(inserted, read, "insert returns the row as stored");
        long accountId = db.read(c -> accounts.find(c, tenantA, "acme corp")).orElseThrow().id();
        SlaClock ackToTheMilli = new SlaClock(Instant.parse("2026-11-24T15:45:00.111Z"), Instant.parse("2026-11-24T16:00:00.222Z"));
        SlaClock resolveToTheMilli = new SlaClock(Instant.parse("2026-11-26T21:00:00.333Z"), Instant.parse("2026-11-27T15:00:00.444Z"));
        assertEquals(new Escalation(read.id(), tenantA, 1, accountId, "Acme Corp", KIM, null, Severity.P2, "checkout is down",
                EscalationStatus.OPEN, NOW.truncatedTo(ChronoUnit.MILLIS), ackToTheMilli, resolveToTheMilli, null, null, false, false, null,
                null, 1, true, "C0ESC", null, 1), read);
        assertEquals(Arrays.asList(null, null), seconds(read), "no clock has run yet");
        assertEquals(read, db.read(c -> store.byId(c, tenantA, read.id())).orElseThrow());
    }

    @Test
    void eachTenantNumbersItsOwnEscalationsFromOne() {
        List<Long> numbers = List.of(raise(tenantA, "Acme Corp").number(), raise(tenantA, "Globex").number(), raise(tenantB, "Acme Corp").number());

        assertEquals(List.of(1L, 2L, 1L), numbers);
    }

    @Test
    void anotherTenantsEscalationIsNotFound() {
        Escalation a1 = raise(tenantA, "Acme Corp");
        Escalation a2 = raise(tenantA, "Acme Corp");
        raise(tenantB, "Globex");

        assertAll(
                () -> assertTrue(db.read(c -> store.byNumber(c, tenantB, a2.number())).isEmpty(), "#2 exists only in tenant A"),
                () -> assertTrue(db.read(c -> store.byId(c, tenantB, a1.id())).isEmpty(), "A's row id read as tenant B"),
                () -> assertEquals(List.of(1L), listed(tenantB, LEE, new EscalationFilter.Open())),
                () -> assertEquals(1, db.read(c -> store.list(c, tenantB, LEE, new EscalationFilter.Open(), 20)).total()),
                () -> assertEquals(List.of(), listed(tenantB, LEE, new EscalationFilter.ForAccount("Acme Corp")), "A's account means nothing in B"),
                () -> assertEquals(List.of(), db.read(c -> store.recentForAccount(c, tenantB, a1.accountId(), NOW.minus(HOUR)))));
    }

    @Test
    void savingRecordsHowLongEachClockTookAndBumpsTheVersion() {
        Escalation e = raise(tenantA, "Acme Corp", Severity.P1, null, NOW, HOUR, HOUR.multipliedBy(72));
        Instant opened = e.openedAt();

        Escalation acked = save(e.acknowledged(LEE, opened.plus(Duration.ofMinutes(20)).plusMillis(999)));
        assertAll("acknowledged",
                () -> assertEquals(2, acked.version()),
                () -> assertEquals(EscalationStatus.ACKNOWLEDGED, acked.status()),
                () -> assertEquals(LEE, acked.ownerId(), "the acknowledger owns an unassigned escalation"),
                () -> assertEquals(opened.plus(Duration.ofMinutes(20)).plusMillis(999), acked.ackedAt()),
                () -> assertFalse(acked.ackBreached()),
                () -> assertEquals(Arrays.asList(1200L, null), seconds(acked), "whole seconds, rounded down"));

        Escalation resolved = save(acked.resolved("expired certificate", "renewed it and added an alert", opened.plus(HOUR.multipliedBy(80))));
        assertAll("resolved late",
                () -> assertEquals(3, resolved.version()),
                () -> assertEquals(EscalationStatus.RESOLVED, resolved.status()),
                () -> assertTrue(resolved.resolveBreached()),
                () -> assertEquals("expired certificate", resolved.rootCause()),
                () -> assertEquals("renewed it and added an alert", resolved.remediation()),
                () -> assertEquals(List.of(1200L, 80 * 3600L), seconds(resolved)));

        SlaClock again = clock(opened.plus(HOUR.multipliedBy(90)), HOUR.multipliedBy(72));
        Escalation reopened = save(resolved.reopened(again));
        assertAll("reopened",
                () -> assertEquals(4, reopened.version()),
                () -> assertEquals(2, reopened.round()),
                () -> assertEquals(again, reopened.resolveClock(), "the new resolve clock is saved"),
                () -> assertNull(reopened.resolvedAt()),
                () -> assertFalse(reopened.resolveBreached()),
                () -> assertEquals(Arrays.asList(1200L, null), seconds(reopened)));
    }

    @Test
    void theAckClockWarnsOnceThenBreachesOnce() {
        Escalation e = raise(tenantA, "Acme Corp");
        Instant opened = e.openedAt();

        assertEquals(List.of(), attention(opened.plus(Duration.ofMinutes(45)).minusMillis(1)), "before the warning point");
        assertEquals(List.of(e.id()), attention(opened.plus(Duration.ofMinutes(45))), "at the warning point");
        warned(e, true);
        assertEquals(List.of(), attention(opened.plus(Duration.ofMinutes(45))), "warned");
        assertEquals(List.of(), attention(opened.plus(HOUR).minusMillis(1)), "warned, not yet due");
        assertEquals(List.of(e.id()), attention(opened.plus(HOUR)), "due");
        breached(e, true);
        assertEquals(List.of(), attention(opened.plus(HOUR.multipliedBy(2))), "breach noted; the resolve clock is far off");
    }

    @Test
    void theResolveClockWarnsOncePerRound() {
        Escalation e = save(raise(tenantA, "Acme Corp").acknowledged(LEE, NOW.plus(Duration.ofMinutes(10))));
        Instant opened = e.openedAt();

        assertEquals(List.of(), attention(opened.plus(HOUR.multipliedBy(54)).minusMillis(1)),
                "acknowledged, so no ack clock; resolve not at its warning point yet");
        assertEquals(List.of(e.id()), attention(opened.plus(HOUR.multipliedBy(54))), "at the warning point");
        warned(e, false);
        assertEquals(List.of(), attention(opened.plus(HOUR.multipliedBy(72)).minusMillis(1)), "warned in round 1, not yet due");
        assertEquals(List.of(e.id()), attention(opened.plus(HOUR.multipliedBy(72))), "due");
        breached(e, false);
        assertEquals(List.of(), attention(opened.plus(HOUR.multipliedBy(80))), "breach noted");

        Instant reopenedAt = opened.plus(HOUR.multipliedBy(80));
        Escalation reopened = save(db.read(c -> store.byId(c, tenantA, e.id())).orElseThrow().reopened(clock(reopenedAt, HOUR.multipliedBy(72))));

        assertEquals(List.of(), attention(reopenedAt.plus(HOUR.multipliedBy(54)).minusMillis(1)), "round 2, before its warning point");
        assertEquals(List.of(e.id()), attention(reopenedAt.plus(HOUR.multipliedBy(54))), "round 2 warns again");
        warned(reopened, false);
        assertEquals(List.of(), attention(reopenedAt.plus(HOUR.multipliedBy(54))), "warned in round 2");
        assertEquals(List.of(e.id()), attention(reopenedAt.plus(HOUR.multipliedBy(72))), "round 2 due");
    }

    @Test
    void theWatchSweepsEveryTenantButNeverResolvedEscalations() {
        Escalation a = raise(tenantA, "Acme Corp");
        Escalation resolved = raise(tenantA, "Globex");
        save(resolved.resolved("config", "rolled back", NOW.plus(Duration.ofMinutes(5))));
        Escalation b = raise(tenantB, "Initech");

        assertEquals(List.of(a.id(), b.id()), attention(NOW.plus(Duration.ofDays(30))), "every clock long past, resolved left out");
    }

    @Test
    void aPausedTenantsOverdueEscalationsAreNotReadUntilItIsResumed() {
        Escalation a = raise(tenantA, "Acme Corp");
        Escalation b = raise(tenantB, "Initech");
        TenantStore tenants = new TenantStore(db, clock, new HolidayCalendars());

        tenants.pause(tenantA, "app_uninstalled");
        assertEquals(List.of(b.id()), attention(NOW.plus(Duration.ofDays(30))), "the uninstalled workspace's clocks wait");

        tenants.resume(tenantA);
        assertEquals(List.of(a.id(), b.id()), attention(NOW.plus(Duration.ofDays(30))), "reinstalled: its clocks are watched again");
    }

    @Test
    void recentForAccountReturnsItsEscalationsSinceTheWindowStartNewestFirst() {
        Escalation longAgo = raise(tenantA, "Acme Corp", Severity.P2, LEE, NOW.minus(Duration.ofDays(31)), HOUR, HOUR);
        Escalation atStart = raise(tenantA, "Acme Corp", Severity.P2, LEE, NOW.minus(Duration.ofDays(30)), HOUR, HOUR);
        Escalation resolved = raise(tenantA, "acme corp", Severity.P3, LEE, NOW.minus(Duration.ofDays(2)), HOUR, HOUR);
        save(resolved.resolved("cause", "fix", NOW.minus(Duration.ofDays(1))));
        raise(tenantA, "Globex", Severity.P1, LEE, NOW.minus(Duration.ofDays(1)), HOUR, HOUR);
        raise(tenantB, "Acme Corp", Severity.P1, LEE, NOW.minus(Duration.ofDays(1)), HOUR, HOUR);

        List<Long> recent = db.read(c -> store.recentForAccount(c, tenantA, longAgo.accountId(), atStart.openedAt())).stream()
                .map(Escalation::number).toList();

        assertEquals(List.of(resolved.number(), atStart.number()), recent);
    }

    @Test
    void listShowsUnresolvedEscalationsBySeverityThenTheClockThatRunsOutSoonest() {
        Duration h72 = HOUR.multipliedBy(72);
        raise(tenantA, "Acme Corp", Severity.P2, LEE, NOW, HOUR.multipliedBy(4), h72);                                      // #1 ack due +4h
        Escalation two = raise(tenantA, "Globex", Severity.P1, KIM, NOW.minus(HOUR.multipliedBy(2)), HOUR, h72);            // #2
        save(two.acknowledged(KIM, NOW.minus(HOUR.multipliedBy(2))));                                                      //    resolve due +70h
        raise(tenantA, "Acme Corp", Severity.P1, null, NOW, HOUR, h72);                                                    // #3 ack due +1h
        Escalation four = raise(tenantA, "Initech", Severity.P2, LEE, NOW, HOUR.multipliedBy(8), HOUR.multipliedBy(2));    // #4
        save(four.acknowledged(LEE, NOW));                                                                                 //    resolve due +2h
        raise(tenantA, "acme corp", Severity.P3, LEE, NOW, HOUR, h72);                                                     // #5
        Escalation six = raise(tenantA, "Acme Corp", Severity.P1, LEE, NOW, HOUR, h72);                                    // #6 resolved
        save(six.resolved("cause", "fix", NOW));
        raise(tenantA, "Globex", Severity.P2, KIM, NOW, HOUR.multipliedBy(4), h72);                                        // #7 ties #1
        raise(tenantB, "Acme Corp", Severity.P1, LEE, NOW, HOUR, h72);

        assertAll(
                () -> assertEquals(List.of(3L, 2L, 4L, 1L, 7L, 5L), listed(tenantA, LEE, new EscalationFilter.Open())),
                () -> assertEquals(List.of(4L, 1L, 5L), listed(tenantA, LEE, new EscalationFilter.Mine())),
                () -> assertEquals(List.of(2L, 7L), listed(tenantA, KIM, new EscalationFilter.Mine())),
                () -> assertEquals(List.of(3L, 1L, 5L), listed(tenantA, LEE, new EscalationFilter.ForAccount("  ACME   corp "))),
                () -> assertEquals(List.of(), listed(tenantA, LEE, new EscalationFilter.ForAccount("Acme"))));

        EscalationStore.Page page = db.read(c -> store.list(c, tenantA, LEE, new EscalationFilter.Open(), 2));
        assertEquals(6, page.total(), "the total counts past the limit");
        assertEquals(List.of(3L, 2L), page.escalations().stream().map(Escalation::number).toList());
    }
}
