package io.holdfast.store;

import io.holdfast.core.Platform;
import io.holdfast.core.Tenant;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Deletes every row of one tenant, in one transaction: what {@code holdfast tenant purge} does once a
 * workspace has left for good. Tables are found in the schema, as {@link DataCopy} finds them, so a table
 * added later is purged too: each table with a {@code tenant_id} is emptied of the tenant's rows,
 * children before parents, and Slack's event log by the workspace's team id.
 */
public final class TenantPurge {
    private final Database db;

    public TenantPurge(Database db) {
        this.db = db;
    }

    /** Rows deleted per table, in the order they were deleted; the {@code tenants} row last. */
    public Map<String, Long> purge(Tenant tenant) {
        List<String> childrenFirst = new ArrayList<>(new DataCopy(db, db).tables());
        Collections.reverse(childrenFirst);
        return db.write(c -> {
            Map<String, Long> deleted = new LinkedHashMap<>();
            for (String table : childrenFirst) {
                if (table.equals("tenants")) {
                    continue;
                }
                if (hasColumn(c, table, "tenant_id")) {
                    deleted.put(table, (long) Sql.update(c, "DELETE FROM " + table + " WHERE tenant_id = ?", tenant.id()));
                } else if (tenant.platform() == Platform.SLACK && hasColumn(c, table, "team_id")) {
                    deleted.put(table, (long) Sql.update(c, "DELETE FROM " + table + " WHERE team_id = ?", tenant.externalId()));
                }
            }
            deleted.put("tenants", (long) Sql.update(c, "DELETE FROM tenants WHERE id = ?", tenant.id()));
            return deleted;
        });
    }

    private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), table, null)) {
            while (rs.next()) {
                if (rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT).equals(column)) {
                    return true;
                }
            }
        }
        return false;
    }
}
