package io.holdfast.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts tokens at rest with AES-256-GCM: a fresh 12-byte nonce per value and a 128-bit tag, so a
 * stolen database file or backup yields no usable token, and a value altered in the database fails to
 * decrypt instead of turning into another token. Each value is bound to its owner (a Slack workspace's
 * team id): moved into another owner's row, it fails to decrypt rather than letting that owner speak
 * with the first one's token. Each value starts with its key's version ({@code v1:}), so a later key
 * can be added beside this one and old values still read.
 */
public final class TokenCipher {
    public static final int KEY_BYTES = 32;
    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public TokenCipher(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key has " + KEY_BYTES + " bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** The key as {@code HOLDFAST_ENCRYPTION_KEY} holds it: base64 of 32 random bytes. */
    public static TokenCipher fromBase64(String key) {
        return new TokenCipher(Base64.getDecoder().decode(key));
    }

    /** Seals {@code plaintext} for {@code owner}; only {@link #decrypt} with the same owner opens it. */
    public String encrypt(String plaintext, String owner) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            // The version and the owner are authenticated too: neither can be swapped to send a value to another key or row.
            cipher.updateAAD(associatedData(owner));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return VERSION + ":" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * The plaintext; throws {@link UnreadableException} for a value from another key or another owner,
     * altered, or not ours at all.
     */
    public String decrypt(String stored, String owner) {
        int colon = stored.indexOf(':');
        if (colon < 0 || !stored.substring(0, colon).equals(VERSION)) {
            throw new UnreadableException("not a " + VERSION + " value");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(stored.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new UnreadableException("not base64");
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadableException("too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(owner));
            return new String(cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UnreadableException("wrong key, another workspace's value, or the value was altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private static byte[] associatedData(String owner) {
        return (VERSION + "|" + owner).getBytes(StandardCharsets.UTF_8);
    }

    /** A stored value this key cannot open; the message never includes the value. */
    public static final class UnreadableException extends RuntimeException {
        UnreadableException(String why) {
            super("cannot decrypt a stored token: " + why);
        }
    }
}
