package io.holdfast.slack;

import io.holdfast.core.Platform;
import io.holdfast.core.Tenant;
import io.holdfast.store.Database;
import io.holdfast.store.Sql;
import io.holdfast.store.TenantStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Slack workspaces that installed Holdfast through OAuth, one row each, keyed by team id. The bot token
 * arrives here already encrypted; it is cleared when the app is uninstalled or its tokens revoked, and
 * the workspace's tenant is paused in the same transaction, so nothing is posted with a token Slack
 * no longer honours. A new install of the same workspace finds its old tenant and resumes it.
 */
public final class SlackInstallationStore {
    private final Database db;
    private final TenantStore tenants;
    private final Clock clock;

    public SlackInstallationStore(Database db, TenantStore tenants, Clock clock) {
        this.db = db;
        this.tenants = tenants;
        this.clock = clock;
    }

    /**
     * One workspace's install.
     *
     * @param encryptedBotToken empty once uninstalled or revoked
     */
    public record Installation(String teamId, long tenantId, String enterpriseId, String teamName, String appId, String botId, String botUserId,
                               Optional<String> encryptedBotToken, String botScopes, String installedBy, Instant installedAt,
                               Optional<Instant> revokedAt) {}

    /** What an OAuth install tells about a workspace; the token is already encrypted. */
    record NewInstall(String teamId, String enterpriseId, String teamName, String appId, String botId, String botUserId,
                             String encryptedBotToken, String botScopes, String installedBy) {}

    /**
     * Stores an install (a first one, or a reinstall replacing the old token) and creates or resumes the
     * workspace's tenant; returns the tenant.
     */
    Tenant save(NewInstall install) {
        return db.write(c -> {
            Tenant tenant = tenants.findOrCreate(Platform.SLACK, install.teamId());
            Sql.update(c, "INSERT INTO slack_installations (team_id, tenant_id, enterprise_id, team_name, app_id, bot_id, bot_user_id, bot_token, "
                            + "bot_scopes, installed_by, installed_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) "
                            + "ON CONFLICT (team_id) DO UPDATE SET tenant_id = excluded.tenant_id, enterprise_id = excluded.enterprise_id, "
                            + "team_name = excluded.team_name, app_id = excluded.app_id, bot_id = excluded.bot_id, bot_user_id = excluded.bot_user_id, "
                            + "bot_token = excluded.bot_token, bot_scopes = excluded.bot_scopes, installed_by = excluded.installed_by, "
                            + "installed_at = excluded.installed_at, revoked_at = NULL",
                    install.teamId(), tenant.id(), install.enterpriseId(), install.teamName(), install.appId(), install.botId(), install.botUserId(),
                    install.encryptedBotToken(), install.botScopes(), install.installedBy(), clock.millis());
            tenants.resume(tenant.id());
            return tenant;
        });
    }

    public Optional<Installation> find(String teamId) {
        return db.read(c -> Sql.one(c, "SELECT * FROM slack_installations WHERE team_id = ?", SlackInstallationStore::installation, teamId));
    }

    /**
     * Forgets the workspace's bot token and pauses its tenant, keeping every other row; {@code reason} is
     * what Slack said ({@code app_uninstalled}, {@code tokens_revoked}). Only an install made no later than
     * {@code happened} is revoked: Slack delivers such an event again for up to an hour and a half, and a
     * late one must not undo the install the workspace made since. Returns whether a token was dropped;
     * the tenant is paused only then.
     */
    boolean revoke(String teamId, String reason, Instant happened) {
        return db.write(c -> {
            int dropped = Sql.update(c, "UPDATE slack_installations SET bot_token = NULL, revoked_at = ? "
                    + "WHERE team_id = ? AND bot_token IS NOT NULL AND installed_at <= ?", clock.millis(), teamId, happened.toEpochMilli());
            if (dropped > 0) {
                tenants.find(Platform.SLACK, teamId).ifPresent(t -> tenants.pause(t.id(), reason));
            }
            return dropped > 0;
        });
    }

    /** Workspaces with a usable install. */
    long installedCount() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM slack_installations WHERE bot_token IS NOT NULL"));
    }

    private static Installation installation(ResultSet rs) throws SQLException {
        Long revoked = Sql.nullableLong(rs, "revoked_at");
        return new Installation(rs.getString("team_id"), rs.getLong("tenant_id"), rs.getString("enterprise_id"), rs.getString("team_name"),
                rs.getString("app_id"), rs.getString("bot_id"), rs.getString("bot_user_id"), Optional.ofNullable(rs.getString("bot_token")),
                rs.getString("bot_scopes"), rs.getString("installed_by"), Instant.ofEpochMilli(rs.getLong("installed_at")),
                Optional.ofNullable(revoked).map(Instant::ofEpochMilli));
    }
}
