package io.holdfast.testing;

import io.holdfast.App;
import io.holdfast.config.Config;
import io.holdfast.store.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole product in OAuth mode (any workspace may install it) on a random port with a real SQLite file:
 * a person's browser goes through Add to Slack, Slack's servers send signed commands and events, and a
 * fake Slack answers {@code oauth.v2.access} and every Web API call, recording which token each carried.
 */
public final class HoldfastForEveryWorkspace implements AutoCloseable {
    public static final String SECRET = HoldfastOnSlack.SECRET;
    public static final String CLIENT_ID = "1111.2222";
    public static final String CLIENT_SECRET = "client-s3cr3t";
    /** Base64 of 32 bytes. */
    public static final String KEY = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";
    public static final String CHANNEL = HoldfastOnSlack.CHANNEL;
    public static final Duration WAIT = HoldfastOnSlack.WAIT;
    private static final Pattern STATE = Pattern.compile("state=([0-9a-zA-Z._-]+)");

    public final FakeSlackApi slack = new FakeSlackApi();
    public final TestClock clock;
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicLong sequence = new AtomicLong();
    private final String dbUrl;
    private final App app;
    private final SlackRequests requests;

    public HoldfastForEveryWorkspace(Path dir, Instant now) throws Exception {
        clock = TestClock.at(now, ZoneId.of("UTC"));
        dbUrl = TestDatabases.freshUrl(dir);
        app = App.serve(Config.fromEnvironment(Map.of(
                "HOLDFAST_PORT", "0",
                "HOLDFAST_DB_URL", dbUrl,
                "SLACK_SIGNING_SECRET", SECRET,
                "SLACK_CLIENT_ID", CLIENT_ID,
                "SLACK_CLIENT_SECRET", CLIENT_SECRET,
                "HOLDFAST_ENCRYPTION_KEY", KEY,
                "SLACK_API_URL", slack.methodsUrl())), clock);
        requests = new SlackRequests(url("/slack/events"), SECRET, clock);
    }

    /** A page as a browser gets it, with the cookies it sent. */
    public record Page(int status, String body, String setCookie) {
        /** The {@code state} in the page's Add to Slack link. */
        public String state() {
            Matcher m = STATE.matcher(body);
            if (!m.find()) {
                throw new AssertionError("no state in the page: " + body);
            }
            return m.group(1);
        }

        /** The cookie to send back, as a browser would ({@code name=value}). */
        public String cookie() {
            if (setCookie == null) {
                throw new AssertionError("the page set no cookie");
            }
            return setCookie.split(";", 2)[0];
        }
    }

    public Page get(String pathAndQuery, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(pathAndQuery)).timeout(Duration.ofSeconds(10)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return fetched(request);
    }

    /** Any request to {@code path}, with a body and no Slack signature, as anyone on the internet could send it. */
    public Page send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return fetched(request);
    }

    private Page fetched(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.body(), response.headers().firstValue("Set-Cookie").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A person installs Holdfast in {@code team}: Add to Slack, Allow, back to Holdfast. Returns the page they end on. */
    public Page install(String team, String teamName, String botToken) {
        Page start = get("/slack/install", null);
        String code = "code-" + sequence.incrementAndGet();
        slack.installable(code, team, teamName, botToken, "UINSTALLER");
        return get("/slack/oauth_redirect?code=" + code + "&state=" + start.state(), start.cookie());
    }

    public SlackResponse promise(String team, String user, String text) {
        return requests.slashCommand(team, user, CHANNEL, "/promise", text, slack.responseUrl("cmd"), "trigger-" + sequence.incrementAndGet());
    }

    public SlackResponse command(String team, String user, String command, String text) {
        return requests.slashCommand(team, user, CHANNEL, command, text, slack.responseUrl("cmd"), "trigger-" + sequence.incrementAndGet());
    }

    /**
     * An Events API delivery from Slack, signed; {@code retry} above 0 sends it as Slack's retry number
     * {@code retry} of the same {@code eventId}.
     */
    public SlackResponse event(String team, String eventId, String eventJson, int retry) {
        return event(team, eventId, eventJson, retry, clock.instant());
    }

    /** An Events API delivery of an event that happened at {@code happened}, e.g. one Slack delivers again minutes later. */
    public SlackResponse event(String team, String eventId, String eventJson, int retry, Instant happened) {
        String body = eventBody(team, eventId, eventJson, happened);
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(url("/slack/events")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", requests.signature(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (retry > 0) {
            request.header("X-Slack-Retry-Num", String.valueOf(retry)).header("X-Slack-Retry-Reason", "http_timeout");
        }
        try {
            HttpResponse<String> response = browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new SlackResponse(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JSON of an Events API delivery, as Slack sends it. */
    public String eventBody(String team, String eventId, String eventJson, Instant happened) {
        return "{\"token\":\"verification\",\"team_id\":\"" + team + "\",\"api_app_id\":\"" + FakeSlackApi.APP_ID + "\",\"event\":" + eventJson
                + ",\"type\":\"event_callback\",\"event_id\":\"" + eventId + "\",\"event_time\":" + happened.getEpochSecond() + "}";
    }

    public SlackResponse appUninstalled(String team, String eventId) {
        return event(team, eventId, appUninstalledEvent(clock.instant()), 0);
    }

    public static String appUninstalledEvent(Instant happened) {
        return "{\"type\":\"app_uninstalled\",\"event_ts\":\"" + happened.getEpochSecond() + ".000100\"}";
    }

    public SlackResponse botTokensRevoked(String team, String eventId, int retry) {
        return botTokensRevoked(team, eventId, retry, clock.instant());
    }

    /** {@code tokens_revoked} for the bot's token, which happened at {@code happened}. */
    public SlackResponse botTokensRevoked(String team, String eventId, int retry, Instant happened) {
        return event(team, eventId, "{\"type\":\"tokens_revoked\",\"tokens\":{\"oauth\":[],\"bot\":[\"" + FakeSlackApi.BOT_USER_ID + "\"]},"
                + "\"event_ts\":\"" + happened.getEpochSecond() + ".000200\"}", retry, happened);
    }

    public SlackRequests requests() {
        return requests;
    }

    public int checkDigests() {
        return app.digests().check();
    }

    public int checkNudges() {
        return app.promiseNudges().check();
    }

    public int deliverNow() {
        return app.delivery().deliverDue();
    }

    public long count(String sql, Object... params) {
        return app.database().read(c -> Sql.count(c, sql, params));
    }

    public String text(String sql, Object... params) {
        return app.database().read(c -> Sql.one(c, sql, rs -> rs.getString(1), params).orElse(null));
    }

    /** Runs a statement on the database behind Holdfast's back, e.g. to make its writes fail. */
    public void execute(String sql) {
        app.database().write(c -> {
            try (Statement statement = c.createStatement()) {
                return statement.executeUpdate(sql);
            }
        });
    }

    public String databaseUrl() {
        return dbUrl;
    }

    public long tenantOf(String team) {
        return count("SELECT id FROM tenants WHERE platform = 'SLACK' AND external_id = ?", team);
    }

    public boolean paused(String team) {
        return count("SELECT COUNT(*) FROM tenants WHERE external_id = ? AND paused_at IS NOT NULL", team) == 1;
    }

    public void await(String what, BooleanSupplier condition) {
        Await.until(what, WAIT, condition);
    }

    private URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + app.port() + pathAndQuery);
    }

    @Override
    public void close() throws Exception {
        try {
            app.close();
        } finally {
            slack.close();
        }
    }
}
