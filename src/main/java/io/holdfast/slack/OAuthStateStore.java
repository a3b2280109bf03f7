package io.holdfast.slack;

import io.holdfast.store.Database;
import io.holdfast.store.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state parameters of OAuth installs, on every replica alike: an install started on one replica may
 * come back to another. Issuing a state writes nothing (it is signed, not stored), so anyone may open the
 * install page as often as they like without filling the database or queueing behind command writes.
 * A state is accepted once, before it expires: only then is its nonce written, once across replicas.
 */
public final class OAuthStateStore {
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    /** Replicas' clocks may disagree a little, so a used state is remembered a while past its expiry before it is pruned. */
    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofMinutes(10);

    private final Database db;
    private final Clock clock;
    private final OAuthStateSigner signer;
    private final AtomicLong prunedAt = new AtomicLong();

    /** @param encryptionKey {@code HOLDFAST_ENCRYPTION_KEY} (base64), from which the states' own signing key is derived */
    public OAuthStateStore(Database db, Clock clock, String encryptionKey) {
        this.db = db;
        this.clock = clock;
        this.signer = new OAuthStateSigner(Base64.getDecoder().decode(encryptionKey));
    }

    String issue(Duration validFor) {
        return signer.issue(clock.instant().plus(validFor));
    }

    /**
     * Accepts {@code state} if we signed it, it has not expired and it was not accepted before. A forged or
     * expired state is refused without touching the database; of two redirects racing with one state, on
     * any replicas, only one wins.
     */
    boolean consume(String state) {
        Instant now = clock.instant();
        Optional<OAuthStateSigner.Verified> verified = signer.verify(state, now);
        if (verified.isEmpty()) {
            return false;
        }
        long last = prunedAt.get();
        boolean prune = now.toEpochMilli() - last >= PRUNE_EVERY.toMillis() && prunedAt.compareAndSet(last, now.toEpochMilli());
        return db.write(c -> {
            if (prune) {
                Sql.update(c, "DELETE FROM slack_oauth_states WHERE expires_at < ?", now.minus(KEPT_AFTER_EXPIRY).toEpochMilli());
            }
            return Sql.update(c, "INSERT INTO slack_oauth_states (nonce, expires_at) VALUES (?, ?) ON CONFLICT (nonce) DO NOTHING",
                    verified.get().nonce(), verified.get().expiresAt().toEpochMilli());
        }) == 1;
    }
}
