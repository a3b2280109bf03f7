package io.holdfast.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A local stand-in for the Slack Web API and for {@code response_url}s, answering the way Slack does and
 * recording every call for assertions.
 *
 * <p>Point the SDK at it with {@code new SlackConfig().setMethodsEndpointUrlPrefix(fake.methodsUrl())}.
 * Tests wait for the calls they expect with {@link #awaitCall}, which wakes on each recorded call instead of
 * polling.
 */
public final class FakeSlackApi implements AutoCloseable {

    public static final String DEFAULT_TEAM_ID = "T0001";
    public static final String BOT_USER_ID = "UBOT";
    public static final String BOT_ID = "BBOT";
    public static final String APP_ID = "A0HOLDFAST";
    /** The method name recorded for a POST to one of the {@link #responseUrl(String)} addresses. */
    public static final String RESPONSE_URL = "response_url";
    public static final String DEFAULT_TIME_ZONE = "America/New_York";

    static final String METHODS_PATH = "/api/";
    static final String RESPONSE_PATH = "/response/";

    // Slack message timestamps are "seconds.micros" strings; these start late in 2025 and only grow.
    private static final long TS_EPOCH_SECONDS = 1_764_000_000L;

    private final String teamId;
    private final HttpServer server;
    private final ExecutorService executor;

    // The log's lock also guards faults, so a call is recorded and its fault taken in one step.
    private final CallLog<SlackCall> calls = new CallLog<>(call -> call.method() + " " + call.params());
    private final Map<String, Deque<Fault>> faults = new HashMap<>();

    private final Map<String, FakeUser> users = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    private final Map<String, List<String>> groups = new ConcurrentHashMap<>();
    private final Map<String, Workspace> installCodes = new ConcurrentHashMap<>();
    private final Map<String, Workspace> workspacesByToken = new ConcurrentHashMap<>();
    private final AtomicLong messageSequence = new AtomicLong();
    private final AtomicLong viewSequence = new AtomicLong();
    private volatile Supplier<String> socketModeUrls;

    public FakeSlackApi() {
        this(DEFAULT_TEAM_ID);
    }

    /** Starts the fake on a free loopback port, as the workspace {@code teamId}. */
    public FakeSlackApi(String teamId) {
        this.teamId = teamId;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the fake Slack API", e);
        }
        // Several threads, so an app calling Slack concurrently isn't serialised by its fake.
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-slack-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(METHODS_PATH, exchange -> handle(exchange, this::methodName));
        server.createContext(RESPONSE_PATH, exchange -> handle(exchange, path -> RESPONSE_URL));
        server.start();
    }

    /** The value for {@code SlackConfig.setMethodsEndpointUrlPrefix}; ends with a slash. */
    public String methodsUrl() {
        return baseUrl() + METHODS_PATH;
    }

    /** A {@code response_url} whose POSTs are recorded as {@value #RESPONSE_URL} calls. */
    public String responseUrl(String id) {
        return baseUrl() + RESPONSE_PATH + id;
    }

    public String teamId() {
        return teamId;
    }

    /** Makes {@code users.info} describe {@code userId} this way; unknown users get a generic profile. */
    public FakeSlackApi user(String userId, String realName, String timeZone, boolean isAdmin) {
        users.put(userId, new FakeUser(userId, realName, ZoneId.of(timeZone), isAdmin));
        return this;
    }

    /**
     * The next call to {@code method} is recorded at once but answered only when the returned latch is
     * counted down, so a test can hold a request in flight (e.g. across a shutdown).
     */
    public CountDownLatch holdNext(String method) {
        CountDownLatch gate = new CountDownLatch(1);
        gates.put(method, gate);
        return gate;
    }

    /** Makes {@code apps.connections.open} hand out these WebSocket URLs (a new one per call), as Slack does for Socket Mode. */
    public FakeSlackApi socketModeAt(Supplier<String> urls) {
        socketModeUrls = urls;
        return this;
    }

    /** Makes {@code usergroups.users.list} list these members for the user group {@code groupId}. */
    public FakeSlackApi group(String groupId, String... members) {
        groups.put(groupId, List.of(members));
        return this;
    }

    /**
     * A workspace that can install the app: {@code oauth.v2.access} with {@code code} answers with this team
     * and bot token (once, as Slack's codes are single-use), and {@code auth.test} with that token names this team.
     */
    public FakeSlackApi installable(String code, String teamId, String teamName, String botToken, String installerUserId) {
        Workspace workspace = new Workspace(teamId, teamName, botToken, installerUserId);
        installCodes.put(code, workspace);
        workspacesByToken.put(botToken, workspace);
        return this;
    }

    /** The next call to {@code method} gets HTTP 200 with {@code ok:false} and this error. */
    public FakeSlackApi failNext(String method, String slackError) {
        addFaults(method, 1, new Fault(200, slackError, 0));
        return this;
    }

    /** The next {@code times} calls to {@code method} fail with HTTP 500, as Slack does now and then. */
    public FakeSlackApi serverErrorNext(String method, int times) {
        addFaults(method, times, new Fault(500, "internal_error", 0));
        return this;
    }

    /** The next {@code times} calls to {@code method} get HTTP 429 with this {@code Retry-After}. */
    public FakeSlackApi rateLimitNext(String method, int times, int retryAfterSeconds) {
        addFaults(method, times, new Fault(429, "ratelimited", retryAfterSeconds));
        return this;
    }

    public List<SlackCall> calls() {
        return calls.all();
    }

    public List<SlackCall> calls(String method) {
        return calls.matching(to(method));
    }

    public int count(String method) {
        return calls(method).size();
    }

    /** The first call to {@code method} that matches, waiting up to {@code timeout} for it to arrive. */
    public SlackCall awaitCall(String method, Predicate<SlackCall> match, Duration timeout) {
        return calls.await(recorded -> recorded.stream().filter(to(method)).filter(match).findFirst(),
                timeout, "no matching " + method + " call");
    }

    public SlackCall awaitCall(String method, Duration timeout) {
        return awaitCall(method, call -> true, timeout);
    }

    /** The first Home tab published for {@code userId} ({@code views.publish}) that matches, waiting up to {@code timeout}. */
    public SlackCall awaitHome(String userId, Predicate<SlackCall> match, Duration timeout) {
        return awaitCall("views.publish", call -> userId.equals(call.param("user_id")) && match.test(call), timeout);
    }

    /** Waits until {@code method} has been called at least {@code count} times; returns those calls. */
    public List<SlackCall> awaitCount(String method, int count, Duration timeout) {
        return calls.await(recorded -> {
            List<SlackCall> sofar = recorded.stream().filter(to(method)).toList();
            return sofar.size() >= count ? Optional.of(sofar) : Optional.empty();
        }, timeout, "fewer than " + count + " " + method + " calls");
    }

    /** Forgets recorded calls and pending faults; users and the team stay configured. */
    public void reset() {
        calls.locked(() -> {
            calls.clear();
            faults.clear();
            return null;
        });
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private String methodName(String path) {
        return path.substring(METHODS_PATH.length());
    }

    private void handle(HttpExchange exchange, Function<String, String> methodOf) throws IOException {
        try (exchange) {
            try {
                String path = exchange.getRequestURI().getPath();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> params = new LinkedHashMap<>(parseForm(exchange.getRequestURI().getRawQuery()));
                params.putAll(isJson(exchange) ? parseJsonFields(body) : parseForm(body));
                SlackCall call = new SlackCall(methodOf.apply(path), params, body,
                        exchange.getRequestHeaders().getFirst("Authorization"), path);

                Fault fault = recordAndTakeFault(call);
                CountDownLatch gate = gates.remove(call.method());
                if (gate != null && !gate.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("a held " + call.method() + " call was never released");
                }
                if (fault == null) {
                    respond(exchange, 200, answer(call, exchange));
                } else {
                    if (fault.status() == 429) {
                        exchange.getResponseHeaders().set("Retry-After", String.valueOf(fault.retryAfterSeconds()));
                    }
                    respond(exchange, fault.status(), error(fault.error()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                respond(exchange, 500, error("fake_slack_api_interrupted"));
            } catch (RuntimeException e) {
                // Without this the JDK server drops the connection and the client sees only an IOException.
                respond(exchange, 500, error("fake_slack_api_bug: " + e));
            }
        }
    }

    private Fault recordAndTakeFault(SlackCall call) {
        return calls.locked(() -> {
            calls.record(call);
            Deque<Fault> pending = faults.get(call.method());
            return pending == null ? null : pending.poll();
        });
    }

    private JsonObject answer(SlackCall call, HttpExchange exchange) {
        JsonObject answer = new JsonObject();
        answer.addProperty("ok", true);
        switch (call.method()) {
            case "oauth.v2.access" -> {
                Workspace installing = installCodes.remove(String.valueOf(call.param("code")));
                if (installing == null) {
                    return error("invalid_code");
                }
                answer.addProperty("app_id", APP_ID);
                answer.addProperty("access_token", installing.botToken());
                answer.addProperty("token_type", "bot");
                answer.addProperty("scope", "commands,chat:write,chat:write.public,users:read,usergroups:read");
                answer.addProperty("bot_user_id", BOT_USER_ID);
                JsonObject team = new JsonObject();
                team.addProperty("id", installing.teamId());
                team.addProperty("name", installing.teamName());
                answer.add("team", team);
                answer.add("enterprise", JsonNull.INSTANCE);
                answer.addProperty("is_enterprise_install", false);
                JsonObject installer = new JsonObject();
                installer.addProperty("id", installing.installerUserId());
                answer.add("authed_user", installer);
            }
            case "auth.test" -> {
                Workspace known = workspacesByToken.get(bearer(call.authorization()));
                answer.addProperty("url", "https://holdfast-test.slack.com/");
                answer.addProperty("team", known == null ? "Holdfast Test" : known.teamName());
                answer.addProperty("user", "holdfast");
                answer.addProperty("team_id", known == null ? teamId : known.teamId());
                answer.addProperty("user_id", BOT_USER_ID);
                answer.addProperty("bot_id", BOT_ID);
                answer.addProperty("is_enterprise_install", false);
                // Bolt copies these into ctx.getBotScopes().
                exchange.getResponseHeaders().set("x-oauth-scopes", "commands,chat:write,chat:write.public,users:read");
            }
            case "users.info" -> answer.add("user", userJson(call.param("user")));
            case "usergroups.users.list" -> {
                JsonArray members = new JsonArray();
                groups.getOrDefault(call.param("usergroup"), List.of()).forEach(members::add);
                answer.add("users", members);
            }
            case "chat.postMessage" -> {
                String ts = nextTs();
                answer.addProperty("channel", call.param("channel"));
                answer.addProperty("ts", ts);
                answer.add("message", messageJson(call, ts));
            }
            case "chat.update" -> {
                answer.addProperty("channel", call.param("channel"));
                answer.addProperty("ts", call.param("ts"));
                answer.addProperty("text", call.param("text"));
                answer.add("message", messageJson(call, call.param("ts")));
            }
            case "chat.postEphemeral" -> answer.addProperty("message_ts", nextTs());
            case "apps.connections.open" -> {
                // Only an app-level token may open a Socket Mode connection.
                if (call.authorization() == null || !call.authorization().startsWith("Bearer xapp-")) {
                    return error("not_allowed_token_type");
                }
                if (socketModeUrls == null) {
                    throw new IllegalStateException("apps.connections.open called, but no Socket Mode server was given to socketModeAt");
                }
                answer.addProperty("url", socketModeUrls.get());
            }
            case "views.open", "views.update", "views.push", "views.publish" -> answer.add("view", viewJson(call));
            case "conversations.join" -> {
                JsonObject channel = new JsonObject();
                channel.addProperty("id", call.param("channel"));
                channel.addProperty("is_channel", true);
                channel.addProperty("is_member", true);
                answer.add("channel", channel);
            }
            default -> {
                // Slack answers ok:true with method-specific fields; callers of other methods only check "ok".
            }
        }
        return answer;
    }

    private JsonObject userJson(String userId) {
        FakeUser user = users.getOrDefault(userId,
                new FakeUser(userId, "User " + userId, ZoneId.of(DEFAULT_TIME_ZONE), false));
        JsonObject profile = new JsonObject();
        profile.addProperty("display_name", user.realName());
        profile.addProperty("real_name", user.realName());
        JsonObject json = new JsonObject();
        json.addProperty("id", user.id());
        json.addProperty("team_id", teamId);
        json.addProperty("name", user.realName().toLowerCase(Locale.ROOT).replace(' ', '.'));
        json.addProperty("real_name", user.realName());
        json.addProperty("tz", user.timeZone().getId());
        json.addProperty("tz_offset", user.timeZone().getRules().getOffset(Instant.now()).getTotalSeconds());
        json.addProperty("is_admin", user.isAdmin());
        json.addProperty("is_bot", false);
        json.addProperty("deleted", false);
        json.add("profile", profile);
        return json;
    }

    private JsonObject messageJson(SlackCall call, String ts) {
        JsonObject message = new JsonObject();
        message.addProperty("type", "message");
        message.addProperty("text", call.param("text"));
        message.addProperty("user", BOT_USER_ID);
        message.addProperty("bot_id", BOT_ID);
        message.addProperty("team", teamId);
        message.addProperty("ts", ts);
        if (call.param("thread_ts") != null) {
            message.addProperty("thread_ts", call.param("thread_ts"));
        }
        message.add("blocks", call.blocks());
        return message;
    }

    private JsonObject viewJson(SlackCall call) {
        JsonObject view = parseObject(call.param("view"));
        String id = call.param("view_id") != null
                ? call.param("view_id")
                : String.format(Locale.ROOT, "V%08d", viewSequence.incrementAndGet());
        view.addProperty("id", id);
        view.addProperty("team_id", teamId);
        view.addProperty("app_id", APP_ID);
        view.addProperty("bot_id", BOT_ID);
        view.addProperty("root_view_id", id);
        view.addProperty("hash", TS_EPOCH_SECONDS + "." + id);
        JsonObject state = new JsonObject();
        state.add("values", new JsonObject());
        view.add("state", state);
        return view;
    }

    private String nextTs() {
        long micros = messageSequence.incrementAndGet() * 100;
        return String.format(Locale.ROOT, "%d.%06d", TS_EPOCH_SECONDS + micros / 1_000_000, micros % 1_000_000);
    }

    private void addFaults(String method, int times, Fault fault) {
        calls.locked(() -> {
            Deque<Fault> pending = faults.computeIfAbsent(method, m -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                pending.add(fault);
            }
            return null;
        });
    }

    private static Predicate<SlackCall> to(String method) {
        return call -> call.method().equals(method);
    }

    private static boolean isJson(HttpExchange exchange) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    private static Map<String, String> parseForm(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static Map<String, String> parseJsonFields(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        parseObject(body).entrySet().forEach(field -> {
            JsonElement value = field.getValue();
            if (value.isJsonPrimitive()) {
                params.put(field.getKey(), value.getAsString());
            } else if (!value.isJsonNull()) {
                params.put(field.getKey(), value.toString());
            }
        });
        return params;
    }

    private static JsonObject parseObject(String json) {
        if (json == null || json.isBlank()) {
            return new JsonObject();
        }
        try {
            JsonElement parsed = JsonParser.parseString(json);
            return parsed.isJsonObject() ? parsed.getAsJsonObject() : new JsonObject();
        } catch (JsonParseException notJson) {
            return new JsonObject();
        }
    }

    private static JsonObject error(String slackError) {
        JsonObject json = new JsonObject();
        json.addProperty("ok", false);
        json.addProperty("error", slackError);
        return json;
    }

    private static void respond(HttpExchange exchange, int status, JsonObject json) throws IOException {
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private record FakeUser(String id, String realName, ZoneId timeZone, boolean isAdmin) {
    }

    private record Fault(int status, String error, int retryAfterSeconds) {
    }

    private record Workspace(String teamId, String teamName, String botToken, String installerUserId) {
    }

    private static String bearer(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring("Bearer ".length()) : null;
    }
}
