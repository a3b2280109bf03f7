package io.holdfast.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.holdfast.account.AccountProfile.Tier;
import io.holdfast.escalation.Severity;
import io.holdfast.risk.RiskFacts.AccountRow;
import io.holdfast.risk.RiskFacts.OpenEscalations;
import io.holdfast.risk.RiskFacts.OpenPromises;
import io.holdfast.risk.RiskFacts.RecentEscalations;
import io.holdfast.risk.RiskScorer.CauseKind;
import io.holdfast.risk.RiskScorer.Scored;
import io.holdfast.risk.RiskWeights.Weight;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic and the words of one account's score, without a database. */
class RiskScorerTest {
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);
    static final AccountRow PLAIN = new AccountRow(1, "Acme", null, null, null, null);

    private static Scored score(RiskWeights weights, AccountRow account, OpenPromises promises, List<OpenEscalations> escalations,
                                RecentEscalations recent, int keptLate) {
        return new RiskScorer(weights, NOW, TODAY, Duration.ofDays(30))
                .score(new RiskFacts(account, promises, escalations, recent, keptLate));
    }

    private static Scored score(AccountRow account, OpenPromises promises) {
        return score(RiskWeights.defaults(), account, promises, List.of(), RecentEscalations.NONE, 0);
    }

    private static OpenPromises overdue(int count, Duration longest) {
        return new OpenPromises(count, NOW.minus(longest), 0);
    }

    @Test
    void everyWeightHasADefaultAndNoneMayBeNegative() {
        RiskWeights defaults = RiskWeights.defaults();
        assertEquals(Weight.values().length, defaults.values().size());
        assertEquals(10, defaults.of(Weight.OVERDUE_PROMISE));
        assertEquals(30, defaults.of(Weight.P1_OPEN));
        assertEquals(150, defaults.of(Weight.STRATEGIC_TIER_PERCENT));
        assertEquals(3, defaults.with(Weight.P1_OPEN, 3).of(Weight.P1_OPEN));
        assertEquals(30, defaults.of(Weight.P1_OPEN), "with() leaves the original alone");
        assertThrows(IllegalArgumentException.class, () -> defaults.with(Weight.KEPT_LATE, -1));
    }

    @Test
    void overduePointsCountPromisesAndTheLongestSlipUpToTheCap() {
        assertEquals(2 * 10 + 4 * 2, score(PLAIN, overdue(2, Duration.ofDays(4).plusHours(23))).score());
        assertEquals(10 + 14 * 2, score(PLAIN, overdue(1, Duration.ofDays(300))).score());
        assertEquals(List.of("1 promise overdue 40 min"), score(PLAIN, overdue(1, Duration.ofMinutes(40))).reasons());
        assertEquals(List.of("3 promises overdue (longest 47 h)"), score(PLAIN, overdue(3, Duration.ofHours(47))).reasons());
    }

    @Test
    void reasonsGoByPointsWithTheValueLast() {
        AccountRow strategic = new AccountRow(1, "Acme", "UDANA", Tier.STRATEGIC, 120_000L, TODAY.plusDays(21));
        Scored scored = score(RiskWeights.defaults(), strategic, new OpenPromises(2, NOW.minus(Duration.ofDays(4)), 1), List.of(),
                new RecentEscalations(0, 0), 1);

        assertEquals(List.of("2 promises overdue (longest 4 days)", "renews in 21 days", "1 promise due within 48 hours",
                "1 promise kept late in 90 days", "strategic, $120k ARR"), scored.reasons());
        // (28 + 20 + 4 + 4) points, times 150% for the tier and 112% for $120k ARR.
        assertEquals(Math.round(56 * 1.5 * 1.12), scored.score());
        assertEquals(CauseKind.PROMISE, scored.cause());
    }

    @Test
    void escalationsAreWordedBySeverityWithTheirBreaches() {
        List<OpenEscalations> open = List.of(new OpenEscalations(Severity.P1, 1, NOW.minus(Duration.ofHours(3)), 1, 0),
                new OpenEscalations(Severity.P3, 3, NOW.minus(Duration.ofDays(5)), 2, 1),
                new OpenEscalations(Severity.P2, 1, NOW.minus(Duration.ofDays(4)), 1, 1));
        Scored scored = score(RiskWeights.defaults(), PLAIN, new OpenPromises(0, null, 1), open, new RecentEscalations(4, 3), 0);

        assertEquals(List.of("3 P3 escalations open (longest 5 days), 2 acknowledge and 1 resolution SLAs breached",
                "P1 escalation open 3 h, acknowledge SLA breached", "P2 escalation open 4 days, acknowledge and resolution SLAs breached",
                "4 escalations in 30 days", "3 SLAs missed in 90 days", "1 promise due within 48 hours"), scored.reasons());
        assertEquals(58 + 45 + 40 + 32 + 15 + 4, scored.score());
        assertEquals(CauseKind.ESCALATION, scored.cause());
    }

    @Test
    void valueAndRenewalAloneAreNoRisk() {
        AccountRow valuable = new AccountRow(1, "Acme", "UDANA", Tier.STRATEGIC, 2_000_000L, TODAY);
        Scored calm = score(RiskWeights.defaults(), valuable, OpenPromises.NONE, List.of(), new RecentEscalations(1, 0), 0);

        assertEquals(0, calm.score());
        assertEquals(List.of(), calm.reasons());
        assertNull(calm.cause());
    }

    @Test
    void renewalsCountWithinNinetyDaysAndNotAfterTheDate() {
        OpenPromises one = new OpenPromises(0, null, 1);
        assertEquals(List.of("renews today", "1 promise due within 48 hours"), score(renewing(0), one).reasons());
        assertEquals(List.of("renews tomorrow", "1 promise due within 48 hours"), score(renewing(1), one).reasons());
        assertEquals(4 + 20, score(renewing(30), one).score());
        assertEquals(4 + 8, score(renewing(31), one).score());
        assertEquals(4 + 8, score(renewing(90), one).score());
        assertEquals(4, score(renewing(91), one).score());
        assertEquals(4, score(renewing(-1), one).score());
    }

    private static AccountRow renewing(int inDays) {
        return new AccountRow(1, "Acme", null, null, null, TODAY.plusDays(inDays));
    }

    @Test
    void aZeroWeightTurnsItsSignalOff() {
        RiskWeights noKeptLate = RiskWeights.defaults().with(Weight.KEPT_LATE, 0);
        Scored scored = score(noKeptLate, PLAIN, OpenPromises.NONE, List.of(), RecentEscalations.NONE, 3);

        assertEquals(0, scored.score());
        assertEquals(List.of(), scored.reasons());
        RiskWeights flatValue = RiskWeights.defaults().with(Weight.STRATEGIC_TIER_PERCENT, 100).with(Weight.ARR_PERCENT_PER_100K, 0);
        AccountRow strategic = new AccountRow(1, "Acme", null, Tier.STRATEGIC, 500_000L, null);
        assertEquals(List.of("1 promise due within 48 hours"),
                score(flatValue, strategic, new OpenPromises(0, null, 1), List.of(), RecentEscalations.NONE, 0).reasons());
    }

    @Test
    void arrAmplifiesUpToItsCap() {
        OpenPromises one = new OpenPromises(0, null, 10);
        assertEquals(40, score(new AccountRow(1, "A", null, Tier.STANDARD, null, null), one).score());
        assertEquals(List.of("10 promises due within 48 hours", "high tier, $250k ARR"),
                score(new AccountRow(1, "A", null, Tier.HIGH, 250_000L, null), one).reasons());
        assertEquals(Math.round(40 * 1.25 * 1.25), score(new AccountRow(1, "A", null, Tier.HIGH, 250_000L, null), one).score());
        assertEquals(Math.round(40 * 1.5), score(new AccountRow(1, "A", null, null, 9_000_000L, null), one).score());
    }

    @Test
    void numbersReadTheWayPeopleSayThem() {
        assertEquals("1 min", RiskWords.duration(Duration.ofSeconds(5)));
        assertEquals("59 min", RiskWords.duration(Duration.ofMinutes(59)));
        assertEquals("1 h", RiskWords.duration(Duration.ofMinutes(60)));
        assertEquals("47 h", RiskWords.duration(Duration.ofHours(47).plusMinutes(59)));
        assertEquals("2 days", RiskWords.duration(Duration.ofHours(48)));
        assertEquals("$950", RiskWords.money(950));
        assertEquals("$1.5k", RiskWords.money(1_550));
        assertEquals("$120k", RiskWords.money(120_000));
        assertEquals("$2.4M", RiskWords.money(2_450_000));
        assertEquals("\"send the SOC2 report\"", RiskWords.quote("  send  the\nSOC2 report "));
        assertEquals(62, RiskWords.quote("x".repeat(100)).length());
    }
}
