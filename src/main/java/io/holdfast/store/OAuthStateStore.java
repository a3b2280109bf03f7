package io.holdfast.store;

import java.time.Clock;
import java.time.Duration;

/**
 * The state parameters of OAuth installs in progress, shared by every replica: an install started on
 * one replica may come back to another. A state is accepted once, before it expires.
 */
public final class OAuthStateStore {
    /** Consumed and expired states are kept this long after expiry, then pruned when new ones are issued. */
    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);

    private final Database db;
    private final Clock clock;

    public OAuthStateStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void issue(String state, Duration validFor) {
        long now = clock.millis();
        db.write(c -> {
            Sql.update(c, "DELETE FROM slack_oauth_states WHERE expires_at < ?", now - KEPT_AFTER_EXPIRY.toMillis());
            return Sql.update(c, "INSERT INTO slack_oauth_states (state, expires_at) VALUES (?, ?)", state, now + validFor.toMillis());
        });
    }

    /**
     * Accepts {@code state} if it was issued, has not expired and was not accepted before, marking it used
     * in the same statement: of two callbacks racing with one state, on any replicas, only one wins.
     */
    public boolean consume(String state) {
        long now = clock.millis();
        return db.write(c -> Sql.update(c, "UPDATE slack_oauth_states SET consumed_at = ? WHERE state = ? AND consumed_at IS NULL AND expires_at > ?",
                now, state, now)) == 1;
    }
}
