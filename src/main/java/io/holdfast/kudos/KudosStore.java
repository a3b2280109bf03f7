package io.holdfast.kudos;

import io.holdfast.store.Counters;
import io.holdfast.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Kudos rows and their recipients: the recognition log. Every query is scoped by tenant. */
public final class KudosStore {
    private static final String SELECT = "SELECT k.*, a.name AS account_name FROM kudos k JOIN accounts a ON a.id = k.account_id ";

    public Kudos insert(Connection c, long tenantId, long accountId, String giverId, List<String> recipients, String text, String channel,
                        Instant at) throws SQLException {
        long number = Counters.next(c, tenantId, "kudos");
        long id = Sql.insert(c, "INSERT INTO kudos (tenant_id, number, account_id, giver_id, text, channel, given_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", tenantId, number, accountId, giverId, text, channel, at.toEpochMilli());
        for (int i = 0; i < recipients.size(); i++) {
            Sql.update(c, "INSERT INTO kudos_recipients (tenant_id, kudos_id, user_id, position) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    tenantId, id, recipients.get(i), i);
        }
        return byId(c, tenantId, id).orElseThrow();
    }

    public Optional<Kudos> byId(Connection c, long tenantId, long id) throws SQLException {
        return withRecipients(c, tenantId, Sql.list(c, SELECT + "WHERE k.tenant_id = ? AND k.id = ?", KudosStore::row, tenantId, id))
                .stream().findFirst();
    }

    /** Records the verification unless someone verified it first; returns whether this one counted. */
    public boolean verify(Connection c, Kudos k, String verifierId, Rubric rubric, Instant at) throws SQLException {
        return 1 == Sql.update(c, "UPDATE kudos SET verifier_id = ?, verified_at = ?, impact = ?, speed = ?, creativity = ?, "
                        + "version = version + 1 WHERE tenant_id = ? AND id = ? AND verified_at IS NULL", verifierId, at.toEpochMilli(),
                rubric.impact(), rubric.speed(), rubric.creativity(), k.tenantId(), k.id());
    }

    /** Kudos given in [from, to), oldest first; only those naming {@code recipient} when it is not null. */
    public List<Kudos> given(Connection c, long tenantId, Instant from, Instant to, String recipient) throws SQLException {
        List<Object> params = new ArrayList<>(List.of(tenantId, from.toEpochMilli(), to.toEpochMilli()));
        String filter = "";
        if (recipient != null) {
            filter = "AND EXISTS (SELECT 1 FROM kudos_recipients r WHERE r.kudos_id = k.id AND r.user_id = ?) ";
            params.add(recipient);
        }
        return withRecipients(c, tenantId, Sql.list(c, SELECT + "WHERE k.tenant_id = ? AND k.given_at >= ? AND k.given_at < ? " + filter
                + "ORDER BY k.given_at, k.number", KudosStore::row, params.toArray()));
    }

    /** Verified kudos given in [from, to), best first by rubric total, then earliest. */
    public List<Kudos> topVerified(Connection c, long tenantId, Instant from, Instant to, int limit) throws SQLException {
        return withRecipients(c, tenantId, Sql.list(c, SELECT + "WHERE k.tenant_id = ? AND k.given_at >= ? AND k.given_at < ? "
                        + "AND k.verified_at IS NOT NULL ORDER BY (k.impact + k.speed + k.creativity) DESC, k.given_at, k.number LIMIT ?",
                KudosStore::row, tenantId, from.toEpochMilli(), to.toEpochMilli(), limit));
    }

    /** Recent kudos for an account, newest first: evidence of care on the account's page. */
    public List<Kudos> forAccount(Connection c, long tenantId, long accountId, int limit) throws SQLException {
        return withRecipients(c, tenantId, Sql.list(c, SELECT + "WHERE k.tenant_id = ? AND k.account_id = ? ORDER BY k.given_at DESC LIMIT ?",
                KudosStore::row, tenantId, accountId, limit));
    }

    private static List<Kudos> withRecipients(Connection c, long tenantId, List<Kudos> rows) throws SQLException {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, List<String>> recipients = new LinkedHashMap<>();
        for (Kudos k : rows) {
            recipients.put(k.id(), new ArrayList<>());
        }
        String in = String.join(", ", Collections.nCopies(rows.size(), "?"));
        List<Object> params = new ArrayList<>(List.of(tenantId));
        params.addAll(recipients.keySet());
        for (String[] pair : Sql.list(c, "SELECT kudos_id, user_id FROM kudos_recipients WHERE tenant_id = ? AND kudos_id IN (" + in
                + ") ORDER BY position", rs -> new String[] {rs.getString(1), rs.getString(2)}, params.toArray())) {
            recipients.get(Long.parseLong(pair[0])).add(pair[1]);
        }
        List<Kudos> out = new ArrayList<>();
        for (Kudos k : rows) {
            out.add(new Kudos(k.id(), k.tenantId(), k.number(), k.accountId(), k.accountName(), k.giverId(), recipients.get(k.id()), k.text(),
                    k.channel(), k.givenAt(), k.verifierId(), k.verifiedAt(), k.rubric(), k.version()));
        }
        return out;
    }

    private static Kudos row(ResultSet rs) throws SQLException {
        Long verifiedAt = Sql.nullableLong(rs, "verified_at");
        Rubric rubric = verifiedAt == null ? null : new Rubric(rs.getInt("impact"), rs.getInt("speed"), rs.getInt("creativity"));
        return new Kudos(rs.getLong("id"), rs.getLong("tenant_id"), rs.getLong("number"), rs.getLong("account_id"), rs.getString("account_name"),
                rs.getString("giver_id"), List.of(), rs.getString("text"), rs.getString("channel"), Instant.ofEpochMilli(rs.getLong("given_at")),
                rs.getString("verifier_id"), verifiedAt == null ? null : Instant.ofEpochMilli(verifiedAt), rubric, rs.getInt("version"));
    }
}
