package io.holdfast.schedule;

import io.holdfast.core.Chat;
import io.holdfast.core.DeliveryException;
import io.holdfast.core.Platform;
import io.holdfast.core.Tenant;
import io.holdfast.store.Outbox;
import io.holdfast.store.TenantStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox rows to the platforms: several channels at once, each channel's rows one at a time
 * and oldest first, so a card is always posted before the replies threaded under it and a morning's
 * digests to many channels don't queue behind each other's round trips. Failures wait with exponential
 * backoff; a rate limit waits exactly as long as the platform asked and holds back that channel's later
 * posts until then too. Rows are claimed before they are posted, so the workers of several replicas
 * never post one twice.
 */
public final class DeliveryWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(500);
    private static final Duration PARENT_WAIT = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private static final int BATCH = 200;
    private static final int ROWS_PER_CHANNEL_PER_PASS = 10;
    /** Far longer than one platform call takes; each claim is renewed just before its row is posted. */
    static final Duration LEASE = Duration.ofMinutes(2);

    private final String name;
    private final Outbox outbox;
    private final TenantStore tenants;
    private final Map<Platform, Chat> chats;
    private final Outbox.Listener listener;
    private final Results results;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantLock pass = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Thread thread;
    private final ExecutorService channelPosters;
    private volatile boolean running = true;
    private boolean woken;

    /** How one attempt to deliver a row ended. */
    public enum Result {
        SENT,
        /** A failure that may pass; the row is tried again after a backoff. */
        RETRIED,
        /** The platform answered 429; the row and its channel wait as long as it asked. */
        RATE_LIMITED,
        /** Given up on for good: a permanent refusal, or too many failed attempts. */
        FAILED
    }

    /** Told how each delivery attempt ended, e.g. to count them. */
    @FunctionalInterface
    public interface Results {
        Results NONE = result -> { };

        void ended(Result result);
    }

    public DeliveryWorker(String name, Outbox outbox, TenantStore tenants, Map<Platform, Chat> chats, Outbox.Listener listener, Clock clock,
                          int channelsAtOnce) {
        this(name, outbox, tenants, chats, listener, Results.NONE, clock, channelsAtOnce);
    }

    /**
     * @param name this replica's worker name, unique across replicas: claims are held in it
     * @param channelsAtOnce how many channels are posted to at the same time
     */
    public DeliveryWorker(String name, Outbox outbox, TenantStore tenants, Map<Platform, Chat> chats, Outbox.Listener listener, Results results,
                          Clock clock, int channelsAtOnce) {
        this.name = name;
        this.outbox = outbox;
        this.tenants = tenants;
        this.chats = Map.copyOf(chats);
        this.listener = listener;
        this.results = results;
        this.clock = clock;
        this.thread = new Thread(this::loop, "holdfast-delivery");
        this.thread.setDaemon(true);
        AtomicInteger posters = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(channelsAtOnce, channelsAtOnce, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), task -> {
            Thread poster = new Thread(task, "holdfast-delivery-" + posters.incrementAndGet());
            poster.setDaemon(true);
            return poster;
        });
        // Idle posters end after a minute, so a quiet bot holds no threads for them.
        pool.allowCoreThreadTimeOut(true);
        this.channelPosters = pool;
    }

    public void start() {
        thread.start();
    }

    /** Tells the worker new rows were committed, so posts go out at once rather than at the next poll. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (running) {
            try {
                Instant passStarted = clock.instant();
                if (deliverDue() == 0) {
                    waitForWork(untilNextDue(passStarted));
                }
            } catch (RuntimeException e) {
                log.error("delivery pass failed; retrying shortly", e);
                waitForWork(IDLE_POLL);
            }
        }
    }

    /**
     * A row held back by a rate limit or a backoff is tried the moment its wait is over, not at the next
     * poll. Rows are looked for from the start of the pass that found nothing, not from now: one that
     * fell due while that pass ran would otherwise be missed and wait for the next poll.
     */
    private Duration untilNextDue(Instant passStarted) {
        return outbox.nextAttemptAfter(passStarted).map(next -> Duration.between(clock.instant(), next))
                .filter(wait -> wait.compareTo(IDLE_POLL) < 0).orElse(IDLE_POLL);
    }

    private void waitForWork(Duration atMost) {
        lock.lock();
        try {
            if (!woken && running) {
                work.await(Math.max(1, atMost.toMillis()), TimeUnit.MILLISECONDS);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Delivers what is due now; returns how many rows it tried. Passes in one process never overlap,
     * and other replicas' workers pass over the rows this one has claimed. Public so tools and tests
     * can drain synchronously.
     */
    public int deliverDue() {
        pass.lock();
        try {
            List<Outbox.Entry> claimed = outbox.claim(name, chats.keySet(), BATCH, LEASE);
            if (claimed.isEmpty()) {
                return 0;
            }
            try {
                return deliver(claimed);
            } finally {
                outbox.releaseClaims(name);
            }
        } finally {
            pass.unlock();
        }
    }

    private int deliver(List<Outbox.Entry> claimed) {
        // Read once per pass, not once per row: a pass's rows mostly belong to a few tenants.
        Map<Long, Optional<Tenant>> tenantsOfPass = new HashMap<>();
        claimed.forEach(entry -> tenantsOfPass.computeIfAbsent(entry.tenantId(), tenants::byId));
        Map<String, List<Outbox.Entry>> byChannel = new LinkedHashMap<>();
        for (Outbox.Entry entry : claimed) {
            byChannel.computeIfAbsent(entry.tenantId() + "/" + entry.channel(), k -> new ArrayList<>()).add(entry);
        }
        if (byChannel.size() == 1) {
            return deliverInOrder(claimed, tenantsOfPass);
        }
        // A pass ends when its slowest channel does, so a long queue in one channel goes a few rows per
        // pass while others wait their turn; what it leaves is released at the end of the pass.
        List<Callable<Integer>> channels = byChannel.values().stream()
                .<Callable<Integer>>map(rows -> () -> deliverInOrder(rows.subList(0, Math.min(rows.size(), ROWS_PER_CHANNEL_PER_PASS)),
                        tenantsOfPass)).toList();
        int tried = 0;
        try {
            for (Future<Integer> channel : channelPosters.invokeAll(channels)) {
                tried += channel.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("delivering a channel's rows failed", e.getCause());
        }
        return tried;
    }

    /** One channel's rows, oldest first; a rate limit stops the channel for this pass, as its later rows must wait too. */
    private int deliverInOrder(List<Outbox.Entry> rows, Map<Long, Optional<Tenant>> tenantsOfPass) {
        int tried = 0;
        boolean claimHeld = outbox.renewClaim(rows.get(0), name, LEASE);
        for (int i = 0; i < rows.size(); i++) {
            Outbox.Entry entry = rows.get(i);
            NextClaim next = new NextClaim(i + 1 < rows.size() ? rows.get(i + 1) : null);
            if (claimHeld) {
                tried++;
                Optional<Instant> heldUntil = deliver(entry, tenantsOfPass.get(entry.tenantId()), next);
                if (heldUntil.isPresent()) {
                    outbox.holdChannel(entry.tenantId(), entry.channel(), heldUntil.get());
                    break;
                }
            }
            claimHeld = next.held();
        }
        return tried;
    }

    /**
     * The claim on the row a channel posts next, renewed just before it is posted: in the same write that marks
     * the row before it sent, when that one went out, which halves the trips to SQLite's single writer per post.
     */
    private final class NextClaim {
        private final Outbox.Entry next;
        private Boolean held;

        NextClaim(Outbox.Entry next) {
            this.next = next;
        }

        void markSent(Outbox.Entry entry, Outbox.Landing landing) {
            if (next == null) {
                outbox.markSent(entry, landing, listener);
            } else {
                held = outbox.markSentAndRenew(entry, landing, listener, next, name, LEASE);
            }
        }

        boolean held() {
            if (held == null) {
                held = next != null && outbox.renewClaim(next, name, LEASE);
            }
            return held;
        }
    }

    /** Returns the instant until which the entry's channel must be left alone (rate limited), if any. */
    private Optional<Instant> deliver(Outbox.Entry entry, Optional<Tenant> tenant, NextClaim next) {
        if (entry.message() == null) {
            return handleFailure(entry, DeliveryException.transientFailure(DeliveryException.UNREADABLE_MESSAGE));
        }
        Chat chat = tenant.map(t -> chats.get(t.platform())).orElse(null);
        if (chat == null) {
            outbox.markFailed(entry, "no platform connection for tenant " + entry.tenantId(), listener);
            results.ended(Result.FAILED);
            return Optional.empty();
        }
        try {
            switch (entry.action()) {
                case POST -> post(tenant.get(), chat, entry, next);
                case UPDATE -> update(tenant.get(), chat, entry, next);
            }
            return Optional.empty();
        } catch (DeliveryException e) {
            return handleFailure(entry, e);
        } catch (RuntimeException e) {
            log.warn("delivery of outbox row {} failed unexpectedly", entry.id(), e);
            return handleFailure(entry, DeliveryException.transientFailure(e.getClass().getSimpleName()));
        }
    }

    private void post(Tenant tenant, Chat chat, Outbox.Entry entry, NextClaim next) throws DeliveryException {
        String threadRef = null;
        if (entry.threadKey() != null) {
            Optional<Outbox.Landing> parent = outbox.landing(entry.tenantId(), entry.threadKey());
            if (parent.isEmpty() && outbox.status(entry.tenantId(), entry.threadKey()).orElse(Outbox.Status.FAILED) == Outbox.Status.PENDING) {
                outbox.retryAt(entry, clock.instant().plus(PARENT_WAIT), "waiting for the message it replies to", false);
                return;
            }
            threadRef = parent.map(Outbox.Landing::ref).orElse(null);
        }
        Chat.Posted posted = chat.post(tenant, entry.channel(), threadRef, entry.message());
        next.markSent(entry, new Outbox.Landing(posted.channel(), posted.ref()));
        results.ended(Result.SENT);
    }

    private void update(Tenant tenant, Chat chat, Outbox.Entry entry, NextClaim next) throws DeliveryException {
        Optional<Outbox.Landing> target = outbox.landing(entry.tenantId(), entry.targetKey());
        if (target.isEmpty()) {
            if (outbox.status(entry.tenantId(), entry.targetKey()).orElse(Outbox.Status.FAILED) == Outbox.Status.PENDING) {
                outbox.retryAt(entry, clock.instant().plus(PARENT_WAIT), "waiting for the message it updates", false);
            } else {
                outbox.markFailed(entry, "the message to update was never posted", listener);
                results.ended(Result.FAILED);
            }
            return;
        }
        Chat.Posted now = chat.update(tenant, target.get().channel(), target.get().ref(), entry.message());
        Outbox.Landing landing = new Outbox.Landing(now.channel(), now.ref());
        if (landing.equals(target.get())) {
            next.markSent(entry, landing);
        } else {
            outbox.markMoved(entry, landing, listener);
        }
        results.ended(Result.SENT);
    }

    private Optional<Instant> handleFailure(Outbox.Entry entry, DeliveryException e) {
        if (e.retryAfter().isPresent()) {
            Instant until = clock.instant().plus(e.retryAfter().get());
            outbox.retryAt(entry, until, e.getMessage(), false);
            results.ended(Result.RATE_LIMITED);
            return Optional.of(until);
        }
        if (tenants.activeById(entry.tenantId()).isEmpty()) {
            // Paused while this row was on its way (the app was uninstalled, so its token was refused): it is held with
            // the tenant's other posts, which are not claimed until a new install resumes the tenant, and then go out at once.
            outbox.retryAt(entry, clock.instant(), "held while the workspace is uninstalled: " + e.getMessage(), false);
            return Optional.empty();
        }
        if (e.isPermanent() || entry.attempts() + 1 >= Outbox.MAX_ATTEMPTS) {
            log.warn("outbox row {} ({}) failed for good: {}", entry.id(), entry.key(), e.getMessage());
            outbox.markFailed(entry, e.getMessage(), listener);
            results.ended(Result.FAILED);
        } else {
            outbox.retryAt(entry, clock.instant().plus(backoff(entry.attempts())), e.getMessage(), true);
            results.ended(Result.RETRIED);
        }
        return Optional.empty();
    }

    /** 1 s, 2 s, 4 s ... capped, with jitter so many failed rows don't retry in lockstep. */
    static Duration backoff(int attemptsSoFar) {
        long base = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(attemptsSoFar, 20));
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 4 + 1));
    }

    /** Stops the worker after one last pass, so what the final commands queued still goes out. */
    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            deliverDue();
        } finally {
            channelPosters.shutdownNow();
        }
    }
}
