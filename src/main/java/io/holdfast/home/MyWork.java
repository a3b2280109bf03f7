package io.holdfast.home;

import io.holdfast.escalation.EscalationStore;
import io.holdfast.kudos.Kudos;
import io.holdfast.promise.PromiseStore;
import io.holdfast.risk.RiskEntry;
import java.time.Instant;
import java.util.List;

/**
 * What one person's Home shows, read at {@code asOf}: each list already cut to what fits, with how many there were.
 *
 * @param kudos       kudos naming the person in the recent window, newest first
 * @param kudosTotal  how many there were in that window
 */
record MyWork(Instant asOf, PromiseStore.Page promises, EscalationStore.Page escalations, List<RiskEntry> atRisk, List<Kudos> kudos,
              int kudosTotal) {

    MyWork {
        atRisk = List.copyOf(atRisk);
        kudos = List.copyOf(kudos);
    }
}
