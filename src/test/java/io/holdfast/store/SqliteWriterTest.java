package io.holdfast.store;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The group commit behind every SQLite write: several callers' transactions share one commit, yet
 * each caller's work is still all-or-nothing and nobody hears "done" before the commit succeeded.
 * Batches are formed for real by keeping the writer busy while the other callers queue.
 */
class SqliteWriterTest {
    @TempDir
    Path dir;
    SQLiteDataSource source;
    SqliteWriter writer;
    final ThreadLocal<Connection> inWrite = new ThreadLocal<>();
    final ExecutorService callers = Executors.newCachedThreadPool();
    final List<Thread> callerThreads = java.util.Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void open() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.enforceForeignKeys(true);
        source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + dir.resolve("writer.db"));
        try (Connection c = source.getConnection()) {
            c.createStatement().execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
            c.createStatement().execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, account_id INTEGER REFERENCES accounts (id) "
                    + "DEFERRABLE INITIALLY DEFERRED, text TEXT NOT NULL)");
        }
        writer = new SqliteWriter(source, inWrite, Duration.ofSeconds(30), source, Duration.ZERO);
    }

    @AfterEach
    void close() {
        release.countDown();
        callers.shutdownNow();
        writer.close();
    }

    private Future<Integer> call(Database.Work<Integer> work) {
        return callers.submit(() -> {
            callerThreads.add(Thread.currentThread());
            return writer.write(work);
        });
    }

    /** Keeps the writer inside a first job until {@link #release} opens, so what is written meanwhile queues into one batch. */
    private Future<Integer> holdTheWriter() {
        CountDownLatch started = new CountDownLatch(1);
        Future<Integer> busy = call(c -> {
            started.countDown();
            try {
                assertTrue(release.await(20, TimeUnit.SECONDS), "the test never let the writer go");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return insertAccount(c, "first");
        });
        try {
            assertTrue(started.await(10, TimeUnit.SECONDS), "the writer never started the first job");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return busy;
    }

    /** Every caller is parked waiting for its outcome, so its job is in the queue. */
    private void awaitQueued(int callers) {
        Await.until(callers + " callers queued", Duration.ofSeconds(10), () -> callerThreads.size() == callers + 1
                && callerThreads.stream().skip(1).allMatch(t -> t.getState() == Thread.State.TIMED_WAITING));
    }

    private static int insertAccount(Connection c, String name) throws SQLException {
        return Sql.update(c, "INSERT INTO accounts (name) VALUES (?)", name);
    }

    private List<String> accounts() throws SQLException {
        try (Connection c = source.getConnection()) {
            return Sql.list(c, "SELECT name FROM accounts ORDER BY id", rs -> rs.getString(1));
        }
    }

    private static Throwable failureOf(Future<?> call) {
        return assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS)).getCause();
    }

    @Test
    void writesQueuedTogetherCommitTogetherAndOneThatFailsLeavesNothingOfItsOwn() throws Exception {
        Future<Integer> first = holdTheWriter();
        List<Future<Integer>> queued = new ArrayList<>();
        IllegalArgumentException refusal = new IllegalArgumentException("There's no account called Globex.");
        for (int i = 1; i <= 4; i++) {
            String name = "acme-" + i;
            queued.add(call(c -> {
                int inserted = insertAccount(c, name);
                if (name.equals("acme-3")) {
                    throw refusal;
                }
                return inserted;
            }));
            // One at a time, so the queue (and so the commit) holds them in this order.
            awaitQueued(i);
        }
        release.countDown();

        assertEquals(1, first.get(10, TimeUnit.SECONDS));
        assertAll(
                () -> assertEquals(1, queued.get(0).get(10, TimeUnit.SECONDS)),
                () -> assertEquals(1, queued.get(1).get(10, TimeUnit.SECONDS)),
                () -> assertSame(refusal, failureOf(queued.get(2)), "the caller gets its own exception, as thrown"),
                () -> assertEquals(1, queued.get(3).get(10, TimeUnit.SECONDS)));
        assertEquals(List.of("first", "acme-1", "acme-2", "acme-4"), accounts(), "acme-3's row was rolled back with its work; the rest kept");
    }

    @Test
    void whenTheSharedCommitFailsEveryCallerInTheBatchIsToldAndNothingIsKept() throws Exception {
        Future<Integer> first = holdTheWriter();
        Future<Integer> fine = call(c -> insertAccount(c, "acme"));
        // A deferred foreign key is only checked at COMMIT: this note's missing account fails the whole batch there.
        Future<Integer> dangling = call(c -> Sql.update(c, "INSERT INTO notes (account_id, text) VALUES (999, 'orphan')"));
        awaitQueued(2);
        release.countDown();

        assertEquals(1, first.get(10, TimeUnit.SECONDS), "the first write had committed on its own");
        assertAll(
                () -> assertInstanceOf(SQLException.class, failureOf(fine).getCause(), "told the commit failed, though its own work was fine"),
                () -> assertInstanceOf(SQLException.class, failureOf(dangling).getCause()));
        assertEquals(List.of("first"), accounts(), "nothing of the failed batch was kept");

        assertEquals(Integer.valueOf(1), writer.<Integer>write(c -> insertAccount(c, "after")));
        assertEquals(List.of("first", "after"), accounts(), "the writer carries on after a failed batch");
    }

    @Test
    void workThatLeavesTheWriterInterruptedDoesNotStopLaterWrites() {
        writer.write(c -> {
            // as code that catches InterruptedException and restores the flag would leave it
            Thread.currentThread().interrupt();
            return insertAccount(c, "before");
        });

        assertEquals(Integer.valueOf(1), writer.<Integer>write(c -> insertAccount(c, "after")));
        assertTrue(writer.isRunning());
    }

    /**
     * The writer copies the log into the database file itself once its interval has passed, so the log
     * starts again from its beginning instead of growing; here every batch is due. 300 one-row commits
     * stay under SQLite's own automatic checkpoint (1,000 pages), so without the writer's the log would
     * hold every one of them.
     */
    @Test
    void theWriteAheadLogIsCopiedIntoTheDatabaseAndBegunAgain() throws Exception {
        Path log = dir.resolve("writer.db-wal");
        // The last connection to close would checkpoint the log itself; this one stays open, as the app's readers do.
        try (Connection reader = source.getConnection()) {
            for (int i = 0; i < 300; i++) {
                String name = "account " + i;
                writer.write(c -> insertAccount(c, name));
            }
            long checkpointed = Files.size(log);

            writer.close();
            writer = new SqliteWriter(source, inWrite, Duration.ofSeconds(30), source, Duration.ofHours(1));
            for (int i = 0; i < 300; i++) {
                String name = "later account " + i;
                writer.write(c -> insertAccount(c, name));
            }

            assertTrue(checkpointed < 100 * 4096, "the log stayed short: " + checkpointed + " bytes");
            assertTrue(Files.size(log) > 300 * 4096, "without the writer's checkpoint every commit stays in the log: " + Files.size(log) + " bytes");
            assertEquals(600, accounts().size());
        }
    }

    @Test
    void aCallerThatGivesUpWaitingLeavesNothingBehind() throws Exception {
        writer.close();
        writer = new SqliteWriter(source, inWrite, Duration.ofMillis(200), source, Duration.ZERO);
        Future<Integer> first = holdTheWriter();

        Throwable gaveUp = failureOf(call(c -> insertAccount(c, "too late")));
        release.countDown();
        first.get(10, TimeUnit.SECONDS);

        assertInstanceOf(StoreException.class, gaveUp);
        assertTrue(gaveUp.getMessage().contains("nothing was written"), gaveUp.getMessage());
        assertEquals(List.of("first"), accounts(), "the abandoned write never ran");
    }

    @Test
    void workSeesItsTransactionAsTheOneNestedWritesAndReadsJoin() throws Exception {
        int seen = writer.write(c -> {
            insertAccount(c, "outer");
            assertSame(c, inWrite.get(), "work sees its own transaction's connection");
            return Sql.list(c, "SELECT name FROM accounts", rs -> rs.getString(1)).size();
        });

        assertEquals(1, seen);
        assertEquals(List.of("outer"), accounts());
    }
}
