package io.holdfast.digest;

import io.holdfast.account.AccountProfile;
import io.holdfast.store.Database;
import io.holdfast.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Digest subscriptions: at most one per channel. */
public final class SubscriptionStore {
    private final Database db;
    private final Clock clock;

    public SubscriptionStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Subscribes the channel, changing its earlier subscription in place (same id, so today's digest isn't owed twice). */
    public Subscription save(long tenantId, String channel, Cadence cadence, DayOfWeek weeklyDay, LocalTime at, ZoneId zone, int top,
                             AccountProfile.Tier tier, String ownerId, String createdBy) {
        Object[] values = {cadence.name(), weeklyDay == null ? null : weeklyDay.name(), at.toString(), zone.getId(), top,
            tier == null ? null : tier.name(), ownerId, createdBy, clock.millis(), tenantId, channel};
        return db.write(c -> {
            int changed = Sql.update(c, "UPDATE digest_subscriptions SET cadence = ?, day_of_week = ?, at_time = ?, time_zone = ?, top_n = ?, "
                    + "tier = ?, owner_id = ?, created_by = ?, created_at = ? WHERE tenant_id = ? AND channel = ?", values);
            if (changed == 0) {
                Sql.update(c, "INSERT INTO digest_subscriptions (cadence, day_of_week, at_time, time_zone, top_n, tier, owner_id, created_by, "
                        + "created_at, tenant_id, channel) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
            }
            return Sql.one(c, "SELECT * FROM digest_subscriptions WHERE tenant_id = ? AND channel = ?", SubscriptionStore::subscription,
                    tenantId, channel).orElseThrow();
        });
    }

    public Optional<Subscription> forChannel(long tenantId, String channel) {
        return db.read(c -> Sql.one(c, "SELECT * FROM digest_subscriptions WHERE tenant_id = ? AND channel = ?",
                SubscriptionStore::subscription, tenantId, channel));
    }

    public boolean delete(long tenantId, String channel) {
        return db.write(c -> Sql.update(c, "DELETE FROM digest_subscriptions WHERE tenant_id = ? AND channel = ?", tenantId, channel)) > 0;
    }

    public List<Subscription> all() {
        return db.read(c -> Sql.list(c, "SELECT * FROM digest_subscriptions ORDER BY id", SubscriptionStore::subscription));
    }

    public List<Subscription> forTenant(long tenantId) {
        return db.read(c -> Sql.list(c, "SELECT * FROM digest_subscriptions WHERE tenant_id = ? ORDER BY id", SubscriptionStore::subscription,
                tenantId));
    }

    private static Subscription subscription(ResultSet rs) throws SQLException {
        String day = rs.getString("day_of_week");
        String tier = rs.getString("tier");
        return new Subscription(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("channel"), Cadence.valueOf(rs.getString("cadence")),
                day == null ? null : DayOfWeek.valueOf(day), LocalTime.parse(rs.getString("at_time")), ZoneId.of(rs.getString("time_zone")),
                rs.getInt("top_n"), tier == null ? null : AccountProfile.Tier.valueOf(tier), rs.getString("owner_id"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
