package io.holdfast.teams;

import io.holdfast.store.Database;
import io.holdfast.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * Where Holdfast may post in Teams: the Bot Framework conversation reference for each channel, personal
 * chat and group chat it has been told about. A bot cannot start a conversation on its own, so every
 * proactive post (digest, nudge, SLA warning, shout-out) needs one of these.
 */
final class TeamsConversations {
    private final Database db;
    private final Clock clock;

    TeamsConversations(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    enum Kind { CHANNEL, PERSONAL, GROUP_CHAT }

    /**
     * @param conversationId the channel's id for channels (never a thread's), else the chat's id
     * @param userId         for a personal chat, the person's AAD object id, so Holdfast can write to them privately
     * @param reference      the SDK's conversation reference as JSON, kept opaque here
     */
    record Conversation(String conversationId, Kind kind, String teamId, String name, String userId, String reference, boolean installed) {}

    /** Records (or refreshes) a conversation Holdfast can post in; a name already known is kept when none is given. */
    void remember(long tenantId, Conversation conversation) {
        db.write(c -> Sql.update(c, "INSERT INTO teams_conversations (tenant_id, conversation_id, kind, team_id, name, user_id, reference, "
                        + "installed, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT (tenant_id, conversation_id) DO UPDATE SET "
                        + "kind = excluded.kind, team_id = COALESCE(excluded.team_id, teams_conversations.team_id), "
                        + "user_id = COALESCE(excluded.user_id, teams_conversations.user_id), "
                        + "name = COALESCE(excluded.name, teams_conversations.name), reference = excluded.reference, installed = 1, "
                        + "updated_at = excluded.updated_at",
                tenantId, conversation.conversationId(), conversation.kind().name(), conversation.teamId(), conversation.name(),
                conversation.userId(), conversation.reference(), clock.millis()));
    }

    Optional<Conversation> find(long tenantId, String conversationId) {
        return db.read(c -> Sql.one(c, "SELECT * FROM teams_conversations WHERE tenant_id = ? AND conversation_id = ?",
                TeamsConversations::conversation, tenantId, conversationId));
    }

    /** The personal chat with a person, where Holdfast can tell them something privately (Teams has no other way). */
    Optional<Conversation> personalChatWith(long tenantId, String userId) {
        return db.read(c -> Sql.one(c, "SELECT * FROM teams_conversations WHERE tenant_id = ? AND user_id = ? AND kind = 'PERSONAL' "
                + "ORDER BY updated_at DESC LIMIT 1", TeamsConversations::conversation, tenantId, userId));
    }

    /** The app was removed from a team: its channels are no longer somewhere Holdfast can post. */
    void forgetTeam(long tenantId, String teamId) {
        db.write(c -> Sql.update(c, "UPDATE teams_conversations SET installed = 0, updated_at = ? WHERE tenant_id = ? AND team_id = ?",
                clock.millis(), tenantId, teamId));
    }

    /** Teams refused a post because the bot is no longer in this conversation. */
    void forget(long tenantId, String conversationId) {
        db.write(c -> Sql.update(c, "UPDATE teams_conversations SET installed = 0, updated_at = ? WHERE tenant_id = ? AND conversation_id = ?",
                clock.millis(), tenantId, conversationId));
    }

    private static Conversation conversation(ResultSet rs) throws SQLException {
        return new Conversation(rs.getString("conversation_id"), Kind.valueOf(rs.getString("kind")), rs.getString("team_id"),
                rs.getString("name"), rs.getString("user_id"), rs.getString("reference"), rs.getInt("installed") == 1);
    }
}
