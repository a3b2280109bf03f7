package io.holdfast.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Per-tenant sequences for the numbers people see (#12), allocated inside the caller's transaction. */
public final class Counters {
    private Counters() {
    }

    public static long next(Connection c, long tenantId, String name) throws SQLException {
        int bumped = Sql.update(c, "UPDATE counters SET next_value = next_value + 1 WHERE tenant_id = ? AND name = ?", tenantId, name);
        if (bumped == 0) {
            Sql.update(c, "INSERT INTO counters (tenant_id, name, next_value) VALUES (?, ?, 2)", tenantId, name);
            return 1;
        }
        return Sql.count(c, "SELECT next_value - 1 FROM counters WHERE tenant_id = ? AND name = ?", tenantId, name);
    }
}
