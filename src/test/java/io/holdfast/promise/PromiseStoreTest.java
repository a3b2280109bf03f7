package io.holdfast.promise;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.store.Sql;
import io.holdfast.testing.TwoTenantStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Promise rows on a real SQLite file: what is stored is what comes back, and every read stays inside its tenant. */
class PromiseStoreTest extends TwoTenantStore {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final String LEE = "ULEE";
    static final String KIM = "UKIM";

    PromiseStore store = new PromiseStore();

    private Promise make(long tenant, String account, String owner, String text, Instant due) {
        return db.write(c -> store.insert(c, tenant, new PromiseStore.NewPromise(accounts.findOrCreate(c, tenant, account), owner, KIM,
                text, due, NEW_YORK, "C0ACCOUNTS", clock.instant())));
    }

    private List<Long> numbers(long tenant, String viewer, PromiseFilter filter, int limit) {
        return db.read(c -> store.list(c, tenant, viewer, filter, clock.instant(), limit)).promises().stream().map(Promise::number).toList();
    }

    private Long closedAt(Promise p) {
        return db.read(c -> Sql.one(c, "SELECT closed_at FROM promises WHERE id = ?", rs -> Sql.nullableLong(rs, "closed_at"), p.id()))
                .orElse(null);
    }

    @Test
    void everyFieldComesBackAsItWasStoredToTheMillisecond() {
        Instant due = Instant.parse("2026-11-27T22:00:00.456789Z");

        Promise inserted = make(tenantA, "Acme Corp", LEE, "send the SOC2 report", due);
        Promise read = db.read(c -> store.byNumber(c, tenantA, 1)).orElseThrow();

        assertEquals(inserted, read, "insert returns the row as stored");
        long accountId = db.read(c -> accounts.find(c, tenantA, "acme corp")).orElseThrow().id();
        assertAll(
                () -> assertTrue(read.id() > 0),
                () -> assertEquals(tenantA, read.tenantId()),
                () -> assertEquals(1, read.number()),
                () -> assertEquals(accountId, read.accountId()),
                () -> assertEquals("Acme Corp", read.accountName(), "account name joined in"),
                () -> assertEquals(LEE, read.ownerId()),
                () -> assertEquals(KIM, read.authorId()),
                () -> assertEquals("send the SOC2 report", read.text()),
                () -> assertEquals(Instant.parse("2026-11-27T22:00:00.456Z"), read.due()),
                () -> assertEquals(NEW_YORK, read.dueZone()),
                () -> assertEquals(PromiseStatus.OPEN, read.status()),
                () -> assertEquals(NOW.truncatedTo(ChronoUnit.MILLIS), read.createdAt()),
                () -> assertEquals(NOW.truncatedTo(ChronoUnit.MILLIS), read.updatedAt()),
                () -> assertNull(read.snoozedUntil()),
                () -> assertEquals("C0ACCOUNTS", read.originChannel()),
                () -> assertNull(read.cardChannel()),
                () -> assertNull(read.cardRef()),
                () -> assertEquals(1, read.version()),
                () -> assertNull(closedAt(read)),
                () -> assertEquals(read, db.read(c -> store.byId(c, tenantA, read.id())).orElseThrow()));
    }

    @Test
    void eachTenantNumbersItsOwnPromisesFromOne() {
        Promise a1 = make(tenantA, "Acme Corp", LEE, "a1", NOW.plus(Duration.ofDays(1)));
        Promise a2 = make(tenantA, "Acme Corp", LEE, "a2", NOW.plus(Duration.ofDays(1)));
        Promise b1 = make(tenantB, "Acme Corp", LEE, "b1", NOW.plus(Duration.ofDays(1)));

        assertEquals(List.of(1L, 2L, 1L), List.of(a1.number(), a2.number(), b1.number()));
        assertEquals("b1", db.read(c -> store.byNumber(c, tenantB, 1)).orElseThrow().text());
        assertEquals("a1", db.read(c -> store.byNumber(c, tenantA, 1)).orElseThrow().text());
    }

