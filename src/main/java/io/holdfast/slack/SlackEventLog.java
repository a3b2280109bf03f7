package io.holdfast.slack;

import io.holdfast.store.Database;
import io.holdfast.store.Sql;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events API deliveries already taken, by workspace and {@code event_id}. Slack retries a delivery it
 * thinks failed (up to three times, within about an hour and a half), so an id is remembered for a day.
 */
public final class SlackEventLog {
    static final Duration KEPT = Duration.ofDays(1);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final Database db;
    private final Clock clock;
    private final AtomicLong prunedAt = new AtomicLong();

    public SlackEventLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** True for the first delivery of this event, on whichever replica it lands; false for a repeat. */
    boolean firstDelivery(String teamId, String eventId) {
        long now = clock.millis();
        long last = prunedAt.get();
        boolean prune = now - last >= PRUNE_EVERY.toMillis() && prunedAt.compareAndSet(last, now);
        return db.write(c -> {
            if (prune) {
                Sql.update(c, "DELETE FROM slack_events_seen WHERE seen_at < ?", now - KEPT.toMillis());
            }
            return Sql.update(c, "INSERT INTO slack_events_seen (team_id, event_id, seen_at) VALUES (?, ?, ?) ON CONFLICT (team_id, event_id) DO NOTHING",
                    teamId, eventId, now);
        }) == 1;
    }

    /** Forgets a delivery whose handling failed, so Slack's retry of it runs. */
    void forget(String teamId, String eventId) {
        db.write(c -> Sql.update(c, "DELETE FROM slack_events_seen WHERE team_id = ? AND event_id = ?", teamId, eventId));
    }
}
