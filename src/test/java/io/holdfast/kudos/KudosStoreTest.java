package io.holdfast.kudos;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.testing.TwoTenantStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kudos rows on a real SQLite file: recipients keep their order, ranges are half-open, and reads stay in their tenant. */
class KudosStoreTest extends TwoTenantStore {
    /** November 2026 and its neighbours, in UTC; the store keeps milliseconds. */
    static final Instant NOVEMBER = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant DECEMBER = Instant.parse("2026-12-01T00:00:00Z");
    static final String GIVER = "UKIM";

    KudosStore store = new KudosStore();

    private Kudos give(long tenant, List<String> recipients, String text, Instant at) {
        return db.write(c -> store.insert(c, tenant, accounts.findOrCreate(c, tenant, "Acme Corp").id(), GIVER, recipients, text, "C0WINS", at));
    }

    private Kudos give(String text, Instant at) {
        return give(tenantA, List.of("ULEE"), text, at);
    }

    private Kudos verified(String text, Instant at, Rubric rubric) {
        Kudos k = give(text, at);
        db.write(c -> { store.verify(c, k, "ULEAD", rubric, at.plus(Duration.ofDays(1))); return null; });
        return k;
    }

    private List<String> given(long tenant, Instant from, Instant to, String recipient) {
        return db.read(c -> store.given(c, tenant, from, to, recipient)).stream().map(Kudos::text).toList();
    }

    private List<String> top(long tenant, Instant from, Instant to, int limit) {
        return db.read(c -> store.topVerified(c, tenant, from, to, limit)).stream().map(Kudos::text).toList();
    }

    @Test
    void everyFieldComesBackAndRecipientsKeepTheOrderTheyWereNamedIn() {
        Kudos inserted = give(tenantA, List.of("UZED", "UAMY", "UMIA"), "saved the renewal by fixing the export overnight", NOW);
        Kudos read = db.read(c -> store.byId(c, tenantA, inserted.id())).orElseThrow();

        long accountId = db.read(c -> accounts.find(c, tenantA, "acme corp")).orElseThrow().id();
        assertEquals(inserted, read, "insert returns the row as stored");
        assertEquals(new Kudos(read.id(), tenantA, 1, accountId, "Acme Corp", GIVER, List.of("UZED", "UAMY", "UMIA"),
                "saved the renewal by fixing the export overnight", "C0WINS", NOW.truncatedTo(ChronoUnit.MILLIS), null, null, null, 1), read);
    }

    @Test
    void aRecipientNamedTwiceIsKeptOnceWhereFirstNamed() {
        Kudos k = give(tenantA, List.of("UAMY", "UZED", "UAMY"), "text", NOW);

        assertEquals(List.of("UAMY", "UZED"), k.recipients());
    }

    @Test
    void verifyingStoresTheRubricAndWhoVerifiedIt() {
        Kudos k = give("text", NOW);
        Instant at = NOW.plus(Duration.ofHours(2));

        db.write(c -> { store.verify(c, k, "ULEAD", new Rubric(3, 2, 1), at); return null; });

        Kudos read = db.read(c -> store.byId(c, tenantA, k.id())).orElseThrow();
        assertAll(
                () -> assertTrue(read.isVerified()),
                () -> assertEquals("ULEAD", read.verifierId()),
                () -> assertEquals(at.truncatedTo(ChronoUnit.MILLIS), read.verifiedAt()),
                () -> assertEquals(new Rubric(3, 2, 1), read.rubric()),
                () -> assertEquals(2, read.version()),
                () -> assertEquals(k.recipients(), read.recipients()));
    }

    @Test
    void aSecondVerificationDoesNotOverwriteTheFirst() {
        Kudos k = give("text", NOW);

        boolean first = db.write(c -> store.verify(c, k, "ULEAD", new Rubric(3, 3, 3), NOW));
        boolean second = db.write(c -> store.verify(c, k, "UMGR", new Rubric(1, 1, 1), NOW.plusSeconds(60)));

        Kudos read = db.read(c -> store.byId(c, tenantA, k.id())).orElseThrow();
        assertAll(
                () -> assertTrue(first),
                () -> assertFalse(second, "someone verified it first"),
                () -> assertEquals("ULEAD", read.verifierId()),
                () -> assertEquals(new Rubric(3, 3, 3), read.rubric()),
                () -> assertEquals(2, read.version()));
    }

