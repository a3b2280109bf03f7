package io.holdfast.risk;

import io.holdfast.escalation.EscalationSettings;
import io.holdfast.risk.RiskScorer.Scored;
import io.holdfast.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Ranks a tenant's accounts by risk for the triage digest: every account scored from a few aggregates, the top few explained. */
public final class RiskRanker {
    private static final Comparator<Scored> ORDER = Comparator.comparingInt(Scored::score).reversed()
            .thenComparing(s -> s.facts().account().name(), String.CASE_INSENSITIVE_ORDER)
            .thenComparingLong(s -> s.facts().account().id());

    private final Database db;
    private final EscalationSettings escalationSettings;
    private final RiskWeightStore weights;

    public RiskRanker(Database db, EscalationSettings escalationSettings, RiskWeightStore weights) {
        this.db = db;
        this.escalationSettings = escalationSettings;
        this.weights = weights;
    }

    /**
     * The top {@code limit} accounts by score (score above 0 only), highest first, ties by name.
     *
     * @param zone where "today" is, for how many days remain until a renewal
     */
    public List<RiskEntry> top(long tenantId, Instant now, ZoneId zone, int limit, RiskFilter filter) {
        return db.read(c -> {
            // The same window that flags a repeat escalation when it is raised.
            Duration repeatWindow = escalationSettings.repeatWindow(c, tenantId);
            RiskScorer scorer = new RiskScorer(weights.load(c, tenantId), now, LocalDate.ofInstant(now, zone), repeatWindow);
            List<Scored> shown = RiskSignals.collect(c, tenantId, now, repeatWindow, filter).stream().map(scorer::score)
                    .filter(s -> s.score() > 0).sorted(ORDER).limit(limit).toList();
            Map<Long, String> causes = RiskCauses.of(c, tenantId, now, scorer, shown);
            return shown.stream().map(s -> new RiskEntry(s.facts().account().id(), s.facts().account().name(), s.score(), s.reasons(),
                    s.facts().account().ownerId(), causes.get(s.facts().account().id()))).toList();
        });
    }
}
