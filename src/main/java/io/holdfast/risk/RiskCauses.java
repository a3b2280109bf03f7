package io.holdfast.risk;

import io.holdfast.escalation.Severity;
import io.holdfast.risk.RiskScorer.CauseKind;
import io.holdfast.risk.RiskScorer.Scored;
import io.holdfast.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names the one promise or escalation behind each shown account's risk, so the triage starts from it. Looked up only for the
 * accounts shown, a few at a time, after the aggregates have ranked them all.
 */
final class RiskCauses {
    /** Accounts per query: far below every engine's limit on bound parameters, whatever top N a digest asks for. */
    private static final int CHUNK = 500;

    private record EscalationRow(long accountId, long number, Severity severity, Instant opened, boolean ackBreached,
                                 boolean resolveBreached) {}

    private RiskCauses() {
    }

    /** The cause of each shown account that has one, by account id. */
    static Map<Long, String> of(Connection c, long tenantId, Instant now, RiskScorer scorer, List<Scored> shown) throws SQLException {
        Map<Long, String> causes = new HashMap<>();
        promises(c, tenantId, now, ids(shown, CauseKind.PROMISE), causes);
        escalations(c, tenantId, now, scorer, ids(shown, CauseKind.ESCALATION), causes);
        return causes;
    }

    /** The oldest overdue promise, or failing that the one due soonest: the same promises the score counted. */
    private static void promises(Connection c, long tenantId, Instant now, List<Long> accounts, Map<Long, String> causes)
            throws SQLException {
        for (List<Long> chunk : chunks(accounts)) {
            List<Object> params = new ArrayList<>(List.of(tenantId, now.plus(RiskSignals.DUE_SOON).toEpochMilli()));
            params.addAll(chunk);
            List<Map.Entry<Long, String>> rows = Sql.list(c, "SELECT account_id, number, text, due_at FROM promises "
                            + "WHERE tenant_id = ? AND status = 'OPEN' AND due_at < ? AND account_id IN (" + marks(chunk) + ") "
                            + "ORDER BY account_id, due_at, number",
                    rs -> Map.entry(rs.getLong(1), promise(rs.getLong(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)), now)),
                    params.toArray());
            rows.forEach(row -> causes.putIfAbsent(row.getKey(), row.getValue()));
        }
    }

    private static String promise(long number, String text, Instant due, Instant now) {
        String when = due.isBefore(now) ? "overdue " + RiskWords.duration(Duration.between(due, now))
                : "due in " + RiskWords.duration(Duration.between(now, due));
        return "promise #" + number + " " + RiskWords.quote(text) + " " + when;
    }

    /** The unresolved escalation worth the most points; of equals, the oldest. */
    private static void escalations(Connection c, long tenantId, Instant now, RiskScorer scorer, List<Long> accounts,
                                    Map<Long, String> causes) throws SQLException {
        Map<Long, EscalationRow> worst = new HashMap<>();
        for (List<Long> chunk : chunks(accounts)) {
            List<Object> params = new ArrayList<>(List.of(now.toEpochMilli(), now.toEpochMilli(), tenantId));
            params.addAll(chunk);
            List<EscalationRow> rows = Sql.list(c, "SELECT account_id, number, severity, opened_at, " + RiskSignals.ACK_BREACHED + ", "
                            + RiskSignals.RESOLVE_BREACHED + " FROM escalations WHERE tenant_id = ? AND status <> 'RESOLVED' "
                            + "AND account_id IN (" + marks(chunk) + ") ORDER BY opened_at, number",
                    rs -> new EscalationRow(rs.getLong(1), rs.getLong(2), Severity.valueOf(rs.getString(3)),
                            Instant.ofEpochMilli(rs.getLong(4)), rs.getInt(5) == 1, rs.getInt(6) == 1), params.toArray());
            for (EscalationRow row : rows) {
                worst.merge(row.accountId(), row, (kept, next) -> points(scorer, next) > points(scorer, kept) ? next : kept);
            }
        }
        worst.forEach((account, e) -> causes.put(account, escalation(e, now)));
    }

    private static int points(RiskScorer scorer, EscalationRow e) {
        return scorer.escalationPoints(e.severity(), e.ackBreached(), e.resolveBreached());
    }

    private static String escalation(EscalationRow e, Instant now) {
        String breached = e.ackBreached() && e.resolveBreached() ? ", ack and resolution SLAs breached"
                : e.ackBreached() ? ", ack SLA breached" : e.resolveBreached() ? ", resolution SLA breached" : "";
        return e.severity() + " escalation #" + e.number() + " open " + RiskWords.duration(Duration.between(e.opened(), now)) + breached;
    }

    private static List<Long> ids(List<Scored> shown, CauseKind kind) {
        return shown.stream().filter(s -> s.cause() == kind).map(s -> s.facts().account().id()).toList();
    }

    private static List<List<Long>> chunks(List<Long> ids) {
        List<List<Long>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
        }
        return chunks;
    }

    private static String marks(List<Long> chunk) {
        return String.join(", ", Collections.nCopies(chunk.size(), "?"));
    }
}
