package io.holdfast.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.holdfast.config.Config;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store's connections. On SQLite all writes go through a single connection, so writers queue in
 * the pool instead of failing with SQLITE_BUSY, while readers use their own connections (WAL lets
 * them read during a write). Every transaction starts as a write (IMMEDIATE), because a read
 * transaction that later upgrades to a write is the SQLITE_BUSY that busy_timeout cannot fix.
 * PostgreSQL handles concurrent writers itself, so readers and writers share one pool there.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource writer;
    private final HikariDataSource reader;
    private final Dialect dialect;
    private volatile boolean migrated;

    private Database(HikariDataSource writer, HikariDataSource reader, Dialect dialect) {
        this.writer = writer;
        this.reader = reader;
        this.dialect = dialect;
    }

    public static Database open(Config config) {
        if (config.isPostgres()) {
            HikariDataSource pool = postgresPool(config);
            return new Database(pool, pool, Dialect.POSTGRESQL);
        }
        return new Database(sqlitePool(config.dbUrl(), "holdfast-writer", 1), sqlitePool(config.dbUrl(), "holdfast-reader", 4),
                Dialect.SQLITE);
    }

    private static HikariDataSource postgresPool(Config config) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("holdfast-db");
        pool.setJdbcUrl(config.dbUrl());
        config.dbUser().ifPresent(pool::setUsername);
        config.dbPassword().ifPresent(pool::setPassword);
        pool.setMaximumPoolSize(config.dbPoolSize());
        pool.setMinimumIdle(Math.min(2, config.dbPoolSize()));
        pool.setConnectionTimeout(30_000);
        return new HikariDataSource(pool);
    }

    private static HikariDataSource sqlitePool(String url, String name, int size) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(10_000);
        sqlite.enforceForeignKeys(true);
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl(url);
        HikariConfig pool = new HikariConfig();
        pool.setPoolName(name);
        pool.setDataSource(source);
        pool.setMaximumPoolSize(size);
        pool.setMinimumIdle(1);
        pool.setConnectionTimeout(30_000);
        return new HikariDataSource(pool);
    }

    /** Applies pending Flyway migrations; returns how many ran. */
    public int migrate() {
        int executed = flyway().migrate().migrationsExecuted;
        migrated = true;
        return executed;
    }

    /** True when the database answers and no migration is pending. */
    public boolean isReady() {
        try (Connection c = reader.getConnection()) {
            if (!c.isValid(2)) {
                return false;
            }
        } catch (SQLException e) {
            return false;
        }
        // Migrations only move forward while we run, so once none is pending the answer stays true.
        if (!migrated) {
            migrated = flyway().info().pending().length == 0;
        }
        return migrated;
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(writer)
                .locations("classpath:db/migration")
                .placeholders(Map.of("id", dialect.identityColumn()))
                .javaMigrations(new QuartzTablesMigration(dialect))
                .load();
    }

    /** Runs {@code work} in one write transaction: all of it commits, or none of it. */
    public <T> T write(Work<T> work) {
        try (Connection c = writer.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Runs {@code work} on a reading connection without a transaction. */
    public <T> T read(Work<T> work) {
        try (Connection c = reader.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The pool writes go through, for Quartz's clustered job store, which shares our database. */
    public DataSource dataSource() {
        return writer;
    }

    @Override
    public void close() {
        reader.close();
        writer.close();
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
