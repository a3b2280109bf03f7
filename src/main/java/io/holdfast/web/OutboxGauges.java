package io.holdfast.web;

import io.holdfast.store.Outbox;
import io.holdfast.store.StoreException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's backlog as three gauges: rows pending, how long the oldest of them has waited, and rows
 * held for paused workspaces (kept out of the other two, so an uninstalled workspace doesn't keep the
 * lateness alert firing). All come from one query made when a scrape asks ({@link #refresh}), never on
 * a request's path.
 */
final class OutboxGauges {
    private static final Logger log = LoggerFactory.getLogger(OutboxGauges.class);

    private final Outbox outbox;
    private final Clock clock;
    private volatile Reading last = new Reading(Double.NaN, Double.NaN, Double.NaN);

    /** NaN while the database cannot be read: Prometheus shows the gap instead of a reassuring zero. */
    private record Reading(double pending, double oldestAgeSeconds, double held) {}

    OutboxGauges(Outbox outbox, Clock clock, MeterRegistry registry) {
        this.outbox = outbox;
        this.clock = clock;
        Gauge.builder("holdfast.outbox.pending", this, gauges -> gauges.last.pending())
                .description("Outbox rows waiting to be delivered, leaving out those held for paused workspaces").register(registry);
        Gauge.builder("holdfast.outbox.oldest.pending.age", this, gauges -> gauges.last.oldestAgeSeconds()).baseUnit("seconds")
                .description("How long the oldest outbox row waiting to be delivered has waited (0 when none waits)").register(registry);
        Gauge.builder("holdfast.outbox.held", this, gauges -> gauges.last.held())
                .description("Outbox rows held until their paused workspace installs Holdfast again").register(registry);
    }

    void refresh() {
        try {
            Outbox.Backlog backlog = outbox.backlog();
            double age = backlog.oldestQueuedAt().map(at -> Math.max(0, Duration.between(at, clock.instant()).toMillis()) / 1000.0).orElse(0.0);
            last = new Reading(backlog.pending(), age, backlog.held());
        } catch (StoreException e) {
            log.debug("the outbox could not be read for /metrics: {}", e.getMessage());
            last = new Reading(Double.NaN, Double.NaN, Double.NaN);
        }
    }
}
