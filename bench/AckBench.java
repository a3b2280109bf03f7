import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slash-command acknowledgement benchmark (issue 8, part 1 and 4). Starts a fake Slack Web API, starts
 * the real jar against it on a fresh SQLite file, then drives it with signed requests exactly as Slack
 * sends them at a fixed concurrency. After a warm-up of each, bare GET /healthz (the baseline) and
 * /promise create are measured in turn, several rounds, each baseline round once the cards of every
 * create so far have been posted; then /promise list. Prints requests per second, p50/p99 latency,
 * errors, the ratio to the baseline per round and overall, the server's and the generator's CPU per
 * request, start-to-ready time and resident memory, and counts the promises in the database afterwards
 * (every acknowledged create must be there).
 *
 * Run: bench/run.sh   (builds the jar, then: java -cp target/holdfast.jar bench/AckBench.java target/holdfast.jar)
 */
public final class AckBench {
    static final String SECRET = "bench-signing-secret";
    static final int CONNECTIONS = Integer.getInteger("connections", 32);
    /**
     * Long enough for the JIT to finish with each path: profiled in 10 s slices on the quiet 2-core machine,
     * the compiler threads took 35-40% of the server's CPU for the first 30 s of /promise create and under
     * 6% from 40 s on; with the old 5 s warm-up most of the measured window was the JIT.
     */
    static final Duration WARMUP = Duration.ofSeconds(Long.getLong("warmupSeconds", 40));
    static final Duration MEASURE = Duration.ofSeconds(Long.getLong("seconds", 10));
    /**
     * Bare /healthz and /promise create are measured in turn, this many times each: both sides of every
     * ratio then saw the shared machine at nearly the same moment, and the median round is judged, so one
     * window that a neighbour or a late compilation slowed down cannot decide the result either way.
     */
    static final int ROUNDS = Integer.getInteger("rounds", 3);
    static final Pattern CHANNEL = Pattern.compile("\"?channel\"?[=:]\"?(C\\w+)");

    /** One measured window of one path, or several pooled. */
    record Result(String name, long requests, long errors, double seconds, List<Long> latencyMicros, long serverCpuMillis, long generatorCpuMillis) {
        static Result pooled(List<Result> rounds) {
            List<Long> latencies = new ArrayList<>();
            rounds.forEach(r -> latencies.addAll(r.latencyMicros()));
            return new Result(rounds.get(0).name(), rounds.stream().mapToLong(Result::requests).sum(), rounds.stream().mapToLong(Result::errors).sum(),
                    rounds.stream().mapToDouble(Result::seconds).sum(), latencies, rounds.stream().mapToLong(Result::serverCpuMillis).sum(),
                    rounds.stream().mapToLong(Result::generatorCpuMillis).sum());
        }

        double rps() {
            return requests / seconds;
        }

        Result withServerCpu(long millis) {
            return new Result(name, requests, errors, seconds, latencyMicros, millis, generatorCpuMillis);
        }

