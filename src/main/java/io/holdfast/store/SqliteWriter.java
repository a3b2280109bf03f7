package io.holdfast.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's one writer, as a thread: callers hand it their write transactions and wait, and it runs
 * everything queued at that moment inside one transaction, each caller's work in its own savepoint,
 * and commits once (group commit). Profiling the acknowledgement benchmark showed request threads
 * queueing for the single write connection, with the commit and the hand-over of the connection from
 * thread to thread a large share of each command's time; one hot thread that commits many commands
 * together spends that once per batch.
 *
 * <p>Each caller still gets all-or-nothing: work that throws is rolled back to its savepoint alone,
 * and nobody is told "done" before the commit that holds their rows succeeded.
 */
final class SqliteWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqliteWriter.class);
    private static final int MAX_BATCH = 64;
    private static final Duration OWN_CHECKPOINT_AT_LEAST_EVERY = Duration.ofSeconds(2);

    private final DataSource connections;
    private final ThreadLocal<Connection> inWrite;
    private final Duration queueTimeout;
    private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private final SqliteStatements statements = new SqliteStatements();
    private final DataSource checkpointConnections;
    private final Duration checkpointEvery;
    private final ExecutorService checkpointer = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "holdfast-sqlite-checkpointer");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean checkpointerIdle = new AtomicBoolean(true);
    /** Set by the checkpointer when it has copied the log; the writer then copies what was committed meanwhile. */
    private volatile boolean copiedInBackground;
    private long lastCheckpoint = System.nanoTime();
    private long lastOwnCheckpoint = System.nanoTime();

    /**
     * @param connections the pool holding SQLite's single write connection
     * @param inWrite set on the writer thread during a batch, so writes and reads made from inside the
     *        work join its transaction
     * @param queueTimeout how long a caller waits for its turn before giving up with nothing written
     * @param checkpointConnections where the background copy of the log into the database file gets its connection
     * @param checkpointEvery how often, at most, that copy starts; the write connection's own automatic checkpoint
     *        must be off ({@code PRAGMA wal_autocheckpoint=0})
     */
    SqliteWriter(DataSource connections, ThreadLocal<Connection> inWrite, Duration queueTimeout, DataSource checkpointConnections,
                 Duration checkpointEvery) {
        this.connections = connections;
        this.checkpointConnections = checkpointConnections;
        this.inWrite = inWrite;
        this.queueTimeout = queueTimeout;
        this.checkpointEvery = checkpointEvery;
        this.thread = new Thread(this::loop, "holdfast-sqlite-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private static final class Job<T> {
        final Database.Work<T> work;
        final CompletableFuture<T> result = new CompletableFuture<>();
        /** Set by whoever decides the job's fate first: the writer starting it, or its caller giving up. */
        final AtomicBoolean taken = new AtomicBoolean();
        T value;

        Job(Database.Work<T> work) {
            this.work = work;
        }

        void run(Connection c) throws SQLException {
            value = work.run(c);
        }

        void succeed() {
            result.complete(value);
        }
    }

    <T> T write(Database.Work<T> work) {
        if (!running) {
            throw new StoreException("the database is closed");
        }
        if (!thread.isAlive()) {
            throw new StoreException("the SQLite writer has stopped; nothing was written");
        }
        Job<T> job = new Job<>(work);
        queue.add(job);
        // close() may have drained the queue between the check above and the add.
        if (!running && job.taken.compareAndSet(false, true)) {
            throw new StoreException("the database is closed");
        }
        try {
            return job.result.get(queueTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (job.taken.compareAndSet(false, true)) {
                throw new StoreException("the database stayed busy for " + queueTimeout.toSeconds() + " s; nothing was written");
            }
            return outcome(job);
        } catch (InterruptedException e) {
            if (job.taken.compareAndSet(false, true)) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted before the write began; nothing was written");
            }
            T value = outcome(job);
            Thread.currentThread().interrupt();
            return value;
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    /** Waits, uninterruptibly, for a job the writer has already started: its caller must learn whether it committed. */
    private static <T> T outcome(Job<T> job) {
        try {
            return job.result.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw rethrown(e.getCause());
        }
    }

    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof SQLException sql) {
            return new StoreException(sql);
        }
        return new StoreException(new SQLException(failure));
    }

    private void loop() {
        while (running || !queue.isEmpty()) {
            try {
                Job<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Job<?>> batch = new ArrayList<>();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                batch.removeIf(job -> !job.taken.compareAndSet(false, true));
                if (!batch.isEmpty()) {
                    commit(batch);
                }
            } catch (InterruptedException e) {
                // Only close() ends the writer; an interrupt (one a job left set included) is not a reason to stop writing.
                log.debug("the SQLite writer was interrupted; carrying on");
            } catch (RuntimeException | Error e) {
                log.error("the SQLite writer failed a batch", e);
            } finally {
                Thread.interrupted();
            }
        }
    }

    /**
     * The transaction is begun and ended by hand, with JDBC's auto-commit left on: sqlite-jdbc's
     * {@code commit()} also begins the next transaction, and if that failed after the COMMIT had
     * succeeded, callers whose rows were saved would be told they were not.
     */
    private void commit(List<Job<?>> batch) {
        List<Job<?>> done = new ArrayList<>(batch.size());
        try (Connection pooled = connections.getConnection()) {
            Connection c = statements.around(pooled);
            statements.control("BEGIN IMMEDIATE").execute();
            inWrite.set(c);
            try {
                if (batch.size() == 1) {
                    batch.get(0).run(c);
                    done.add(batch.get(0));
                } else {
                    runEachInItsSavepoint(c, batch, done);
                }
                statements.control("COMMIT").execute();
            } catch (SQLException | RuntimeException | Error e) {
                rollBack();
                batch.stream().filter(job -> !job.result.isDone()).forEach(job -> job.result.completeExceptionally(e));
                return;
            } finally {
                inWrite.remove();
            }
            done.forEach(Job::succeed);
            checkpointIfDue();
        } catch (SQLException e) {
            batch.stream().filter(job -> !job.result.isDone()).forEach(job -> job.result.completeExceptionally(e));
        }
    }

    /**
     * Keeps the write-ahead log short without making commands wait for it to be copied into the database
     * file. SQLite's automatic checkpoint (off on the write connection) copied about a thousand pages and
     * synced the file inside a COMMIT, and every command queued meanwhile waited: in the acknowledgement
     * benchmark all 32 connections stalled for some 30 ms four times a second, which set the 99th
     * percentile. Now a background thread copies the log on its own connection while the writer goes on
     * (a PASSIVE checkpoint does not block writers). Once it is done, the writer copies the few pages
     * committed during the copy, after answering its batch: then the whole log is in the database file,
     * and the next transaction starts the log over instead of letting it grow.
     */
    private void checkpointIfDue() {
        long now = System.nanoTime();
        // Also when the background copies have not got there for a while (failing, or waiting for a
        // connection while readers are busy): the log must not grow without end.
        if (copiedInBackground || now - lastOwnCheckpoint > OWN_CHECKPOINT_AT_LEAST_EVERY.toNanos()) {
            copiedInBackground = false;
            lastOwnCheckpoint = now;
            try (ResultSet ignored = statements.control("PRAGMA wal_checkpoint(PASSIVE)").executeQuery()) {
                log.trace("copied the rest of the write-ahead log");
            } catch (SQLException e) {
                log.warn("copying the rest of the write-ahead log failed; the next checkpoint tries again: {}", e.getMessage());
            }
            return;
        }
        if (now - lastCheckpoint < checkpointEvery.toNanos() || !checkpointerIdle.compareAndSet(true, false)) {
            return;
        }
        lastCheckpoint = now;
        try {
            checkpointer.execute(this::copyLogInBackground);
        } catch (RejectedExecutionException closing) {
            checkpointerIdle.set(true);
        }
    }

    private void copyLogInBackground() {
        try (Connection c = checkpointConnections.getConnection(); Statement statement = c.createStatement();
             ResultSet ignored = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            copiedInBackground = true;
        } catch (SQLException e) {
            log.warn("checkpointing the write-ahead log failed; trying again later: {}", e.getMessage());
        } finally {
            checkpointerIdle.set(true);
        }
    }

    /** After a failed COMMIT SQLite may already have rolled back on its own; then there is nothing left to undo. */
    private void rollBack() {
        try {
            statements.control("ROLLBACK").execute();
        } catch (SQLException e) {
            log.debug("nothing to roll back: {}", e.getMessage());
        }
    }

    /** A job whose work fails is rolled back alone and told at once; the others go on to the commit. */
    private void runEachInItsSavepoint(Connection c, List<Job<?>> batch, List<Job<?>> done) throws SQLException {
        for (Job<?> job : batch) {
            statements.control("SAVEPOINT job").execute();
            try {
                job.run(c);
                statements.control("RELEASE job").execute();
                done.add(job);
            } catch (SQLException | RuntimeException | Error e) {
                statements.control("ROLLBACK TO job").execute();
                statements.control("RELEASE job").execute();
                job.result.completeExceptionally(e);
            }
        }
    }

    /** Writes waiting for their turn, the batch being committed not counted. */
    int queued() {
        return queue.size();
    }

    /** False once the writer thread has ended: every write would fail, so the replica is not ready. */
    boolean isRunning() {
        return running && thread.isAlive();
    }

    /** Finishes what is queued, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
            // After the writer, which may still start a copy; a copy under way holds a connection to the file.
            checkpointer.shutdown();
            checkpointer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            checkpointer.shutdownNow();
            Thread.currentThread().interrupt();
        }
        for (Job<?> left = queue.poll(); left != null; left = queue.poll()) {
            if (left.taken.compareAndSet(false, true)) {
                left.result.completeExceptionally(new StoreException("the database closed before this write could run"));
            }
        }
    }
}
