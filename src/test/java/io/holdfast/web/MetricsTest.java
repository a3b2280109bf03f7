package io.holdfast.web;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.core.Platform;
import io.holdfast.schedule.DeliveryWorker;
import io.holdfast.store.Database;
import io.holdfast.store.Outbox;
import io.holdfast.testing.TestClock;
import io.holdfast.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The meters without a server: what each hook counts, and that every app counts on its own. */
class MetricsTest {
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

    @TempDir
    Path dir;
    Database db;
    Metrics metrics;

    @BeforeEach
    void open() {
        db = TestDatabases.migrated(dir);
        metrics = new Metrics(db, new Outbox(db, TestClock.at(NOW)), TestClock.at(NOW));
    }

    @AfterEach
    void close() {
        metrics.close();
        db.close();
    }

    static Scrape scrape(Metrics metrics) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            metrics.scrape(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Scrape.of(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void acksOverSlacksThreeSecondsReadAsTheCountLessTheThreeSecondBucket() {
        metrics.acknowledged("slack", 200, Duration.ofMillis(120).toNanos());
        metrics.acknowledged("slack", 200, Duration.ofMillis(2900).toNanos());
        metrics.acknowledged("slack", 200, Duration.ofMillis(3400).toNanos());

        Scrape scrape = scrape(metrics);
        double overThreeSeconds = scrape.value("holdfast_ack_seconds_count", "door", "slack")
                - scrape.value("holdfast_ack_seconds_bucket", "door", "slack", "le", "3.0");

        assertAll(
                () -> assertEquals(1, overThreeSeconds),
                () -> assertEquals(1, scrape.value("holdfast_ack_seconds_bucket", "door", "slack", "le", "0.25")),
                () -> assertEquals(3.0, scrape.value("holdfast_ack_seconds_max", "door", "slack"), 0.5));
    }

    @Test
    void everyDeliveryResultIsThereFromTheStartSoRatesAndAlertsWorkBeforeTheFirstFailure() {
        Scrape fresh = scrape(metrics);
        metrics.deliveries().ended(DeliveryWorker.Result.RATE_LIMITED);
        metrics.deliveries().ended(DeliveryWorker.Result.RATE_LIMITED);

        Scrape after = scrape(metrics);

        assertAll(
                () -> assertEquals(0, fresh.value("holdfast_deliveries_total", "result", "sent")),
                () -> assertEquals(0, fresh.value("holdfast_deliveries_total", "result", "retried")),
                () -> assertEquals(0, fresh.value("holdfast_deliveries_total", "result", "rate_limited")),
                () -> assertEquals(0, fresh.value("holdfast_deliveries_total", "result", "failed")),
                () -> assertEquals(2, after.value("holdfast_deliveries_total", "result", "rate_limited")));
    }

    @Test
    void aFailedJobRunIsCountedApartFromTheGoodOnes() {
        metrics.jobs().ran("digest", true, Duration.ofMillis(40).toNanos());
        metrics.jobs().ran("digest", false, Duration.ofMillis(10).toNanos());
        metrics.jobs().ran("digest", true, Duration.ofMillis(60).toNanos());

        Scrape scrape = scrape(metrics);

        assertAll(
                () -> assertEquals(2, scrape.value("holdfast_job_duration_seconds_count", "job", "digest", "outcome", "ok")),
                () -> assertEquals(0.1, scrape.value("holdfast_job_duration_seconds_sum", "job", "digest", "outcome", "ok"), 1e-9),
                () -> assertEquals(1, scrape.value("holdfast_job_duration_seconds_count", "job", "digest", "outcome", "failed")));
    }

    @Test
    void twoAppsInOneJvmCountApart(@TempDir Path other) {
        Database otherDb = TestDatabases.migrated(other);
        try (Metrics otherMetrics = new Metrics(otherDb, new Outbox(otherDb, TestClock.at(NOW)), TestClock.at(NOW))) {
            metrics.commands().handled("command", "promise", Platform.SLACK, "ok", 1_000_000);

            assertAll(
                    () -> assertEquals(1, scrape(metrics).value("holdfast_commands_total", "name", "promise")),
                    () -> assertEquals(0, scrape(otherMetrics).sum("holdfast_commands_total")),
                    () -> assertTrue(scrape(otherMetrics).has("jvm_memory_used_bytes"), "each registry has the JVM's series too"));
        } finally {
            otherDb.close();
        }
    }
}