    @Test
    void anotherTenantsPromiseIsNotFound() {
        Promise a1 = make(tenantA, "Acme Corp", LEE, "a1", NOW.plus(Duration.ofDays(1)));
        Promise a2 = make(tenantA, "Acme Corp", LEE, "a2", NOW.plus(Duration.ofDays(1)));
        make(tenantB, "Globex", LEE, "b1", NOW.plus(Duration.ofDays(1)));

        assertAll(
                () -> assertTrue(db.read(c -> store.byNumber(c, tenantB, a2.number())).isEmpty(), "#2 exists only in tenant A"),
                () -> assertTrue(db.read(c -> store.byId(c, tenantB, a1.id())).isEmpty(), "A's row id read as tenant B"),
                () -> assertTrue(db.read(c -> store.byId(c, tenantB, a2.id())).isEmpty()),
                () -> assertEquals(List.of(1L), numbers(tenantB, LEE, new PromiseFilter.AllOpen(), 20)),
                () -> assertEquals(1, db.read(c -> store.list(c, tenantB, LEE, new PromiseFilter.AllOpen(), NOW, 20)).total()),
                () -> assertEquals(List.of(), numbers(tenantB, LEE, new PromiseFilter.ForAccount("Acme Corp"), 20),
                        "A's account name means nothing in B"));
    }

    @Test
    void listFiltersOpenPromisesAndSortsByDueThenNumber() {
        // #1..#6 in tenant A; viewer is LEE
        make(tenantA, "Acme Corp", LEE, "later", NOW.plus(Duration.ofDays(3)));              // #1
        make(tenantA, "Globex", KIM, "overdue", NOW.minus(Duration.ofDays(1)));              // #2
        make(tenantA, "acme corp", KIM, "tomorrow", NOW.plus(Duration.ofDays(1)));           // #3
        Promise closed = make(tenantA, "Acme Corp", LEE, "closed", NOW.plus(Duration.ofHours(1))); // #4
        make(tenantA, "Initech", LEE, "also tomorrow", NOW.plus(Duration.ofDays(1)));        // #5, same due as #3
        make(tenantA, "Initech", LEE, "just overdue", NOW.minus(Duration.ofMinutes(1)));     // #6
        make(tenantB, "Acme Corp", LEE, "other tenant", NOW.minus(Duration.ofDays(2)));
        db.write(c -> store.save(c, closed.withStatus(PromiseStatus.DONE), NOW));

        record Case(PromiseFilter filter, List<Long> expected) {}
        List<Case> cases = List.of(
                new Case(new PromiseFilter.AllOpen(), List.of(2L, 6L, 3L, 5L, 1L)),
                new Case(new PromiseFilter.Mine(), List.of(6L, 5L, 1L)),
                new Case(new PromiseFilter.OwnedBy(KIM), List.of(2L, 3L)),
                new Case(new PromiseFilter.OwnedBy("UNOBODY"), List.of()),
                new Case(new PromiseFilter.ForAccount(" ACME   corp "), List.of(3L, 1L)),
                new Case(new PromiseFilter.ForAccount("Acme"), List.of()),
                new Case(new PromiseFilter.Overdue(), List.of(2L, 6L)));

        assertAll(cases.stream().map(k -> () -> assertEquals(k.expected(), numbers(tenantA, LEE, k.filter(), 20), k.filter().toString())));
    }

