package io.holdfast.kudos;

import io.holdfast.store.Database;
import io.holdfast.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Who manages whom (managers may verify their people's kudos) and where the monthly shout-out goes. */
public final class KudosSettings {
    private final Database db;

    public KudosSettings(Database db) {
        this.db = db;
    }

    /** @param since when the channel was chosen; shout-outs due before then are not posted */
    public record RecognitionChannel(long tenantId, String channel, Instant since) {}

    public Optional<String> managerOf(Connection c, long tenantId, String userId) throws SQLException {
        return Sql.one(c, "SELECT manager_id FROM managers WHERE tenant_id = ? AND user_id = ?", rs -> rs.getString(1), tenantId, userId);
    }

    public void setManager(long tenantId, String userId, String managerId) {
        db.write(c -> Sql.update(c, "INSERT INTO managers (tenant_id, user_id, manager_id) VALUES (?, ?, ?) "
                + "ON CONFLICT (tenant_id, user_id) DO UPDATE SET manager_id = excluded.manager_id", tenantId, userId, managerId));
    }

    public Optional<String> recognitionChannel(long tenantId) {
        return db.read(c -> Sql.one(c, "SELECT recognition_channel FROM tenants WHERE id = ?", rs -> rs.getString(1), tenantId));
    }

    public void setRecognitionChannel(long tenantId, String channel, Instant now) {
        db.write(c -> Sql.update(c, "UPDATE tenants SET recognition_channel = ?, recognition_channel_since = ? WHERE id = ?",
                channel, channel == null ? null : now.toEpochMilli(), tenantId));
    }

    /** Every tenant that wants the monthly shout-out, with its channel. */
    public List<RecognitionChannel> recognitionChannels() {
        return db.read(c -> Sql.list(c, "SELECT id, recognition_channel, recognition_channel_since FROM tenants "
                        + "WHERE recognition_channel IS NOT NULL ORDER BY id",
                rs -> new RecognitionChannel(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)))));
    }
}
