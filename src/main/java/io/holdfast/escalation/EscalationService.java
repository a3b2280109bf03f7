package io.holdfast.escalation;

import io.holdfast.account.Account;
import io.holdfast.account.AccountStore;
import io.holdfast.core.Actor;
import io.holdfast.core.Message;
import io.holdfast.core.Tenant;
import io.holdfast.core.UserInputException;
import io.holdfast.store.Database;
import io.holdfast.store.Outbox;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rules of escalations. Each change is one transaction: the row, its timeline entry, the card
 * update and the thread message commit together; the delivery worker is woken after the commit.
 */
public final class EscalationService {
    public static final int LIST_LIMIT = 20;
    static final String CARD_SUBJECT = "escalation-card:";

    private final Database db;
    private final EscalationStore escalations;
    private final AccountStore accounts;
    private final EscalationSettings settings;
    private final Outbox outbox;
    private final EscalationMessages messages;
    private final SlaCalculator sla;
    private final LeadDirectory leads;
    private final Clock clock;
    private final Runnable afterCommit;

    public EscalationService(Database db, EscalationStore escalations, AccountStore accounts, EscalationSettings settings, Outbox outbox,
                             EscalationMessages messages, SlaCalculator sla, LeadDirectory leads, Clock clock, Runnable afterCommit) {
        this.db = db;
        this.escalations = escalations;
        this.accounts = accounts;
        this.settings = settings;
        this.outbox = outbox;
        this.messages = messages;
        this.sla = sla;
        this.leads = leads;
        this.clock = clock;
        this.afterCommit = afterCommit;
    }

    /**
     * Raises an escalation and posts its card where the account's people will see it: the account's
     * channel, else the tenant's escalation channel, else where it was raised. A repeat within the
     * tenant's window flags it for leadership review and asks the leads in the card's thread.
     */
    public Escalation raise(Actor actor, String channel, String accountName, Severity severity, String summary, String ownerId) {
        Tenant tenant = actor.tenant();
        Instant now = clock.instant();
        Escalation raised = db.write(c -> {
            Account account = accounts.findOrCreate(c, tenant.id(), accountName);
            SlaPolicy policy = settings.policy(c, tenant.id(), severity);
            Duration window = settings.repeatWindow(c, tenant.id());
            List<Escalation> earlier = escalations.recentForAccount(c, tenant.id(), account.id(), now.minus(window));
            Optional<String> accountChannel = accounts.channel(c, tenant.id(), account.id());
            String cardChannel = accountChannel.isPresent() ? accountChannel.get() : settings.escalationChannel(c, tenant.id()).orElse(channel);
            Escalation e = escalations.insert(c, tenant.id(), new EscalationStore.NewEscalation(account.id(), actor.userId(), ownerId,
                    severity, summary, now, sla.clock(now, policy.ack(), tenant.zone(), tenant.calendar()),
                    sla.clock(now, policy.resolve(), tenant.zone(), tenant.calendar()), !earlier.isEmpty(), cardChannel));
            escalations.recordEvent(c, e, EscalationEvent.Kind.RAISED, actor.userId(), now, severity + ": " + summary);
            if (ownerId != null) {
                escalations.recordEvent(c, e, EscalationEvent.Kind.ASSIGNED, actor.userId(), now, "to " + ownerId);
            }
            if (!earlier.isEmpty()) {
                accounts.requireReview(c, tenant.id(), account.id(), now);
                escalations.recordEvent(c, e, EscalationEvent.Kind.REVIEW_REQUESTED, actor.userId(), now,
                        "repeat of #" + earlier.get(0).number());
            }
            outbox.post(c, tenant.id(), e.cardKey(), cardChannel, null, CARD_SUBJECT + e.id(), card(c, tenant, e));
            if (!earlier.isEmpty()) {
                outbox.post(c, tenant.id(), "escalation:" + e.id() + ":review", cardChannel, e.cardKey(), null,
                        messages.leadershipReview(e, earlier, settings.leads(c, tenant.id()), window));
            }
            return e;
        });
        afterCommit.run();
        return raised;
    }