    @Test
    void overdueMeansDueStrictlyBeforeNow() {
        make(tenantA, "Acme Corp", LEE, "due right now", clock.instant());

        assertEquals(List.of(), numbers(tenantA, LEE, new PromiseFilter.Overdue(), 20));
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of(1L), numbers(tenantA, LEE, new PromiseFilter.Overdue(), 20));
    }

    @Test
    void aPageStopsAtTheLimitButCountsEverythingThatMatched() {
        for (int i = 5; i >= 1; i--) {
            make(tenantA, "Acme Corp", LEE, "item " + i, NOW.plus(Duration.ofDays(i)));
        }

        PromiseStore.Page page = db.read(c -> store.list(c, tenantA, LEE, new PromiseFilter.AllOpen(), NOW, 2));

        assertEquals(5, page.total());
        assertEquals(List.of("item 1", "item 2"), page.promises().stream().map(Promise::text).toList());
    }

    @Test
    void savingBumpsTheVersionAndSetsClosedAtOnlyWhenClosed() {
        Promise p = make(tenantA, "Acme Corp", LEE, "send the SOC2 report", NOW.plus(Duration.ofDays(3)));
        Instant snoozeAt = clock.advance(Duration.ofHours(1));
        Instant until = NOW.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);

        Promise snoozed = db.write(c -> store.save(c, p.snoozedUntil(until), snoozeAt));

        assertAll("snoozed",
                () -> assertEquals(2, snoozed.version()),
                () -> assertEquals(until, snoozed.snoozedUntil()),
                () -> assertEquals(snoozeAt.truncatedTo(ChronoUnit.MILLIS), snoozed.updatedAt()),
                () -> assertEquals(p.createdAt(), snoozed.createdAt()),
                () -> assertNull(closedAt(snoozed), "still open"));

        Instant moveAt = clock.advance(Duration.ofHours(1));
        Instant newDue = NOW.plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.MILLIS);
        Promise moved = db.write(c -> store.save(c, snoozed.withOwner(KIM, ZoneId.of("Europe/Berlin")).withDue(newDue), moveAt));

        assertAll("moved and re-dated",
                () -> assertEquals(3, moved.version()),
                () -> assertEquals(KIM, moved.ownerId()),
                () -> assertEquals(ZoneId.of("Europe/Berlin"), moved.dueZone()),
                () -> assertEquals(newDue, moved.due()),
                () -> assertNull(moved.snoozedUntil(), "a new due date clears the snooze"),
                () -> assertNull(closedAt(moved)));

        Instant doneAt = clock.advance(Duration.ofHours(1));
        Promise done = db.write(c -> store.save(c, moved.withStatus(PromiseStatus.DONE), doneAt));

        assertAll("done",
                () -> assertEquals(4, done.version()),
                () -> assertEquals(PromiseStatus.DONE, done.status()),
                () -> assertEquals(doneAt.toEpochMilli(), closedAt(done)),
                () -> assertEquals("send the SOC2 report", done.text(), "text never changes"));
        assertEquals(List.of(), numbers(tenantA, LEE, new PromiseFilter.AllOpen(), 20), "closed promises leave the open lists");
    }

    @Test
    void savingAsAnotherTenantChangesNothing() {
        Promise p = make(tenantA, "Acme Corp", LEE, "send the SOC2 report", NOW.plus(Duration.ofDays(3)));
        Promise forged = new Promise(p.id(), tenantB, p.number(), p.accountId(), p.accountName(), KIM, p.authorId(), p.text(), p.due(),
                p.dueZone(), PromiseStatus.DONE, p.createdAt(), p.updatedAt(), null, p.originChannel(), null, null, p.version());

        assertThrows(RuntimeException.class, () -> db.write(c -> store.save(c, forged, NOW)), "there is no such promise in tenant B");

        Promise unchanged = db.read(c -> store.byId(c, tenantA, p.id())).orElseThrow();
        assertEquals(p, unchanged);
    }

    @Test
    void eventsAreKeptInTheOrderTheyHappened() {
        Promise p = make(tenantA, "Acme Corp", LEE, "send the SOC2 report", NOW.plus(Duration.ofDays(3)));
        Promise other = make(tenantA, "Globex", LEE, "another", NOW.plus(Duration.ofDays(3)));
        List<PromiseEvent> happened = List.of(PromiseEvent.CREATED, PromiseEvent.SNOOZED, PromiseEvent.UPDATED, PromiseEvent.MOVED,
                PromiseEvent.DONE);

        db.write(c -> {
            for (PromiseEvent e : happened) {
                store.recordEvent(c, p, e, LEE, NOW, "detail of " + e);
            }
            store.recordEvent(c, other, PromiseEvent.CANCELLED, LEE, NOW, "not p's");
            return null;
        });

        assertEquals(happened.stream().map(Enum::name).toList(), db.read(c -> store.eventKinds(c, tenantA, p.id())));
        assertEquals(List.of(), db.read(c -> store.eventKinds(c, tenantB, p.id())), "another tenant sees no history");
        assertEquals("detail of MOVED", db.read(c -> Sql.one(c, "SELECT detail FROM promise_events WHERE promise_id = ? AND kind = 'MOVED'",
                rs -> rs.getString(1), p.id())).orElseThrow());
    }

    @Test
    void rememberCardPointsThePromiseAtItsPostedCard() {
        Promise p = make(tenantA, "Acme Corp", LEE, "send the SOC2 report", NOW.plus(Duration.ofDays(3)));

        db.write(c -> {
            store.rememberCard(c, tenantB, p.id(), "CWRONG", "0.0");
            store.rememberCard(c, tenantA, p.id(), "C0ACCOUNTS", "1764000000.000100");
            return null;
        });

        Promise read = db.read(c -> store.byId(c, tenantA, p.id())).orElseThrow();
        assertEquals("C0ACCOUNTS", read.cardChannel());
        assertEquals("1764000000.000100", read.cardRef());
        assertEquals(1, read.version(), "remembering the card is not a change people see");
        assertNotEquals("CWRONG", read.cardChannel());
    }
}
