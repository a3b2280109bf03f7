package io.holdfast.escalation;

import io.holdfast.account.AccountStore;
import io.holdfast.store.Counters;
import io.holdfast.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Escalation rows and their timeline. Every query is scoped by tenant, except the clock watch's sweep. */
public final class EscalationStore {
    private static final String SELECT = "SELECT e.*, a.name AS account_name FROM escalations e JOIN accounts a ON a.id = e.account_id ";

    public record NewEscalation(long accountId, String reporterId, String ownerId, Severity severity, String summary, Instant openedAt,
                                SlaClock ack, SlaClock resolve, boolean leadershipReview, String channel) {}

    public record Page(List<Escalation> escalations, long total) {}

    public Escalation insert(Connection c, long tenantId, NewEscalation e) throws SQLException {
        long number = Counters.next(c, tenantId, "escalation");
        long id = Sql.insert(c, "INSERT INTO escalations (tenant_id, number, account_id, reporter_id, owner_id, severity, summary, status, "
                        + "opened_at, ack_warn_at, ack_due_at, resolve_warn_at, resolve_due_at, leadership_review, origin_channel) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                tenantId, number, e.accountId(), e.reporterId(), e.ownerId(), e.severity().name(), e.summary(), millis(e.openedAt()),
                millis(e.ack().warnAt()), millis(e.ack().due()), millis(e.resolve().warnAt()), millis(e.resolve().due()),
                e.leadershipReview(), e.channel());
        return byId(c, tenantId, id).orElseThrow();
    }

    public Optional<Escalation> byNumber(Connection c, long tenantId, long number) throws SQLException {
        return Sql.one(c, SELECT + "WHERE e.tenant_id = ? AND e.number = ?", EscalationStore::escalation, tenantId, number);
    }

    public Optional<Escalation> byId(Connection c, long tenantId, long id) throws SQLException {
        return Sql.one(c, SELECT + "WHERE e.tenant_id = ? AND e.id = ?", EscalationStore::escalation, tenantId, id);
    }

    /** Saves everything a change can touch, records how long each clock took, and bumps the version. */
    public Escalation save(Connection c, Escalation e) throws SQLException {
        Sql.update(c, "UPDATE escalations SET owner_id = ?, status = ?, acked_at = ?, resolved_at = ?, ack_seconds = ?, resolve_seconds = ?, "
                        + "ack_breached = ?, resolve_breached = ?, root_cause = ?, remediation = ?, round = ?, resolve_warn_at = ?, "
                        + "resolve_due_at = ?, version = version + 1 WHERE tenant_id = ? AND id = ?",
                e.ownerId(), e.status().name(), millis(e.ackedAt()), millis(e.resolvedAt()), seconds(e.openedAt(), e.ackedAt()),
                seconds(e.openedAt(), e.resolvedAt()), e.ackBreached(), e.resolveBreached(), e.rootCause(), e.remediation(), e.round(),
                millis(e.resolveClock().warnAt()), millis(e.resolveClock().due()), e.tenantId(), e.id());
        return byId(c, e.tenantId(), e.id()).orElseThrow();
    }

    /**
     * Notes that a clock ran out; false when it was already noted, so of two watches racing on two
     * replicas only the first tells anyone.
     */
    public boolean markBreached(Connection c, Escalation e, boolean ack) throws SQLException {
        String flag = ack ? "ack_breached" : "resolve_breached";
        return 1 == Sql.update(c, "UPDATE escalations SET " + flag + " = 1 WHERE tenant_id = ? AND id = ? AND " + flag + " = 0",
                e.tenantId(), e.id());
    }

    public void recordEvent(Connection c, Escalation e, EscalationEvent.Kind kind, String actorId, Instant at, String detail)
            throws SQLException {
        Sql.update(c, "INSERT INTO escalation_events (tenant_id, escalation_id, kind, actor_id, at, detail) VALUES (?, ?, ?, ?, ?, ?)",
                e.tenantId(), e.id(), kind.name(), actorId, at.toEpochMilli(), detail);
    }

    public List<EscalationEvent> timeline(Connection c, long tenantId, long escalationId) throws SQLException {
        return Sql.list(c, "SELECT * FROM escalation_events WHERE tenant_id = ? AND escalation_id = ? ORDER BY at, id",
                rs -> new EscalationEvent(EscalationEvent.Kind.valueOf(rs.getString("kind")), rs.getString("actor_id"),
                        Instant.ofEpochMilli(rs.getLong("at")), rs.getString("detail")), tenantId, escalationId);
    }

    public void rememberCard(Connection c, long tenantId, long escalationId, String channel, String ref) throws SQLException {
        Sql.update(c, "UPDATE escalations SET card_channel = ?, card_ref = ? WHERE tenant_id = ? AND id = ?", channel, ref, tenantId, escalationId);
    }