    @Test
    void givenCoversFromUpToButNotIncludingToOldestFirst() {
        give("october's last", NOVEMBER.minusMillis(1));
        give("december's first", DECEMBER);
        give("late november", DECEMBER.minusMillis(1));
        give("first of november", NOVEMBER);
        give("mid november", NOW);
        give(tenantB, List.of("ULEE"), "other tenant", NOW);

        assertEquals(List.of("first of november", "mid november", "late november"), given(tenantA, NOVEMBER, DECEMBER, null));
    }

    @Test
    void givenToSomeoneKeepsOnlyKudosNamingThemWithAllTheirRecipients() {
        give(tenantA, List.of("UAMY"), "amy alone", NOW);
        give(tenantA, List.of("UZED", "UAMY"), "zed and amy", NOW.plusSeconds(1));
        give(tenantA, List.of("UZED"), "zed alone", NOW.plusSeconds(2));
        give(tenantB, List.of("UAMY"), "amy elsewhere", NOW);

        List<Kudos> forAmy = db.read(c -> store.given(c, tenantA, NOVEMBER, DECEMBER, "UAMY"));

        assertEquals(List.of("amy alone", "zed and amy"), forAmy.stream().map(Kudos::text).toList());
        assertEquals(List.of("UZED", "UAMY"), forAmy.get(1).recipients(), "the filter does not trim the recipients");
        assertEquals(List.of(), given(tenantA, NOVEMBER, DECEMBER, "UNOBODY"));
    }

    @Test
    void topVerifiedRanksByRubricTotalThenEarliestWithinTheMonth() {
        verified("seven", NOVEMBER.plus(Duration.ofDays(10)), new Rubric(3, 3, 1));
        verified("five, later", NOVEMBER.plus(Duration.ofDays(2)), new Rubric(1, 2, 2));
        verified("five, earlier", NOVEMBER.plus(Duration.ofDays(1)), new Rubric(2, 2, 1));
        give("unverified", NOVEMBER.plus(Duration.ofDays(3)));
        verified("october nine", NOVEMBER.minusMillis(1), new Rubric(3, 3, 3));
        verified("december nine", DECEMBER, new Rubric(3, 3, 3));
        verified("three", NOVEMBER, new Rubric(1, 1, 1));

        assertAll(
                () -> assertEquals(List.of("seven", "five, earlier", "five, later", "three"), top(tenantA, NOVEMBER, DECEMBER, 10)),
                () -> assertEquals(List.of("seven", "five, earlier"), top(tenantA, NOVEMBER, DECEMBER, 2)),
                () -> assertEquals(List.of("december nine"), top(tenantA, DECEMBER, DECEMBER.plus(Duration.ofDays(31)), 10)));
    }

    @Test
    void anotherTenantsKudosAreNotFound() {
        Kudos a = give(tenantA, List.of("UAMY"), "tenant A's", NOW);
        verified("tenant A's verified", NOW, new Rubric(3, 3, 3));
        Kudos b = give(tenantB, List.of("UZED"), "tenant B's", NOW);

        assertAll(
                () -> assertTrue(db.read(c -> store.byId(c, tenantB, a.id())).isEmpty(), "A's row id read as tenant B"),
                () -> assertEquals(1, b.number(), "each tenant numbers its own kudos"),
                () -> assertEquals(List.of("UZED"), db.read(c -> store.byId(c, tenantB, b.id())).orElseThrow().recipients()),
                () -> assertEquals(List.of("tenant B's"), given(tenantB, NOVEMBER, DECEMBER, null)),
                () -> assertEquals(List.of(), given(tenantB, NOVEMBER, DECEMBER, "UAMY")),
                () -> assertEquals(List.of(), top(tenantB, NOVEMBER, DECEMBER, 10)));
    }
}