    /** Anyone may acknowledge; the first to do so owns it if nobody did. */
    public Escalation acknowledge(Actor actor, long number) {
        return change(actor, number, false, EscalationEvent.Kind.ACKNOWLEDGED, null, e -> {
            if (e.isAcknowledged()) {
                throw new UserInputException("#" + number + " was already acknowledged.");
            }
            return e.acknowledged(actor.userId(), clock.instant());
        }, (before, after) -> messages.acknowledged(after, actor.userId()));
    }

    public Escalation assign(Actor actor, long number, String ownerId) {
        return change(actor, number, true, EscalationEvent.Kind.ASSIGNED, "to " + ownerId, e -> e.assignedTo(ownerId),
                (before, after) -> messages.assigned(after, actor.userId()));
    }

    public Escalation resolve(Actor actor, long number, String rootCause, String remediation) {
        if (rootCause.isBlank() || remediation.isBlank()) {
            throw new UserInputException("Resolving needs the root cause and the remediation offered. Example: /escalate resolve #"
                    + number + " cause: expired TLS certificate remediation: one month's credit and a renewal alert");
        }
        return change(actor, number, true, EscalationEvent.Kind.RESOLVED, rootCause + " / " + remediation,
                e -> e.resolved(rootCause, remediation, clock.instant()), (before, after) -> messages.resolved(after, actor.userId()));
    }

    /** Reopens with a fresh resolve clock, under the tenant's current policy for its severity. */
    public Escalation reopen(Actor actor, long number, String reason) {
        if (reason.isBlank()) {
            throw new UserInputException("Say why it is reopened. Example: /escalate reopen #" + number + " the outage came back");
        }
        Tenant tenant = actor.tenant();
        // The new round starts with a clean resolve clock, so the timeline keeps whether the last one was missed.
        Escalation current = byNumber(actor, number);
        String detail = reason + (current.resolveBreached() ? " (round " + current.round() + " was resolved after its SLA)" : "");
        return changeAllowingResolved(actor, number, EscalationEvent.Kind.REOPENED, detail, e -> {
            if (!e.isResolved()) {
                throw new UserInputException("#" + number + " is still open; reopen is for resolved escalations.");
            }
            SlaPolicy policy = settings.policy(tenant.id(), e.severity());
            return e.reopened(sla.clock(clock.instant(), policy.resolve(), tenant.zone(), tenant.calendar()));
        }, (before, after) -> messages.reopened(after, actor.userId(), reason, tenant.zone()));
    }

    /** A lead confirms the account was reviewed after repeat escalations. */
    public Escalation markReviewed(Actor actor, Escalation e) {
        boolean noLeads = leads.leads(actor.tenant()).isEmpty();
        if (!leads.isLead(actor.tenant(), actor.userId()) && !(noLeads && actor.admin())) {
            throw new UserInputException("Only an escalation lead can mark the account reviewed. Leads are set with /holdfast leads @a @b.");
        }
        Instant now = clock.instant();
        Escalation current = db.write(c -> {
            accounts.markReviewed(c, e.tenantId(), e.accountId(), actor.userId(), now);
            escalations.recordEvent(c, e, EscalationEvent.Kind.REVIEWED, actor.userId(), now, null);
            // Every flagged card of the account loses its Reviewed button, not only the one pressed.
            for (Escalation flagged : escalations.flaggedForAccount(c, e.tenantId(), e.accountId())) {
                outbox.update(c, e.tenantId(), flagged.cardKey() + ":reviewed:" + now.toEpochMilli(), flagged.channel(), flagged.cardKey(),
                        card(c, actor.tenant(), flagged));
            }
            Escalation fresh = escalations.byId(c, e.tenantId(), e.id()).orElseThrow();
            outbox.post(c, e.tenantId(), "escalation:" + e.id() + ":reviewed:" + now.toEpochMilli(), fresh.channel(), e.cardKey(), null,
                    messages.reviewed(fresh, actor.userId()));
            return fresh;
        });
        afterCommit.run();
        return current;
    }

