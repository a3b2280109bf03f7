package io.holdfast.promise;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A commitment made to a client: one owner, one account, one due date.
 *
 * @param number  the per-tenant number people use (#12)
 * @param dueZone the owner's zone, in which the due date is spoken about
 * @param snoozedUntil no reminders before this instant (null when not snoozed); the due date itself is unchanged
 * @param version bumped on every change, so each card update has its own outbox key
 */
public record Promise(long id, long tenantId, long number, long accountId, String accountName, String ownerId, String authorId,
                      String text, Instant due, ZoneId dueZone, PromiseStatus status, Instant createdAt, Instant updatedAt, Instant snoozedUntil,
                      String originChannel, String cardChannel, String cardRef, int version) {

    public boolean isOpen() {
        return status == PromiseStatus.OPEN;
    }

    public boolean isOverdue(Instant now) {
        return isOpen() && due.isBefore(now);
    }

    /** The outbox key of this promise's card, which thread replies and updates refer to. */
    public String cardKey() {
        return "promise:" + id + ":card";
    }

    Promise withOwner(String newOwnerId, ZoneId ownerZone) {
        return new Promise(id, tenantId, number, accountId, accountName, newOwnerId, authorId, text, due, ownerZone, status, createdAt,
                updatedAt, snoozedUntil, originChannel, cardChannel, cardRef, version);
    }

    Promise withDue(Instant newDue) {
        return new Promise(id, tenantId, number, accountId, accountName, ownerId, authorId, text, newDue, dueZone, status, createdAt,
                updatedAt, null, originChannel, cardChannel, cardRef, version);
    }

    Promise withStatus(PromiseStatus newStatus) {
        return new Promise(id, tenantId, number, accountId, accountName, ownerId, authorId, text, due, dueZone, newStatus, createdAt,
                updatedAt, snoozedUntil, originChannel, cardChannel, cardRef, version);
    }

    Promise snoozedUntil(Instant until) {
        return new Promise(id, tenantId, number, accountId, accountName, ownerId, authorId, text, due, dueZone, status, createdAt,
                updatedAt, until, originChannel, cardChannel, cardRef, version);
    }
}
