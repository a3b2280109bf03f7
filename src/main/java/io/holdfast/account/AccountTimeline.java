package io.holdfast.account;

import io.holdfast.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The account's audit trail, newest first: what happened to its promises and escalations, and the
 * kudos its people earned there, and outcomes logged from the digest. A read model over the features' logs.
 */
public final class AccountTimeline {

    public record Entry(String source, long number, String kind, String actorId, Instant at, String detail) {}

    /**
     * Each log is reached from the account's own promises and escalations (by the account indexes), never from every
     * event of the workspace. Without statistics SQLite started from the events; CROSS JOIN is its way of fixing the
     * order of a join, and to PostgreSQL it is an inner join like any other.
     */
    public List<Entry> recent(Connection c, Account account, int limit) throws SQLException {
        long tenant = account.tenantId();
        long id = account.id();
        return Sql.list(c, "SELECT * FROM ("
                        + "SELECT 'promise' AS source, p.number AS number, pe.kind AS kind, pe.actor_id AS actor_id, pe.at AS at, pe.detail AS detail "
                        + "FROM promises p CROSS JOIN promise_events pe WHERE p.tenant_id = ? AND p.account_id = ? AND pe.tenant_id = p.tenant_id AND pe.promise_id = p.id "
                        + "UNION ALL SELECT 'escalation', e.number, ee.kind, ee.actor_id, ee.at, ee.detail "
                        + "FROM escalations e CROSS JOIN escalation_events ee WHERE e.tenant_id = ? AND e.account_id = ? AND ee.tenant_id = e.tenant_id AND ee.escalation_id = e.id "
                        + "UNION ALL SELECT 'kudos', k.number, 'GIVEN', k.giver_id, k.given_at, NULL FROM kudos k WHERE k.tenant_id = ? AND k.account_id = ? "
                        + "UNION ALL SELECT 'note', n.id, 'OUTCOME', n.author_id, n.at, n.text FROM account_notes n WHERE n.tenant_id = ? AND n.account_id = ?"
                        + ") t ORDER BY at DESC, number DESC LIMIT ?",
                rs -> new Entry(rs.getString("source"), rs.getLong("number"), rs.getString("kind"), rs.getString("actor_id"),
                        Instant.ofEpochMilli(rs.getLong("at")), rs.getString("detail")),
                tenant, id, tenant, id, tenant, id, tenant, id, limit);
    }
}
