package io.holdfast.web;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.testing.Await;
import io.holdfast.testing.Engine;
import io.holdfast.testing.HoldfastOnSlack;
import io.holdfast.testing.SlackEndToEnd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** What an operator's Prometheus sees on {@code /metrics} while people use Holdfast on Slack. */
class MetricsOnSlackTest extends SlackEndToEnd {
    static final String LEE = "ULEE";

    final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + holdfast.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Scrape scrape() {
        return Scrape.of(get().body());
    }

    /** Scrapes until {@code shows} holds, as Prometheus keeps scraping: what the worker and the server do happens on their own threads. */
    private Scrape scrapeUntil(String what, Predicate<Scrape> shows) {
        AtomicReference<Scrape> last = new AtomicReference<>();
        Await.until("/metrics showing " + what, HoldfastOnSlack.WAIT, () -> {
            last.set(scrape());
            return shows.test(last.get());
        });
        return last.get();
    }

    @Test
    void aPromiseItsRateLimitedCardAndTheCardsDeliveryAreCounted() {
        holdfast.slack.rateLimitNext("chat.postMessage", 1, 30);

        assertEquals(200, holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday").status());
        holdfast.awaitDatabase("the card held back by the rate limit",
                () -> "rate limited".equals(holdfast.text("SELECT last_error FROM outbox WHERE idempotency_key LIKE '%:card'")));
        holdfast.clock.advance(Duration.ofSeconds(20));
        Scrape waiting = scrapeUntil("the acknowledgement and the rate limit", s -> s.sum("holdfast_ack_seconds_count", "door", "slack") == 1
                && s.value("holdfast_deliveries_total", "result", "rate_limited") == 1);

        assertAll(
                () -> assertEquals(1, waiting.value("holdfast_commands_total", "kind", "command", "name", "promise", "platform", "slack",
                        "outcome", "ok")),
                () -> assertEquals(1, waiting.value("holdfast_ack_seconds_count", "door", "slack", "status", "200")),
                () -> assertEquals(1, waiting.value("holdfast_ack_seconds_bucket", "door", "slack", "status", "200", "le", "+Inf")),
                () -> assertTrue(waiting.text().contains("holdfast_ack_seconds_bucket{door=\"slack\",status=\"200\",le=\"3.0\"}"),
                        "a bucket ends at Slack's 3 seconds"),
                () -> assertEquals(1, waiting.value("holdfast_outbox_pending")),
                () -> assertEquals(20, waiting.value("holdfast_outbox_oldest_pending_age_seconds"), "the card has waited 20 s"),
                () -> assertEquals(0, waiting.value("holdfast_deliveries_total", "result", "sent")));

        holdfast.clock.advance(Duration.ofSeconds(11));
        holdfast.awaitCardRemembered(1);
        scrapeUntil("the card sent", s -> s.value("holdfast_deliveries_total", "result", "sent") == 1);
        // The outbox is read at the start of a scrape and the counters at its end, so the scrape after the one that counted the post.
        Scrape delivered = scrape();

        assertAll(
                () -> assertEquals(0, delivered.value("holdfast_outbox_pending")),
                () -> assertEquals(0, delivered.value("holdfast_outbox_oldest_pending_age_seconds")),
                () -> assertEquals(1, delivered.value("holdfast_deliveries_total", "result", "rate_limited")),
                () -> assertEquals(0, delivered.value("holdfast_deliveries_total", "result", "failed")));
    }

    @Test
    void aRetriedAndAFailedDeliveryAreCountedApart() {
        holdfast.slack.serverErrorNext("chat.postMessage", 1).failNext("chat.postMessage", "channel_not_found");

        holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");
        scrapeUntil("a retry", s -> s.value("holdfast_deliveries_total", "result", "retried") == 1);
        holdfast.clock.advance(Duration.ofSeconds(5));
        scrapeUntil("a failure, and the author told of it",
                s -> s.value("holdfast_deliveries_total", "result", "failed") == 1 && s.value("holdfast_deliveries_total", "result", "sent") == 1);
        Scrape failed = scrape();

        assertAll(
                () -> assertEquals(1, failed.value("holdfast_deliveries_total", "result", "retried")),
                () -> assertEquals(0, failed.value("holdfast_deliveries_total", "result", "rate_limited")),
                () -> assertEquals(0, failed.value("holdfast_outbox_pending"), "the failed card no longer waits, and the notice went out"));
    }

    @Test
    void whatWasTypedAndWhoTypedItNeverBecomeALabel() {
        holdfast.promise(LEE, "Acme Corp: send the SOC2 report by friday");
        holdfast.promise(LEE, "Globex by someday");

        Scrape scrape = scrapeUntil("both commands", s -> s.sum("holdfast_commands_total") == 2);

        assertAll(
                () -> assertEquals(1, scrape.value("holdfast_commands_total", "name", "promise", "outcome", "refused"), scrape.text()),
                () -> assertEquals(1, scrape.value("holdfast_commands_total", "name", "promise", "outcome", "ok")),
                () -> assertFalse(scrape.text().contains("Acme") || scrape.text().contains("Globex"), "what was typed"),
                () -> assertFalse(scrape.text().contains(HoldfastOnSlack.TEAM) || scrape.text().contains(LEE), "the workspace or the person"));
    }

    @Test
    void scheduledJobsTheJvmAndTheDatabaseShowInPrometheusTextFormat() {
        Scrape scrape = scrapeUntil("a run of each minute job", s -> s.sum("holdfast_job_duration_seconds_count", "job", "sla-watch") >= 1
                && s.sum("holdfast_job_duration_seconds_count", "job", "promise-nudges") >= 1);
        HttpResponse<String> answer = get();

        assertAll(
                () -> assertEquals(200, answer.statusCode()),
                () -> assertEquals("text/plain; version=0.0.4; charset=utf-8", answer.headers().firstValue("Content-Type").orElse("")),
                () -> assertTrue(answer.body().contains("# TYPE holdfast_outbox_pending gauge\n"), answer.body()),
                () -> assertTrue(scrape.sum("holdfast_job_duration_seconds_count", "job", "sla-watch", "outcome", "ok") >= 1),
                () -> assertTrue(scrape.sum("jvm_memory_used_bytes", "area", "heap") > 0),
                () -> assertTrue(scrape.has("jvm_threads_live_threads")),
                () -> assertTrue(scrape.has("jvm_classes_loaded_classes")),
                () -> assertTrue(scrape.has("jvm_gc_memory_allocated_bytes_total")),
                () -> assertTrue(scrape.has("system_cpu_count")),
                () -> assertTrue(scrape.value("process_uptime_seconds") > 0),
                () -> assertTrue(scrape.has("hikaricp_connections_active")),
                () -> {
                    if (Engine.fallback() == Engine.SQLITE) {
                        assertEquals(1, scrape.value("hikaricp_connections_max", "pool", "holdfast-writer"), "SQLite's one write connection");
                        assertEquals(0, scrape.value("holdfast_db_write_queue"));
                    } else {
                        assertTrue(scrape.value("hikaricp_connections_max", "pool", "holdfast-db") >= 6, "PostgreSQL's pool");
                    }
                });
    }
}
