package io.holdfast.escalation;

import io.holdfast.core.Tenant;
import io.holdfast.store.Database;
import io.holdfast.store.Outbox;
import io.holdfast.store.TenantStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the SLA clocks (run every minute by the scheduler): at 75% of a window it warns in the
 * escalation's thread, at the end it posts a breach notice and marks the SLA breached. Each notice is
 * marked as given on the escalation, and its outbox key makes it post once however often the watch runs.
 */
public final class SlaWatch {
    private static final Logger log = LoggerFactory.getLogger(SlaWatch.class);

    private final Database db;
    private final EscalationStore escalations;
    private final EscalationSettings settings;
    private final EscalationService service;
    private final TenantStore tenants;
    private final Outbox outbox;
    private final EscalationMessages messages;
    private final Clock clock;
    private final Runnable afterCommit;

    public SlaWatch(Database db, EscalationStore escalations, EscalationSettings settings, EscalationService service, TenantStore tenants,
                    Outbox outbox, EscalationMessages messages, Clock clock, Runnable afterCommit) {
        this.db = db;
        this.escalations = escalations;
        this.settings = settings;
        this.service = service;
        this.tenants = tenants;
        this.outbox = outbox;
        this.messages = messages;
        this.clock = clock;
        this.afterCommit = afterCommit;
    }

    /** Posts what is due now; returns how many notices were queued. */
    public int check() {
        Instant now = clock.instant();
        int queued = 0;
        for (Escalation candidate : db.read(c -> escalations.needingAttention(c, now))) {
            Optional<Tenant> tenant = tenants.activeById(candidate.tenantId());
            try {
                if (tenant.isPresent()) {
                    queued += db.write(c -> watch(c, tenant.get(), candidate.id(), now));
                }
            } catch (RuntimeException e) {
                // One escalation that can't be watched must not stop the others' clocks.
                log.error("SLA watch failed for escalation {} of tenant {}", candidate.id(), candidate.tenantId(), e);
            }
        }
        if (queued > 0) {
            afterCommit.run();
        }
        return queued;
    }

    private int watch(Connection c, Tenant tenant, long escalationId, Instant now) throws SQLException {
        Escalation e = escalations.byId(c, tenant.id(), escalationId).orElseThrow();
        if (e.isResolved()) {
            return 0;
        }
        Leads leads = settings.leads(c, tenant.id());
        int queued = 0;
        if (!e.isAcknowledged() && !e.ackBreached()) {
            queued += clockNotice(c, tenant, e, true, leads, now);
        }
        if (!e.resolveBreached()) {
            queued += clockNotice(c, tenant, e, false, leads, now);
        }
        return queued;
    }

    private int clockNotice(Connection c, Tenant tenant, Escalation e, boolean ack, Leads leads, Instant now) throws SQLException {
        SlaClock clockOf = ack ? e.ackClock() : e.resolveClock();
        String prefix = "escalation:" + e.id() + (ack ? ":ack" : ":r" + e.round() + ":resolve");
        if (!now.isBefore(clockOf.due())) {
            if (!escalations.markBreached(c, e, ack)) {
                return 0;
            }
            escalations.recordEvent(c, e, ack ? EscalationEvent.Kind.ACK_BREACHED : EscalationEvent.Kind.RESOLVE_BREACHED, EscalationEvent.CLOCK, now, null);
            Escalation breached = escalations.byId(c, tenant.id(), e.id()).orElseThrow();
            outbox.post(c, tenant.id(), prefix + "-breach", e.channel(), e.cardKey(), null, messages.breach(breached, ack, leads));
            outbox.update(c, tenant.id(), prefix + "-breach-card", e.channel(), e.cardKey(), service.card(c, tenant, breached));
            return 1;
        }
        if (now.isBefore(clockOf.warnAt())) {
            return 0;
        }
        if (escalations.markWarned(c, e, ack) && outbox.post(c, tenant.id(), prefix + "-warning", e.channel(), e.cardKey(), null, messages.warning(e, ack, leads, tenant.zone()))) {
            escalations.recordEvent(c, e, ack ? EscalationEvent.Kind.ACK_WARNED : EscalationEvent.Kind.RESOLVE_WARNED, EscalationEvent.CLOCK, now, null);
            return 1;
        }
        return 0;
    }
}
