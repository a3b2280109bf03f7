package io.holdfast.teams;

import io.holdfast.store.Database;
import io.holdfast.store.Sql;
import java.time.Clock;
import java.util.Optional;

/**
 * Teams gives each person a per-app id ("29:...") in mentions and an AAD object id in the sender's
 * account; Holdfast keys people by the AAD object id, so this remembers how the two match, and names.
 */
final class TeamsMembers {
    private final Database db;
    private final Clock clock;

    TeamsMembers(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    void remember(long tenantId, String teamsUserId, String aadObjectId, String name) {
        db.write(c -> Sql.update(c, "INSERT INTO teams_members (tenant_id, teams_user_id, aad_object_id, name, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, teams_user_id) DO UPDATE SET aad_object_id = excluded.aad_object_id, "
                        + "name = excluded.name, updated_at = excluded.updated_at",
                tenantId, teamsUserId, aadObjectId, name == null || name.isBlank() ? aadObjectId : name, clock.millis()));
    }

    Optional<String> aadObjectIdOf(long tenantId, String teamsUserId) {
        return db.read(c -> Sql.one(c, "SELECT aad_object_id FROM teams_members WHERE tenant_id = ? AND teams_user_id = ?",
                rs -> rs.getString(1), tenantId, teamsUserId));
    }

    /** The person's display name, from their own messages first, else from how others mentioned them. */
    Optional<String> nameOf(long tenantId, String aadObjectId) {
        return db.read(c -> Sql.one(c, "SELECT COALESCE((SELECT display_name FROM users WHERE tenant_id = ? AND user_id = ?), "
                        + "(SELECT name FROM teams_members WHERE tenant_id = ? AND aad_object_id = ? ORDER BY updated_at DESC LIMIT 1))",
                rs -> rs.getString(1), tenantId, aadObjectId, tenantId, aadObjectId));
    }
}
