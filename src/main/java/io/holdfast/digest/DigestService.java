package io.holdfast.digest;

import io.holdfast.core.Tenant;
import io.holdfast.promise.PromiseFilter;
import io.holdfast.promise.PromiseStore;
import io.holdfast.risk.RiskEntry;
import io.holdfast.risk.RiskFilter;
import io.holdfast.risk.RiskRanker;
import io.holdfast.store.Database;
import io.holdfast.store.Outbox;
import io.holdfast.store.TenantStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes digests and posts the ones that are due. Each subscription's cron trigger and the minute
 * sweep both call {@link #check()}; the outbox key (subscription, local date) makes each post once.
 */
public final class DigestService {
    private static final Logger log = LoggerFactory.getLogger(DigestService.class);
    public static final int NEXT_STEPS = 3;
    /** The scheduler's name for {@link #check()}, which every subscription's trigger runs. */
    public static final String JOB = "digests";

    private final Database db;
    private final RiskRanker ranker;
    private final PromiseStore promises;
    private final SubscriptionStore subscriptions;
    private final TenantStore tenants;
    private final Outbox outbox;
    private final DigestMessages messages;
    private final Clock clock;
    private final Runnable afterCommit;
    private final Set<String> reportedMissed = ConcurrentHashMap.newKeySet();

    public DigestService(Database db, RiskRanker ranker, PromiseStore promises, SubscriptionStore subscriptions, TenantStore tenants,
                         Outbox outbox, DigestMessages messages, Clock clock, Runnable afterCommit) {
        this.db = db;
        this.ranker = ranker;
        this.promises = promises;
        this.subscriptions = subscriptions;
        this.tenants = tenants;
        this.outbox = outbox;
        this.messages = messages;
        this.clock = clock;
        this.afterCommit = afterCommit;
    }

    /** The digest as of {@code asOf}: the top accounts and each one's soonest open promises. */
    public DigestReport compose(Tenant tenant, Instant asOf, int top, RiskFilter filter) {
        List<DigestReport.Item> items = new ArrayList<>();
        for (RiskEntry risk : ranker.top(tenant.id(), asOf, tenant.zone(), top, filter)) {
            PromiseStore.Page steps = db.read(c -> promises.list(c, tenant.id(), null, new PromiseFilter.ForAccount(risk.accountName()), asOf,
                    NEXT_STEPS));
            items.add(new DigestReport.Item(risk, steps.promises()));
        }
        return new DigestReport(asOf, items);
    }

    public DigestReport compose(Tenant tenant, Subscription s, Instant asOf) {
        return compose(tenant, asOf, s.top(), new RiskFilter(s.tier(), s.ownerId()));
    }

    /** A digest from an earlier day is stale, so it is dropped, but an operator should know it never went out. */
    private void reportMissed(Subscription s, Instant now) {
        Optional<LocalDate> owed = s.owedTheDayBefore(now);
        if (owed.isPresent()) {
            String key = s.key() + ":" + owed.get();
            if (outbox.status(s.tenantId(), key).isEmpty() && reportedMissed.add(key)) {
                log.warn("digest for channel {} on {} was missed while Holdfast was down; it is dropped as stale", s.channel(), owed.get());
            }
        }
    }

    /** Posts every digest due now and not yet posted today; returns how many. */
    public int check() {
        Instant now = clock.instant();
        int queued = 0;
        for (Subscription s : subscriptions.all()) {
            try {
                queued += post(s, now) ? 1 : 0;
            } catch (RuntimeException e) {
                log.error("digest for subscription {} failed", s.id(), e);
            }
        }
        if (queued > 0) {
            afterCommit.run();
        }
        return queued;
    }

    private boolean post(Subscription s, Instant now) {
        // A paused tenant (its Slack app uninstalled) gets no digest and no warning about the ones it misses.
        Optional<Tenant> tenant = tenants.activeById(s.tenantId());
        if (tenant.isEmpty()) {
            return false;
        }
        reportMissed(s, now);
        Optional<LocalDate> due = s.dueOn(now);
        if (due.isEmpty()) {
            return false;
        }
        String key = s.key() + ":" + due.get();
        if (outbox.status(s.tenantId(), key).isPresent()) {
            return false;
        }
        DigestReport report = compose(tenant.get(), s, now);
        return db.write(c -> outbox.post(c, s.tenantId(), key, s.channel(), null, null, messages.digest(report, s.zone())));
    }
}
