package io.holdfast.risk;

import java.util.List;

/**
 * One at-risk account with its score and its reasons in words, so a triage sees why, not just how much.
 *
 * @param ownerId the account owner, or null when none is set
 * @param cause   the promise or escalation that created the most risk, in words, or null when the risk comes from no single one
 */
public record RiskEntry(long accountId, String accountName, int score, List<String> reasons, String ownerId, String cause) {

    public RiskEntry {
        reasons = List.copyOf(reasons);
    }
}
