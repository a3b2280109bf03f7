package io.holdfast.account;

import java.time.LocalDate;

/**
 * An account's attributes, each null until set.
 *
 * @param arr     annual recurring revenue, in whole currency units
 * @param channel the channel where the account's escalations are posted
 */
public record AccountProfile(Account account, Long arr, Tier tier, LocalDate renewal, String ownerId, String channel) {

    public enum Tier { STANDARD, HIGH, STRATEGIC }
}
