package io.holdfast.escalation;

import java.time.Duration;
import java.time.Instant;

/**
 * A client issue raised for attention: a severity, one owner, and two SLA clocks (acknowledge, resolve).
 *
 * @param number  the per-tenant number people use (#7)
 * @param channel where its card lives: the account's channel, the tenant's escalation channel, or where it was raised
 * @param round   1, then one more each time it is reopened; keys the clock's warnings so a reopened escalation warns again
 */
public record Escalation(long id, long tenantId, long number, long accountId, String accountName, String reporterId, String ownerId,
                         Severity severity, String summary, EscalationStatus status, Instant openedAt, SlaClock ackClock,
                         SlaClock resolveClock, Instant ackedAt, Instant resolvedAt, boolean ackBreached, boolean resolveBreached,
                         String rootCause, String remediation, int round, boolean leadershipReview, String channel, String cardRef,
                         int version) {

    public boolean isResolved() {
        return status == EscalationStatus.RESOLVED;
    }

    public boolean isAcknowledged() {
        return ackedAt != null;
    }

    /** The outbox key of its card, which thread replies and updates refer to. */
    public String cardKey() {
        return "escalation:" + id + ":card";
    }

    public Duration timeToAcknowledge() {
        return ackedAt == null ? null : Duration.between(openedAt, ackedAt);
    }

    Escalation acknowledged(String ownerIdIfNone, Instant at) {
        return new Escalation(id, tenantId, number, accountId, accountName, reporterId, ownerId == null ? ownerIdIfNone : ownerId,
                severity, summary, EscalationStatus.ACKNOWLEDGED, openedAt, ackClock, resolveClock, at, resolvedAt,
                ackBreached || at.isAfter(ackClock.due()), resolveBreached, rootCause, remediation, round, leadershipReview, channel,
                cardRef, version);
    }

    Escalation assignedTo(String newOwnerId) {
        return new Escalation(id, tenantId, number, accountId, accountName, reporterId, newOwnerId, severity, summary, status,
                openedAt, ackClock, resolveClock, ackedAt, resolvedAt, ackBreached, resolveBreached, rootCause, remediation, round,
                leadershipReview, channel, cardRef, version);
    }

    Escalation resolved(String cause, String remedy, Instant at) {
        return new Escalation(id, tenantId, number, accountId, accountName, reporterId, ownerId, severity, summary,
                EscalationStatus.RESOLVED, openedAt, ackClock, resolveClock, ackedAt == null ? at : ackedAt, at,
                ackBreached || (ackedAt == null && at.isAfter(ackClock.due())), resolveBreached || at.isAfter(resolveClock.due()),
                cause, remedy, round, leadershipReview, channel, cardRef, version);
    }

    Escalation reopened(SlaClock newResolveClock) {
        return new Escalation(id, tenantId, number, accountId, accountName, reporterId, ownerId, severity, summary,
                EscalationStatus.ACKNOWLEDGED, openedAt, ackClock, newResolveClock, ackedAt, null, ackBreached, false, rootCause,
                remediation, round + 1, leadershipReview, channel, cardRef, version);
    }
}
