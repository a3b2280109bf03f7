package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A state proves on its own that we issued it and until when; nothing else passes for one. */
class OAuthStateSignerTest {
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    static final Instant EXPIRY = NOW.plus(Duration.ofMinutes(10));
    final OAuthStateSigner signer = new OAuthStateSigner(Base64.getDecoder().decode("q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80="));

    @Test
    void aStateWeIssuedPassesUntilItExpiresAndCarriesItsNonce() {
        String state = signer.issue(EXPIRY);

        OAuthStateSigner.Verified verified = signer.verify(state, NOW).orElseThrow();

        assertEquals(state.split("\\.")[0], verified.nonce());
        assertEquals(EXPIRY, verified.expiresAt());
        assertTrue(signer.verify(state, EXPIRY.minusMillis(1)).isPresent());
        assertEquals(Optional.empty(), signer.verify(state, EXPIRY), "expired");
    }

    @Test
    void aStateIsUrlAndCookieSafeAndEachIsNew() {
        String state = signer.issue(EXPIRY);

        assertTrue(state.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), "no '=', '+' or '/': " + state);
        assertNotEquals(signer.verify(state, NOW).orElseThrow().nonce(), signer.verify(signer.issue(EXPIRY), NOW).orElseThrow().nonce());
    }

    @Test
    void anAlteredStateIsRefused() {
        String[] parts = signer.issue(EXPIRY).split("\\.");
        String later = Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(Long.BYTES).putLong(EXPIRY.plus(Duration.ofDays(365)).toEpochMilli()).array());

        for (String forged : List.of(
                parts[0] + "." + later + "." + parts[2],
                flipLast(parts[0]) + "." + parts[1] + "." + parts[2],
                parts[0] + "." + parts[1] + "." + flipLast(parts[2]),
                otherSpelling(parts[0]) + "." + parts[1] + "." + parts[2],
                parts[0] + "." + parts[1] + "." + otherSpelling(parts[2]),
                parts[0] + "." + parts[1] + ".",
                parts[0] + "." + parts[1],
                parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[2],
                "made-up",
                "",
                "a.b.c",
                parts[0] + ".!!!." + parts[2])) {
            assertEquals(Optional.empty(), signer.verify(forged, NOW), forged);
        }
    }

    @Test
    void anotherKeysStateIsRefused() {
        OAuthStateSigner other = new OAuthStateSigner(new byte[32]);

        assertEquals(Optional.empty(), signer.verify(other.issue(EXPIRY), NOW));
    }

    /** The same bytes spelled differently: the last character's unused low bit set, which a base64 decoder ignores. */
    private static String otherSpelling(String part) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String spelled = part.substring(0, part.length() - 1) + alphabet.charAt(alphabet.indexOf(part.charAt(part.length() - 1)) ^ 1);
        assertArrayEquals(Base64.getUrlDecoder().decode(part), Base64.getUrlDecoder().decode(spelled));
        return spelled;
    }

    private static String flipLast(String part) {
        char last = part.charAt(part.length() - 1);
        return part.substring(0, part.length() - 1) + (last == 'A' ? 'B' : 'A');
    }
}
