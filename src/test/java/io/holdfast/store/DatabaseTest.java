package io.holdfast.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.core.Platform;
import io.holdfast.core.time.HolidayCalendars;
import io.holdfast.testing.TestClock;
import io.holdfast.testing.Engine;
import io.holdfast.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The store as an operator relies on it, on each engine: migrations, transactions, many writers. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class DatabaseTest {
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

    @Parameter
    Engine engine;
    @TempDir
    Path dir;
    String url;
    Database db;

    @BeforeEach
    void open() {
        url = TestDatabases.freshUrl(engine, dir);
        db = TestDatabases.open(url);
    }

    @AfterEach
    void close() {
        // null when the engine is not available here and the test was aborted before it opened one
        if (db != null) {
            db.close();
        }
    }

    private long count(String sql, Object... params) {
        return db.read(c -> Sql.count(c, sql, params));
    }

    @Test
    void migrationsApplyOnAFreshFileAndAreANoOpTheSecondTime() {
        int first = db.migrate();
        int second = db.migrate();

        assertTrue(first > 0, "a fresh database gets the schema: " + first);
        assertEquals(0, second, "nothing left to apply");
        for (String table : List.of("tenants", "users", "counters", "accounts", "promises", "promise_events", "outbox")) {
            assertEquals(0, count("SELECT COUNT(*) FROM " + table), table + " exists and is empty");
        }
    }

    @Test
    void migratingAgainAfterARestartAppliesNothing() {
        db.migrate();
        db.close();
        db = TestDatabases.open(url);

        assertEquals(0, db.migrate());
        assertTrue(db.isReady());
    }

    @Test
    void isReadyOnlyOnceMigrated() {
        assertFalse(db.isReady(), "a fresh, unmigrated database is not ready");

        db.migrate();

        assertTrue(db.isReady());
    }

    @Test
    void foreignKeysAreEnforced() {
        db.migrate();

        StoreException refused = assertThrows(StoreException.class, () -> db.write(c -> Sql.update(c,
                "INSERT INTO accounts (tenant_id, name, normalized_name, created_at) VALUES (999, 'Acme', 'acme', 0)")));

        assertTrue(refused.getMessage().toLowerCase().contains("foreign key"), refused.getMessage());
        assertEquals(0, count("SELECT COUNT(*) FROM accounts"));
    }

    @Test
    void aFailedWriteLeavesNothingBehind() {
        db.migrate();
        IllegalStateException boom = new IllegalStateException("boom");
        record Failure(String name, Exception thrown, Class<? extends RuntimeException> seen) {}
        List<Failure> failures = List.of(
                new Failure("runtime exception", boom, IllegalStateException.class),
                new Failure("SQL exception", new SQLException("disk said no"), StoreException.class));

        for (Failure failure : failures) {
            RuntimeException seen = assertThrows(RuntimeException.class, () -> db.write(c -> {
                Sql.update(c, "INSERT INTO tenants (platform, external_id, time_zone, created_at) VALUES ('SLACK', ?, 'UTC', 0)",
                        failure.name());
                Sql.update(c, "INSERT INTO tenants (platform, external_id, time_zone, created_at) VALUES ('SLACK', ?, 'UTC', 0)",
                        failure.name() + "-2");
                if (failure.thrown() instanceof SQLException sql) {
                    throw sql;
                }
                throw (RuntimeException) failure.thrown();
            }), failure.name());
            assertInstanceOf(failure.seen(), seen, failure.name());
        }

        assertSame(boom, assertThrows(IllegalStateException.class, () -> db.write(c -> {
            throw boom;
        })), "the caller's own exception comes back unchanged");
        assertEquals(0, count("SELECT COUNT(*) FROM tenants"), "both inserts rolled back each time");
        db.write(c -> Sql.update(c, "INSERT INTO tenants (platform, external_id, time_zone, created_at) VALUES ('SLACK', 'T1', 'UTC', 0)"));
        assertEquals(1, count("SELECT COUNT(*) FROM tenants"), "the writer connection is usable after a rollback");
    }

    @Test
    void aReadInsideAWriteSeesTheWritesRowsOnTheSameConnection() {
        db.migrate();

        long seen = db.write(c -> {
            Sql.update(c, "INSERT INTO tenants (platform, external_id, time_zone, created_at) VALUES ('SLACK', 'T1', 'UTC', 0)");
            // A second connection would not see the uncommitted row, and would take a second pool slot per thread.
            return db.read(r -> r == c ? Sql.count(r, "SELECT COUNT(*) FROM tenants") : -1L);
        });

        assertEquals(1, seen);
    }

    @Test
    void manyConcurrentWritersAllSucceedWithDistinctNumbers() throws Exception {
        db.migrate();
        long tenant = new TenantStore(db, TestClock.at(NOW), new HolidayCalendars()).findOrCreate(Platform.CONSOLE, "local").id();
        int threads = 8;
        int perThread = 50;
        ConcurrentLinkedQueue<Long> numbers = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        numbers.add(db.write(c -> Counters.next(c, tenant, "promise")));
                        // readers run alongside the writers, as WAL allows
                        db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM counters"));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS); // rethrows any SQLITE_BUSY as an ExecutionException
            }
        } finally {
            pool.shutdownNow();
        }

        Set<Long> distinct = new TreeSet<>(numbers);
        assertEquals(threads * perThread, numbers.size());
        assertEquals(LongStream.rangeClosed(1, threads * perThread).boxed().collect(Collectors.toCollection(TreeSet::new)), distinct,
                "every number from 1 to 400 handed out exactly once");
    }
}
