import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import io.holdfast.config.Config;
import io.holdfast.core.Message;
import io.holdfast.core.Platform;
import io.holdfast.core.time.HolidayCalendars;
import io.holdfast.store.Database;
import io.holdfast.store.Outbox;
import io.holdfast.store.Sql;
import io.holdfast.store.TenantStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Delivery under rate limits (issue 8, part 3). Starts the real jar against a fake Slack Web API that
 * allows one message per second per channel and, in the measured round, also answers 429 with a random
 * Retry-After (1-3 s) to a tenth of first attempts. Queues 1,000 digests to 1,000 channels in one
 * transaction and times until the last one lands. The baseline is the same 1,000 posts to 1,000 other
 * channels with no random 429s, in the same run; the minimum the limits allow is the later of that
 * baseline and the last moment a Retry-After let a channel be posted to. Counts every channel's
 * accepted posts: none may be missing and none doubled.
 *
 * Run: java -cp target/holdfast.jar bench/DeliveryBench.java target/holdfast.jar
 */
public final class DeliveryBench {
    static final int CHANNELS = Integer.getInteger("channels", 1_000);
    static final double RANDOM_429 = Double.parseDouble(System.getProperty("random429", "0.10"));
    static final int ROUNDS = Integer.getInteger("rounds", 3);

    /** The fake's view of one round: accepted posts per channel, and when the limits last let anyone in. */
    static final class Round {
        final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
        final Map<String, Long> lastAcceptedNanos = new ConcurrentHashMap<>();
        final Map<String, Long> waitUntilNanos = new ConcurrentHashMap<>();
        final AtomicLong lastLandedNanos = new AtomicLong();
        final AtomicLong latestAllowedNanos = new AtomicLong();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger longestWait = new AtomicInteger();
        final Random random = new Random(7);
        volatile boolean randomRefusals;
        /** The first post the fake could not read, which ends the round at once instead of at its deadline. */
        final AtomicReference<String> unreadable = new AtomicReference<>();
    }

    static volatile Round round = new Round();

