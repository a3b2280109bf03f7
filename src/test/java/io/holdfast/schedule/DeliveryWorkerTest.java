package io.holdfast.schedule;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.core.Chat;
import io.holdfast.core.DeliveryException;
import io.holdfast.core.Message;
import io.holdfast.core.Platform;
import io.holdfast.core.time.HolidayCalendars;
import io.holdfast.core.Tenant;
import io.holdfast.store.Database;
import io.holdfast.store.Outbox;
import io.holdfast.store.Sql;
import io.holdfast.store.TenantStore;
import io.holdfast.testing.RecordingChat;
import io.holdfast.testing.TestClock;
import io.holdfast.testing.Engine;
import io.holdfast.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The delivery worker driven one pass at a time ({@code deliverDue()}), against a recording chat that
 * can refuse calls the way Slack does. The worker's own thread is never started.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class DeliveryWorkerTest {
    @Parameter
    Engine engine;
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

    @TempDir
    Path dir;
    Database db;
    TestClock clock;
    Outbox outbox;
    Tenant tenant;
    RecordingChat chat = new RecordingChat();
    List<Heard> heard = new ArrayList<>();
    TenantStore tenants;
    DeliveryWorker worker;
    final List<DeliveryWorker> workers = new ArrayList<>();

    record Heard(long tenantId, String subject, Outbox.Landing landing) {}

    /** One outbox row as the database holds it. */
    record Row(Outbox.Status status, int attempts, Instant nextAttemptAt, String lastError, String sentChannel, String sentRef) {}

    @BeforeEach
    void open() {
        db = TestDatabases.migrated(engine, dir);
        clock = TestClock.at(NOW);
        outbox = new Outbox(db, clock);
        tenants = new TenantStore(db, clock, new HolidayCalendars());
        tenant = tenants.findOrCreate(Platform.CONSOLE, "local");
        worker = worker("worker-a");
    }

    /** A worker as another replica would run it: its own name, the same outbox and platform. */
    private DeliveryWorker worker(String name) {
        return tracked(new DeliveryWorker(name, outbox, tenants, Map.of(Platform.CONSOLE, chat),
                (c, tenantId, subject, landing) -> {
                    synchronized (heard) {
                        heard.add(new Heard(tenantId, subject, landing));
                    }
                }, clock, 1));
    }

    /** Closed after the test, so no poster threads outlive it. */
    private DeliveryWorker tracked(DeliveryWorker worker) {
        workers.add(worker);
        return worker;
    }

    @AfterEach
    void close() {
        // null when the engine is not available here and the test was aborted before it opened one
        if (db != null) {
            workers.forEach(DeliveryWorker::close);
            db.close();
        }
    }

    private void post(String key, String channel, String threadKey, String subject, String text) {
        post(tenant.id(), key, channel, threadKey, subject, text);
    }

    private void post(long tenantId, String key, String channel, String threadKey, String subject, String text) {
        db.write(c -> {
            outbox.post(c, tenantId, key, channel, threadKey, subject, Message.of(text));
            return null;
        });
    }

    private void update(String key, String channel, String targetKey, String text) {
        db.write(c -> {
            outbox.update(c, tenant.id(), key, channel, targetKey, Message.of(text));
            return null;
        });
    }

    private Row row(String key) {
        return db.read(c -> Sql.one(c, "SELECT * FROM outbox WHERE idempotency_key = ?", rs -> new Row(
                Outbox.Status.valueOf(rs.getString("status")), rs.getInt("attempts"), Instant.ofEpochMilli(rs.getLong("next_attempt_at")),
                rs.getString("last_error"), rs.getString("sent_channel"), rs.getString("sent_ref")), key)).orElseThrow();
    }

    private Outbox.Entry entryFor(String key) {
        return db.read(c -> Sql.one(c, "SELECT id FROM outbox WHERE idempotency_key = ?", rs -> rs.getLong(1), key))
                .map(id -> new Outbox.Entry(id, tenant.id(), key, Outbox.Action.POST, "C1", null, null, null, Message.of(""),
                        Outbox.Status.PENDING, 0, NOW, null, null, null))
                .orElseThrow();
    }

    private List<String> postedTexts() {
        return chat.posts().stream().map(RecordingChat.Post::text).toList();
    }

    @Test
    void twoReplicasRacingOverOneOutboxPostEveryRowExactlyOnce() throws Exception {
        int rows = 200;
        for (int i = 0; i < rows; i++) {
            post("row-" + i, "C" + (i % 7), null, "subject-" + i, "post " + i);
        }
        DeliveryWorker other = worker("worker-b");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> tried = new ArrayList<>();
            for (DeliveryWorker w : List.of(worker, other)) {
                tried.add(replicas.submit(() -> {
                    go.await();
                    int total = 0;
                    for (int pass = w.deliverDue(); pass > 0; pass = w.deliverDue()) {
                        total += pass;
                    }
                    return total;
                }));
            }
            go.countDown();
            int total = tried.get(0).get(60, TimeUnit.SECONDS) + tried.get(1).get(60, TimeUnit.SECONDS);

            assertEquals(rows, total, "between them the workers tried each row once");
        } finally {
            replicas.shutdownNow();
        }
        long sentOnce = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM outbox WHERE status = 'SENT' AND attempts = 1 AND claimed_by IS NULL"));
        assertAll(
                () -> assertEquals(rows, chat.posts().size(), "posted " + rows + " times"),
                () -> assertEquals(rows, new HashSet<>(postedTexts()).size(), "no row posted twice"),
                () -> assertEquals(rows, heard.size(), "each subject told once"),
                () -> assertEquals(rows, sentOnce, "every row sent at the first attempt and no longer claimed"));
    }

    @Test
    void rowsClaimedByAReplicaThatDiedAreTakenOverOnceItsLeaseLapses() {
        post("card", "C1", null, null, "Promise #1 to Acme");
        assertEquals(1, outbox.claim("replica-that-died", Set.of(Platform.CONSOLE), 10, DeliveryWorker.LEASE).size());

        assertEquals(0, worker.deliverDue(), "another replica's claim is respected");
        clock.advance(DeliveryWorker.LEASE.minusSeconds(1));
        assertEquals(0, worker.deliverDue(), "still within the lease");
        assertFalse(outbox.renewClaim(entryFor("card"), "worker-a", DeliveryWorker.LEASE), "nor can it renew a claim it never had");

        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, worker.deliverDue(), "the lease lapsed: this replica takes the row over");
        assertEquals(List.of("Promise #1 to Acme"), postedTexts());
        assertEquals(Outbox.Status.SENT, row("card").status());
        assertFalse(outbox.renewClaim(entryFor("card"), "replica-that-died", DeliveryWorker.LEASE),
                "the dead replica's claim is gone, so a late renewal from it posts nothing");
    }

    @Test
    void aRateLimitMetByAnotherReplicaHoldsBackRowsThisOneHadAlreadyClaimed() {
        post("first", "C1", null, null, "first");
        post("second", "C1", null, null, "second");
        List<Outbox.Entry> claimedHere = outbox.claim("worker-b", Set.of(Platform.CONSOLE), 10, DeliveryWorker.LEASE);

        outbox.holdChannel(tenant.id(), "C1", NOW.plusSeconds(30));

        assertFalse(outbox.renewClaim(claimedHere.get(0), "worker-b", DeliveryWorker.LEASE), "C1 is rate limited now");
        outbox.releaseClaims("worker-b");
        assertEquals(0, worker.deliverDue());
        clock.advance(Duration.ofSeconds(30));
        assertEquals(2, worker.deliverDue());
        assertEquals(List.of("first", "second"), postedTexts());
    }

    @Test
    void aRateLimitMetElsewhereWhileARowIsPostedHoldsBackTheRowAfterIt() {
        post("first", "C1", null, null, "first");
        post("second", "C1", null, null, "second");
        List<Outbox.Entry> claimedHere = outbox.claim("worker-b", Set.of(Platform.CONSOLE), 10, DeliveryWorker.LEASE);
        assertTrue(outbox.renewClaim(claimedHere.get(0), "worker-b", DeliveryWorker.LEASE));

        outbox.holdChannel(tenant.id(), "C1", NOW.plusSeconds(30));

        assertFalse(outbox.markSentAndRenew(claimedHere.get(0), new Outbox.Landing("C1", "r1"), (c, t, s, l) -> { }, claimedHere.get(1),
                "worker-b", DeliveryWorker.LEASE), "the post that was on its way is recorded, but C1 is rate limited now");
        assertEquals(Outbox.Status.SENT, row("first").status());
        outbox.releaseClaims("worker-b");
        assertEquals(0, worker.deliverDue());
        clock.advance(Duration.ofSeconds(30));
        assertEquals(1, worker.deliverDue());
        assertEquals(List.of("second"), postedTexts());
    }

    @Test
    void aNewerUpdateWaitsForAnOlderOneStillBeingPostedElsewhereAndLandsLast() {
        post("card", "C1", null, null, "card v1");
        worker.deliverDue();
        update("card:v2", "C1", "card", "card v2");
        Outbox.Entry olderInFlight = outbox.claim("worker-b", Set.of(Platform.CONSOLE), 10, DeliveryWorker.LEASE).get(0);
        update("card:v3", "C1", "card", "card v3");

        assertEquals(0, worker.deliverDue(), "v3 waits while another replica is posting v2");
        outbox.markSent(olderInFlight, new Outbox.Landing("C1", "r1"), (c, t, s, l) -> { });
        outbox.releaseClaims("worker-b");
        assertEquals(1, worker.deliverDue());

        assertEquals("card v3", chat.updates().get(chat.updates().size() - 1).text(), "the newest state is the last to land");
        assertEquals(Outbox.Status.SUPERSEDED, row("card:v2").status(), "v2 stays superseded though its post went out");
        assertEquals(Outbox.Status.SENT, row("card:v3").status());
    }

    @Test
    void severalChannelsArePostedToAtOnceEachInItsOwnOrderWithRepliesInTheirThreads() {
        int channels = 4;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < channels; i++) {
                post("c" + i + "-" + round, "C" + i, round == 0 ? null : "c" + i + "-0", null, "c" + i + "-" + round);
            }
        }
        // Each channel's first post waits until every channel has one in flight: one at a time would never get there.
        CountDownLatch allInFlight = new CountDownLatch(channels);
        List<String> cameTogether = java.util.Collections.synchronizedList(new ArrayList<>());
        Chat meeting = new Chat() {
            @Override
            public Posted post(Tenant to, String channel, String threadRef, Message message) throws DeliveryException {
                if (threadRef == null) {
                    allInFlight.countDown();
                    try {
                        if (allInFlight.await(10, TimeUnit.SECONDS)) {
                            cameTogether.add(channel);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return chat.post(to, channel, threadRef, message);
            }

            @Override
            public Posted update(Tenant to, String channel, String ref, Message message) throws DeliveryException {
                return chat.update(to, channel, ref, message);
            }
        };
        DeliveryWorker parallel = tracked(new DeliveryWorker("worker-p", outbox, tenants, Map.of(Platform.CONSOLE, meeting), (c, t, s, l) -> { },
                clock, channels));
        int tried = 0;
        for (int pass = parallel.deliverDue(); pass > 0; pass = parallel.deliverDue()) {
            tried += pass;
        }
        assertEquals(channels * 3, tried, "every row tried once");

        assertEquals(channels, cameTogether.size(), "all four channels had a post in flight at the same time: " + cameTogether);
        for (int i = 0; i < channels; i++) {
            String channel = "C" + i;
            List<RecordingChat.Post> inChannel = chat.posts().stream().filter(p -> p.channel().equals(channel)).toList();
            String cardRef = inChannel.get(0).ref();
            assertEquals(List.of(channel.toLowerCase() + "-0", channel.toLowerCase() + "-1", channel.toLowerCase() + "-2"),
                    inChannel.stream().map(RecordingChat.Post::text).toList(), channel + " in its own order");
            assertEquals(java.util.Arrays.asList(null, cardRef, cardRef), inChannel.stream().map(RecordingChat.Post::threadRef).toList(),
                    channel + "'s replies under its card");
        }
        assertEquals(0, outbox.pendingCount());
    }

    @Test
    void aLongQueueInOneChannelGoesTenRowsAPassSoOtherChannelsAreNotKeptWaiting() {
        for (int i = 0; i < 30; i++) {
            post("x" + i, "CX", null, null, "x" + i);
        }
        post("y", "CY", null, null, "y");
        DeliveryWorker parallel = tracked(new DeliveryWorker("worker-p", outbox, tenants, Map.of(Platform.CONSOLE, chat), (c, t, s, l) -> { },
                clock, 2));

        assertEquals(11, parallel.deliverDue(), "ten of CX's rows and CY's one");
        assertTrue(postedTexts().contains("y"));
        assertEquals(20, outbox.pendingCount(), "the rest of CX waits for the next passes, released for any worker");
        assertEquals(0L, db.<Long>read(c -> Sql.count(c, "SELECT COUNT(*) FROM outbox WHERE claimed_by IS NOT NULL")));

        while (parallel.deliverDue() > 0) {
            // CX alone now: one pass takes all it claims
        }
        assertEquals(java.util.stream.IntStream.range(0, 30).mapToObj(i -> "x" + i).toList(),
                postedTexts().stream().filter(t -> t.startsWith("x")).toList(), "CX in order throughout");
    }

    @Test
    void aPostIsDeliveredOnceMarkedSentAndItsSubjectToldWhereItLanded() {
        post("promise:42:card", "C1", null, "promise-card:42", "Promise #1 to Acme");
        post("note", "C1", null, null, "a post about nothing in particular");

        assertEquals(2, worker.deliverDue());

        RecordingChat.Post card = chat.posts().get(0);
        assertAll(
                () -> assertEquals("C1", card.channel()),
                () -> assertNull(card.threadRef(), "top-level post"),
                () -> assertEquals("Promise #1 to Acme", card.text()),
                () -> assertEquals(tenant, card.tenant()),
                () -> assertEquals(new Row(Outbox.Status.SENT, 1, NOW, null, "C1", "r1"), row("promise:42:card")),
                () -> assertEquals(new Row(Outbox.Status.SENT, 1, NOW, null, "C1", "r2"), row("note")),
                () -> assertEquals(List.of(new Heard(tenant.id(), "promise-card:42", new Outbox.Landing("C1", "r1"))), heard,
                        "only rows with a subject are told, once"));

        assertEquals(0, worker.deliverDue(), "nothing left to do");
        clock.advance(Duration.ofHours(1));
        assertEquals(0, worker.deliverDue());
        assertEquals(2, chat.posts().size(), "never posted twice");
        assertEquals(1, heard.size());
    }

    @Test
    void aThreadReplyWaitsForItsCardAndThenGoesIntoItsThread() {
        post("card", "C1", null, "promise-card:1", "the card");
        post("reply", "C1", "card", null, "marked #1 done");
        chat.failTransientlyNext(1, "timeout");

        worker.deliverDue();

        assertEquals(List.of(), chat.posts(), "the card failed, so the reply must not go out on its own");
        assertEquals(1, chat.calls().size(), "the reply was not even tried");
        Row waiting = row("reply");
        assertAll("the reply waits",
                () -> assertEquals(Outbox.Status.PENDING, waiting.status()),
                () -> assertEquals(0, waiting.attempts(), "waiting is not a failed attempt"),
                () -> assertEquals(NOW.plusSeconds(1), waiting.nextAttemptAt()),
                () -> assertEquals("waiting for the message it replies to", waiting.lastError()));

        clock.advance(Duration.ofSeconds(2));
        worker.deliverDue();

        assertEquals(List.of("the card", "marked #1 done"), postedTexts(), "card first, then the reply");
        RecordingChat.Post cardPost = chat.posts().get(0);
        RecordingChat.Post replyPost = chat.posts().get(1);
        assertNull(cardPost.threadRef());
        assertEquals(cardPost.ref(), replyPost.threadRef(), "the reply lands in the card's thread");
        assertEquals("C1", replyPost.channel());
        assertEquals(Outbox.Status.SENT, row("reply").status());
    }

    @Test
    void aThreadReplyToACardAlreadyDeliveredGoesStraightIntoItsThread() {
        post("card", "C1", null, null, "the card");
        worker.deliverDue();
        post("reply", "C1", "card", null, "a reply");

        worker.deliverDue();

        assertEquals("r1", chat.posts().get(1).threadRef());
    }

    @Test
    void anUpdateRewritesTheCardWhereItLanded() {
        post("card", "C1", null, "promise-card:1", "v1");
        worker.deliverDue();
        heard.clear();

        update("card:v2", "C1", "card", "v2");
        worker.deliverDue();

        assertEquals(1, chat.posts().size(), "an update is not a new post");
        assertEquals(1, chat.updates().size());
        RecordingChat.Update update = chat.updates().get(0);
        assertEquals(List.of("C1", "r1", "v2"), List.of(update.channel(), update.ref(), update.text()));
        assertEquals(new Row(Outbox.Status.SENT, 1, NOW, null, "C1", "r1"), row("card:v2"));
        assertEquals(List.of(), heard, "an update has no subject to tell about");
    }

    @Test
    void aNewerUpdateReplacesAnOlderOneStillWaitingSoTheCardNeverGoesBackInTime() {
        post("card", "C1", null, null, "v1");
        worker.deliverDue();
        update("card:v2", "C1", "card", "v2 snoozed");
        chat.failTransientlyNext(1, "timeout");
        worker.deliverDue();
        assertEquals(Outbox.Status.PENDING, row("card:v2").status(), "v2 waits for its retry");

        update("card:v3", "C1", "card", "v3 done");
        clock.advance(Duration.ofMinutes(20));
        worker.deliverDue();

        assertEquals(List.of("v3 done"), chat.updates().stream().map(RecordingChat.Update::text).toList());
        assertEquals(Outbox.Status.SUPERSEDED, row("card:v2").status());
    }

    @Test
    void repliesInOneThreadGoOutInOrderEvenWhenTheFirstHasToBeRetried() {
        post("card", "C1", null, null, "card");
        worker.deliverDue();
        post("reply1", "C1", "card", null, "first");
        post("reply2", "C1", "card", null, "second");
        chat.failTransientlyNext(1, "timeout");

        worker.deliverDue();
        assertEquals(Outbox.Status.PENDING, row("reply2").status(), "the second waits for the first");
        clock.advance(Duration.ofMinutes(20));
        worker.deliverDue();
        worker.deliverDue();

        assertEquals(List.of("card", "first", "second"), postedTexts(), "the second goes in the pass after the first");
    }

    /** A worker whose listener records each subject given up on, with the reason, in {@code failures}. */
    private DeliveryWorker tellingFailuresTo(List<String> failures) {
        return tracked(new DeliveryWorker("worker-a", outbox, new TenantStore(db, clock, new HolidayCalendars()), Map.of(Platform.CONSOLE, chat),
                new Outbox.Listener() {
                    @Override
                    public void sent(java.sql.Connection c, long tenantId, String subject, Outbox.Landing landing) {
                        heard.add(new Heard(tenantId, subject, landing));
                    }

                    @Override
                    public void failed(java.sql.Connection c, long tenantId, String subject, String error) {
                        failures.add(subject + " " + error);
                    }
                }, clock, 1));
    }

    @Test
    void aSubjectThatCannotBePostedIsToldToTheListener() {
        List<String> failures = new ArrayList<>();
        DeliveryWorker telling = tellingFailuresTo(failures);
        post("card", "CPRIVATE", null, "promise-card:7", "v1");
        chat.failPermanentlyNext(1, "not_in_channel");

        telling.deliverDue();

        assertEquals(List.of("promise-card:7 not_in_channel"), failures);
    }

    @Test
    void aMessageThisVersionCannotReadIsRetriedAloneThenFailsAndTheRestGoOut() {
        List<String> failures = new ArrayList<>();
        DeliveryWorker telling = tellingFailuresTo(failures);
        post("from-a-newer-release", "C1", null, "promise-card:7", "v1");
        post("next", "C1", null, null, "the next card");
        // A newer release's span type, which this version's reader does not know.
        int rewritten = db.write(c -> Sql.update(c, "UPDATE outbox SET body = REPLACE(body, '\"plain\"', '\"hologram\"') "
                + "WHERE idempotency_key = ?", "from-a-newer-release"));
        assertEquals(1, rewritten);

        telling.deliverDue();

        assertEquals(List.of("the next card"), postedTexts(), "the row after it in the same channel still goes out");
        Row waiting = row("from-a-newer-release");
        assertEquals(Outbox.Status.PENDING, waiting.status(), "a replica of the newer release may still post it");
        assertEquals(1, waiting.attempts());
        assertEquals(DeliveryException.UNREADABLE_MESSAGE, waiting.lastError());
        assertTrue(waiting.nextAttemptAt().isAfter(NOW), "it backs off like any passing failure");
        assertEquals(List.of(), failures);

        for (int attempt = 2; attempt <= Outbox.MAX_ATTEMPTS; attempt++) {
            clock.set(row("from-a-newer-release").nextAttemptAt());
            telling.deliverDue();
        }

        assertEquals(Outbox.Status.FAILED, row("from-a-newer-release").status());
        assertEquals(List.of("promise-card:7 " + DeliveryException.UNREADABLE_MESSAGE), failures, "the author is told once it is given up on");
        assertEquals(List.of("from-a-newer-release"), outbox.failed(10).stream().map(Outbox.Entry::key).toList(),
                "and it is listed for the operator like any failed post");
        assertEquals(List.of("the next card"), postedTexts());
    }

    @Test
    void aRowOfAnActionThisVersionDoesNotKnowIsLeftForAReplicaThatDoes() {
        post("reaction", "C1", null, null, "👍");
        post("card", "C1", null, null, "the card");
        db.write(c -> Sql.update(c, "UPDATE outbox SET action = 'REACT' WHERE idempotency_key = ?", "reaction"));

        worker.deliverDue();

        assertEquals(List.of("the card"), postedTexts(), "the rest of the channel is not held up");
        assertEquals(new Row(Outbox.Status.PENDING, 0, NOW, null, null, null), row("reaction"), "untouched, not failed");
    }

    @Test
    void anUpdateWaitsForItsCardAndFailsIfTheCardNeverWentOut() {
        post("card", "C1", null, null, "v1");
        update("card:v2", "C1", "card", "v2");
        post("doomed", "C2", null, null, "w1");
        update("doomed:v2", "C2", "doomed", "w2");
        chat.failTransientlyNext(1, "timeout").failPermanentlyNext(1, "channel_not_found");

        worker.deliverDue();

        assertEquals(new Row(Outbox.Status.PENDING, 0, NOW.plusSeconds(1), "waiting for the message it updates", null, null),
                row("card:v2"));
        assertEquals(Outbox.Status.FAILED, row("doomed").status());
        assertEquals(new Row(Outbox.Status.FAILED, 1, NOW, "the message to update was never posted", null, null), row("doomed:v2"));

        clock.advance(Duration.ofSeconds(2));
        worker.deliverDue();

        assertEquals(List.of("v1"), postedTexts());
        assertEquals(List.of("v2"), chat.updates().stream().map(RecordingChat.Update::text).toList());
        assertEquals("r1", chat.updates().get(0).ref());
    }

    @Test
    void aRateLimitWaitsExactlyAsAskedWithoutCountingAnAttemptAndHoldsBackOnlyThatChannel() {
        post("x1", "CX", null, null, "x1");
        post("x2", "CX", null, null, "x2");
        post("y1", "CY", null, null, "y1");
        chat.rateLimitNext(1, Duration.ofSeconds(30));

        worker.deliverDue();

        assertEquals(List.of("y1"), postedTexts(), "the other channel is not held back");
        assertEquals(List.of(new RecordingChat.Call("post", "CX", null, true), new RecordingChat.Call("post", "CY", null, false)),
                chat.calls(), "x2 was not tried in the same pass");
        assertEquals(new Row(Outbox.Status.PENDING, 0, NOW.plusSeconds(30), "rate limited", null, null), row("x1"));
        assertEquals(new Row(Outbox.Status.PENDING, 0, NOW.plusSeconds(30), null, null, null), row("x2"),
                "x2 not tried, and held in the table until the wait is over");

        assertEquals(0, worker.deliverDue(), "the next pass leaves CX alone until Slack's 30 s are up");
        assertEquals(2, chat.calls().size(), chat.calls().toString());

        clock.advance(Duration.ofSeconds(30));
        worker.deliverDue();
        assertEquals(List.of("y1", "x1", "x2"), postedTexts(), "CX resumes in order");
        assertEquals(new Row(Outbox.Status.SENT, 1, NOW.plusSeconds(30), null, "CX", row("x1").sentRef()), row("x1"),
                "the wait did not count as an attempt");
        assertEquals(3, chat.posts().size());
    }

    @Test
    void aRateLimitHoldsBackUpdatesInThatChannelButNotUpdatesElsewhere() {
        post("x", "CX", null, null, "x");
        post("y", "CY", null, null, "y");
        worker.deliverDue();
        post("x-new", "CX", null, null, "another post in CX");
        update("x:v2", "CX", "x", "x v2");
        update("y:v2", "CY", "y", "y v2");
        chat.rateLimitNext(1, Duration.ofSeconds(30));

        worker.deliverDue();

        assertEquals(List.of("CY"), chat.updates().stream().map(RecordingChat.Update::channel).toList(),
                "CX's update waits behind CX's rate limit; CY's goes out");
        assertEquals(new Row(Outbox.Status.PENDING, 0, NOW.plusSeconds(30), null, null, null), row("x:v2"), "not tried, held with CX");
    }

    @Test
    void aLongQueueInARateLimitedChannelDoesNotCrowdOutOtherChannels() {
        for (int i = 0; i < 60; i++) {
            post("x" + i, "CX", null, null, "x" + i);
        }
        post("y", "CY", null, null, "y");
        chat.rateLimitNext(1, Duration.ofSeconds(30));

        worker.deliverDue();
        worker.deliverDue();

        assertEquals(List.of("y"), postedTexts(), "CY's post goes out although 60 older rows wait in CX");
    }

    @Test
    void transientFailuresBackOffLongerEachTimeAndGiveUpAfterMaxAttempts() {
        post("card", "C1", null, null, "the card");
        chat.failTransientlyNext(Outbox.MAX_ATTEMPTS, "connect timed out");

        Duration previous = Duration.ZERO;
        for (int attempt = 1; attempt < Outbox.MAX_ATTEMPTS; attempt++) {
            clock.set(row("card").nextAttemptAt());
            Instant triedAt = clock.instant();
            worker.deliverDue();

            Row row = row("card");
            Duration wait = Duration.between(triedAt, row.nextAttemptAt());
            long base = Math.min(Duration.ofMinutes(10).toMillis(), 1000L << (attempt - 1));
            assertEquals(Outbox.Status.PENDING, row.status(), "attempt " + attempt);
            assertEquals(attempt, row.attempts(), "attempt " + attempt + " counted");
            assertEquals("connect timed out", row.lastError());
            assertTrue(wait.toMillis() >= base && wait.toMillis() <= base + base / 4,
                    "attempt " + attempt + " waits " + wait + ", about " + base + " ms");
            assertTrue(wait.compareTo(previous) >= 0 || base == Duration.ofMinutes(10).toMillis(), "waits grow: " + previous + " then " + wait);
            previous = wait;

            clock.set(row.nextAttemptAt().minusMillis(1));
            worker.deliverDue();
            assertEquals(attempt, chat.calls().size(), "not retried before its time");
        }

        clock.set(row("card").nextAttemptAt());
        worker.deliverDue();

        Row failed = row("card");
        assertEquals(Outbox.Status.FAILED, failed.status());
        assertEquals(Outbox.MAX_ATTEMPTS, failed.attempts());
        assertEquals(Outbox.MAX_ATTEMPTS, chat.calls().size(), "tried exactly MAX_ATTEMPTS times");
        clock.advance(Duration.ofDays(1));
        worker.deliverDue();
        assertEquals(Outbox.MAX_ATTEMPTS, chat.calls().size(), "a failed row is left alone");
        assertEquals(List.of(), chat.posts());
    }

    @Test
    void aTransientFailureThenSuccessIsPostedOnce() {
        post("card", "C1", null, null, "the card");
        chat.failTransientlyNext(2, "502 bad gateway");

        for (int pass = 0; pass < 3; pass++) {
            clock.set(row("card").nextAttemptAt());
            worker.deliverDue();
        }

        assertEquals(List.of("the card"), postedTexts());
        assertEquals(Outbox.Status.SENT, row("card").status());
        assertEquals(3, row("card").attempts());
    }

    @Test
    void anUnexpectedCrashInTheChatIsRetriedLikeATransientFailure() {
        post("card", "C1", null, null, "the card");
        chat.crashNext(1, () -> new IllegalStateException("client bug"));

        worker.deliverDue();

        Row row = row("card");
        assertEquals(Outbox.Status.PENDING, row.status());
        assertEquals(1, row.attempts());
        assertEquals("IllegalStateException", row.lastError());
        clock.set(row.nextAttemptAt());
        worker.deliverDue();
        assertEquals(List.of("the card"), postedTexts());
    }

    @Test
    void aPermanentFailureFailsAtOnceAndIsNeverRetried() {
        post("card", "C1", null, null, "the card");
        post("next", "C1", null, null, "the next post");
        chat.failPermanentlyNext(1, "channel_not_found");

        worker.deliverDue();

        assertEquals(new Row(Outbox.Status.FAILED, 1, NOW, "channel_not_found", null, null), row("card"));
        assertEquals(List.of("the next post"), postedTexts(), "a permanent failure does not hold the channel back");
        clock.advance(Duration.ofDays(1));
        worker.deliverDue();
        assertEquals(2, chat.calls().size());
    }

    @Test
    void postsForAPlatformThisProcessCannotReachAreLeftForOneThatCan() {
        TenantStore tenants = new TenantStore(db, clock, new HolidayCalendars());
        long slackTenant = tenants.findOrCreate(Platform.SLACK, "T0ELSEWHERE").id();
        post(slackTenant, "slack-card", "C1", null, null, "for a Slack workspace");

        assertEquals(0, worker.deliverDue(), "not this process's to deliver");

        assertEquals(new Row(Outbox.Status.PENDING, 0, NOW, null, null, null), row("slack-card"), "not failed, not counted");
        assertEquals(List.of(), chat.calls());
        RecordingChat slack = new RecordingChat();
        tracked(new DeliveryWorker("worker-a", outbox, tenants, Map.of(Platform.SLACK, slack), (c, t, s, l) -> { }, clock, 1)).deliverDue();
        assertEquals(List.of("for a Slack workspace"), slack.posts().stream().map(RecordingChat.Post::text).toList());
        assertEquals(Outbox.Status.SENT, row("slack-card").status());
    }

    @Test
    void deliveringTwiceNeverPostsTwice() {
        post("card", "C1", null, "promise-card:1", "the card");
        post("reply", "C1", "card", null, "a reply");
        update("card:v2", "C1", "card", "v2");

        worker.deliverDue();
        worker.deliverDue();
        clock.advance(Duration.ofMinutes(5));
        worker.deliverDue();

        assertEquals(List.of("the card", "a reply"), postedTexts());
        assertEquals(1, chat.updates().size());
        assertEquals(1, heard.size());
    }

    @Test
    void backoffDoublesFromOneSecondWithJitterAndIsCappedAtTenMinutes() {
        record Case(int attemptsSoFar, long baseMillis) {}
        List<Case> cases = List.of(new Case(0, 1_000), new Case(1, 2_000), new Case(2, 4_000), new Case(5, 32_000),
                new Case(9, 512_000), new Case(10, 600_000), new Case(11, 600_000), new Case(40, 600_000));

        for (Case k : cases) {
            for (int i = 0; i < 50; i++) {
                long wait = DeliveryWorker.backoff(k.attemptsSoFar()).toMillis();
                assertTrue(wait >= k.baseMillis() && wait <= k.baseMillis() + k.baseMillis() / 4,
                        "after " + k.attemptsSoFar() + " attempts: " + wait + " ms");
            }
        }
    }
}
