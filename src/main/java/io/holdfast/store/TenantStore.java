package io.holdfast.store;

import io.holdfast.core.Platform;
import io.holdfast.core.Tenant;
import io.holdfast.core.time.BusinessCalendar;
import io.holdfast.core.time.HolidayCalendars;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tenants: one per Slack workspace, Teams tenant, or the local console. Every command starts by finding
 * its tenant, so what was read is kept in memory for a few seconds: long enough that a burst of commands
 * reads the row once, short enough that a setting changed on another replica shows up quickly. Changes
 * made here drop the copy at once.
 */
public final class TenantStore {
    private static final Duration REMEMBERED_FOR = Duration.ofSeconds(5);

    private final Database db;
    private final Clock clock;
    private final HolidayCalendars calendars;
    private final Map<String, Remembered> known = new ConcurrentHashMap<>();

    private record Remembered(Tenant tenant, Instant readAt) {}

    public TenantStore(Database db, Clock clock, HolidayCalendars calendars) {
        this.db = db;
        this.clock = clock;
        this.calendars = calendars;
    }

    /** The tenant for a platform's own id, created on first contact. */
    public Tenant findOrCreate(Platform platform, String externalId) {
        Optional<Tenant> known = find(platform, externalId);
        if (known.isPresent()) {
            return known.get();
        }
        return db.write(c -> {
            Sql.update(c, "INSERT INTO tenants (platform, external_id, time_zone, created_at) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT (platform, external_id) DO NOTHING",
                    platform.name(), externalId, ZoneOffset.UTC.getId(), clock.millis());
            return Sql.one(c, "SELECT * FROM tenants WHERE platform = ? AND external_id = ?", this::tenant,
                    platform.name(), externalId).orElseThrow();
        });
    }

    public Optional<Tenant> find(Platform platform, String externalId) {
        String key = platform.name() + "/" + externalId;
        Remembered remembered = known.get(key);
        Instant now = clock.instant();
        if (remembered != null && !now.isBefore(remembered.readAt()) && now.isBefore(remembered.readAt().plus(REMEMBERED_FOR))) {
            return Optional.of(remembered.tenant());
        }
        Optional<Tenant> found = db.read(c -> Sql.one(c, "SELECT * FROM tenants WHERE platform = ? AND external_id = ?", this::tenant,
                platform.name(), externalId));
        found.ifPresent(t -> known.put(key, new Remembered(t, now)));
        return found;
    }

    /** Forgets what was read of a tenant, after a change to it. */
    private void forget(long tenantId) {
        known.values().removeIf(r -> r.tenant().id() == tenantId);
    }

    /** Every tenant, oldest first. */
    public List<Tenant> all() {
        return db.read(c -> Sql.list(c, "SELECT * FROM tenants ORDER BY id", this::tenant));
    }

    public Optional<Tenant> byId(long id) {
        return db.read(c -> byId(c, id));
    }

    /** Within a transaction already open on {@code c}, e.g. from an outbox listener. */
    public Optional<Tenant> byId(Connection c, long id) throws SQLException {
        return Sql.one(c, "SELECT * FROM tenants WHERE id = ?", this::tenant, id);
    }

    /** The tenant, unless it is paused: scheduled work (digests, nudges, SLA notices, shout-outs) skips a paused tenant. */
    public Optional<Tenant> activeById(long id) {
        return db.read(c -> Sql.one(c, "SELECT * FROM tenants WHERE id = ? AND paused_at IS NULL", this::tenant, id));
    }

    /**
     * Pauses a tenant whose app was uninstalled or whose tokens were revoked: nothing is posted for it until
     * {@link #resume}. Its data stays. Pausing an already paused tenant keeps the first time and reason.
     */
    public void pause(long tenantId, String reason) {
        db.write(c -> Sql.update(c, "UPDATE tenants SET paused_at = ?, paused_reason = ? WHERE id = ? AND paused_at IS NULL",
                clock.millis(), reason, tenantId));
    }

    /** Takes up a paused tenant where it stopped: its held posts go out and its schedules run again. */
    public void resume(long tenantId) {
        db.write(c -> Sql.update(c, "UPDATE tenants SET paused_at = NULL, paused_reason = NULL WHERE id = ?", tenantId));
    }

    /** What an operator needs to pick a tenant: ids, where it lives, whether and why it is paused. */
    public record Listing(long id, Platform platform, String externalId, Optional<Instant> pausedAt, Optional<String> pausedReason) {}

    public List<Listing> listing() {
        return db.read(c -> Sql.list(c, "SELECT id, platform, external_id, paused_at, paused_reason FROM tenants ORDER BY id", rs -> {
            Long paused = Sql.nullableLong(rs, "paused_at");
            return new Listing(rs.getLong("id"), Platform.valueOf(rs.getString("platform")), rs.getString("external_id"),
                    Optional.ofNullable(paused).map(Instant::ofEpochMilli), Optional.ofNullable(rs.getString("paused_reason")));
        }));
    }

    /** Sets (or with null clears) the country whose public holidays are not business days. */
    public void setHolidayCountry(long tenantId, String country) {
        db.write(c -> Sql.update(c, "UPDATE tenants SET holiday_country = ? WHERE id = ?", country, tenantId));
        forget(tenantId);
    }

    public void setWorkingHours(long tenantId, LocalTime start, LocalTime end) {
        db.write(c -> Sql.update(c, "UPDATE tenants SET workday_start = ?, workday_end = ? WHERE id = ?", start.toString(), end.toString(),
                tenantId));
        forget(tenantId);
    }

    public void setTimeZone(long tenantId, ZoneId zone) {
        db.write(c -> Sql.update(c, "UPDATE tenants SET time_zone = ?, time_zone_chosen = 1 WHERE id = ?", zone.getId(), tenantId));
        forget(tenantId);
    }

    /**
     * Gives a new tenant the time zone of its first person, so business hours start out right for most
     * teams; does nothing once a zone was chosen or adopted. Returns the tenant as it now is.
     */
    public Tenant adoptTimeZone(Tenant tenant, ZoneId zone) {
        int changed = db.write(c -> Sql.update(c, "UPDATE tenants SET time_zone = ?, time_zone_chosen = 1 WHERE id = ? AND time_zone_chosen = 0",
                zone.getId(), tenant.id()));
        forget(tenant.id());
        return changed == 0 ? tenant : byId(tenant.id()).orElse(tenant);
    }

    private Tenant tenant(ResultSet rs) throws SQLException {
        String country = rs.getString("holiday_country");
        String start = rs.getString("workday_start");
        String end = rs.getString("workday_end");
        return new Tenant(rs.getLong("id"), Platform.valueOf(rs.getString("platform")), rs.getString("external_id"),
                ZoneId.of(rs.getString("time_zone")), calendars.forCountry(country).withHours(
                start == null ? BusinessCalendar.DEFAULT_START : LocalTime.parse(start), end == null ? BusinessCalendar.DEFAULT_END : LocalTime.parse(end)));
    }
}