    public static void main(String[] args) throws Exception {
        // The JDK's HttpServer leaves Nagle on, and with the client's delayed ACK every answer from the
        // fake would wait about 40 ms: the fake, not Holdfast, would set the pace.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path jar = Path.of(args.length > 0 ? args[0] : "target/holdfast.jar").toAbsolutePath();
        HttpServer slack = fakeSlack();
        Path dir = Files.createTempDirectory("holdfast-delivery-bench");
        String url = "jdbc:sqlite:" + dir.resolve("bench.db");
        int port = 3990 + (int) (ProcessHandle.current().pid() % 9);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "serve")
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        builder.environment().putAll(Map.of("HOLDFAST_PORT", String.valueOf(port), "HOLDFAST_DB_URL", url, "SLACK_SIGNING_SECRET", "bench-secret",
                "SLACK_BOT_TOKEN", "xoxb-bench", "SLACK_API_URL", "http://127.0.0.1:" + slack.getAddress().getPort() + "/api/"));
        Process server = builder.start();
        try {
            awaitReady(URI.create("http://127.0.0.1:" + port + "/readyz"));
            try (Database db = Database.open(Config.fromEnvironment(Map.of("HOLDFAST_DB_URL", url)))) {
                long tenant = new TenantStore(db, Clock.systemUTC(), new HolidayCalendars()).findOrCreate(Platform.SLACK, "TBENCH").id();
                Outbox outbox = new Outbox(db, Clock.systemUTC());
                Outcome baseline = deliver(db, outbox, tenant, "base", false);
                List<Outcome> limited = new ArrayList<>();
                for (int round = 1; round <= ROUNDS; round++) {
                    limited.add(deliver(db, outbox, tenant, "limited" + round, true));
                }
                report(baseline, limited);
            }
        } finally {
            server.destroy();
            server.waitFor();
            slack.stop(0);
        }
    }

    /**
     * One round as the fake saw it: seconds from commit to the last landing, the earliest moment the
     * limits allowed the last refused channel (from commit), and the largest Retry-After handed out.
     */
    record Outcome(int served, long doubled, long notMarkedSent, int refused, double seconds, double allowedFrom, int longestWait) {}

    /** The ratio of a round's time to the minimum the limits allowed it. */
    static double ratio(Outcome baseline, Outcome round) {
        return round.seconds() / Math.max(baseline.seconds(), round.allowedFrom());
    }

    static boolean complete(Outcome round) {
        return round.served() == CHANNELS && round.doubled() == 0 && round.notMarkedSent() == 0;
    }

    static void report(Outcome baseline, List<Outcome> rounds) {
        List<Outcome> byRatio = rounds.stream().sorted(Comparator.comparingDouble(r -> ratio(baseline, r))).toList();
        Outcome limited = byRatio.get(byRatio.size() / 2);
        double floor = Math.max(baseline.seconds(), limited.allowedFrom());
        double ratio = ratio(baseline, limited);
        boolean complete = complete(baseline) && rounds.stream().allMatch(DeliveryBench::complete);
        String ratios = rounds.stream().map(r -> String.format(Locale.ROOT, "%.2f", ratio(baseline, r))).collect(Collectors.joining(", "));
        System.out.printf(Locale.ROOT, """
                ## 3. Delivery under rate limits

                - **Command:** `java -cp target/holdfast.jar bench/DeliveryBench.java target/holdfast.jar`.
                - **Setup:** the jar runs `serve` on a fresh SQLite file against a fake Slack Web API that allows one message per second \
                per channel. In the measured round it also answers %.0f%% of first attempts with 429 and a random `Retry-After` of 1–3 s. \
                Each round queues %,d digests to %,d channels in one transaction and waits for the last to land.
                - **Baseline:** the same posts to %,d other channels with no random 429s, in the same run.

                | round | channels served | doubled | rows not marked sent | 429s | last post landed |
                | --- | --- | --- | --- | --- | --- |
                | baseline (per-channel limit only) | %,d / %,d | %d | %d | %d | %.2f s |
                %s
                - **Zero lost, zero duplicated** in every round: %s.
                - **Within 10%% of the minimum the limits allow:** the ratios of the %d rounds were %s; the median round is judged. \
                In it, the limits let the last refused channel be posted to %.2f s after the commit, and delivering the same posts \
                without refusals took %.2f s; the later of the two, %.2f s, is the minimum. The round took %.2f s, a ratio of %.2f: %s.
                - **Against a perfectly instant first attempt** at every channel, the floor would be the longest `Retry-After`, %d s \
                (ratio %.2f). The gap is the time the first attempts take to reach every channel.

                """, RANDOM_429 * 100, CHANNELS, CHANNELS, CHANNELS,
                baseline.served(), CHANNELS, baseline.doubled(), baseline.notMarkedSent(), baseline.refused(), baseline.seconds(),
                rounds.stream().map(r -> String.format(Locale.ROOT, "| random 429s, round %d | %,d / %,d | %d | %d | %d | %.2f s |%n",
                        rounds.indexOf(r) + 1, r.served(), CHANNELS, r.doubled(), r.notMarkedSent(), r.refused(), r.seconds())).collect(Collectors.joining()),
                complete ? "met" : "**not met**", rounds.size(), ratios, limited.allowedFrom(), baseline.seconds(), floor, limited.seconds(), ratio,
                ratio <= 1.10 ? "met" : "**not met**", limited.longestWait(), limited.seconds() / Math.max(1, limited.longestWait()));
    }

    /** Queues one digest per channel and waits for all to land. */
    static Outcome deliver(Database db, Outbox outbox, long tenant, String prefix, boolean randomRefusals) throws Exception {
        Round r = new Round();
        r.randomRefusals = randomRefusals;
        round = r;
        long start = System.nanoTime();
        db.write(c -> {
            for (int i = 0; i < CHANNELS; i++) {
                outbox.post(c, tenant, prefix + ":digest:" + i, "C" + prefix.toUpperCase(Locale.ROOT) + i, null, null,
                        Message.of("At-risk accounts: 0"));
            }
            return null;
        });
        long deadline = start + 600_000_000_000L;
        while (r.accepted.size() < CHANNELS && System.nanoTime() < deadline) {
            if (r.unreadable.get() != null) {
                throw new IllegalStateException("the fake Slack could not read a post: " + r.unreadable.get());
            }
            Thread.sleep(20);
        }
        Thread.sleep(2_000);
        long doubled = r.accepted.values().stream().filter(n -> n.get() > 1).count();
        long pending = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE ? AND status <> 'SENT'", prefix + ":%"));
        double seconds = (r.lastLandedNanos.get() - start) / 1e9;
        double floor = Math.max(0, (r.latestAllowedNanos.get() - start) / 1e9);
        return new Outcome(r.accepted.size(), doubled, pending, r.refused.get(), seconds, floor, r.longestWait.get());
    }

    /** One message per second per channel; in a refusing round, a tenth of first attempts get a random Retry-After. */
    static HttpServer fakeSlack() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicLong ts = new AtomicLong(1_764_000_000_000_000L);
        // Daemon threads, so the benchmark ends when main does.
        server.setExecutor(Executors.newFixedThreadPool(8, work -> {
            Thread thread = new Thread(work, "fake-slack");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/api/", exchange -> {
            String method = exchange.getRequestURI().getPath().substring(5);
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = 200;
            String retryAfter = null;
            String body = "{\"ok\":true}";
            if (method.equals("auth.test")) {
                body = "{\"ok\":true,\"team_id\":\"TBENCH\",\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\"}";
            } else if (method.equals("chat.postMessage") && channelOf(request) == null) {
                round.unreadable.compareAndSet(null, request);
                status = 400;
                body = "{\"ok\":false,\"error\":\"channel_not_found\"}";
            } else if (method.equals("chat.postMessage")) {
                String channel = channelOf(request);
                Round r = round;
                long now = System.nanoTime();
                synchronized (r) {
                    Long last = r.lastAcceptedNanos.get(channel);
                    Long waitUntil = r.waitUntilNanos.get(channel);
                    boolean firstAttempt = last == null && waitUntil == null;
                    if (waitUntil != null && now < waitUntil || last != null && now - last < 1_000_000_000L) {
                        status = 429;
                        retryAfter = "1";
                    } else if (firstAttempt && r.randomRefusals && r.random.nextDouble() < RANDOM_429) {
                        int seconds = 1 + r.random.nextInt(3);
                        r.longestWait.accumulateAndGet(seconds, Math::max);
                        r.waitUntilNanos.put(channel, now + seconds * 1_000_000_000L);
                        r.latestAllowedNanos.accumulateAndGet(now + seconds * 1_000_000_000L, Math::max);
                        status = 429;
                        retryAfter = String.valueOf(seconds);
                    } else {
                        r.lastAcceptedNanos.put(channel, now);
                        r.accepted.computeIfAbsent(channel, k -> new AtomicInteger()).incrementAndGet();
                        r.lastLandedNanos.accumulateAndGet(now, Math::max);
                        body = "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + String.format(Locale.ROOT, "%.6f", ts.incrementAndGet() / 1e6) + "\"}";
                    }
                    if (status == 429) {
                        r.refused.incrementAndGet();
                        body = "{\"ok\":false,\"error\":\"ratelimited\"}";
                    }
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (retryAfter != null) {
                exchange.getResponseHeaders().set("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    /** The channel a post is for, whether it came as a JSON body (as Holdfast sends posts) or as a form; null if it names none. */
    static String channelOf(String request) {
        if (request.stripLeading().startsWith("{")) {
            try {
                JsonElement channel = JsonParser.parseString(request).getAsJsonObject().get("channel");
                return channel == null || !channel.isJsonPrimitive() ? null : channel.getAsString();
            } catch (RuntimeException notJson) {
                return null;
            }
        }
        for (String pair : request.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("channel")) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static void awaitReady(URI readyz) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 600; i++) {
            try {
                if (client.send(HttpRequest.newBuilder(readyz).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the server never became ready");
    }
}
