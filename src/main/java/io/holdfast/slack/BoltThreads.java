package io.holdfast.slack;

import com.slack.api.util.thread.DaemonThreadExecutorServiceProvider;
import com.slack.api.util.thread.ExecutorServiceProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Makes Bolt's thread pools (its {@code bolt-app-threads} executor, the auth.test cache cleaner of its
 * multi-workspace authorization) as Bolt would, and remembers them: Bolt stops none of them itself, not
 * even in {@code App.stop()}, so without this they would outlive Holdfast.
 */
final class BoltThreads implements ExecutorServiceProvider {
    private final ExecutorServiceProvider bolts = DaemonThreadExecutorServiceProvider.getInstance();
    private final List<ExecutorService> made = new CopyOnWriteArrayList<>();

    @Override
    public ExecutorService createThreadPoolExecutor(String threadGroupName, int poolSize) {
        return remember(bolts.createThreadPoolExecutor(threadGroupName, poolSize));
    }

    @Override
    public ScheduledExecutorService createThreadScheduledExecutor(String threadGroupName) {
        return remember(bolts.createThreadScheduledExecutor(threadGroupName));
    }

    /** Ends every pool made so far; Bolt's work there (cache cleaning, its own after-ack tasks) is not worth waiting for. */
    void stop() {
        made.forEach(ExecutorService::shutdownNow);
    }

    private <T extends ExecutorService> T remember(T pool) {
        made.add(pool);
        return pool;
    }
}
