package io.holdfast.risk;

import io.holdfast.account.AccountProfile;

/**
 * Which accounts a digest covers.
 *
 * @param tier    only accounts of this tier, or null for any
 * @param ownerId only accounts this person owns, or null for any
 */
public record RiskFilter(AccountProfile.Tier tier, String ownerId) {
    public static final RiskFilter ALL = new RiskFilter(null, null);
}
