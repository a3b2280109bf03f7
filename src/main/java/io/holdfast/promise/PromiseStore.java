package io.holdfast.promise;

import io.holdfast.account.Account;
import io.holdfast.account.AccountStore;
import io.holdfast.store.Counters;
import io.holdfast.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Promise rows and their event log. Every query is scoped by tenant. */
public final class PromiseStore {
    private static final String SELECT = "SELECT p.*, a.name AS account_name FROM promises p JOIN accounts a ON a.id = p.account_id ";

    public record NewPromise(Account account, String ownerId, String authorId, String text, Instant due, ZoneId dueZone,
                             String originChannel, Instant now) {}

    public record Page(List<Promise> promises, long total) {}

    public Promise insert(Connection c, long tenantId, NewPromise p) throws SQLException {
        long number = Counters.next(c, tenantId, "promise");
        long millis = p.now().toEpochMilli();
        long id = Sql.insert(c, "INSERT INTO promises (tenant_id, number, account_id, owner_id, author_id, text, due_at, due_zone, status, "
                        + "created_at, updated_at, origin_channel, version, next_nudge_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, 1, ?) "
                        + "RETURNING id",
                tenantId, number, p.account().id(), p.ownerId(), p.authorId(), p.text(), p.due().toEpochMilli(), p.dueZone().getId(),
                millis, millis, p.originChannel(), p.due().toEpochMilli());
        // Built from what was just written rather than read back: the insert runs on SQLite's single
        // writer, where every statement saved is time no other command waits.
        Instant now = Instant.ofEpochMilli(millis);
        return new Promise(id, tenantId, number, p.account().id(), p.account().name(), p.ownerId(), p.authorId(), p.text(),
                Instant.ofEpochMilli(p.due().toEpochMilli()), p.dueZone(), PromiseStatus.OPEN, now, now, null, p.originChannel(), null, null, 1);
    }

    public Optional<Promise> byNumber(Connection c, long tenantId, long number) throws SQLException {
        return Sql.one(c, SELECT + "WHERE p.tenant_id = ? AND p.number = ?", PromiseStore::promise, tenantId, number);
    }

    public Optional<Promise> byId(Connection c, long tenantId, long id) throws SQLException {
        return Sql.one(c, SELECT + "WHERE p.tenant_id = ? AND p.id = ?", PromiseStore::promise, tenantId, id);
    }

    /** Saves owner, due, status and snooze of {@code changed} and bumps its version. */
    public Promise save(Connection c, Promise changed, Instant now) throws SQLException {
        Sql.update(c, "UPDATE promises SET owner_id = ?, due_at = ?, due_zone = ?, status = ?, snoozed_until = ?, updated_at = ?, "
                        + "closed_at = ?, version = version + 1 WHERE tenant_id = ? AND id = ?",
                changed.ownerId(), changed.due().toEpochMilli(), changed.dueZone().getId(), changed.status().name(),
                changed.snoozedUntil() == null ? null : changed.snoozedUntil().toEpochMilli(), now.toEpochMilli(),
                changed.isOpen() ? null : now.toEpochMilli(), changed.tenantId(), changed.id());
        return byId(c, changed.tenantId(), changed.id()).orElseThrow();
    }

    /** An open promise whose next nudge is due, with how many nudges it has had. */
    public record NudgeDue(Promise promise, int nudges) {}

    /**
     * Open promises, across tenants, whose next nudge time has come. Only promises with a card: nudges go
     * in the card's thread, and promises imported as history have no card and no channel to be chased in.
     */
    public List<NudgeDue> dueForNudge(Connection c, Instant now, int limit) throws SQLException {
        // A paused tenant's due nudges wait for it without filling the batch that other tenants' nudges need.
        return Sql.list(c, SELECT + "WHERE p.status = 'OPEN' AND p.next_nudge_at <= ? AND p.card_ref IS NOT NULL "
                        + "AND p.tenant_id NOT IN (SELECT id FROM tenants WHERE paused_at IS NOT NULL) ORDER BY p.next_nudge_at LIMIT ?",
                rs -> new NudgeDue(promise(rs), rs.getInt("nudges")), now.toEpochMilli(), limit);
    }

