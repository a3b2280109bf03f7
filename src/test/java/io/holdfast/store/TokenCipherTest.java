package io.holdfast.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Bot tokens at rest: readable with the key, useless without it, no altered value passes for a token, nor one workspace's for another's. */
class TokenCipherTest {
    static final String TOKEN = "xoxb-1111-2222-s3cr3tt0k3n";
    static final String TEAM = "TACME";
    final TokenCipher cipher = TokenCipher.fromBase64("q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=");

    @Test
    void aTokenComesBackAsItWentInAndIsNotStoredInTheClear() {
        String stored = cipher.encrypt(TOKEN, TEAM);

        assertEquals(TOKEN, cipher.decrypt(stored, TEAM));
        assertTrue(stored.startsWith("v1:"), stored);
        assertFalse(stored.contains("s3cr3t"), stored);
    }

    @Test
    void eachValueGetsItsOwnNonce() {
        assertNotEquals(cipher.encrypt(TOKEN, TEAM), cipher.encrypt(TOKEN, TEAM));
    }

    @Test
    void anotherKeyCannotReadIt() {
        String stored = cipher.encrypt(TOKEN, TEAM);
        TokenCipher other = new TokenCipher(new byte[TokenCipher.KEY_BYTES]);

        TokenCipher.UnreadableException e = assertThrows(TokenCipher.UnreadableException.class, () -> other.decrypt(stored, TEAM));

        assertFalse(e.getMessage().contains(stored.substring(3)), "the value is not repeated: " + e.getMessage());
    }

    @Test
    void anAlteredValueIsRefused() {
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt(TOKEN, TEAM).substring(3));
        raw[raw.length / 2] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);

        assertThrows(TokenCipher.UnreadableException.class, () -> cipher.decrypt(tampered, TEAM));
        assertThrows(TokenCipher.UnreadableException.class, () -> cipher.decrypt(TOKEN, TEAM), "a plaintext token is not a stored value");
        assertThrows(TokenCipher.UnreadableException.class, () -> cipher.decrypt("v2:" + cipher.encrypt(TOKEN, TEAM).substring(3), TEAM), "an unknown key version");
        assertThrows(TokenCipher.UnreadableException.class, () -> cipher.decrypt("v1:AAAA", TEAM), "too short");
    }

    @Test
    void oneWorkspacesValueMovedIntoAnothersRowIsRefused() {
        String acmes = cipher.encrypt(TOKEN, TEAM);

        TokenCipher.UnreadableException e = assertThrows(TokenCipher.UnreadableException.class, () -> cipher.decrypt(acmes, "TGLOBEX"));

        assertTrue(e.getMessage().contains("another workspace's value"), e.getMessage());
    }

    @Test
    void aKeyMustBe32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new TokenCipher(new byte[16]));
    }
}
