package io.holdfast.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import io.holdfast.web.Readiness;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack over Socket Mode, for development behind a firewall: Bolt's {@link SocketModeApp} runs the same
 * Bolt app, with the same handlers as {@code /slack/events}, over a WebSocket Holdfast opens itself.
 * The address comes from {@code apps.connections.open} at {@code SLACK_API_URL}, asked with the app-level
 * token; Bolt reconnects on its own when Slack drops the connection, as it routinely does.
 */
public final class SlackSocketMode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlackSocketMode.class);
    /**
     * Envelopes handled at once. Without Bolt's pool a handler still waiting on Slack holds up every
     * envelope behind it (java-slack-sdk#1409) and Slack retries them after three seconds.
     */
    private static final int ENVELOPES_AT_ONCE = 10;
    /** Slack refreshes connections every few hours and Bolt needs a few seconds to reconnect; only a longer gap takes the replica out. */
    static final Duration RECONNECT_GRACE = Duration.ofSeconds(60);

    private final SocketModeApp socketMode;
    private final SlackSocketModeProbe probe;
    private volatile SocketModeClient client;
    private volatile boolean closed;

    public SlackSocketMode(App bolt, String appToken, Clock clock) {
        try {
            socketMode = new SocketModeApp(appToken, bolt, SocketModeClient.Backend.JavaWebSocket, ENVELOPES_AT_ONCE);
        } catch (IOException e) {
            // The constructor only declares it: the client, and its call to Slack, are made in start().
            throw new IllegalStateException(e);
        }
        probe = new SlackSocketModeProbe(this::isConnected, clock, RECONNECT_GRACE);
    }

    /**
     * Asks Slack for a connection and returns while it opens; envelopes are then handled on Bolt's pool. Fails
     * when Slack refuses either token or can't be reached.
     */
    public void start() {
        try {
            socketMode.startAsync();
        } catch (Exception e) {
            throw new IllegalStateException("Slack Socket Mode did not start: check SLACK_BOT_TOKEN, SLACK_APP_TOKEN (xapp-, with connections:write), "
                    + "that Socket Mode is on in the app settings, and SLACK_API_URL", e);
        }
        client = socketMode.getClient();
        log.info("Slack Socket Mode is connecting (for development: production uses HTTP at /slack/events); /readyz shows the connection");
    }

    /** The {@code /readyz} line: connected, or reconnecting, and down only after {@link #RECONNECT_GRACE} without a connection. */
    public Supplier<Readiness.State> readiness() {
        return probe;
    }

    /** Pings Slack over the current connection; blocks up to three seconds when the pong doesn't come. */
    private boolean isConnected() {
        SocketModeClient current = client;
        return !closed && current != null && current.verifyConnection();
    }

    /** Disconnects and ends every thread Socket Mode started; never throws, so the steps after it in shutdown still run. */
    @Override
    public void close() {
        closed = true;
        // SocketModeApp.close() forgets its client without closing it, which would leave the client's pollers running.
        SocketModeClient open = socketMode.getClient();
        try {
            socketMode.close();
        } catch (Exception e) {
            log.warn("Slack Socket Mode did not stop cleanly: {}", e.toString());
        } finally {
            if (open != null) {
                try {
                    open.close();
                } catch (IOException | RuntimeException e) {
                    log.warn("the Slack Socket Mode connection did not close cleanly: {}", e.toString());
                }
            }
        }
    }
}
