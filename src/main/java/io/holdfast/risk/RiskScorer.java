package io.holdfast.risk;

import io.holdfast.account.AccountProfile;
import io.holdfast.escalation.Severity;
import io.holdfast.risk.RiskFacts.AccountRow;
import io.holdfast.risk.RiskFacts.OpenEscalations;
import io.holdfast.risk.RiskFacts.OpenPromises;
import io.holdfast.risk.RiskFacts.RecentEscalations;
import io.holdfast.risk.RiskWeights.Weight;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns one account's facts into a score and its reasons in words, with its tenant's weights. */
final class RiskScorer {
    /** Which kind of item created the most risk: the digest names that promise or escalation. */
    enum CauseKind { PROMISE, ESCALATION }

    /** A scored account; a score of 0 means nothing puts it at risk. */
    record Scored(RiskFacts facts, int score, List<String> reasons, CauseKind cause) {}

    private record Part(int points, String words) {}

    private final RiskWeights w;
    private final Instant now;
    private final LocalDate today;
    private final Duration repeatWindow;

    RiskScorer(RiskWeights weights, Instant now, LocalDate today, Duration repeatWindow) {
        this.w = weights;
        this.now = now;
        this.today = today;
        this.repeatWindow = repeatWindow;
    }

    Scored score(RiskFacts f) {
        List<Part> parts = new ArrayList<>();
        int promisePoints = add(parts, overdue(f.promises())) + add(parts, dueSoon(f.promises()));
        int escalationPoints = 0;
        for (OpenEscalations open : f.escalations()) {
            escalationPoints += add(parts, open(open));
        }
        add(parts, repeats(f.recent()));
        add(parts, slaMissed(f.recent()));
        add(parts, keptLate(f.keptLate()));
        if (parts.isEmpty()) {
            return new Scored(f, 0, List.of(), null);
        }
        // Only now: a renewal makes friction urgent, but a calm account renewing soon is not at risk.
        add(parts, renewal(f.account().renewal()));
        parts.sort(Comparator.comparingInt(Part::points).reversed());
        List<String> reasons = new ArrayList<>(parts.stream().map(Part::words).toList());
        double value = valueFactor(f.account());
        if (value > 1) {
            reasons.add(valueWords(f.account()));
        }
        int points = parts.stream().mapToInt(Part::points).sum();
        CauseKind cause = promisePoints + escalationPoints == 0 ? null
                : escalationPoints > promisePoints ? CauseKind.ESCALATION : CauseKind.PROMISE;
        return new Scored(f, (int) Math.round(points * value), reasons, cause);
    }

    /** What one unresolved escalation adds, so the worst one can be named as the cause. */
    int escalationPoints(Severity severity, boolean ackBreached, boolean resolveBreached) {
        return w.of(openWeight(severity)) + (ackBreached ? w.of(Weight.ACK_BREACH) : 0)
                + (resolveBreached ? w.of(Weight.RESOLVE_BREACH) : 0);
    }

    /** Keeps a part that is worth points; a signal whose weight is 0 is off and gives no reason. */
    private static int add(List<Part> parts, Part part) {
        if (part == null || part.points() <= 0) {
            return 0;
        }
        parts.add(part);
        return part.points();
    }

    private Part overdue(OpenPromises p) {
        if (p.overdue() == 0) {
            return null;
        }
        Duration longest = Duration.between(p.oldestDue(), now);
        long days = Math.min(longest.toDays(), w.of(Weight.OVERDUE_DAYS_CAP));
        int points = p.overdue() * w.of(Weight.OVERDUE_PROMISE) + (int) days * w.of(Weight.OVERDUE_DAY);
        String words = p.overdue() == 1 ? "1 promise overdue " + RiskWords.duration(longest)
                : p.overdue() + " promises overdue (longest " + RiskWords.duration(longest) + ")";
        return new Part(points, words);
    }

    private Part dueSoon(OpenPromises p) {
        return p.dueSoon() == 0 ? null : new Part(p.dueSoon() * w.of(Weight.DUE_SOON_PROMISE),
                RiskWords.count(p.dueSoon(), "promise") + " due within " + RiskSignals.DUE_SOON.toHours() + " hours");
    }

