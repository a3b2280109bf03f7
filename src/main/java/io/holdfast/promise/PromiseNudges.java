package io.holdfast.promise;

import io.holdfast.account.Account;
import io.holdfast.account.AccountStore;
import io.holdfast.core.Tenant;
import io.holdfast.core.Text;
import io.holdfast.core.time.BusinessCalendar;
import io.holdfast.escalation.LeadDirectory;
import io.holdfast.store.Database;
import io.holdfast.store.Outbox;
import io.holdfast.store.TenantStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chases overdue promises where they were made: the first nudge in the card's thread as soon as the
 * due time passes, then one reminder each following business day at 09:30 in the owner's zone; from
 * the fourth reminder the account owner (or the leads) is mentioned too, because a promise that keeps
 * slipping needs someone with more reach. Run every minute by the scheduler; each nudge's outbox key
 * (promise, nudge number) makes it post exactly once.
 */
public final class PromiseNudges {
    private static final Logger log = LoggerFactory.getLogger(PromiseNudges.class);
    static final LocalTime REMINDER_AT = LocalTime.of(9, 30);
    static final int REMINDERS_BEFORE_WIDER_CIRCLE = 3;
    private static final int BATCH = 500;

    private final Database db;
    private final PromiseStore promises;
    private final AccountStore accounts;
    private final LeadDirectory leads;
    private final TenantStore tenants;
    private final Outbox outbox;
    private final PromiseMessages messages;
    private final Clock clock;
    private final Runnable afterCommit;

    public PromiseNudges(Database db, PromiseStore promises, AccountStore accounts, LeadDirectory leads, TenantStore tenants, Outbox outbox,
                         PromiseMessages messages, Clock clock, Runnable afterCommit) {
        this.db = db;
        this.promises = promises;
        this.accounts = accounts;
        this.leads = leads;
        this.tenants = tenants;
        this.outbox = outbox;
        this.messages = messages;
        this.clock = clock;
        this.afterCommit = afterCommit;
    }

    /** Queues every nudge due now; returns how many. */
    public int check() {
        Instant now = clock.instant();
        int queued = 0;
        for (PromiseStore.NudgeDue due : db.read(c -> promises.dueForNudge(c, now, BATCH))) {
            Optional<Tenant> tenant = tenants.activeById(due.promise().tenantId());
            try {
                if (tenant.isPresent()) {
                    queued += nudge(tenant.get(), due, now);
                }
            } catch (RuntimeException e) {
                log.error("nudging promise {} failed", due.promise().id(), e);
            }
        }
        if (queued > 0) {
            afterCommit.run();
        }
        return queued;
    }

    private int nudge(Tenant tenant, PromiseStore.NudgeDue due, Instant now) {
        Promise p = due.promise();
        int number = due.nudges() + 1;
        if (number > 1 && !withinOfficeHours(now, p.dueZone(), tenant.calendar())) {
            // The server was down at 09:30, or the clock jumped: a reminder never goes out at night or at the weekend.
            Instant resume = afterSnooze(now, p.dueZone(), tenant.calendar());
            db.write(c -> {
                promises.scheduleNudge(c, p, resume, false);
                return null;
            });
            return 0;
        }
        boolean widerCircle = number > REMINDERS_BEFORE_WIDER_CIRCLE + 1;
        Text.Builder alsoTell = Text.builder();
        if (widerCircle) {
            String accountOwner = db.read(c -> accounts.profile(c, new Account(p.accountId(), p.tenantId(), p.accountName())).ownerId());
            if (accountOwner != null && !accountOwner.equals(p.ownerId())) {
                alsoTell.mention(accountOwner);
            } else {
                leads.leads(tenant).mention(alsoTell, p.ownerId());
            }
        }
        Instant next = nextReminder(now, p.dueZone(), tenant.calendar());
        return db.write(c -> {
            // Keyed by the due date too: a re-dated promise starts counting again and its nudges are new posts.
            if (!promises.nudged(c, due, next) || !outbox.post(c, p.tenantId(), "promise:" + p.id() + ":due:" + p.due().toEpochMilli()
                    + ":nudge:" + number, p.originChannel(), p.cardKey(), null, messages.nudge(p, now, alsoTell.build()))) {
                return 0;
            }
            promises.recordEvent(c, p, PromiseEvent.NUDGED, "holdfast", now, "nudge " + number);
            return 1;
        });
    }

    private static boolean withinOfficeHours(Instant now, ZoneId zone, BusinessCalendar calendar) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        return calendar.isBusinessDay(local.toLocalDate()) && !time.isBefore(REMINDER_AT) && time.isBefore(calendar.workdayEnd());
    }

    /** 09:30 on the next business day after {@code now} in the owner's zone: reminders keep office hours. */
    static Instant nextReminder(Instant now, ZoneId zone, BusinessCalendar calendar) {
        LocalDate day = calendar.nextBusinessDayOnOrAfter(now.atZone(zone).toLocalDate().plusDays(1));
        return ZonedDateTime.of(day, REMINDER_AT, zone).toInstant();
    }

    /**
     * When reminders resume after a snooze: at the snooze's end if that is within a business day's
     * hours, else at the next business day's 09:30.
     */
    static Instant afterSnooze(Instant until, ZoneId zone, BusinessCalendar calendar) {
        ZonedDateTime local = until.atZone(zone);
        LocalDate day = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        if (calendar.isBusinessDay(day) && !time.isBefore(REMINDER_AT) && time.isBefore(calendar.workdayEnd())) {
            return until;
        }
        LocalDate resume = time.isBefore(REMINDER_AT) ? calendar.nextBusinessDayOnOrAfter(day) : calendar.nextBusinessDayOnOrAfter(day.plusDays(1));
        return ZonedDateTime.of(resume, REMINDER_AT, zone).toInstant();
    }
}
