package io.holdfast.digest;

import io.holdfast.promise.Promise;
import io.holdfast.risk.RiskEntry;
import java.time.Instant;
import java.util.List;

/** What a digest says: the top at-risk accounts, each with up to three next steps (its soonest open promises). */
public record DigestReport(Instant asOf, List<Item> items) {

    public record Item(RiskEntry risk, List<Promise> nextSteps) {
        public Item {
            nextSteps = List.copyOf(nextSteps);
        }
    }

    public DigestReport {
        items = List.copyOf(items);
    }
}