    public EscalationStore.Page list(Actor actor, EscalationFilter filter) {
        return db.read(c -> escalations.list(c, actor.tenant().id(), actor.userId(), filter, LIST_LIMIT));
    }

    public Escalation byNumber(Actor actor, long number) {
        return db.read(c -> escalations.byNumber(c, actor.tenant().id(), number)).orElseThrow(() -> notFound(number));
    }

    public List<EscalationEvent> timeline(Escalation e) {
        return db.read(c -> escalations.timeline(c, e.tenantId(), e.id()));
    }

    /** The escalation a button or form refers to by its internal id. */
    public Escalation referredTo(Actor actor, String escalationId) {
        long id;
        try {
            id = Long.parseLong(escalationId);
        } catch (NumberFormatException e) {
            throw new UserInputException("That button or form is out of date; run /escalate list and try again.");
        }
        return db.read(c -> escalations.byId(c, actor.tenant().id(), id))
                .orElseThrow(() -> new UserInputException("That escalation no longer exists. See open ones with /escalate list."));
    }

    /** Throws the polite refusal unless the actor is the owner, the reporter or a lead. */
    public void requireMayWork(Actor actor, Escalation e) {
        if (!actor.userId().equals(e.ownerId()) && !actor.userId().equals(e.reporterId())
                && !leads.isLead(actor.tenant(), actor.userId())) {
            throw new UserInputException("Only the owner or the reporter of #" + e.number() + ", or an escalation lead, can do that. "
                    + "Ask in the card's thread, or acknowledge it to take it on.");
        }
    }

    Message card(Connection c, Tenant tenant, Escalation e) throws SQLException {
        return messages.card(e, tenant.zone(), accounts.review(c, tenant.id(), e.accountId()), settings.authority(c, tenant.id(), e.severity()));
    }

    private interface Change {
        Escalation apply(Escalation before);
    }

    private interface ThreadMessage {
        Message of(Escalation before, Escalation after);
    }

    private Escalation change(Actor actor, long number, boolean restricted, EscalationEvent.Kind kind, String detail, Change change,
                              ThreadMessage thread) {
        return apply(actor, number, restricted, false, kind, detail, change, thread);
    }

    private Escalation changeAllowingResolved(Actor actor, long number, EscalationEvent.Kind kind, String detail, Change change,
                                              ThreadMessage thread) {
        return apply(actor, number, true, true, kind, detail, change, thread);
    }

    private Escalation apply(Actor actor, long number, boolean restricted, boolean allowResolved, EscalationEvent.Kind kind, String detail,
                             Change change, ThreadMessage thread) {
        Instant now = clock.instant();
        if (restricted) {
            // Checked before the write transaction: it may ask the platform about group members, and the
            // single writer connection must never wait on the network.
            requireMayWork(actor, byNumber(actor, number));
        }
        Escalation changed = db.write(c -> {
            Escalation before = escalations.byNumber(c, actor.tenant().id(), number).orElseThrow(() -> notFound(number));
            if (before.isResolved() && !allowResolved) {
                throw new UserInputException("#" + number + " is resolved. To work on it again: /escalate reopen #" + number + " <reason>");
            }
            Escalation after = escalations.save(c, change.apply(before));
            escalations.recordEvent(c, after, kind, actor.userId(), now, detail);
            outbox.update(c, after.tenantId(), after.cardKey() + ":v" + after.version(), after.channel(), after.cardKey(),
                    card(c, actor.tenant(), after));
            outbox.post(c, after.tenantId(), "escalation:" + after.id() + ":event:v" + after.version(), after.channel(), after.cardKey(),
                    null, thread.of(before, after));
            return after;
        });
        afterCommit.run();
        return changed;
    }

    static UserInputException notFound(long number) {
        return new UserInputException("There's no escalation #" + number + " here. See open ones with /escalate list.");
    }
}
