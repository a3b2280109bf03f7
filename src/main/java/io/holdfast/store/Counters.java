package io.holdfast.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Per-tenant sequences for the numbers people see (#12), allocated inside the caller's transaction. */
public final class Counters {
    private Counters() {
    }

    /** One statement, so two replicas numbering their tenant's first promise at once cannot both insert it. */
    public static long next(Connection c, long tenantId, String name) throws SQLException {
        return Sql.insert(c, "INSERT INTO counters (tenant_id, name, next_value) VALUES (?, ?, 2) "
                + "ON CONFLICT (tenant_id, name) DO UPDATE SET next_value = counters.next_value + 1 RETURNING next_value - 1",
                tenantId, name);
    }
}
