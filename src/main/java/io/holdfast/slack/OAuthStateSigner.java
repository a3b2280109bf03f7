package io.holdfast.slack;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The OAuth {@code state} as a signed value, {@code nonce.expiry.mac} in URL-safe base64, so a redirect
 * can be checked without the state having been stored: opening the install page writes nothing, and a
 * forged or expired state is refused before anything reads or writes the database.
 */
final class OAuthStateSigner {
    private static final String HMAC = "HmacSHA256";
    /** Derives this use's key from the shared secret, so it is the same on every replica and never the key that encrypts tokens. */
    private static final byte[] LABEL = "holdfast oauth-state v1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    OAuthStateSigner(byte[] secret) {
        this.key = new SecretKeySpec(mac(new SecretKeySpec(secret, HMAC), LABEL), HMAC);
    }

    /** A state we signed: its nonce is what marks it used. */
    record Verified(String nonce, Instant expiresAt) {}

    String issue(Instant expiresAt) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        String signed = ENCODER.encodeToString(nonce) + "." + ENCODER.encodeToString(ByteBuffer.allocate(Long.BYTES).putLong(expiresAt.toEpochMilli()).array());
        return signed + "." + ENCODER.encodeToString(mac(key, signed.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The state's nonce and expiry if we signed it and it is still valid at {@code now}; empty for anything else. */
    Optional<Verified> verify(String state, Instant now) {
        int lastDot = state.lastIndexOf('.');
        int firstDot = state.indexOf('.');
        if (firstDot < 0 || firstDot == lastDot) {
            return Optional.empty();
        }
        String signed = state.substring(0, lastDot);
        // Compared as text, and over the exact text before it: base64 has several spellings of some values, and none but ours passes.
        byte[] expected = ENCODER.encode(mac(key, signed.getBytes(StandardCharsets.US_ASCII)));
        if (!MessageDigest.isEqual(expected, state.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        Instant expiresAt = Instant.ofEpochMilli(ByteBuffer.wrap(DECODER.decode(signed.substring(firstDot + 1))).getLong());
        return now.isBefore(expiresAt) ? Optional.of(new Verified(signed.substring(0, firstDot), expiresAt)) : Optional.empty();
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
