package io.holdfast.web;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.holdfast.core.CommandRouter;
import io.holdfast.core.Platform;
import io.holdfast.schedule.DeliveryWorker;
import io.holdfast.schedule.Schedules;
import io.holdfast.store.Database;
import io.holdfast.store.Dialect;
import io.holdfast.store.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One app's meters, served by {@code GET /metrics} in Prometheus's text format. Each app has its own
 * registry, never Micrometer's global one, so apps started side by side in one JVM (as tests run
 * them) count apart. The parts that have something to count tell it through small hooks of their
 * own ({@link CommandRouter.Listener}, {@link DeliveryWorker.Results}, {@link Schedules.Runs}), so
 * Micrometer stays here at the edge.
 */
public final class Metrics implements AutoCloseable {
    /** Prometheus's text exposition format, which every scraper reads. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /**
     * Slack drops an acknowledgement that takes over 3 s, so 3 s is a bucket boundary: the acks over it
     * are the count less the {@code le="3.0"} bucket.
     */
    private static final List<Duration> ACK_BUCKETS = List.of(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5),
            Duration.ofSeconds(10));

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final OutboxGauges outbox;
    private final Map<DeliveryWorker.Result, Counter> deliveries = new EnumMap<>(DeliveryWorker.Result.class);
    private final Map<Ack, Timer> acks = new ConcurrentHashMap<>();

    private record Ack(String door, int status) {}

    /** Also reports {@code db}'s connection pools, from now until the database closes. */
    public Metrics(Database db, Outbox outbox, Clock clock) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        db.trackPools(new MicrometerMetricsTrackerFactory(registry));
        if (db.dialect() == Dialect.SQLITE) {
            Gauge.builder("holdfast.db.write.queue", db, Database::queuedWrites)
                    .description("Writes waiting for SQLite's single writer").register(registry);
        }
        this.outbox = new OutboxGauges(outbox, clock, registry);
        for (DeliveryWorker.Result result : DeliveryWorker.Result.values()) {
            // Registered at zero, so a rate over them is defined before the first failure.
            deliveries.put(result, Counter.builder("holdfast.deliveries").description("Attempts to deliver an outbox row, by how they ended")
                    .tag("result", label(result)).register(registry));
        }
    }

    /** Counts every command, button and form by kind, name, platform and outcome; never by tenant, never by what was typed. */
    public CommandRouter.Listener commands() {
        return (kind, name, platform, outcome, nanos) -> Counter.builder("holdfast.commands")
                .description("Commands, button presses and form submissions answered")
                .tags("kind", kind, "name", name, "platform", label(platform), "outcome", outcome).register(registry).increment();
    }

    public DeliveryWorker.Results deliveries() {
        return result -> deliveries.get(result).increment();
    }

    public Schedules.Runs jobs() {
        return (job, ok, nanos) -> Timer.builder("holdfast.job.duration").description("Runs of scheduled jobs on this replica")
                .tags("job", job, "outcome", ok ? "ok" : "failed").register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Records one answer at a platform's door, from the request's arrival to its last byte written. */
    void acknowledged(String door, int status, long nanos) {
        acks.computeIfAbsent(new Ack(door, status), ack -> Timer.builder("holdfast.ack")
                .description("Time from a platform's request arriving to its answer written").tags("door", door, "status", String.valueOf(status))
                .serviceLevelObjectives(ACK_BUCKETS.toArray(Duration[]::new)).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Writes every series in Prometheus's text format; the outbox is read now, once, and at no other time. */
    void scrape(OutputStream out) throws IOException {
        outbox.refresh();
        registry.scrape(out);
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
