package io.holdfast.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Holdfast's {@code serve} in a process of its own, on the real clock, so a test can kill it outright
 * (SIGKILL) in the middle of its work, as a crashed pod or a lost node would end it.
 */
public final class ReplicaProcess implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final SlackRequests requests;
    private final FakeSlackApi slack;
    private int triggers;

    private ReplicaProcess(Process process, int port, FakeSlackApi slack) {
        this.process = process;
        this.port = port;
        this.slack = slack;
        this.requests = new SlackRequests(URI.create("http://127.0.0.1:" + port + "/slack/events"), HoldfastOnSlack.SECRET, Clock.systemUTC());
    }

    /** Starts a replica on {@code dbUrl} talking to {@code slack}, and waits until it is ready; its log goes to {@code log}. */
    public static ReplicaProcess start(String dbUrl, FakeSlackApi slack, Path log) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.holdfast.Main", "serve")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("HOLDFAST_PORT", String.valueOf(port));
        builder.environment().put("HOLDFAST_DB_URL", dbUrl);
        builder.environment().put("SLACK_SIGNING_SECRET", HoldfastOnSlack.SECRET);
        builder.environment().put("SLACK_BOT_TOKEN", "xoxb-test-token");
        builder.environment().put("SLACK_API_URL", slack.methodsUrl());
        ReplicaProcess replica = new ReplicaProcess(builder.start(), port, slack);
        replica.awaitReady();
        return replica;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        process.destroyForcibly();
        throw new AssertionError("the replica process never became ready (alive: " + process.isAlive() + ")");
    }

    public SlackResponse command(String user, String command, String text) {
        return requests.slashCommand(HoldfastOnSlack.TEAM, user, HoldfastOnSlack.CHANNEL, command, text, slack.responseUrl("cmd"),
                "process-trigger-" + (++triggers));
    }

    /** Ends the process with SIGKILL: no shutdown hook, no last delivery pass, connections simply drop. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the replica process did not die");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
