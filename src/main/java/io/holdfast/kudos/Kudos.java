package io.holdfast.kudos;

import java.time.Instant;
import java.util.List;

/**
 * Recognition of a client-impact win: who did it, for which account, what they did and the impact.
 *
 * @param rubric null until a lead verifies it
 */
public record Kudos(long id, long tenantId, long number, long accountId, String accountName, String giverId, List<String> recipients,
                    String text, String channel, Instant givenAt, String verifierId, Instant verifiedAt, Rubric rubric, int version) {

    public Kudos {
        recipients = List.copyOf(recipients);
    }

    public boolean isVerified() {
        return rubric != null;
    }

    public String cardKey() {
        return "kudos:" + id + ":card";
    }
}
