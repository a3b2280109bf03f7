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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole product on a random port with a real SQLite file, driven the way Microsoft Teams drives it:
 * activities POSTed to {@code /api/messages} as the Bot Connector sends them, with the bot's own calls
 * going to a fake Bot Connector that records them.
 */
public final class HoldfastOnTeams implements AutoCloseable {
    public static final String BOT_APP_ID = "6f1c2b7e-0d44-4a8b-9e3f-5a7c1d2e3f40";
    public static final String TEAM = "19:7d1f0c2e9a6b4c58@thread.tacv2";
    public static final String CHANNEL = "19:acme-renewals-5e2a@thread.tacv2";

    public final FakeBotConnector teams;
    public final TestClock clock;
    public final TeamsActivities activities;
    private final String dbUrl;
    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newHttpClient();
    private App app;

    /** Holdfast in insecure dev mode (no app id), the way the Bot Framework Emulator talks to it. */
    public HoldfastOnTeams(Path dir, Instant now) throws Exception {
        this(dir, now, Map.of("HOLDFAST_TEAMS_INSECURE_DEV", "true"));
    }

    public HoldfastOnTeams(Path dir, Instant now, Map<String, String> teamsEnv) throws Exception {
        this.teams = FakeBotConnector.start();
        this.clock = TestClock.at(now, ZoneId.of("UTC"));
        this.activities = new TeamsActivities(teams.serviceUrl(), teams.tenantId(), BOT_APP_ID, clock);
        this.dbUrl = TestDatabases.freshUrl(dir);
        Map<String, String> all = new HashMap<>(teamsEnv);
        // The bot's credentials are checked against the fake, never against Microsoft, unless a test says where.
        all.putIfAbsent("MICROSOFT_LOGIN_URL", teams.loginUrl());
        all.put("HOLDFAST_PORT", "0");
        all.put("HOLDFAST_DB_URL", dbUrl);
        this.env = Map.copyOf(all);
        start();
    }

    public void start() throws Exception {
        app = App.serve(Config.fromEnvironment(env), clock);
    }

    public void stop() throws Exception {
        app.close();
    }

    /** POSTs an activity as the Bot Connector does (no token: insecure dev mode); returns the HTTP status. */
    public int send(String activityJson) {
        return send(activityJson, null).statusCode();
    }

    public HttpResponse<String> send(String activityJson, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/messages"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(activityJson));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return get(request.build());
    }

    public HttpResponse<String> get(String path) {
        return get(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).GET().build());
    }

    private HttpResponse<String> get(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs one delivery pass now, as the worker does when woken. */
    public int deliverNow() {
        return app.delivery().deliverDue();
    }

    public int checkNudges() {
        return app.promiseNudges().check();
    }

    public int checkDigests() {
        return app.digests().check();
    }

    public int checkSlaClocks() {
        return app.slaWatch().check();
    }

    public long count(String sql, Object... params) {
        return app.database().read(c -> Sql.count(c, sql, params));
    }

    public String text(String sql, Object... params) {
        return app.database().read(c -> Sql.one(c, sql, rs -> rs.getString(1), params).orElse(null));
    }

    @Override
    public void close() throws Exception {
        try {
            app.close();
        } finally {
            teams.close();
        }
    }
}
