package io.holdfast.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** Cached facts about people (name, time zone, admin), refreshed from the platform now and then. */
public final class UserStore {
    private final Database db;

    public UserStore(Database db) {
        this.db = db;
    }

    public record CachedUser(String userId, String displayName, ZoneId zone, boolean admin, Instant refreshedAt) {}

    public Optional<CachedUser> find(long tenantId, String userId) {
        return db.read(c -> Sql.one(c, "SELECT * FROM users WHERE tenant_id = ? AND user_id = ?", UserStore::user, tenantId, userId));
    }

    public void save(long tenantId, CachedUser user) {
        db.write(c -> save(c, tenantId, user));
    }

    /**
     * Saves {@code user} as the tenant's admin if it has none yet, in one transaction so two installs at
     * once can't both claim it; otherwise saves them keeping whatever admin flag they had. Returns whether they are admin now.
     */
    public boolean saveAsFirstAdmin(long tenantId, CachedUser user) {
        return db.write(c -> {
            boolean hasAdmin = Sql.count(c, "SELECT COUNT(*) FROM users WHERE tenant_id = ? AND is_admin = 1", tenantId) > 0;
            boolean wasAdmin = Sql.count(c, "SELECT COUNT(*) FROM users WHERE tenant_id = ? AND user_id = ? AND is_admin = 1",
                    tenantId, user.userId()) > 0;
            boolean admin = wasAdmin || !hasAdmin;
            save(c, tenantId, new CachedUser(user.userId(), user.displayName(), user.zone(), admin, user.refreshedAt()));
            return admin;
        });
    }

    private static int save(Connection c, long tenantId, CachedUser user) throws SQLException {
        return Sql.update(c, "INSERT INTO users (tenant_id, user_id, display_name, time_zone, is_admin, refreshed_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, user_id) DO UPDATE SET display_name = excluded.display_name, "
                        + "time_zone = excluded.time_zone, is_admin = excluded.is_admin, refreshed_at = excluded.refreshed_at",
                tenantId, user.userId(), user.displayName(), user.zone().getId(), user.admin(), user.refreshedAt().toEpochMilli());
    }

    private static CachedUser user(ResultSet rs) throws SQLException {
        return new CachedUser(rs.getString("user_id"), rs.getString("display_name"), ZoneId.of(rs.getString("time_zone")),
                rs.getInt("is_admin") == 1, Instant.ofEpochMilli(rs.getLong("refreshed_at")));
    }
}
