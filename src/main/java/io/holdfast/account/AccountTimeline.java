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

    public List<Entry> recent(Connection c, Account account, int limit) throws SQLException {
        long tenant = account.tenantId();
        long id = account.id();
        return Sql.list(c, "SELECT * FROM ("
                        + "SELECT 'promise' AS source, p.number AS number, pe.kind AS kind, pe.actor_id AS actor_id, pe.at AS at, pe.detail AS detail "
                        + "FROM promise_events pe JOIN promises p ON p.id = pe.promise_id WHERE pe.tenant_id = ? AND p.account_id = ? "
                        + "UNION ALL SELECT 'escalation', e.number, ee.kind, ee.actor_id, ee.at, ee.detail "
                        + "FROM escalation_events ee JOIN escalations e ON e.id = ee.escalation_id WHERE ee.tenant_id = ? AND e.account_id = ? "
                        + "UNION ALL SELECT 'kudos', k.number, 'GIVEN', k.giver_id, k.given_at, NULL FROM kudos k WHERE k.tenant_id = ? AND k.account_id = ? "
                        + "UNION ALL SELECT 'note', n.id, 'OUTCOME', n.author_id, n.at, n.text FROM account_notes n WHERE n.tenant_id = ? AND n.account_id = ?"
                        + ") t ORDER BY at DESC, number DESC LIMIT ?",
                rs -> new Entry(rs.getString("source"), rs.getLong("number"), rs.getString("kind"), rs.getString("actor_id"),
                        Instant.ofEpochMilli(rs.getLong("at")), rs.getString("detail")),
                tenant, id, tenant, id, tenant, id, tenant, id, limit);
    }
}
