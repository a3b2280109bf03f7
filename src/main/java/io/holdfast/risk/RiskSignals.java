package io.holdfast.risk;

import io.holdfast.account.AccountProfile;
import io.holdfast.escalation.Severity;
import io.holdfast.risk.RiskFacts.AccountRow;
import io.holdfast.risk.RiskFacts.OpenEscalations;
import io.holdfast.risk.RiskFacts.OpenPromises;
import io.holdfast.risk.RiskFacts.RecentEscalations;
import io.holdfast.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The risk signals of a tenant's accounts: one aggregate query per signal over the whole tenant, grouped by account,
 * so ranking ten thousand accounts costs a handful of queries rather than one per account.
 */
final class RiskSignals {
    static final Duration DUE_SOON = Duration.ofHours(48);
    /** How far back promises kept late and missed SLAs still count. */
    static final Duration HISTORY = Duration.ofDays(90);

    /**
     * Whether an unresolved escalation is past a deadline: the flag the SLA watch sets, or the deadline itself, so a ranking
     * as of a later instant (or before the watch's next sweep) sees the breach too. Each takes {@code now} as its parameter.
     */
    static final String ACK_BREACHED = "CASE WHEN ack_breached = 1 OR (acked_at IS NULL AND ack_due_at <= ?) THEN 1 ELSE 0 END";
    static final String RESOLVE_BREACHED = "CASE WHEN resolve_breached = 1 OR resolve_due_at <= ? THEN 1 ELSE 0 END";

    private RiskSignals() {
    }

    /** The facts of every account {@code filter} covers, including the calm ones. */
    static List<RiskFacts> collect(Connection c, long tenantId, Instant now, Duration repeatWindow, RiskFilter filter) throws SQLException {
        Map<Long, OpenPromises> promises = openPromises(c, tenantId, now);
        Map<Long, Integer> keptLate = keptLate(c, tenantId, now);
        Map<Long, List<OpenEscalations>> escalations = openEscalations(c, tenantId, now);
        Map<Long, RecentEscalations> recent = recentEscalations(c, tenantId, now, repeatWindow);
        List<RiskFacts> facts = new ArrayList<>();
        for (AccountRow a : accounts(c, tenantId, filter)) {
            facts.add(new RiskFacts(a, promises.getOrDefault(a.id(), OpenPromises.NONE), escalations.getOrDefault(a.id(), List.of()),
                    recent.getOrDefault(a.id(), RecentEscalations.NONE), keptLate.getOrDefault(a.id(), 0)));
        }
        return facts;
    }

    private static List<AccountRow> accounts(Connection c, long tenantId, RiskFilter filter) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, name, owner_id, tier, arr, renewal_date FROM accounts WHERE tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenantId));
        if (filter.tier() != null) {
            sql.append(" AND tier = ?");
            params.add(filter.tier().name());
        }
        if (filter.ownerId() != null) {
            sql.append(" AND owner_id = ?");
            params.add(filter.ownerId());
        }
        return Sql.list(c, sql.toString(), rs -> new AccountRow(rs.getLong("id"), rs.getString("name"), rs.getString("owner_id"),
                rs.getString("tier") == null ? null : AccountProfile.Tier.valueOf(rs.getString("tier")), Sql.nullableLong(rs, "arr"),
                rs.getString("renewal_date") == null ? null : LocalDate.parse(rs.getString("renewal_date"))), params.toArray());
    }

    private static Map<Long, OpenPromises> openPromises(Connection c, long tenantId, Instant now) throws SQLException {
        long t = now.toEpochMilli();
        return byAccount(Sql.list(c, "SELECT account_id, SUM(CASE WHEN due_at < ? THEN 1 ELSE 0 END), MIN(due_at), "
                        + "SUM(CASE WHEN due_at >= ? THEN 1 ELSE 0 END) FROM promises "
                        + "WHERE tenant_id = ? AND status = 'OPEN' AND due_at < ? GROUP BY account_id",
                rs -> Map.entry(rs.getLong(1), new OpenPromises(rs.getInt(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getInt(4))),
                t, t, tenantId, now.plus(DUE_SOON).toEpochMilli()));
    }

    /**
     * Promises closed late in the {@link #HISTORY} up to {@code now}; one closed after {@code now} (a dry run as of an
     * earlier day) is not counted yet. Such a promise was due before it was closed, so before now: saying so lets
     * SQLite read the due-ordered index alone, where it would otherwise walk every promise of the workspace in
     * account order to skip a sort.
     */
    private static Map<Long, Integer> keptLate(Connection c, long tenantId, Instant now) throws SQLException {
        long t = now.toEpochMilli();
        return byAccount(Sql.list(c, "SELECT account_id, COUNT(*) FROM promises WHERE tenant_id = ? AND status = 'DONE' AND due_at < ? "
                        + "AND closed_at >= ? AND closed_at <= ? AND closed_at > due_at GROUP BY account_id",
                rs -> Map.entry(rs.getLong(1), rs.getInt(2)), tenantId, t, now.minus(HISTORY).toEpochMilli(), t));
    }

    /** By severity, most severe first, so reasons worth equal points still come in a fixed order. */
    private static Map<Long, List<OpenEscalations>> openEscalations(Connection c, long tenantId, Instant now) throws SQLException {
        long t = now.toEpochMilli();
        return Sql.list(c, "SELECT account_id, severity, COUNT(*), MIN(opened_at), SUM(" + ACK_BREACHED + "), SUM(" + RESOLVE_BREACHED
                        + ") FROM escalations WHERE tenant_id = ? AND status <> 'RESOLVED' "
                        + "GROUP BY account_id, severity ORDER BY severity",
                rs -> Map.entry(rs.getLong(1), new OpenEscalations(Severity.valueOf(rs.getString(2)), rs.getInt(3),
                        Instant.ofEpochMilli(rs.getLong(4)), rs.getInt(5), rs.getInt(6))), t, t, tenantId)
                .stream().collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    private static Map<Long, RecentEscalations> recentEscalations(Connection c, long tenantId, Instant now, Duration repeatWindow)
            throws SQLException {
        long repeatSince = now.minus(repeatWindow).toEpochMilli();
        long historySince = now.minus(HISTORY).toEpochMilli();
        return byAccount(Sql.list(c, "SELECT account_id, SUM(CASE WHEN opened_at >= ? THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN status = 'RESOLVED' AND opened_at >= ? THEN ack_breached + resolve_breached ELSE 0 END) "
                        + "FROM escalations WHERE tenant_id = ? AND opened_at >= ? GROUP BY account_id",
                rs -> Map.entry(rs.getLong(1), new RecentEscalations(rs.getInt(2), rs.getInt(3))),
                repeatSince, historySince, tenantId, Math.min(repeatSince, historySince)));
    }

    private static <T> Map<Long, T> byAccount(List<Map.Entry<Long, T>> rows) {
        return rows.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