        long percentileMicros(double p) {
            if (latencyMicros.isEmpty()) {
                return 0;
            }
            List<Long> sorted = new ArrayList<>(latencyMicros);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p)));
        }
    }

    interface Call {
        HttpRequest next(int worker, long n);
    }

    public static void main(String[] args) throws Exception {
        // The JDK's HttpServer leaves Nagle on, and with the client's delayed ACK every answer from the
        // fake would wait about 40 ms: the fake, not Holdfast, would set the pace.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path jar = Path.of(args.length > 0 ? args[0] : "target/holdfast.jar");
        HttpServer fakeSlack = fakeSlack();
        Path dir = Files.createTempDirectory("holdfast-bench");
        int port = 3900 + (int) (ProcessHandle.current().pid() % 90);
        ProcessBuilder pb = new ProcessBuilder(serverCommand(jar)).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        pb.environment().put("HOLDFAST_PORT", String.valueOf(port));
        pb.environment().put("HOLDFAST_DB_URL", "jdbc:sqlite:" + dir.resolve("holdfast.db"));
        pb.environment().put("SLACK_SIGNING_SECRET", SECRET);
        pb.environment().put("SLACK_BOT_TOKEN", "xoxb-bench");
        pb.environment().put("SLACK_API_URL", "http://127.0.0.1:" + fakeSlack.getAddress().getPort() + "/api/");
        long started = System.nanoTime();
        Process server = pb.start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI base = URI.create("http://127.0.0.1:" + port);
        long readyMillis = awaitReady(client, base, started);
        long idleRss = rssKib(server.pid());
        try {
            long pid = server.pid();
            Call bare = (w, n) -> HttpRequest.newBuilder(base.resolve("/healthz")).GET().build();
            Call create = (w, n) -> slash(base, "U" + w, "Acme " + (n % 50) + ": bench item " + w + "-" + n + " by friday");
            warm("GET /healthz", client, bare);
            long acknowledged = warm("/promise create", client, create);
            List<Result> baselines = new ArrayList<>();
            List<Result> creates = new ArrayList<>();
            Path database = dir.resolve("holdfast.db");
            List<Long> behind = new ArrayList<>();
            List<Double> catchUpSeconds = new ArrayList<>();
            Map<String, Long> createTicksByRole = new TreeMap<>();
            for (int round = 1; round <= ROUNDS; round++) {
                // The cards of the creates so far are still being posted; the baseline waits for that to end, or
                // the server's CPU would be split between the two and bare /healthz would look slower than it is.
                awaitDelivered(database);
                baselines.add(measure("GET /healthz", round, pid, client, bare));
                Map<String, ThreadCpu> threadsBefore = threadCpu(pid);
                Result measured = measure("/promise create", round, pid, client, create);
                acknowledged += measured.requests();
                behind.add(pendingCards(database));
                // Posting the round's last cards is part of what its creates cost the server.
                long cpuBefore = cpuMillis(pid);
                long caughtUpFrom = System.nanoTime();
                awaitDelivered(database);
                catchUpSeconds.add((System.nanoTime() - caughtUpFrom) / 1e9);
                creates.add(measured.withServerCpu(measured.serverCpuMillis() + cpuMillis(pid) - cpuBefore));
                // Per thread, so a thread that ends meanwhile takes only its own time out, not its role's.
                threadCpu(pid).forEach((thread, cpu) -> createTicksByRole.merge(cpu.role(),
                        cpu.ticks() - (threadsBefore.containsKey(thread) ? threadsBefore.get(thread).ticks() : 0), Long::sum));
            }
            long loadRss = rssKib(server.pid());
            // -Dlist=false leaves the list path out, for a quicker run while profiling the create path.
            Result list = null;
            if (Boolean.parseBoolean(System.getProperty("list", "true"))) {
                warm("/promise list", client, (w, n) -> slash(base, "U" + w, "list mine"));
                list = measure("/promise list", 1, pid, client, (w, n) -> slash(base, "U" + w, "list mine"));
            }
            long stored = countPromises(dir.resolve("holdfast.db"));
            report(baselines, creates, behind, catchUpSeconds, createTicksByRole, list, acknowledged, readyMillis, idleRss, loadRss, stored);
        } finally {
            server.destroy();
            server.waitFor();
            fakeSlack.stop(0);
        }
    }

    /** The server's command line; -Dserver.jvm adds JVM options, e.g. to record a JFR profile of the server. */
    static List<String> serverCommand(Path jar) {
        List<String> command = new ArrayList<>(List.of("java"));
        String options = System.getProperty("server.jvm", "").strip();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "serve"));
        return command;
    }

    /** Runs a path untimed until the JIT has settled; returns how many requests were acknowledged. */
    static long warm(String name, HttpClient client, Call call) throws Exception {
        // On stderr, so a profile of the server can be cut to one path's window.
        System.err.printf("%s: warm-up from %s%n", name, java.time.LocalTime.now());
        return run(client, call, WARMUP, null)[0];
    }

    /** Waits until no card is left to post; fails the run if delivery has not caught up within 5 minutes. */
    static void awaitDelivered(Path database) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (pendingCards(database) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("delivery did not catch up within 5 minutes: " + pendingCards(database) + " posts still queued");
            }
            Thread.sleep(100);
        }
    }

    static long pendingCards(Path database) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM outbox WHERE status = 'PENDING'")) {
            return rs.getLong(1);
        }
    }

    static Result measure(String name, int round, long serverPid, HttpClient client, Call call) throws Exception {
        System.err.printf("%s: round %d measured from %s%n", name, round, java.time.LocalTime.now());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long cpuBefore = cpuMillis(serverPid);
        long generatorBefore = generatorCpuMillis();
        long[] counts = run(client, call, MEASURE, latencies);
        long serverCpu = cpuMillis(serverPid) - cpuBefore;
        long generatorCpu = generatorCpuMillis() - generatorBefore;
        System.err.printf("%s: round %d done at %s%n", name, round, java.time.LocalTime.now());
        return new Result(name, counts[0], counts[1], MEASURE.toNanos() / 1e9, List.copyOf(latencies), serverCpu, generatorCpu);
    }

    /** Runs {@link #CONNECTIONS} closed-loop workers for {@code length}; returns {ok, errors}. */
    static long[] run(HttpClient client, Call call, Duration length, List<Long> latencies) throws Exception {
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        List<Future<?>> workers = new ArrayList<>();
        AtomicInteger ids = new AtomicInteger();
        for (int i = 0; i < CONNECTIONS; i++) {
            workers.add(pool.submit(() -> {
                int worker = ids.incrementAndGet();
                long n = 0;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(call.next(worker, n++), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                            if (latencies != null) {
                                latencies.add((System.nanoTime() - t0) / 1000);
                            }
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        pool.shutdown();
        return new long[] {ok.get(), errors.get()};
    }

    static HttpRequest slash(URI base, String user, String text) {
        // Each user works in a channel of their own, as account teams do: cards are posted to their channel, and
        // delivery (in order within a channel) is not forced through a single channel that real Slack would
        // hold to about one post a second anyway.
        String channel = "C" + user.substring(1);
        String body = "token=x&team_id=TBENCH&team_domain=bench&channel_id=" + channel + "&channel_name=bench&user_id=" + user + "&user_name=u"
                + "&command=%2Fpromise&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&api_app_id=A1&is_enterprise_install=false"
                + "&response_url=" + URLEncoder.encode("http://127.0.0.1:1/none", StandardCharsets.UTF_8) + "&trigger_id=t";
        String ts = String.valueOf(System.currentTimeMillis() / 1000);
        return HttpRequest.newBuilder(base.resolve("/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", "v0=" + hmac("v0:" + ts + ":" + body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /**
     * One keyed Mac per generator thread: finding and keying one for every request would spend the shared cores'
     * time on the create path that bare /healthz never pays.
     */
    static final ThreadLocal<Mac> SIGNER = ThreadLocal.withInitial(() -> {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    });

    static String hmac(String data) {
        return HexFormat.of().formatHex(SIGNER.get().doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    /** Answers the Web API methods the bot calls, instantly, like a healthy Slack. */
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
            Matcher channel = CHANNEL.matcher(request);
            String postedTo = channel.find() ? channel.group(1) : "CBENCH";
            String body = switch (method) {
                case "auth.test" -> "{\"ok\":true,\"team_id\":\"TBENCH\",\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\",\"url\":\"https://b.slack.com/\"}";
                case "users.info" -> "{\"ok\":true,\"user\":{\"id\":\"U1\",\"name\":\"u\",\"tz\":\"America/New_York\",\"is_admin\":false}}";
                case "chat.postMessage" -> "{\"ok\":true,\"channel\":\"" + postedTo + "\",\"ts\":\"" + String.format(Locale.ROOT, "%.6f",
                        ts.incrementAndGet() / 1e6) + "\"}";
                default -> "{\"ok\":true}";
            };
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    static long awaitReady(HttpClient client, URI base, long startedNanos) throws Exception {
        for (int i = 0; i < 600; i++) {
            try {
                if (client.send(HttpRequest.newBuilder(base.resolve("/readyz")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return (System.nanoTime() - startedNanos) / 1_000_000;
                }
            } catch (IOException notYet) {
                // the server is still starting
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the server never became ready");
    }

    /**
     * CPU time the server process has used (user + system), in ms. Per request it shows what a path costs
     * the server itself, whatever else the two cores were doing, so it stays comparable between runs.
     */
    static long cpuMillis(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(java.time.Duration::toMillis).orElse(0L);
    }

    /** CPU time this benchmark's own process (the load generator and the fake Slack) has used, in ms. */
    static long generatorCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    /** What a server thread does, and the CPU time it has used so far in clock ticks (user + system). */
    record ThreadCpu(String role, long ticks) {}

    /**
     * Each live server thread's CPU time, by thread id, from /proc: which part of the server a change made
     * cheaper shows without a profiler.
     */
    static Map<String, ThreadCpu> threadCpu(long pid) throws IOException {
        Map<String, ThreadCpu> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // After the name in parentheses: state is field 3, utime and stime are fields 14 and 15.
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    threads.put(task.getFileName().toString(), new ThreadCpu(role(Files.readString(task.resolve("comm")).strip()),
                            Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
                } catch (IOException ended) {
                    // the thread ended between listing and reading (no such file, or no such process)
                }
            }
        }
        return threads;
    }

    /** Linux keeps 15 characters of a thread's name. */
    static String role(String threadName) {
        if (threadName.startsWith("holdfast-sqlite")) {
            return "the SQLite writer and its checkpointer";
        }
        if (threadName.startsWith("qtp")) {
            return "request threads";
        }
        if (threadName.startsWith("holdfast-delive") || threadName.startsWith("OkHttp") || threadName.startsWith("Okio")) {
            return "delivery";
        }
        return "the rest (compiler, collector, timers)";
    }

    static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static long countPromises(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM promises")) {
            return rs.getLong(1);
        }
    }

    static void report(List<Result> baselines, List<Result> creates, List<Long> behind, List<Double> catchUpSeconds, Map<String, Long> createTicksByRole, Result list,
                       long acknowledged, long readyMillis, long idleRss, long loadRss, long stored) {
        Result baseline = Result.pooled(baselines);
        Result create = Result.pooled(creates);
        System.out.printf(Locale.ROOT, """
                ## 1. Slash-command acknowledgement through the whole stack

                - **Command:** `java -cp target/holdfast.jar bench/AckBench.java target/holdfast.jar` with %d connections. Each path \
                warms up for %d s; then bare `/healthz` and `/promise create` are measured in turn, %d s each, %d times.
                - **Setup:** the jar runs `serve` on a fresh SQLite file against a fake Slack Web API in the benchmark's JVM, on the same \
                machine as the load generator. Every request to `/slack/events` is signed exactly as Slack signs it. The baseline is the same \
                server's bare `GET /healthz`, in the same run.

                | round | bare /healthz req/s | /promise create req/s | ratio | create p99 ms | cards not yet posted when the round ended | \
                time they took to post | create req/s counting that time |
                | --- | --- | --- | --- | --- | --- | --- | --- |
                """, CONNECTIONS, WARMUP.toSeconds(), MEASURE.toSeconds(), ROUNDS);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < creates.size(); i++) {
            double ratio = creates.get(i).rps() / baselines.get(i).rps();
            ratios.add(ratio);
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.2f | %.2f | %,d | %.1f s | %.0f |%n", i + 1, baselines.get(i).rps(),
                    creates.get(i).rps(), ratio, creates.get(i).percentileMicros(0.99) / 1000.0, behind.get(i), catchUpSeconds.get(i),
                    creates.get(i).requests() / (creates.get(i).seconds() + catchUpSeconds.get(i)));
        }
        List<Double> sortedRatios = new ArrayList<>(ratios);
        Collections.sort(sortedRatios);
        int middle = sortedRatios.size() / 2;
        double ratio = sortedRatios.size() % 2 == 1 ? sortedRatios.get(middle) : (sortedRatios.get(middle - 1) + sortedRatios.get(middle)) / 2;
        System.out.printf(Locale.ROOT, """

                All rounds together:

                | path | req/s | ratio to baseline | p50 ms | p99 ms | errors | server CPU µs per request | generator CPU µs per request |
                | --- | --- | --- | --- | --- | --- | --- | --- |
                """);
        for (Result r : list == null ? List.of(baseline, create) : List.of(baseline, create, list)) {
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %.2f | %d | %.0f | %.0f |%n", r.name(), r.rps(), r.rps() / baseline.rps(),
                    r.percentileMicros(0.50) / 1000.0, r.percentileMicros(0.99) / 1000.0, r.errors(),
                    r.serverCpuMillis() * 1000.0 / Math.max(1, r.requests()), r.generatorCpuMillis() * 1000.0 / Math.max(1, r.requests()));
        }
        // Clock ticks are USER_HZ, 100 a second on Linux.
        System.out.printf(Locale.ROOT, "%nServer CPU per create, by thread, in the create rounds and the posting of their cards: %s.%n",
                createTicksByRole.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .map(e -> String.format(Locale.ROOT, "%s %.0f µs", e.getKey(), e.getValue() * 10_000.0 / Math.max(1, create.requests())))
                        .collect(Collectors.joining(", ")));
        long p99 = create.percentileMicros(0.99);
        System.out.printf(Locale.ROOT, """

                Targets for the create path:
                - at least 0.25 of bare (median round): %.3f, %s;
                - p99 below 20 ms (all rounds' requests together): %.1f ms, %s;
                - zero errors: %d, %s;
                - every acknowledged promise stored: %,d acknowledged (warm-up included), %,d in the database, %s.
                %s
                ## 4. Footprint

                - **Start to `/readyz` ready:** %,d ms.
                - **Resident memory:** %d MiB idle, %d MiB under the create load.

                """, ratio, verdict(ratio >= 0.25), p99 / 1000.0, verdict(p99 < 20_000),
                create.errors(), verdict(create.errors() == 0), acknowledged, stored, verdict(stored == acknowledged),
                list == null ? "" : "\n`/promise list` is shown for comparison (one round, after the create rounds); it slows as each user's list grows during the run.\n",
                readyMillis, idleRss / 1024, loadRss / 1024);
    }

    static String verdict(boolean met) {
        return met ? "met" : "**not met**";
    }
}
