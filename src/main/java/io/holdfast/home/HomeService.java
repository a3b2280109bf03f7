package io.holdfast.home;

import io.holdfast.core.Actor;
import io.holdfast.core.Message;
import io.holdfast.core.Page;
import io.holdfast.escalation.EscalationFilter;
import io.holdfast.escalation.EscalationStore;
import io.holdfast.kudos.Kudos;
import io.holdfast.kudos.KudosStore;
import io.holdfast.promise.PromiseFilter;
import io.holdfast.promise.PromiseStore;
import io.holdfast.risk.RiskEntry;
import io.holdfast.risk.RiskFilter;
import io.holdfast.risk.RiskRanker;
import io.holdfast.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A person's own page (Slack's App Home): their open promises, the escalations they own, the tenant's
 * most at-risk accounts and the kudos they received lately. Lists are cut short so the page stays
 * within what a platform shows at once (Slack takes 100 blocks), and say how to see the rest.
 */
public final class HomeService {
    static final int PROMISES = 10;
    static final int ESCALATIONS = 5;
    static final int AT_RISK = 5;
    static final int KUDOS = 5;
    static final Duration KUDOS_WINDOW = Duration.ofDays(90);

    private final Database db;
    private final PromiseStore promises;
    private final EscalationStore escalations;
    private final KudosStore kudos;
    private final RiskRanker ranker;
    private final HomeMessages messages;
    private final Clock clock;

    public HomeService(Database db, PromiseStore promises, EscalationStore escalations, KudosStore kudos, RiskRanker ranker,
                       HomeMessages messages, Clock clock) {
        this.db = db;
        this.promises = promises;
        this.escalations = escalations;
        this.kudos = kudos;
        this.ranker = ranker;
        this.messages = messages;
        this.clock = clock;
    }

    /** The viewer's page now; {@code notice} (what their last press on the page did) goes at the top. */
    public Page page(Actor viewer, Optional<Message> notice) {
        return messages.page(read(viewer), viewer.zone(), notice);
    }

    MyWork read(Actor viewer) {
        Instant now = clock.instant();
        long tenantId = viewer.tenant().id();
        String me = viewer.userId();
        List<RiskEntry> atRisk = ranker.top(tenantId, now, viewer.tenant().zone(), AT_RISK, RiskFilter.ALL);
        return db.read(c -> {
            // Soonest due first, which puts the overdue ones (due before now) at the top.
            PromiseStore.Page open = promises.list(c, tenantId, me, new PromiseFilter.Mine(), now, PROMISES);
            EscalationStore.Page owned = escalations.list(c, tenantId, me, new EscalationFilter.Mine(), ESCALATIONS);
            // The store's window is half-open; a millisecond more includes kudos given this very instant.
            List<Kudos> received = new ArrayList<>(kudos.given(c, tenantId, now.minus(KUDOS_WINDOW), now.plusMillis(1), me));
            Collections.reverse(received);
            return new MyWork(now, open, owned, atRisk, received.subList(0, Math.min(KUDOS, received.size())), received.size());
        });
    }
}
