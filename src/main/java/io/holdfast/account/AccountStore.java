package io.holdfast.account;

import io.holdfast.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/** Accounts are created on first mention; "Acme Corp", "acme corp" and "ACME  CORP" are one account. */
public final class AccountStore {
    private final Clock clock;

    public AccountStore(Clock clock) {
        this.clock = clock;
    }

    public static String normalize(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    public Account findOrCreate(Connection c, long tenantId, String name) throws SQLException {
        String display = name.strip().replaceAll("\\s+", " ");
        Sql.update(c, "INSERT INTO accounts (tenant_id, name, normalized_name, created_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (tenant_id, normalized_name) DO NOTHING", tenantId, display, normalize(display), clock.millis());
        return find(c, tenantId, display).orElseThrow();
    }

    public Optional<Account> find(Connection c, long tenantId, String name) throws SQLException {
        return Sql.one(c, "SELECT id, tenant_id, name FROM accounts WHERE tenant_id = ? AND normalized_name = ?",
                rs -> new Account(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("name")), tenantId, normalize(name));
    }
}
