package io.holdfast.risk;

import java.util.EnumMap;
import java.util.Map;

/**
 * What each risk signal is worth, in one place. Friction signals (promises, escalations, their history) add points;
 * an upcoming renewal adds points to an account that already has friction; the account's value multiplies the total.
 * Neither renewal nor value puts a calm account on the list: they say how much its friction matters, not that there is any.
 * A weight of 0 turns its signal off. Tenants override single weights (see {@link RiskWeightStore}).
 */
public record RiskWeights(Map<Weight, Integer> values) {

    public enum Weight {
        /** Points per open promise past its due time. */
        OVERDUE_PROMISE(10),
        /** Points per whole day the longest-overdue promise has slipped, up to {@link #OVERDUE_DAYS_CAP} days. */
        OVERDUE_DAY(2),
        /** Days of slippage that still add points, so one forgotten promise cannot outweigh everything else. */
        OVERDUE_DAYS_CAP(14),
        /** Points per open promise due within the next 48 hours: slippage about to happen. */
        DUE_SOON_PROMISE(4),
        /** Points per unresolved escalation, by severity. */
        P1_OPEN(30),
        P2_OPEN(15),
        P3_OPEN(6),
        /** Points per unresolved escalation past its acknowledge or resolution deadline. */
        ACK_BREACH(15),
        RESOLVE_BREACH(10),
        /** Points per SLA missed by an escalation resolved in the last 90 days: a miss is remembered after the fix. */
        SLA_MISSED(5),
        /** Points per escalation in the tenant's repeat window, once there are two or more. */
        REPEAT_ESCALATION(8),
        /** Points per promise done after its due time in the last 90 days. */
        KEPT_LATE(4),
        /** Points for a renewal 31 to 90 days away, or 0 to 30 days away. */
        RENEWAL_90_DAYS(8),
        RENEWAL_30_DAYS(20),
        /** The score of a high or strategic account, in percent of a standard one's. */
        HIGH_TIER_PERCENT(125),
        STRATEGIC_TIER_PERCENT(150),
        /** Extra percent per $100k of ARR, up to {@link #ARR_PERCENT_CAP}. */
        ARR_PERCENT_PER_100K(10),
        ARR_PERCENT_CAP(50);

        private final int standard;

        Weight(int standard) {
            this.standard = standard;
        }
    }

    public RiskWeights {
        EnumMap<Weight, Integer> all = new EnumMap<>(Weight.class);
        for (Weight w : Weight.values()) {
            Integer value = values.get(w);
            if (value == null || value < 0) {
                throw new IllegalArgumentException("risk weight " + w + " must be 0 or more, not " + value);
            }
            all.put(w, value);
        }
        values = Map.copyOf(all);
    }

    public static RiskWeights defaults() {
        EnumMap<Weight, Integer> values = new EnumMap<>(Weight.class);
        for (Weight w : Weight.values()) {
            values.put(w, w.standard);
        }
        return new RiskWeights(values);
    }

    public int of(Weight weight) {
        return values.get(weight);
    }

    /** These weights with one of them changed. */
    public RiskWeights with(Weight weight, int value) {
        EnumMap<Weight, Integer> changed = new EnumMap<>(values);
        changed.put(weight, value);
        return new RiskWeights(changed);
    }
}