    /** Earlier escalations of the same account opened since {@code since}, newest first. */
    public List<Escalation> recentForAccount(Connection c, long tenantId, long accountId, Instant since) throws SQLException {
        return Sql.list(c, SELECT + "WHERE e.tenant_id = ? AND e.account_id = ? AND e.opened_at >= ? ORDER BY e.opened_at DESC",
                EscalationStore::escalation, tenantId, accountId, since.toEpochMilli());
    }

    /** The account's escalations that carry the leadership-review flag. */
    public List<Escalation> flaggedForAccount(Connection c, long tenantId, long accountId) throws SQLException {
        return Sql.list(c, SELECT + "WHERE e.tenant_id = ? AND e.account_id = ? AND e.leadership_review = 1 ORDER BY e.id",
                EscalationStore::escalation, tenantId, accountId);
    }

    /**
     * Unresolved escalations, across tenants, with a warning or a breach notice due and not yet given. A
     * paused tenant's are left out: they wait for its return instead of being read again every minute.
     */
    public List<Escalation> needingAttention(Connection c, Instant now) throws SQLException {
        long t = now.toEpochMilli();
        return Sql.list(c, SELECT + "WHERE e.status <> 'RESOLVED' AND e.tenant_id NOT IN (SELECT id FROM tenants WHERE paused_at IS NOT NULL) AND ("
                        + "(e.acked_at IS NULL AND e.ack_breached = 0 AND ((e.ack_warned = 0 AND e.ack_warn_at <= ?) OR e.ack_due_at <= ?)) "
                        + "OR (e.resolve_breached = 0 AND ((e.resolve_warned_round < e.round AND e.resolve_warn_at <= ?) OR e.resolve_due_at <= ?))"
                        + ") ORDER BY e.id", EscalationStore::escalation, t, t, t, t);
    }

    /**
     * Notes that a clock's 75% warning was given (for the resolve clock, in this round), so the watch
     * stops looking; false when it was already given, so a racing watch on another replica stays quiet.
     */
    public boolean markWarned(Connection c, Escalation e, boolean ack) throws SQLException {
        return 1 == Sql.update(c, ack ? "UPDATE escalations SET ack_warned = 1 WHERE tenant_id = ? AND id = ? AND ack_warned = 0"
                : "UPDATE escalations SET resolve_warned_round = round WHERE tenant_id = ? AND id = ? AND resolve_warned_round < round",
                e.tenantId(), e.id());
    }

    public Page list(Connection c, long tenantId, String viewerId, EscalationFilter filter, int limit) throws SQLException {
        List<Object> params = new ArrayList<>(List.of(tenantId));
        StringBuilder where = new StringBuilder("WHERE e.tenant_id = ? AND e.status <> 'RESOLVED' ");
        if (filter instanceof EscalationFilter.Mine) {
            where.append("AND e.owner_id = ? ");
            params.add(viewerId);
        } else if (filter instanceof EscalationFilter.ForAccount account) {
            where.append("AND a.normalized_name = ? ");
            params.add(AccountStore.normalize(account.accountName()));
        }
        long total = Sql.count(c, "SELECT COUNT(*) FROM escalations e JOIN accounts a ON a.id = e.account_id " + where, params.toArray());
        params.add(limit);
        // Most urgent first: severity, then the clock that runs out soonest.
        List<Escalation> page = Sql.list(c, SELECT + where + "ORDER BY e.severity, CASE WHEN e.acked_at IS NULL THEN e.ack_due_at "
                + "ELSE e.resolve_due_at END, e.number LIMIT ?", EscalationStore::escalation, params.toArray());
        return new Page(page, total);
    }

    private static Escalation escalation(ResultSet rs) throws SQLException {
        return new Escalation(rs.getLong("id"), rs.getLong("tenant_id"), rs.getLong("number"), rs.getLong("account_id"),
                rs.getString("account_name"), rs.getString("reporter_id"), rs.getString("owner_id"), Severity.valueOf(rs.getString("severity")),
                rs.getString("summary"), EscalationStatus.valueOf(rs.getString("status")), instant(rs, "opened_at"),
                new SlaClock(instant(rs, "ack_warn_at"), instant(rs, "ack_due_at")),
                new SlaClock(instant(rs, "resolve_warn_at"), instant(rs, "resolve_due_at")), instant(rs, "acked_at"),
                instant(rs, "resolved_at"), rs.getInt("ack_breached") == 1, rs.getInt("resolve_breached") == 1, rs.getString("root_cause"),
                rs.getString("remediation"), rs.getInt("round"), rs.getInt("leadership_review") == 1, rs.getString("origin_channel"),
                rs.getString("card_ref"), rs.getInt("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Long millis = Sql.nullableLong(rs, column);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static Long millis(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }

    private static Long seconds(Instant from, Instant to) {
        return to == null ? null : Duration.between(from, to).toSeconds();
    }
}
