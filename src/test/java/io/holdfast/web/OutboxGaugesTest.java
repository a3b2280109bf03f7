package io.holdfast.web;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.core.Message;
import io.holdfast.core.Platform;
import io.holdfast.core.time.HolidayCalendars;
import io.holdfast.store.Database;
import io.holdfast.store.Outbox;
import io.holdfast.store.Sql;
import io.holdfast.store.TenantStore;
import io.holdfast.testing.Engine;
import io.holdfast.testing.TestClock;
import io.holdfast.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The outbox gauges on each engine: rows waiting and the oldest one's wait, read when scraped. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class OutboxGaugesTest {
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

    @Parameter
    Engine engine;
    @TempDir
    Path dir;
    Database db;
    TestClock clock;
    Outbox outbox;
    Metrics metrics;
    TenantStore tenants;
    long tenant;

    @BeforeEach
    void open() {
        db = TestDatabases.migrated(engine, dir);
        clock = TestClock.at(NOW);
        outbox = new Outbox(db, clock);
        metrics = new Metrics(db, outbox, clock);
        tenants = new TenantStore(db, clock, new HolidayCalendars());
        tenant = tenants.findOrCreate(Platform.SLACK, "T1").id();
    }

    @AfterEach
    void close() {
        // null when the engine is not available here and the test was aborted before it opened one
        if (db != null) {
            metrics.close();
            db.close();
        }
    }

    private void post(String key) {
        post(tenant, key);
    }

    private void post(long tenantId, String key) {
        db.write(c -> outbox.post(c, tenantId, key, "C1", null, null, Message.of("hello")));
    }

    private Scrape scrape() {
        return MetricsTest.scrape(metrics);
    }

    @Test
    void anEmptyOutboxHasNothingPendingAndNoAge() {
        Scrape scrape = scrape();

        assertAll(
                () -> assertEquals(0, scrape.value("holdfast_outbox_pending")),
                () -> assertEquals(0, scrape.value("holdfast_outbox_oldest_pending_age_seconds")),
                () -> assertEquals(0, scrape.value("holdfast_outbox_held")));
    }

    @Test
    void theAgeIsTheOldestPendingRowsWaitAndSentRowsDropOut() {
        post("first");
        clock.advance(Duration.ofSeconds(90));
        post("second");
        clock.advance(Duration.ofSeconds(30));

        Scrape both = scrape();
        db.write(c -> Sql.update(c, "UPDATE outbox SET status = 'SENT' WHERE idempotency_key = 'first'"));
        Scrape one = scrape();

        assertAll(
                () -> assertEquals(2, both.value("holdfast_outbox_pending")),
                () -> assertEquals(120, both.value("holdfast_outbox_oldest_pending_age_seconds")),
                () -> assertEquals(1, one.value("holdfast_outbox_pending")),
                () -> assertEquals(30, one.value("holdfast_outbox_oldest_pending_age_seconds")));
    }

    @Test
    void postsHeldForAPausedWorkspaceAreCountedApartSoTheLatenessAlertClears() {
        long uninstalled = tenants.findOrCreate(Platform.SLACK, "T2").id();
        post(uninstalled, "held-1");
        post(uninstalled, "held-2");
        clock.advance(Duration.ofHours(2));
        post("waiting");
        clock.advance(Duration.ofSeconds(10));

        Scrape whileInstalled = scrape();
        tenants.pause(uninstalled, "app_uninstalled");
        Scrape paused = scrape();
        tenants.resume(uninstalled);
        Scrape resumed = scrape();

        assertAll(
                () -> assertEquals(3, whileInstalled.value("holdfast_outbox_pending")),
                () -> assertEquals(0, whileInstalled.value("holdfast_outbox_held")),
                () -> assertEquals(1, paused.value("holdfast_outbox_pending")),
                () -> assertEquals(10, paused.value("holdfast_outbox_oldest_pending_age_seconds"), "only the installed workspace's post is late"),
                () -> assertEquals(2, paused.value("holdfast_outbox_held")),
                () -> assertEquals(3, resumed.value("holdfast_outbox_pending")),
                () -> assertEquals(7210, resumed.value("holdfast_outbox_oldest_pending_age_seconds")),
                () -> assertEquals(0, resumed.value("holdfast_outbox_held")));
    }

    @Test
    void aDatabaseThatCannotBeReadShowsAGapNotAReassuringZero() {
        post("first");
        db.close();

        Scrape scrape = scrape();

        assertAll(
                () -> assertTrue(Double.isNaN(scrape.value("holdfast_outbox_pending"))),
                () -> assertTrue(Double.isNaN(scrape.value("holdfast_outbox_oldest_pending_age_seconds"))),
                () -> assertTrue(Double.isNaN(scrape.value("holdfast_outbox_held"))));
    }
}
