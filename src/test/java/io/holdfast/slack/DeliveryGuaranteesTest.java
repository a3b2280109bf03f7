package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.holdfast.testing.SlackCall;
import io.holdfast.testing.SlackEndToEnd;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Rate limits, server errors and restarts lose no post and double none. */
class DeliveryGuaranteesTest extends SlackEndToEnd {

    /** Moves the clock on and runs delivery passes until nothing is pending (bounded). */
    private void drain() {
        for (int pass = 0; pass < 200 && holdfast.count("SELECT COUNT(*) FROM outbox WHERE status = 'PENDING'") > 0; pass++) {
            holdfast.clock.advance(Duration.ofSeconds(5));
            holdfast.deliverNow();
        }
    }

    private List<SlackCall> delivered() {
        return holdfast.slack.calls("chat.postMessage").stream().filter(c -> c.text().contains("Promise #")).toList();
    }

    @Test
    void rateLimitsAndServerErrorsLoseNothingAndDoubleNothing() {
        holdfast.slack.rateLimitNext("chat.postMessage", 2, 3).serverErrorNext("chat.postMessage", 3);
        for (int i = 1; i <= 10; i++) {
            holdfast.promise("ULEE", "Acme Corp: item " + i + " by friday");
        }

        drain();

        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM outbox WHERE status <> 'SENT'"));
        assertEquals(10, holdfast.count("SELECT COUNT(*) FROM promises WHERE card_ref IS NOT NULL"));
        Set<String> refs = holdfast.slack.calls("chat.postMessage").stream().map(c -> c.param("text")).collect(Collectors.toSet());
        assertEquals(10 + 5, holdfast.slack.count("chat.postMessage"), "each card once, plus the five refused attempts");
        assertEquals(10, refs.size(), "ten different cards");
    }

    @Test
    void aRestartWhileSlackIsDownDeliversEverythingOnceAfterwards() throws Exception {
        holdfast.slack.serverErrorNext("chat.postMessage", 100);
        for (int i = 1; i <= 3; i++) {
            holdfast.promise("ULEE", "Acme Corp: item " + i + " by friday");
        }
        holdfast.deliverNow();

        holdfast.stop();
        holdfast.slack.reset();
        holdfast.start();
        drain();

        assertEquals(3, delivered().size(), "every card, once");
        assertEquals(3, delivered().stream().map(c -> c.param("text")).distinct().count());
        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM outbox WHERE status <> 'SENT'"));
    }
}
