package io.holdfast.account;

import java.time.Instant;

/**
 * Whether an account awaits a leadership review (after repeat escalations) and who reviewed it.
 *
 * @param requiredSince when the latest review was asked for, or null if never
 */
public record AccountReview(Instant requiredSince, String reviewedBy, Instant reviewedAt) {

    public static final AccountReview NONE = new AccountReview(null, null, null);

    public boolean awaitingReview() {
        return requiredSince != null && reviewedAt == null;
    }
}
