package io.holdfast.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import io.holdfast.config.Config;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store's connections. On SQLite all writes go through a single connection, held by one writer
 * thread that commits the writes queued at the moment together ({@link SqliteWriter}), so writers
 * never fail with SQLITE_BUSY, while readers use their own connections (WAL lets them read during a
 * write). Every transaction starts as a write (IMMEDIATE), because a read
 * transaction that later upgrades to a write is the SQLITE_BUSY that busy_timeout cannot fix.
 * PostgreSQL handles concurrent writers itself, so readers and writers share one pool there.
 */
public final class Database implements AutoCloseable {
    /**
     * The writer's page cache. A group commit dirties pages of the promise, outbox and event tables and all
     * their indexes; with SQLite's default 2 MiB the cache filled mid-transaction and spilled pages to the
     * WAL before the commit wrote them again: a profile of the acknowledgement benchmark found the writer
     * in {@code pwrite} for a sixth of its time inside the statements themselves.
     */
    private static final int WRITER_CACHE_KIB = Integer.getInteger("holdfast.writerCacheKib", 32 * 1024);
    private static final int READER_CACHE_KIB = 2_000;
    private static final Duration CHECKPOINT_EVERY = Duration.ofMillis(100);

    private final HikariDataSource writer;
    private final HikariDataSource reader;
    private final Dialect dialect;
    /** SQLite's single writer; null on PostgreSQL, where every thread writes on its own connection. */
    private final SqliteWriter sqliteWriter;
    private volatile boolean migrated;
    /** The connection of the write transaction this thread is in, if any. */
    private final ThreadLocal<Connection> inWrite = new ThreadLocal<>();

    private Database(HikariDataSource writer, HikariDataSource reader, Dialect dialect) {
        this.writer = writer;
        this.reader = reader;
        this.dialect = dialect;
        this.sqliteWriter = dialect == Dialect.SQLITE ? new SqliteWriter(writer, inWrite, Duration.ofSeconds(30), reader, CHECKPOINT_EVERY) : null;
    }

    public static Database open(Config config) {
        if (config.isPostgres()) {
            HikariDataSource pool = postgresPool(config);
            return new Database(pool, pool, Dialect.POSTGRESQL);
        }
        // The writer's own automatic checkpoint is off: SqliteWriter copies the log without making commands wait.
        return new Database(sqlitePool(config.dbUrl(), "holdfast-writer", 1, WRITER_CACHE_KIB, true),
                sqlitePool(config.dbUrl(), "holdfast-reader", 4, READER_CACHE_KIB, false), Dialect.SQLITE);
    }

    private static HikariDataSource postgresPool(Config config) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("holdfast-db");
        pool.setJdbcUrl(config.dbUrl());
        config.dbUser().ifPresent(pool::setUsername);
        config.dbPassword().ifPresent(pool::setPassword);
        pool.setMaximumPoolSize(config.dbPoolSize());
        pool.setMinimumIdle(2);
        // A command waiting longer than this has missed Slack's 3-second ack anyway, and /readyz must answer
        // its probe while the database is down.
        pool.setConnectionTimeout(5_000);
        return new HikariDataSource(pool);
    }

    private static HikariDataSource sqlitePool(String url, String name, int size, int cacheKib, boolean writes) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(10_000);
        sqlite.enforceForeignKeys(true);
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // A negative cache size is in KiB rather than pages.
        sqlite.setCacheSize(-cacheKib);
        if (writes) {
            // Each command in a group commit runs in its own savepoint, and SQLite keeps the pages a savepoint
            // may have to restore in a statement journal; on disk that journal was a fifth of the writer's time.
            // Readers keep the default: their sorts of large rankings may be bigger than memory should hold.
            sqlite.setTempStore(SQLiteConfig.TempStore.MEMORY);
        }
        // Every insert says RETURNING what it needs; without this sqlite-jdbc asks for the last row id after each one.
        sqlite.setGetGeneratedKeys(false);
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl(url);
        HikariConfig pool = new HikariConfig();
        pool.setPoolName(name);
        pool.setDataSource(source);
        pool.setMaximumPoolSize(size);
        pool.setMinimumIdle(1);
        pool.setConnectionTimeout(30_000);
        if (writes) {
            pool.setConnectionInitSql("PRAGMA wal_autocheckpoint=0");
        }
        return new HikariDataSource(pool);
    }

    /** Applies pending Flyway migrations; returns how many ran. */
    public int migrate() {
        int executed = flyway().migrate().migrationsExecuted;
        migrated = true;
        return executed;
    }

    /** Versions of the migrations this database has not had yet; changes nothing. */
    public List<String> pendingMigrations() {
        return Arrays.stream(flyway().info().pending()).map(m -> "V" + m.getVersion()).toList();
    }

    /** True when the database answers, no migration is pending, and on SQLite the writer is running. */
    public boolean isReady() {
        if (sqliteWriter != null && !sqliteWriter.isRunning()) {
            return false;
        }
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

    /**
     * Runs {@code work} in one write transaction: all of it commits, or none of it. Work that writes
     * again from inside joins the transaction it is already in.
     */
    public <T> T write(Work<T> work) {
        Connection open = inWrite.get();
        if (open != null) {
            return joined(open, work);
        }
        if (sqliteWriter != null) {
            return sqliteWriter.write(work);
        }
        try (Connection c = writer.getConnection()) {
            c.setAutoCommit(false);
            inWrite.set(c);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            } finally {
                inWrite.remove();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /**
     * Runs {@code work} on a reading connection without a transaction; inside a write, on the write's
     * own connection. A second connection there would not see the write's rows yet, and on PostgreSQL,
     * where reads and writes share one pool, threads each holding one connection and waiting for a
     * second could empty the pool and stall every command.
     */
    public <T> T read(Work<T> work) {
        Connection open = inWrite.get();
        if (open != null) {
            return joined(open, work);
        }
        try (Connection c = reader.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Runs {@code work} inside the write transaction this thread is already in; the outer write commits or rolls back. */
    private static <T> T joined(Connection open, Work<T> work) {
        try {
            return work.run(open);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Reports the connection pools' use (connections active, idle, waited for) to {@code metrics}; once per database. */
    public void trackPools(MetricsTrackerFactory metrics) {
        writer.setMetricsTrackerFactory(metrics);
        if (reader != writer) {
            reader.setMetricsTrackerFactory(metrics);
        }
    }

    /** Writes waiting for SQLite's single writer; always 0 on PostgreSQL, where each thread writes on its own connection. */
    public int queuedWrites() {
        return sqliteWriter == null ? 0 : sqliteWriter.queued();
    }

    /** The pool writes go through, for Quartz's clustered job store, which shares our database. */
    public DataSource dataSource() {
        return writer;
    }

    @Override
    public void close() {
        if (sqliteWriter != null) {
            sqliteWriter.close();
        }
        reader.close();
        writer.close();
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
