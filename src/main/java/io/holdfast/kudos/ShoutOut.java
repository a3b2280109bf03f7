package io.holdfast.kudos;

import io.holdfast.core.Tenant;
import io.holdfast.store.Database;
import io.holdfast.store.Outbox;
import io.holdfast.store.TenantStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monthly "Client Impact" shout-out: on the first business day of each month at 10:00 tenant time,
 * the previous month's best verified kudos go to the recognition channel. Run often by the scheduler;
 * the outbox key (month and channel) makes it post exactly once.
 */
public final class ShoutOut {
    private static final Logger log = LoggerFactory.getLogger(ShoutOut.class);
    static final LocalTime AT = LocalTime.of(10, 0);
    private static final int TOP = 3;

    private final Database db;
    private final KudosStore kudos;
    private final KudosSettings settings;
    private final TenantStore tenants;
    private final Outbox outbox;
    private final KudosMessages messages;
    private final Clock clock;
    private final Runnable afterCommit;

    public ShoutOut(Database db, KudosStore kudos, KudosSettings settings, TenantStore tenants, Outbox outbox, KudosMessages messages,
                    Clock clock, Runnable afterCommit) {
        this.db = db;
        this.kudos = kudos;
        this.settings = settings;
        this.tenants = tenants;
        this.outbox = outbox;
        this.messages = messages;
        this.clock = clock;
        this.afterCommit = afterCommit;
    }

    /** Queues every shout-out that is due now and not yet queued; returns how many. */
    public int check() {
        Instant now = clock.instant();
        int queued = 0;
        for (KudosSettings.RecognitionChannel target : settings.recognitionChannels()) {
            Optional<Tenant> tenant = tenants.activeById(target.tenantId());
            try {
                if (tenant.isPresent() && post(tenant.get(), target, now)) {
                    queued++;
                }
            } catch (RuntimeException e) {
                // One workspace's failure must not cost the others their shout-out.
                log.error("shout-out failed for tenant {}", target.tenantId(), e);
            }
        }
        if (queued > 0) {
            afterCommit.run();
        }
        return queued;
    }

    private boolean post(Tenant tenant, KudosSettings.RecognitionChannel target, Instant now) {
        String channel = target.channel();
        ZonedDateTime local = now.atZone(tenant.zone());
        YearMonth thisMonth = YearMonth.from(local);
        LocalDate firstBusinessDay = tenant.calendar().nextBusinessDayOnOrAfter(thisMonth.atDay(1));
        Instant due = firstBusinessDay.atTime(AT).atZone(tenant.zone()).toInstant();
        if (now.isBefore(due) || target.since().isAfter(due)) {
            return false;
        }
        YearMonth month = thisMonth.minusMonths(1);
        String key = "shoutout:" + month + ":" + channel;
        if (outbox.status(tenant.id(), key).isPresent()) {
            return false;
        }
        Instant from = month.atDay(1).atStartOfDay(tenant.zone()).toInstant();
        Instant to = thisMonth.atDay(1).atStartOfDay(tenant.zone()).toInstant();
        return db.write(c -> {
            List<Kudos> top = kudos.topVerified(c, tenant.id(), from, to, TOP);
            return outbox.post(c, tenant.id(), key, channel, null, null, messages.shoutOut(month, top));
        });
    }
}