    private Part open(OpenEscalations e) {
        int points = e.count() * w.of(openWeight(e.severity())) + e.ackBreached() * w.of(Weight.ACK_BREACH)
                + e.resolveBreached() * w.of(Weight.RESOLVE_BREACH);
        String age = RiskWords.duration(Duration.between(e.oldestOpened(), now));
        String words = e.count() == 1 ? e.severity() + " escalation open " + age
                : e.count() + " " + e.severity() + " escalations open (longest " + age + ")";
        return new Part(points, words + breaches(e));
    }

    /** ", acknowledge SLA breached" for one escalation; ", 2 acknowledge and 1 resolution SLAs breached" for several. */
    private static String breaches(OpenEscalations e) {
        List<String> clocks = new ArrayList<>();
        if (e.ackBreached() > 0) {
            clocks.add(e.count() == 1 ? "acknowledge" : e.ackBreached() + " acknowledge");
        }
        if (e.resolveBreached() > 0) {
            clocks.add(e.count() == 1 ? "resolution" : e.resolveBreached() + " resolution");
        }
        return clocks.isEmpty() ? "" : ", " + String.join(" and ", clocks) + (e.ackBreached() + e.resolveBreached() == 1 ? " SLA" : " SLAs")
                + " breached";
    }

    private Part repeats(RecentEscalations r) {
        return r.inRepeatWindow() < 2 ? null : new Part(r.inRepeatWindow() * w.of(Weight.REPEAT_ESCALATION),
                r.inRepeatWindow() + " escalations in " + repeatWindow.toDays() + " days");
    }

    private Part slaMissed(RecentEscalations r) {
        return r.slaMissed() == 0 ? null : new Part(r.slaMissed() * w.of(Weight.SLA_MISSED),
                RiskWords.count(r.slaMissed(), "SLA") + " missed in " + RiskSignals.HISTORY.toDays() + " days");
    }

    private Part keptLate(int count) {
        return count == 0 ? null : new Part(count * w.of(Weight.KEPT_LATE),
                RiskWords.count(count, "promise") + " kept late in " + RiskSignals.HISTORY.toDays() + " days");
    }

    /** A renewal already past is left out: the date is stale or the renewal happened, neither says when the client decides. */
    private Part renewal(LocalDate renewal) {
        long days = renewal == null ? -1 : ChronoUnit.DAYS.between(today, renewal);
        if (days < 0 || days > 90) {
            return null;
        }
        String words = days == 0 ? "renews today" : days == 1 ? "renews tomorrow" : "renews in " + days + " days";
        return new Part(w.of(days <= 30 ? Weight.RENEWAL_30_DAYS : Weight.RENEWAL_90_DAYS), words);
    }

    /** How much the account's value multiplies its points: 1 for a standard account without ARR. */
    private double valueFactor(AccountRow a) {
        int tierPercent = a.tier() == AccountProfile.Tier.STRATEGIC ? w.of(Weight.STRATEGIC_TIER_PERCENT)
                : a.tier() == AccountProfile.Tier.HIGH ? w.of(Weight.HIGH_TIER_PERCENT) : 100;
        long arr = a.arr() == null ? 0 : Math.max(0, a.arr());
        long arrPercent = Math.min(w.of(Weight.ARR_PERCENT_CAP), arr * w.of(Weight.ARR_PERCENT_PER_100K) / 100_000);
        return tierPercent / 100.0 * (100 + arrPercent) / 100.0;
    }

    /** "strategic, $120k ARR", "high tier", "$400k ARR": a standard tier goes unsaid. */
    private static String valueWords(AccountRow a) {
        List<String> words = new ArrayList<>();
        if (a.tier() == AccountProfile.Tier.STRATEGIC) {
            words.add("strategic");
        } else if (a.tier() == AccountProfile.Tier.HIGH) {
            words.add("high tier");
        }
        if (a.arr() != null && a.arr() > 0) {
            words.add(RiskWords.money(a.arr()) + " ARR");
        }
        return String.join(", ", words);
    }

    private static Weight openWeight(Severity severity) {
        return switch (severity) {
            case P1 -> Weight.P1_OPEN;
            case P2 -> Weight.P2_OPEN;
            case P3 -> Weight.P3_OPEN;
        };
    }
}
