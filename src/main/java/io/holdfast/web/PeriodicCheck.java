package io.holdfast.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A readiness line for a dependency that is far away (Slack's {@code auth.test}, Microsoft's token
 * endpoint): it is asked at most once per interval and never on the probe's own time. A probe gets the
 * last answer while a fresh one is fetched in the background, so {@code /readyz} answers at once even
 * when the dependency hangs.
 */
public final class PeriodicCheck implements Supplier<Readiness.State> {
    private final Supplier<Readiness.State> ask;
    private final Duration every;
    private final Clock clock;
    private final AtomicBoolean asking = new AtomicBoolean();
    private volatile Readiness.State last;
    private volatile Instant askedAt = Instant.MIN;

    /**
     * @param first what a probe gets until the first answer arrives
     * @param ask   asks the dependency, blocking; runs on a background thread
     */
    public PeriodicCheck(Readiness.State first, Duration every, Clock clock, Supplier<Readiness.State> ask) {
        this.last = first;
        this.every = every;
        this.clock = clock;
        this.ask = ask;
    }

    @Override
    public Readiness.State get() {
        if (askedAt.plus(every).isBefore(clock.instant()) && asking.compareAndSet(false, true)) {
            CompletableFuture.runAsync(this::refresh);
        }
        return last;
    }

    private void refresh() {
        try {
            last = ask.get();
        } finally {
            askedAt = clock.instant();
            asking.set(false);
        }
    }
}
