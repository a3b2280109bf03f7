import io.holdfast.config.Config;
import io.holdfast.escalation.EscalationSettings;
import io.holdfast.risk.RiskFilter;
import io.holdfast.risk.RiskRanker;
import io.holdfast.risk.RiskWeightStore;
import io.holdfast.store.Database;
import io.holdfast.store.Sql;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Digest ranking at scale (issue 8, part 2). Builds a tenant with 10,000 accounts and 200,000 promises
 * (a fifth overdue) through the real bulk import, adds 20,000 escalations, then times:
 *   - the two imports as whole processes (java -jar holdfast.jar import ...);
 *   - the ranking in-process, warmed, against a baseline query in the same run (one full count of the promises);
 *   - holdfast digest --dry-run as a whole process, against java -jar holdfast.jar --version (JVM start) as the baseline.
 *
 * Run: java -cp target/holdfast.jar bench/DigestBench.java target/holdfast.jar
 */
public final class DigestBench {
    static final int ACCOUNTS = Integer.getInteger("accounts", 10_000);
    static final int PROMISES = Integer.getInteger("promises", 200_000);
    static final int ESCALATIONS = Integer.getInteger("escalations", 20_000);
    static final int RUNS = Integer.getInteger("runs", 10);
    static final Instant NOW = Instant.parse("2026-11-25T14:00:00Z");

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "target/holdfast.jar").toAbsolutePath();
        Path dir = Files.createTempDirectory("holdfast-digest-bench");
        String url = "jdbc:sqlite:" + dir.resolve("bench.db");
        Map<String, String> env = Map.of("HOLDFAST_DB_URL", url);
        Random random = new Random(42);
        String data;
        long scanMicros;
        long rankMicros;

        run(jar, env, "migrate");
        try (Database db = Database.open(Config.fromEnvironment(env))) {
            db.write(c -> Sql.update(c, "INSERT INTO tenants (platform, external_id, time_zone, created_at) VALUES ('SLACK', 'TBENCH', 'UTC', 0)"));
        }
        Path accounts = dir.resolve("accounts.csv");
        Path promises = dir.resolve("promises.csv");
        writeAccounts(accounts, random);
        writePromises(promises, random);

        long jvmStart = median(RUNS / 2, () -> run(jar, env, "--version"));
        long importAccounts = timed(() -> run(jar, env, "import", "accounts", accounts.toString()));
        long importPromises = timed(() -> run(jar, env, "import", "promises", promises.toString()));

        try (Database db = Database.open(Config.fromEnvironment(env))) {
            addEscalations(db, random);
            long overdue = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM promises WHERE status = 'OPEN' AND due_at < ?", NOW.toEpochMilli()));
            data = String.format(Locale.ROOT, "%,d accounts and %,d open promises (%,d of them overdue), both loaded through the real "
                            + "`holdfast import` as whole processes, plus %,d escalations over the last 90 days (a third still open, a tenth of "
                            + "those unacknowledged)", db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM accounts")),
                    db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM promises")), overdue, db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM escalations")));
            RiskRanker ranker = new RiskRanker(db, new EscalationSettings(db), new RiskWeightStore());
            long tenant = db.read(c -> Sql.count(c, "SELECT id FROM tenants WHERE external_id = 'TBENCH'"));
            Work rank = () -> ranker.top(tenant, NOW, ZoneOffset.UTC, 5, RiskFilter.ALL);
            // NOT INDEXED keeps the baseline a read of every promise row in table order: left to itself, SQLite
            // walked an index and looked each row up, and which index it took moved with the schema (282 ms, then 28).
            Work scan = () -> db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM promises NOT INDEXED WHERE tenant_id = ? AND length(text) > 0", tenant));
            for (int i = 0; i < 3; i++) {
                rank.run();
                scan.run();
            }
            scanMicros = median(RUNS, scan);
            rankMicros = median(RUNS, rank);
        }
        long dryRun = median(3, () -> run(jar, env, "digest", "--dry-run", "--as-of", NOW.toString()));
        long imported = importAccounts + importPromises;
        System.out.printf(Locale.ROOT, """
                ## 2. Digest ranking and bulk import at scale

                - **Command:** `java -cp target/holdfast.jar bench/DigestBench.java target/holdfast.jar`, on a fresh SQLite file.
                - **Data:** %s.

                | measure | result | baseline in the same run | ratio | target |
                | --- | --- | --- | --- | --- |
                | ranking, in-process, warmed (median of %d) | %.1f ms | one full scan of the promises: %.1f ms | %.2f | under 300 ms: %s |
                | `holdfast digest --dry-run`, whole process (median of 3) | %.2f s | JVM start, `holdfast --version`: %.2f s | %.1f | under 3 s: %s |
                | bulk import, whole processes | accounts %.2f s + promises %.2f s = %.2f s | — | — | under 20 s: %s |

                """, data, RUNS, rankMicros / 1000.0, scanMicros / 1000.0, (double) rankMicros / scanMicros, verdict(rankMicros < 300_000),
                dryRun / 1e6, jvmStart / 1e6, (double) dryRun / jvmStart, verdict(dryRun < 3_000_000),
                importAccounts / 1e6, importPromises / 1e6, imported / 1e6, verdict(imported < 20_000_000));
    }

    static String verdict(boolean met) {
        return met ? "met" : "**not met**";
    }

    static void writeAccounts(Path file, Random random) throws IOException {
        String[] tiers = {"standard", "high", "strategic"};
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("name,arr,tier,renewal,owner,channel\n");
            for (int i = 0; i < ACCOUNTS; i++) {
                out.write(account(i) + "," + (10_000 + random.nextInt(500_000)) + "," + tiers[random.nextInt(3)] + ","
                        + LocalDate.of(2027, 1, 1).plusDays(random.nextInt(365)) + ",U" + (1000 + random.nextInt(50)) + ",C0ACCOUNTS\n");
            }
        }
    }

    /** A fifth overdue (due before NOW), the rest due over the next 60 days; all open. */
    static void writePromises(Path file, Random random) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("account,owner,text,due,status\n");
            for (int i = 0; i < PROMISES; i++) {
                Instant due = i % 5 == 0 ? NOW.minusSeconds(3600 + random.nextInt(30 * 86_400)) : NOW.plusSeconds(3600 + random.nextInt(60 * 86_400));
                out.write(account(random.nextInt(ACCOUNTS)) + ",U" + (1000 + random.nextInt(50)) + ",send the follow-up " + i + "," + due + ",open\n");
            }
        }
    }

    static String account(int i) {
        return String.format("Account %05d", i);
    }

    /** Open and resolved escalations over the last 90 days; a tenth still unacknowledged past their deadline. */
    static void addEscalations(Database db, Random random) {
        List<Long> accountIds = db.read(c -> Sql.list(c, "SELECT id FROM accounts", rs -> rs.getLong(1)));
        long tenant = accountIds.isEmpty() ? 0 : db.read(c -> Sql.count(c, "SELECT tenant_id FROM accounts LIMIT 1"));
        String[] severities = {"P1", "P2", "P3"};
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO escalations (tenant_id, number, account_id, reporter_id, severity, summary, "
                    + "status, opened_at, ack_warn_at, ack_due_at, resolve_warn_at, resolve_due_at, acked_at, resolved_at, origin_channel) "
                    + "VALUES (?, ?, ?, 'U1000', ?, 'exports fail', ?, ?, ?, ?, ?, ?, ?, ?, 'C0ACCOUNTS')")) {
                for (int i = 0; i < ESCALATIONS; i++) {
                    long opened = NOW.toEpochMilli() - (long) random.nextInt(90 * 86_400) * 1000;
                    boolean resolved = i % 3 != 0;
                    boolean acked = resolved || i % 10 != 0;
                    ps.setLong(1, tenant);
                    ps.setLong(2, i + 1);
                    ps.setLong(3, accountIds.get(random.nextInt(accountIds.size())));
                    ps.setString(4, severities[random.nextInt(severities.length)]);
                    ps.setString(5, resolved ? "RESOLVED" : acked ? "ACKNOWLEDGED" : "OPEN");
                    ps.setLong(6, opened);
                    ps.setLong(7, opened + 45 * 60_000L);
                    ps.setLong(8, opened + 60 * 60_000L);
                    ps.setLong(9, opened + 18 * 3_600_000L);
                    ps.setLong(10, opened + 24 * 3_600_000L);
                    if (acked) {
                        ps.setLong(11, opened + 30 * 60_000L);
                    } else {
                        ps.setNull(11, java.sql.Types.BIGINT);
                    }
                    if (resolved) {
                        ps.setLong(12, opened + 20 * 3_600_000L);
                    } else {
                        ps.setNull(12, java.sql.Types.BIGINT);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            Sql.update(c, "INSERT INTO counters (tenant_id, name, next_value) VALUES (?, 'escalation', ?)", tenant, ESCALATIONS + 1);
            return null;
        });
    }

    interface Work {
        void run() throws Exception;
    }

    static long timed(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1000;
    }

    static long median(int runs, Work work) throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            micros.add(timed(work));
        }
        Collections.sort(micros);
        return micros.get(micros.size() / 2);
    }

    static void run(Path jar, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
        }
    }
}
