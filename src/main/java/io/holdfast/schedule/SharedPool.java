package io.holdfast.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/** Gives Quartz connections from Holdfast's own pool, which the store opens and closes, not Quartz. */
final class SharedPool implements ConnectionProvider {
    private final DataSource pool;

    SharedPool(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void initialize() {
        // the pool is ready before the scheduler exists
    }

    @Override
    public void shutdown() {
        // the store closes the pool after the scheduler has stopped
    }
}
