package io.holdfast.escalation;

import io.holdfast.store.Database;
import io.holdfast.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's escalation settings: its leads, where escalation cards go, how far back a repeat counts,
 * and per severity the SLA windows and the decision-authority guidance shown on cards.
 */
public final class EscalationSettings {
    private final Database db;

    public EscalationSettings(Database db) {
        this.db = db;
    }

    public Leads leads(Connection c, long tenantId) throws SQLException {
        List<String> users = Sql.list(c, "SELECT user_id FROM escalation_leads WHERE tenant_id = ? ORDER BY user_id", rs -> rs.getString(1),
                tenantId);
        String group = Sql.one(c, "SELECT escalation_lead_group FROM tenants WHERE id = ?", rs -> rs.getString(1), tenantId).orElse(null);
        return new Leads(users, group);
    }

    public Leads leads(long tenantId) {
        return db.read(c -> leads(c, tenantId));
    }

    /** Replaces the leads (empty users and a null group remove them all). */
    public void setLeads(long tenantId, Leads leads) {
        db.write(c -> {
            Sql.update(c, "DELETE FROM escalation_leads WHERE tenant_id = ?", tenantId);
            for (String userId : leads.users()) {
                Sql.update(c, "INSERT INTO escalation_leads (tenant_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING", tenantId, userId);
            }
            Sql.update(c, "UPDATE tenants SET escalation_lead_group = ? WHERE id = ?", leads.group(), tenantId);
            return null;
        });
    }

    public Optional<String> escalationChannel(Connection c, long tenantId) throws SQLException {
        return Sql.one(c, "SELECT escalation_channel FROM tenants WHERE id = ?", rs -> rs.getString(1), tenantId);
    }

    public Optional<String> escalationChannel(long tenantId) {
        return db.read(c -> escalationChannel(c, tenantId));
    }

    public Duration repeatWindow(long tenantId) {
        return db.read(c -> repeatWindow(c, tenantId));
    }

    public void setEscalationChannel(long tenantId, String channelId) {
        db.write(c -> Sql.update(c, "UPDATE tenants SET escalation_channel = ? WHERE id = ?", channelId, tenantId));
    }

    public Duration repeatWindow(Connection c, long tenantId) throws SQLException {
        return Duration.ofDays(Sql.one(c, "SELECT repeat_window_days FROM tenants WHERE id = ?", rs -> rs.getLong(1), tenantId).orElse(30L));
    }

    public void setRepeatWindow(long tenantId, int days) {
        db.write(c -> Sql.update(c, "UPDATE tenants SET repeat_window_days = ? WHERE id = ?", days, tenantId));
    }

    /** The tenant's SLA policy for a severity: its own windows where set, the practice's defaults otherwise. */
    public SlaPolicy policy(Connection c, long tenantId, Severity severity) throws SQLException {
        SlaPolicy defaults = SlaPolicy.defaultFor(severity);
        return Sql.one(c, "SELECT ack, resolve FROM severity_policies WHERE tenant_id = ? AND severity = ?",
                rs -> new SlaPolicy(severity, rs.getString(1) == null ? defaults.ack() : SlaWindow.parse(rs.getString(1)),
                        rs.getString(2) == null ? defaults.resolve() : SlaWindow.parse(rs.getString(2))),
                tenantId, severity.name()).orElse(defaults);
    }

    public SlaPolicy policy(long tenantId, Severity severity) {
        return db.read(c -> policy(c, tenantId, severity));
    }

    public void setPolicy(long tenantId, SlaPolicy policy) {
        db.write(c -> Sql.update(c, "INSERT INTO severity_policies (tenant_id, severity, ack, resolve) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (tenant_id, severity) DO UPDATE SET ack = excluded.ack, resolve = excluded.resolve",
                tenantId, policy.severity().name(), policy.ack().code(), policy.resolve().code()));
    }

    /** What the front line may offer without waiting, e.g. "a credit up to $75 or one free month; more needs a lead". */
    public Optional<String> authority(Connection c, long tenantId, Severity severity) throws SQLException {
        return Sql.one(c, "SELECT authority FROM severity_policies WHERE tenant_id = ? AND severity = ?", rs -> rs.getString(1),
                tenantId, severity.name());
    }

    public Optional<String> authority(long tenantId, Severity severity) {
        return db.read(c -> authority(c, tenantId, severity));
    }

    public void setAuthority(long tenantId, Severity severity, String text) {
        db.write(c -> Sql.update(c, "INSERT INTO severity_policies (tenant_id, severity, authority) VALUES (?, ?, ?) "
                + "ON CONFLICT (tenant_id, severity) DO UPDATE SET authority = excluded.authority", tenantId, severity.name(), text));
    }
}
