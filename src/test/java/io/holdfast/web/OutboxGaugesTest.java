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
    long tenant;

    @BeforeEach
    void open() {
        db = TestDatabases.migrated(engine, dir);
        clock = TestClock.at(NOW);
        outbox = new Outbox(db, clock);
        metrics = new Metrics(db, outbox, clock);
        tenant = new TenantStore(db, clock, new HolidayCalendars()).findOrCreate(Platform.SLACK, "T1").id();
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
        db.write(c -> outbox.post(c, tenant, key, "C1", null, null, Message.of("hello")));
    }

    private Scrape scrape() {
        return MetricsTest.scrape(metrics);
    }

    @Test
    void anEmptyOutboxHasNothingPendingAndNoAge() {
        Scrape scrape = scrape();

        assertAll(
                () -> assertEquals(0, scrape.value("holdfast_outbox_pending")),
                () -> assertEquals(0, scrape.value("holdfast_outbox_oldest_pending_age_seconds")));
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
    void aDatabaseThatCannotBeReadShowsAGapNotAReassuringZero() {
        post("first");
        db.close();

        Scrape scrape = scrape();

        assertAll(
                () -> assertTrue(Double.isNaN(scrape.value("holdfast_outbox_pending"))),
                () -> assertTrue(Double.isNaN(scrape.value("holdfast_outbox_oldest_pending_age_seconds"))));
    }
}
