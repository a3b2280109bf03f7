package io.holdfast.risk;

import io.holdfast.account.AccountProfile.Tier;
import io.holdfast.escalation.Severity;
import io.holdfast.store.Database;
import io.holdfast.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/** Rows for ranking tests, written with plain SQL so the tests depend on the tables, not on the other stores. */
final class RiskData {
    private final Database db;
    private final Instant now;
    private long nextNumber = 1;

    RiskData(Database db, Instant now) {
        this.db = db;
        this.now = now;
    }

    long tenant(String externalId) {
        return db.write(c -> Sql.insert(c, "INSERT INTO tenants (platform, external_id, time_zone, created_at) VALUES ('SLACK', ?, 'UTC', ?) "
                + "RETURNING id", externalId, now.toEpochMilli()));
    }

    long account(long tenant, String name, Tier tier, Long arr, LocalDate renewal, String ownerId) {
        return db.write(c -> account(c, tenant, name, tier, arr, renewal, ownerId));
    }

    long account(Connection c, long tenant, String name, Tier tier, Long arr, LocalDate renewal, String ownerId) throws SQLException {
        return Sql.insert(c, "INSERT INTO accounts (tenant_id, name, normalized_name, created_at, arr, tier, renewal_date, owner_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", tenant, name, name.toLowerCase(Locale.ROOT), now.toEpochMilli(), arr,
                tier == null ? null : tier.name(), renewal == null ? null : renewal.toString(), ownerId);
    }

    /** Adds a promise; returns its number. */
    long promise(long tenant, long account, String ownerId, String text, Instant due, String status, Instant closed) {
        return db.write(c -> promise(c, tenant, account, ownerId, text, due, status, closed));
    }

    long promise(Connection c, long tenant, long account, String ownerId, String text, Instant due, String status, Instant closed)
            throws SQLException {
        long number = nextNumber++;
        Sql.update(c, "INSERT INTO promises (tenant_id, number, account_id, owner_id, author_id, text, due_at, due_zone, status, created_at, "
                        + "updated_at, closed_at, origin_channel, next_nudge_at) VALUES (?, ?, ?, ?, 'UAUTHOR', ?, ?, 'UTC', ?, ?, ?, ?, 'C1', ?)",
                tenant, number, account, ownerId, text, due.toEpochMilli(), status, now.minus(Duration.ofDays(200)).toEpochMilli(),
                now.toEpochMilli(), closed == null ? null : closed.toEpochMilli(), due.toEpochMilli());
        return number;
    }

    /** Adds an escalation whose acknowledge was due an hour after opening and resolution 72 hours after; returns its number. */
    long escalation(long tenant, long account, Severity severity, String status, Instant opened, boolean ackBreached, boolean resolveBreached) {
        return db.write(c -> escalation(c, tenant, account, severity, status, opened, ackBreached, resolveBreached));
    }

    long escalation(Connection c, long tenant, long account, Severity severity, String status, Instant opened, boolean ackBreached,
                    boolean resolveBreached) throws SQLException {
        long number = nextNumber++;
        Instant ackDue = opened.plus(Duration.ofHours(1));
        Instant resolveDue = opened.plus(Duration.ofHours(72));
        boolean resolved = status.equals("RESOLVED");
        Sql.update(c, "INSERT INTO escalations (tenant_id, number, account_id, reporter_id, severity, summary, status, opened_at, ack_warn_at, "
                        + "ack_due_at, resolve_warn_at, resolve_due_at, acked_at, resolved_at, ack_breached, resolve_breached, origin_channel) "
                        + "VALUES (?, ?, ?, 'UREP', ?, 'checkout is down', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'C1')",
                tenant, number, account, severity.name(), status, opened.toEpochMilli(), ackDue.toEpochMilli(), ackDue.toEpochMilli(),
                resolveDue.toEpochMilli(), resolveDue.toEpochMilli(), status.equals("OPEN") ? null : ackDue.toEpochMilli(),
                resolved ? resolveDue.toEpochMilli() : null, ackBreached, resolveBreached);
        return number;
    }
}
