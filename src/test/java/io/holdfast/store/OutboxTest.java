package io.holdfast.store;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.core.Block;
import io.holdfast.core.Message;
import io.holdfast.core.Platform;
import io.holdfast.core.time.HolidayCalendars;
import io.holdfast.core.Text;
import io.holdfast.testing.TestClock;
import io.holdfast.testing.Engine;
import io.holdfast.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The outbox on a real SQLite file: a repeated enqueue is a no-op, and rows come due in order when their time comes. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class OutboxTest {
    @Parameter
    Engine engine;
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    static final Set<Platform> ALL = EnumSet.allOf(Platform.class);

    @TempDir
    Path dir;
    Database db;
    TestClock clock;
    Outbox outbox;
    long tenant;
    long otherTenant;

    @BeforeEach
    void open() {
        db = TestDatabases.migrated(engine, dir);
        clock = TestClock.at(NOW);
        outbox = new Outbox(db, clock);
        TenantStore tenants = new TenantStore(db, clock, new HolidayCalendars());
        tenant = tenants.findOrCreate(Platform.CONSOLE, "local").id();
        otherTenant = tenants.findOrCreate(Platform.SLACK, "T2").id();
    }

    @AfterEach
    void close() {
        // null when the engine is not available here and the test was aborted before it opened one
        if (db != null) {
            db.close();
        }
    }

    private void post(long tenantId, String key, String text) {
        db.write(c -> {
            outbox.post(c, tenantId, key, "C1", null, null, Message.of(text));
            return null;
        });
    }

    private List<String> dueKeys(int limit) {
        return peek(ALL, limit).stream().map(Outbox.Entry::key).toList();
    }

    /** A claim with no lease: shows what is due and leaves it claimable by the next look. */
    private List<Outbox.Entry> peek(Set<Platform> platforms, int limit) {
        return outbox.claim("look", platforms, limit, Duration.ZERO);
    }

    private long rows() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM outbox"));
    }

    private Outbox.Entry entry(String key) {
        return peek(ALL, 100).stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void enqueueingTheSameKeyTwiceKeepsOneRowAndTheFirstMessage() {
        record Case(String name, Runnable first, Runnable again) {}
        List<Case> cases = List.of(
                new Case("post", () -> post(tenant, "card", "first"), () -> post(tenant, "card", "second")),
                new Case("update", () -> db.write(c -> {
                    outbox.update(c, tenant, "card:v2", "C1", "card", Message.of("first"));
                    return null;
                }), () -> db.write(c -> {
                    outbox.update(c, tenant, "card:v2", "C1", "card", Message.of("second"));
                    return null;
                })));

        for (Case k : cases) {
            long before = rows();
            k.first().run();
            k.again().run();
            assertEquals(before + 1, rows(), k.name());
        }
        assertEquals(List.of("first", "first"), peek(ALL, 10).stream().map(e -> e.message().summary().plainText()).toList());
    }

    @Test
    void theSameKeyInAnotherTenantIsAnotherRow() {
        post(tenant, "card", "mine");
        post(otherTenant, "card", "theirs");

        assertEquals(2, rows());
        assertEquals(List.of(tenant, otherTenant), peek(ALL, 10).stream().map(Outbox.Entry::tenantId).toList());
    }

    @Test
    void anEnqueueInAFailedTransactionIsNeverQueued() {
        assertThrows(IllegalStateException.class, () -> db.write(c -> {
            outbox.post(c, tenant, "card", "C1", null, null, Message.of("never"));
            throw new IllegalStateException("the command failed after queueing its card");
        }));

        assertEquals(0, rows());
        assertEquals(0, outbox.pendingCount());
    }

    @Test
    void aQueuedMessageComesBackExactlyAsItWasWritten() {
        Instant due = Instant.parse("2026-11-27T22:00:00Z");
        Message card = Message.builder(Text.builder().plain("Promise #1 to Acme — due ").when(due, "Fri 27 Nov 17:00 EST").build())
                .section(Text.builder().strong("Promise #1").plain(" to ").strong("Acme Corp").build())
                .quote("send the <SOC2> report & more")
                .fields(List.of(new Block.Field("Owner", Text.builder().mention("ULEE").build())))
                .context(Text.plain("Promised on Tue"))
                .actions(List.of(new Block.Button("Done", "promise.done", "7", Block.Style.PRIMARY)))
                .build();

        db.write(c -> {
            outbox.post(c, tenant, "promise:7:card", "C1", null, "promise-card:7", card);
            outbox.post(c, tenant, "promise:7:event:v2", "C1", "promise:7:card", null, Message.of("done"));
            outbox.update(c, tenant, "promise:7:card:v2", "C1", "promise:7:card", card);
            return null;
        });

        Outbox.Entry post = entry("promise:7:card");
        Outbox.Entry reply = entry("promise:7:event:v2");
        Outbox.Entry update = entry("promise:7:card:v2");
        assertAll(
                () -> assertEquals(card, post.message()),
                () -> assertEquals(Outbox.Action.POST, post.action()),
                () -> assertEquals("C1", post.channel()),
                () -> assertEquals("promise-card:7", post.subject()),
                () -> assertEquals(Outbox.Status.PENDING, post.status()),
                () -> assertEquals(0, post.attempts()),
                () -> assertEquals(NOW, post.nextAttemptAt(), "due at once"),
                () -> assertEquals("promise:7:card", reply.threadKey()),
                () -> assertEquals(Outbox.Action.UPDATE, update.action()),
                () -> assertEquals("promise:7:card", update.targetKey()),
                () -> assertEquals("C1", update.channel(), "an update knows its channel, so a rate limit there holds it too"),
                () -> assertEquals(card, update.message()));
    }

    @Test
    void dueRowsComeOldestFirstOnceTheirTimeHasCome() {
        post(tenant, "a", "a");
        post(tenant, "b", "b");
        post(tenant, "c", "c");
        post(tenant, "d", "d");

        outbox.retryAt(entry("a"), NOW.plus(Duration.ofMinutes(1)), "timeout", true);
        assertEquals(List.of("b", "c", "d"), dueKeys(10), "a waits for its retry time");
        assertEquals(List.of("b", "c"), dueKeys(2), "limited");

        clock.advance(Duration.ofSeconds(59));
        assertEquals(List.of("b", "c", "d"), dueKeys(10), "a second early");

        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("a", "b", "c", "d"), dueKeys(10), "a is due again, in its original place");
        assertEquals(1, entry("a").attempts());
        assertEquals("timeout", entry("a").lastError());
    }

    @Test
    void theWorkerLearnsWhenTheNextHeldBackRowFallsDue() {
        post(tenant, "a", "a");
        post(tenant, "b", "b");
        Outbox.Entry a = entry("a");
        Outbox.Entry b = entry("b");
        assertEquals(Optional.empty(), outbox.nextAttemptAfter(NOW), "nothing waits: both are due now");

        outbox.retryAt(a, NOW.plusSeconds(90), "rate limited", false);
        outbox.retryAt(b, NOW.plusSeconds(3), "rate limited", false);
        assertEquals(Optional.of(NOW.plusSeconds(3)), outbox.nextAttemptAfter(NOW), "the sooner of the two waits");

        outbox.markFailed(a, "gone", (c, t, s, l) -> { });
        assertEquals(Optional.of(NOW.plusSeconds(3)), outbox.nextAttemptAfter(NOW));
        clock.advance(Duration.ofSeconds(3));
        outbox.markSent(b, new Outbox.Landing("C1", "r1"), (c, t, s, l) -> { });
        assertEquals(Optional.empty(), outbox.nextAttemptAfter(clock.instant()), "a failed row is never due again");
    }

    @Test
    void rowsAreDueOnlyToAProcessThatCanReachTheirPlatform() {
        post(tenant, "console-post", "x");
        post(otherTenant, "slack-post", "y");

        assertEquals(List.of("console-post"), peek(Set.of(Platform.CONSOLE), 10).stream().map(Outbox.Entry::key).toList());
        assertEquals(List.of("slack-post"), peek(Set.of(Platform.SLACK), 10).stream().map(Outbox.Entry::key).toList());
        assertEquals(List.of(), peek(Set.of(Platform.TEAMS), 10));
        assertEquals(List.of(), peek(Set.of(), 10));
        assertEquals(2, outbox.pendingCount());
    }

    @Test
    void sentAndFailedRowsAreNoLongerDue() {
        post(tenant, "sent", "x");
        post(tenant, "failed", "y");
        post(tenant, "pending", "z");

        outbox.markSent(entry("sent"), new Outbox.Landing("C1", "r1"), (c, t, s, l) -> { });
        outbox.markFailed(entry("failed"), "channel_not_found", (c, t, s, l) -> { });

        assertEquals(List.of("pending"), dueKeys(10));
        assertEquals(1, outbox.pendingCount());
        assertEquals(Map.of("sent", Outbox.Status.SENT, "failed", Outbox.Status.FAILED, "pending", Outbox.Status.PENDING),
                Map.of("sent", outbox.status(tenant, "sent").orElseThrow(), "failed", outbox.status(tenant, "failed").orElseThrow(),
                        "pending", outbox.status(tenant, "pending").orElseThrow()));
        assertTrue(outbox.status(otherTenant, "sent").isEmpty(), "keys are per tenant");
    }

    @Test
    void aLandingIsKnownOnlyOnceThePostWasSent() {
        post(tenant, "card", "x");
        assertTrue(outbox.landing(tenant, "card").isEmpty());

        outbox.markSent(entry("card"), new Outbox.Landing("C1", "1764000000.000100"), (c, t, s, l) -> { });

        assertEquals(new Outbox.Landing("C1", "1764000000.000100"), outbox.landing(tenant, "card").orElseThrow());
        assertTrue(outbox.landing(otherTenant, "card").isEmpty());
    }
}
