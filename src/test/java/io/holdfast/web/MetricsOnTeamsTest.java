package io.holdfast.web;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.holdfast.testing.Await;
import io.holdfast.testing.TeamsEndToEnd;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code /metrics} while people use Holdfast in Teams: its door is timed, and what people type stays out of the labels. */
class MetricsOnTeamsTest extends TeamsEndToEnd {

    private Scrape scrapeUntil(String what, java.util.function.Predicate<Scrape> shows) {
        AtomicReference<Scrape> last = new AtomicReference<>();
        Await.until("/metrics showing " + what, Duration.ofSeconds(10), () -> {
            last.set(Scrape.of(holdfast.get("/metrics").body()));
            return shows.test(last.get());
        });
        return last.get();
    }

    @Test
    void aWordHoldfastDoesNotKnowIsCountedAsUnknownNotByWhatWasTyped() {
        promise("send the renewal quote by friday");
        assertEquals(200, holdfast.send(activities.channelMessage(ALEX, TEAM, CHANNEL, "frobnicate the secret plan")));

        Scrape scrape = scrapeUntil("both messages answered", s -> s.sum("holdfast_ack_seconds_count", "door", "teams") == 2);

        assertAll(
                () -> assertEquals(1, scrape.value("holdfast_commands_total", "kind", "command", "name", "promise", "platform", "teams",
                        "outcome", "ok")),
                () -> assertEquals(1, scrape.value("holdfast_commands_total", "name", "unknown", "platform", "teams", "outcome", "unknown")),
                () -> assertEquals(2, scrape.value("holdfast_ack_seconds_bucket", "door", "teams", "le", "+Inf")),
                () -> assertEquals(0, scrape.sum("holdfast_ack_seconds_count", "door", "slack")),
                () -> assertFalse(scrape.text().contains("frobnicate") || scrape.text().contains("secret"), scrape.text()));
    }
}
