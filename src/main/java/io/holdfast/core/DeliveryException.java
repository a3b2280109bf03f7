package io.holdfast.core;

import java.time.Duration;
import java.util.Optional;

/** A post the platform refused. Rate limits say how long to wait; permanent failures are not retried. */
public final class DeliveryException extends Exception {
    /** Why a queued post whose stored message this version cannot read was not posted; it fails with this once its attempts run out. */
    public static final String UNREADABLE_MESSAGE = "unreadable_message";
    private final Duration retryAfter;
    private final boolean permanent;

    private DeliveryException(String reason, Duration retryAfter, boolean permanent) {
        super(reason);
        this.retryAfter = retryAfter;
        this.permanent = permanent;
    }

    public static DeliveryException rateLimited(Duration retryAfter) {
        return new DeliveryException("rate limited", retryAfter, false);
    }

    public static DeliveryException transientFailure(String reason) {
        return new DeliveryException(reason, null, false);
    }

    public static DeliveryException permanent(String reason) {
        return new DeliveryException(reason, null, true);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean isPermanent() {
        return permanent;
    }
}
