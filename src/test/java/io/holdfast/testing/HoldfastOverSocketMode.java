package io.holdfast.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.holdfast.App;
import io.holdfast.config.Config;
import io.holdfast.store.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * The whole product on a random port with a real SQLite file, reached by Slack over Socket Mode: no signing
 * secret, an app-level token, envelopes in over a WebSocket from a fake Socket Mode server, Web API calls out
 * to a fake Slack. The envelopes carry exactly the payloads {@link SlackRequests} posts over HTTP.
 */
public final class HoldfastOverSocketMode implements AutoCloseable {
    public static final String TEAM = FakeSlackApi.DEFAULT_TEAM_ID;
    public static final String CHANNEL = HoldfastOnSlack.CHANNEL;
    public static final String APP_TOKEN = "xapp-1-A0HOLDFAST-1111-s0cketm0de";
    public static final Duration WAIT = HoldfastOnSlack.WAIT;

    public final FakeSlackApi slack = new FakeSlackApi();
    public final FakeSocketModeServer socket = new FakeSocketModeServer();
    public final TestClock clock;
    private final App app;
    private final SlackRequests payloads;
    private final HttpClient http = HttpClient.newHttpClient();
    private int triggers;
    private boolean stopped;

    public HoldfastOverSocketMode(Path dir, Instant now) throws Exception {
        clock = TestClock.at(now, ZoneId.of("UTC"));
        slack.socketModeAt(socket::nextUrl);
        app = App.serve(Config.fromEnvironment(Map.of(
                "HOLDFAST_PORT", "0",
                "HOLDFAST_DB_URL", TestDatabases.freshUrl(dir),
                "SLACK_BOT_TOKEN", "xoxb-test-token",
                "SLACK_APP_TOKEN", APP_TOKEN,
                "SLACK_API_URL", slack.methodsUrl())), clock);
        // Only builds payloads here; nothing is signed in Socket Mode.
        payloads = new SlackRequests(URI.create(url("/slack/events")), "unused-in-socket-mode", clock);
    }

    /** Runs {@code /promise text} as {@code user} over the socket; returns the ack's payload (what the user sees). */
    public JsonObject promise(String user, String text) {
        return command(user, "/promise", text);
    }

    public JsonObject command(String user, String command, String text) {
        String form = payloads.slashCommandBody(TEAM, user, CHANNEL, command, text, slack.responseUrl("cmd"), "socket-trigger-" + (++triggers));
        JsonObject ack = socket.slashCommand(fields(form), WAIT);
        return ack.has("payload") ? ack.getAsJsonObject("payload") : new JsonObject();
    }

    /** Presses a button on a card over the socket; returns the whole ack. */
    public JsonObject press(String user, String actionId, String value) {
        String form = payloads.blockActionBody(TEAM, user, CHANNEL, "1764000000.000100", actionId, value, slack.responseUrl("btn"),
                "socket-trigger-" + (++triggers));
        return socket.interactive(JsonParser.parseString(fields(form).get("payload").getAsString()).getAsJsonObject(), WAIT);
    }

    public HttpResponse<String> get(String path) {
        return http(HttpRequest.newBuilder(URI.create(url(path))).build());
    }

    public HttpResponse<String> post(String path, String body) {
        return http(HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public long count(String sql, Object... params) {
        return app.database().read(c -> Sql.count(c, sql, params));
    }

    public String text(String sql, Object... params) {
        return app.database().read(c -> Sql.one(c, sql, rs -> rs.getString(1), params).orElse(null));
    }

    /** Stops Holdfast only; the fakes stay up so a test can see what the shutdown did to them. */
    public void stop() throws Exception {
        if (!stopped) {
            stopped = true;
            app.close();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stop();
        } finally {
            try {
                socket.close();
            } finally {
                slack.close();
            }
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    private HttpResponse<String> http(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A form body as the JSON object Slack sends in a Socket Mode envelope: the same fields, every value a string. */
    private static JsonObject fields(String form) {
        JsonObject json = new JsonObject();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            json.addProperty(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return json;
    }
}
