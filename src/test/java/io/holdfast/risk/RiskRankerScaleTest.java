package io.holdfast.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.account.AccountProfile.Tier;
import io.holdfast.escalation.EscalationSettings;
import io.holdfast.escalation.Severity;
import io.holdfast.store.Database;
import io.holdfast.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ranking a tenant of realistic size, generated from a seeded Random: the aggregates must still add up per account. */
class RiskRankerScaleTest {
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    static final int ACCOUNTS = 10_000;
    static final int PROMISES = 200_000;
    static final int ESCALATIONS = 20_000;
    static final Pattern OVERDUE = Pattern.compile("^(\\d+) promises? overdue");
    static final Pattern DUE_SOON = Pattern.compile("^(\\d+) promises? due within 48 hours$");

    @TempDir
    Path dir;
    Database db;
    RiskData data;
    long tenant;
    final List<Long> accounts = new ArrayList<>();
    final Map<Long, Tier> tiers = new HashMap<>();
    /** What the generator put in, per account, to check the ranker's aggregates against. */
    final Map<Long, Integer> overdue = new HashMap<>();
    final Map<Long, Integer> dueSoon = new HashMap<>();

    @BeforeEach
    void open() {
        db = TestDatabases.migrated(dir);
        data = new RiskData(db, NOW);
        tenant = data.tenant("T1");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theSeededWorstAccountRanksFirstAndEveryCountAddsUp() {
        generate(new Random(20_261_124));
        long worst = seedWorst();
        RiskRanker ranker = new RiskRanker(db, new EscalationSettings(db), new RiskWeightStore());

        List<RiskEntry> top = ranker.top(tenant, NOW, ZoneOffset.UTC, 50, RiskFilter.ALL);
        long started = System.nanoTime();
        ranker.top(tenant, NOW, ZoneOffset.UTC, 50, RiskFilter.ALL);
        System.out.printf("RiskRankerScaleTest: ranked %,d accounts with %,d promises in %d ms (warm)%n", ACCOUNTS, PROMISES,
                Duration.ofNanos(System.nanoTime() - started).toMillis());

        assertEquals(50, top.size());
        assertEquals(worst, top.get(0).accountId());
        assertEquals(List.of("60 promises overdue (longest 20 days)", "P1 escalation open 5 h, acknowledge SLA breached", "renews in 10 days",
                "strategic, $900k ARR"), top.get(0).reasons());
        assertTrue(top.get(0).cause().endsWith("\"worst promise 0\" overdue 20 days"), top.get(0).cause());
        assertEquals("UWORST", top.get(0).ownerId());
        for (int i = 1; i < top.size(); i++) {
            assertTrue(top.get(i - 1).score() >= top.get(i).score(), "ranked by score");
        }
        for (RiskEntry entry : top) {
            assertCounts(entry);
        }
        for (RiskEntry entry : ranker.top(tenant, NOW, ZoneOffset.UTC, 50, new RiskFilter(Tier.HIGH, null))) {
            assertEquals(Tier.HIGH, tiers.get(entry.accountId()));
            assertCounts(entry);
        }
    }

    /** The overdue and due-soon counts in the reasons are the ones the generator wrote for that account. */
    private void assertCounts(RiskEntry entry) {
        assertEquals(overdue.getOrDefault(entry.accountId(), 0), count(entry, OVERDUE), entry.toString());
        assertEquals(dueSoon.getOrDefault(entry.accountId(), 0), count(entry, DUE_SOON), entry.toString());
    }

    private static int count(RiskEntry entry, Pattern pattern) {
        for (String reason : entry.reasons()) {
            Matcher m = pattern.matcher(reason);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return 0;
    }

    /** Accounts of every tier and size; a fifth of the promises overdue, a tenth open for later, the rest done, some of them late. */
    private void generate(Random random) {
        db.write(c -> {
            Tier[] tierChoices = {Tier.STANDARD, Tier.STANDARD, Tier.STANDARD, Tier.STANDARD, Tier.STANDARD, Tier.STANDARD, Tier.HIGH,
                    Tier.HIGH, Tier.HIGH, Tier.STRATEGIC};
            for (int i = 0; i < ACCOUNTS; i++) {
                Tier tier = tierChoices[random.nextInt(tierChoices.length)];
                long id = data.account(c, tenant, String.format("Account %05d", i), tier, 5_000L + random.nextInt(495_000),
                        TODAY.plusDays(random.nextInt(730) - 365), String.format("U%02d", random.nextInt(20)));
                accounts.add(id);
                tiers.put(id, tier);
            }
            for (int i = 0; i < PROMISES; i++) {
                long account = accounts.get(random.nextInt(ACCOUNTS));
                int kind = random.nextInt(10);
                if (kind < 2) {
                    overdue.merge(account, 1, Integer::sum);
                    data.promise(c, tenant, account, "UOWNER", "promise " + i, NOW.minus(minutes(random, 45)), "OPEN", null);
                } else if (kind == 2) {
                    Instant due = NOW.plus(minutes(random, 30));
                    if (due.isBefore(NOW.plus(RiskSignals.DUE_SOON))) {
                        dueSoon.merge(account, 1, Integer::sum);
                    }
                    data.promise(c, tenant, account, "UOWNER", "promise " + i, due, "OPEN", null);
                } else {
                    Instant due = NOW.minus(minutes(random, 200));
                    Instant closed = due.plus(Duration.ofDays(random.nextInt(11) - 5));
                    data.promise(c, tenant, account, "UOWNER", "promise " + i, due, "DONE", closed.isAfter(NOW) ? NOW : closed);
                }
            }
            Severity[] severities = Severity.values();
            for (int i = 0; i < ESCALATIONS; i++) {
                Instant opened = NOW.minus(minutes(random, 120));
                String status = opened.isBefore(NOW.minus(Duration.ofDays(7))) || random.nextBoolean() ? "RESOLVED"
                        : random.nextBoolean() ? "OPEN" : "ACKNOWLEDGED";
                data.escalation(c, tenant, accounts.get(random.nextInt(ACCOUNTS)), severities[random.nextInt(severities.length)], status,
                        opened, random.nextInt(10) == 0, random.nextInt(10) == 0);
            }
            return null;
        });
    }

    /** A strategic account renewing in ten days with sixty overdue promises and a P1 nobody acknowledged. */
    private long seedWorst() {
        return db.write(c -> {
            long worst = data.account(c, tenant, "Zenith Worst", Tier.STRATEGIC, 900_000L, TODAY.plusDays(10), "UWORST");
            for (int i = 0; i < 60; i++) {
                data.promise(c, tenant, worst, "UOWNER", "worst promise " + i, NOW.minus(Duration.ofDays(20).minusHours(i)), "OPEN", null);
            }
            overdue.put(worst, 60);
            data.escalation(c, tenant, worst, Severity.P1, "OPEN", NOW.minus(Duration.ofHours(5)), true, false);
            return worst;
        });
    }

    /** Between a minute and {@code days} days, to the minute. */
    private static Duration minutes(Random random, int days) {
        return Duration.ofMinutes(1 + random.nextInt(days * 24 * 60));
    }
}
