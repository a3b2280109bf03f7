package io.holdfast.slack;

import io.holdfast.web.Readiness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Whether the Socket Mode connection is up, for {@code /readyz}. The check (a ping over the socket) runs
 * in the background, one at a time, and a probe gets the last answer, so a probe never waits on Slack.
 * Slack drops Socket Mode connections routinely and Bolt reconnects, so a gap shorter than the grace is
 * reported as "reconnecting" and keeps the replica ready; only a longer one takes it out.
 */
final class SlackSocketModeProbe implements Supplier<Readiness.State> {
    private final BooleanSupplier connected;
    private final Clock clock;
    private final Duration grace;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile Seen seen;

    /** What the last check saw, and since when it has seen it. */
    private record Seen(boolean connected, Instant since, boolean everConnected) {}

    SlackSocketModeProbe(BooleanSupplier connected, Clock clock, Duration grace) {
        this.connected = connected;
        this.clock = clock;
        this.grace = grace;
        this.seen = new Seen(false, clock.instant(), false);
    }

    @Override
    public Readiness.State get() {
        if (checking.compareAndSet(false, true)) {
            CompletableFuture.runAsync(this::check);
        }
        Seen last = seen;
        if (last.connected()) {
            return Readiness.State.up("connected");
        }
        Duration gap = Duration.between(last.since(), clock.instant());
        if (gap.compareTo(grace) <= 0) {
            return Readiness.State.up(last.everConnected() ? "reconnecting" : "connecting");
        }
        return Readiness.State.down("not connected for " + gap.toSeconds() + " s; check SLACK_APP_TOKEN and that Socket Mode is on in the app settings");
    }

    private void check() {
        try {
            boolean now = connected.getAsBoolean();
            Seen last = seen;
            if (now != last.connected()) {
                seen = new Seen(now, clock.instant(), last.everConnected() || now);
            }
        } finally {
            checking.set(false);
        }
    }
}