    /** Sets when the next nudge fires; {@code restart} starts the count again (a new due date is a new commitment). */
    public void scheduleNudge(Connection c, Promise p, Instant at, boolean restart) throws SQLException {
        Sql.update(c, "UPDATE promises SET next_nudge_at = ?" + (restart ? ", nudges = 0" : "") + " WHERE tenant_id = ? AND id = ?",
                at.toEpochMilli(), p.tenantId(), p.id());
    }

    /**
     * Counts a nudge and sets when the next one fires, unless the promise changed since it was read
     * (done, snoozed or re-dated in the meantime); returns whether it was still as read.
     */
    public boolean nudged(Connection c, PromiseStore.NudgeDue read, Instant next) throws SQLException {
        Promise p = read.promise();
        return 1 == Sql.update(c, "UPDATE promises SET nudges = nudges + 1, next_nudge_at = ? WHERE tenant_id = ? AND id = ? "
                + "AND status = 'OPEN' AND nudges = ? AND version = ?", next.toEpochMilli(), p.tenantId(), p.id(), read.nudges(), p.version());
    }

    public void recordEvent(Connection c, Promise p, PromiseEvent kind, String actorId, Instant at, String detail) throws SQLException {
        Sql.update(c, "INSERT INTO promise_events (tenant_id, promise_id, kind, actor_id, at, detail) VALUES (?, ?, ?, ?, ?, ?)",
                p.tenantId(), p.id(), kind.name(), actorId, at.toEpochMilli(), detail);
    }

    public List<String> eventKinds(Connection c, long tenantId, long promiseId) throws SQLException {
        return Sql.list(c, "SELECT kind FROM promise_events WHERE tenant_id = ? AND promise_id = ? ORDER BY id",
                rs -> rs.getString(1), tenantId, promiseId);
    }

    public void rememberCard(Connection c, long tenantId, long promiseId, String channel, String ref) throws SQLException {
        Sql.update(c, "UPDATE promises SET card_channel = ?, card_ref = ? WHERE tenant_id = ? AND id = ?", channel, ref, tenantId, promiseId);
    }

    /** One page of promises matching {@code filter}, soonest due first, with the total that matched. */
    public Page list(Connection c, long tenantId, String viewerId, PromiseFilter filter, Instant now, int limit) throws SQLException {
        List<Object> params = new ArrayList<>(List.of(tenantId));
        StringBuilder where = new StringBuilder("WHERE p.tenant_id = ? ");
        where.append("AND p.status = 'OPEN' ");
        if (filter instanceof PromiseFilter.Mine) {
            where.append("AND p.owner_id = ? ");
            params.add(viewerId);
        } else if (filter instanceof PromiseFilter.OwnedBy owned) {
            where.append("AND p.owner_id = ? ");
            params.add(owned.userId());
        } else if (filter instanceof PromiseFilter.ForAccount account) {
            // By the account's id, so the account index finds its promises; matching the joined name made SQLite walk every open one.
            where.append("AND p.account_id = (SELECT id FROM accounts WHERE tenant_id = ? AND normalized_name = ?) ");
            params.add(tenantId);
            params.add(AccountStore.normalize(account.accountName()));
        } else if (filter instanceof PromiseFilter.Overdue) {
            where.append("AND p.due_at < ? ");
            params.add(now.toEpochMilli());
        }
        long total = Sql.count(c, "SELECT COUNT(*) FROM promises p " + where, params.toArray());
        params.add(limit);
        List<Promise> page = Sql.list(c, SELECT + where + "ORDER BY p.due_at, p.number LIMIT ?", PromiseStore::promise, params.toArray());
        return new Page(page, total);
    }

    private static Promise promise(ResultSet rs) throws SQLException {
        return new Promise(rs.getLong("id"), rs.getLong("tenant_id"), rs.getLong("number"), rs.getLong("account_id"),
                rs.getString("account_name"), rs.getString("owner_id"), rs.getString("author_id"), rs.getString("text"),
                Instant.ofEpochMilli(rs.getLong("due_at")), ZoneId.of(rs.getString("due_zone")), PromiseStatus.valueOf(rs.getString("status")),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
                Optional.ofNullable(Sql.nullableLong(rs, "snoozed_until")).map(Instant::ofEpochMilli).orElse(null),
                rs.getString("origin_channel"), rs.getString("card_channel"), rs.getString("card_ref"), rs.getInt("version"));
    }
}
