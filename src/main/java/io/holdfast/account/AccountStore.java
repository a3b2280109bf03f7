package io.holdfast.account;

import io.holdfast.core.Whitespace;
import io.holdfast.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Accounts are created on first mention; "Acme Corp", "acme corp" and "ACME  CORP" are one account. */
public final class AccountStore {
    private final Clock clock;

    public AccountStore(Clock clock) {
        this.clock = clock;
    }

    public static String normalize(String name) {
        return display(name).toLowerCase(Locale.ROOT);
    }

    private static String display(String name) {
        return Whitespace.collapsed(name.strip());
    }

    /**
     * Looks the account up first: most commands name an account that exists, and on SQLite this runs on
     * the single writer, where an insert that finds a conflict costs more than the lookup alone.
     */
    public Account findOrCreate(Connection c, long tenantId, String name) throws SQLException {
        String display = display(name);
        String key = display.toLowerCase(Locale.ROOT);
        Optional<Account> existing = findByKey(c, tenantId, key);
        if (existing.isPresent()) {
            return existing.get();
        }
        // Another PostgreSQL replica may create the same account between the lookup and the insert.
        Sql.update(c, "INSERT INTO accounts (tenant_id, name, normalized_name, created_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (tenant_id, normalized_name) DO NOTHING", tenantId, display, key, clock.millis());
        return findByKey(c, tenantId, key).orElseThrow();
    }

    public AccountReview review(Connection c, long tenantId, long accountId) throws SQLException {
        return Sql.one(c, "SELECT review_required_since, reviewed_by, reviewed_at FROM accounts WHERE tenant_id = ? AND id = ?",
                rs -> new AccountReview(instant(rs.getObject(1)), rs.getString(2), instant(rs.getObject(3))), tenantId, accountId)
                .orElse(AccountReview.NONE);
    }

    /** Marks the account for leadership review; an earlier review no longer counts. */
    public void requireReview(Connection c, long tenantId, long accountId, Instant at) throws SQLException {
        Sql.update(c, "UPDATE accounts SET review_required_since = ?, reviewed_by = NULL, reviewed_at = NULL WHERE tenant_id = ? AND id = ?",
                at.toEpochMilli(), tenantId, accountId);
    }

    public void markReviewed(Connection c, long tenantId, long accountId, String reviewerId, Instant at) throws SQLException {
        Sql.update(c, "UPDATE accounts SET reviewed_by = ?, reviewed_at = ? WHERE tenant_id = ? AND id = ?",
                reviewerId, at.toEpochMilli(), tenantId, accountId);
    }

    public AccountProfile profile(Connection c, Account account) throws SQLException {
        return Sql.one(c, "SELECT arr, tier, renewal_date, owner_id, channel FROM accounts WHERE tenant_id = ? AND id = ?",
                rs -> new AccountProfile(account, Sql.nullableLong(rs, "arr"),
                        rs.getString("tier") == null ? null : AccountProfile.Tier.valueOf(rs.getString("tier")),
                        rs.getString("renewal_date") == null ? null : java.time.LocalDate.parse(rs.getString("renewal_date")),
                        rs.getString("owner_id"), rs.getString("channel")), account.tenantId(), account.id()).orElseThrow();
    }

    /** Saves the attributes of {@code profile}; null fields keep what was there. */
    public void update(Connection c, AccountProfile profile) throws SQLException {
        Account a = profile.account();
        Sql.update(c, "UPDATE accounts SET arr = COALESCE(?, arr), tier = COALESCE(?, tier), renewal_date = COALESCE(?, renewal_date), "
                        + "owner_id = COALESCE(?, owner_id), channel = COALESCE(?, channel) WHERE tenant_id = ? AND id = ?",
                profile.arr(), profile.tier() == null ? null : profile.tier().name(),
                profile.renewal() == null ? null : profile.renewal().toString(), profile.ownerId(), profile.channel(), a.tenantId(), a.id());
    }

    /** The channel set for the account, where its escalations are posted. */
    public Optional<String> channel(Connection c, long tenantId, long accountId) throws SQLException {
        return Sql.one(c, "SELECT channel FROM accounts WHERE tenant_id = ? AND id = ?", rs -> rs.getString(1), tenantId, accountId);
    }

    private static Instant instant(Object epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(((Number) epochMillis).longValue());
    }

    public Optional<Account> byId(Connection c, long tenantId, long id) throws SQLException {
        return Sql.one(c, "SELECT id, tenant_id, name FROM accounts WHERE tenant_id = ? AND id = ?",
                rs -> new Account(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("name")), tenantId, id);
    }

    /** An outcome or note logged on the account's timeline, e.g. from the digest's "Log outcome". */
    public void addNote(Connection c, Account account, String authorId, String text, Instant at) throws SQLException {
        Sql.update(c, "INSERT INTO account_notes (tenant_id, account_id, author_id, at, text) VALUES (?, ?, ?, ?, ?)",
                account.tenantId(), account.id(), authorId, at.toEpochMilli(), text);
    }

    public Optional<Account> find(Connection c, long tenantId, String name) throws SQLException {
        return findByKey(c, tenantId, normalize(name));
    }

    private Optional<Account> findByKey(Connection c, long tenantId, String normalizedName) throws SQLException {
        return Sql.one(c, "SELECT id, tenant_id, name FROM accounts WHERE tenant_id = ? AND normalized_name = ?",
                rs -> new Account(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("name")), tenantId, normalizedName);
    }
}
