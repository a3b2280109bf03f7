package io.holdfast.promise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.holdfast.core.DeliveryException;
import io.holdfast.core.Platform;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the author reads privately when a promise's card could not be posted: why, in words they can act on. */
class CardNotPostedTest {

    private static final Instant DUE = Instant.parse("2026-12-11T15:00:00Z");
    private final Promise promise = new Promise(1, 1, 7, 1, "Acme", "U1", "U1", "send the renewal quote", DUE, ZoneId.of("UTC"),
            PromiseStatus.OPEN, DUE.minusSeconds(86_400), DUE.minusSeconds(86_400), null, "C1", null, null, 1);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SLACK | not_in_channel | I'm not in that channel. In a private channel or a DM, invite me first with /invite @holdfast, then make the promise there again",
            "SLACK | is_archived | that channel is archived",
            "TEAMS | " + DeliveryException.UNREADABLE_MESSAGE + " | it was queued by another version of Holdfast, which this one can't read (an upgrade was under way)",
            "SLACK | msg_too_long | Slack said msg_too_long",
            "TEAMS | Holdfast is not installed in that Teams conversation | Teams said Holdfast is not installed in that Teams conversation"})
    void saysWhyTheCardIsMissingAndThatThePromiseIsSafe(Platform platform, String error, String why) {
        assertEquals("I couldn't post the card for #7 (Acme): " + why + ". The promise itself is saved; see it with /promise list.",
                new PromiseMessages().cardNotPosted(promise, platform, error).summary().plainText());
    }
}
