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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox rows to the platforms, one at a time and oldest first, so a card is always posted
 * before the replies threaded under it. Failures wait with exponential backoff; a rate limit waits
 * exactly as long as the platform asked and holds back that channel's later posts until then too.
 * Rows are claimed before they are posted, so the workers of several replicas never post one twice.
 */
public final class DeliveryWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(500);
    private static final Duration PARENT_WAIT = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private static final int BATCH = 50;
    /** Far longer than one platform call takes; each claim is renewed just before its row is posted. */
    static final Duration LEASE = Duration.ofMinutes(2);

    private final String name;
    private final Outbox outbox;
    private final TenantStore tenants;
    private final Map<Platform, Chat> chats;
    private final Outbox.Listener listener;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantLock pass = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean woken;

    /** @param name this replica's worker name, unique across replicas: claims are held in it */
    public DeliveryWorker(String name, Outbox outbox, TenantStore tenants, Map<Platform, Chat> chats, Outbox.Listener listener, Clock clock) {
        this.name = name;
        this.outbox = outbox;
        this.tenants = tenants;
        this.chats = Map.copyOf(chats);
        this.listener = listener;
        this.clock = clock;
        this.thread = new Thread(this::loop, "holdfast-delivery");
        this.thread.setDaemon(true);
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
                if (deliverDue() == 0) {
                    waitForWork();
                }
            } catch (RuntimeException e) {
                log.error("delivery pass failed; retrying shortly", e);
                waitForWork();
            }
        }
    }

    private void waitForWork() {
        lock.lock();
        try {
            if (!woken && running) {
                work.await(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
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
        Set<String> heldThisPass = new HashSet<>();
        int tried = 0;
        for (Outbox.Entry entry : claimed) {
            String channel = entry.tenantId() + "/" + entry.channel();
            if (!heldThisPass.contains(channel) && outbox.renewClaim(entry, name, LEASE)) {
                tried++;
                deliver(entry).ifPresent(until -> {
                    outbox.holdChannel(entry.tenantId(), entry.channel(), until);
                    heldThisPass.add(channel);
                });
            }
        }
        return tried;
    }

    /** Returns the instant until which the entry's channel must be left alone (rate limited), if any. */
    private Optional<Instant> deliver(Outbox.Entry entry) {
        Optional<Tenant> tenant = tenants.byId(entry.tenantId());
        Chat chat = tenant.map(t -> chats.get(t.platform())).orElse(null);
        if (chat == null) {
            outbox.markFailed(entry, "no platform connection for tenant " + entry.tenantId(), listener);
            return Optional.empty();
        }
        try {
            switch (entry.action()) {
                case POST -> post(tenant.get(), chat, entry);
                case UPDATE -> update(tenant.get(), chat, entry);
            }
            return Optional.empty();
        } catch (DeliveryException e) {
            return handleFailure(entry, e);
        } catch (RuntimeException e) {
            log.warn("delivery of outbox row {} failed unexpectedly", entry.id(), e);
            return handleFailure(entry, DeliveryException.transientFailure(e.getClass().getSimpleName()));
        }
    }

    private void post(Tenant tenant, Chat chat, Outbox.Entry entry) throws DeliveryException {
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
        outbox.markSent(entry, new Outbox.Landing(posted.channel(), posted.ref()), listener);
    }

    private void update(Tenant tenant, Chat chat, Outbox.Entry entry) throws DeliveryException {
        Optional<Outbox.Landing> target = outbox.landing(entry.tenantId(), entry.targetKey());
        if (target.isEmpty()) {
            if (outbox.status(entry.tenantId(), entry.targetKey()).orElse(Outbox.Status.FAILED) == Outbox.Status.PENDING) {
                outbox.retryAt(entry, clock.instant().plus(PARENT_WAIT), "waiting for the message it updates", false);
            } else {
                outbox.markFailed(entry, "the message to update was never posted", listener);
            }
            return;
        }
        Chat.Posted now = chat.update(tenant, target.get().channel(), target.get().ref(), entry.message());
        Outbox.Landing landing = new Outbox.Landing(now.channel(), now.ref());
        if (landing.equals(target.get())) {
            outbox.markSent(entry, landing, listener);
        } else {
            outbox.markMoved(entry, landing, listener);
        }
    }

    private Optional<Instant> handleFailure(Outbox.Entry entry, DeliveryException e) {
        if (e.retryAfter().isPresent()) {
            Instant until = clock.instant().plus(e.retryAfter().get());
            outbox.retryAt(entry, until, e.getMessage(), false);
            return Optional.of(until);
        }
        if (e.isPermanent() || entry.attempts() + 1 >= Outbox.MAX_ATTEMPTS) {
            log.warn("outbox row {} ({}) failed for good: {}", entry.id(), entry.key(), e.getMessage());
            outbox.markFailed(entry, e.getMessage(), listener);
        } else {
            outbox.retryAt(entry, clock.instant().plus(backoff(entry.attempts())), e.getMessage(), true);
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
        deliverDue();
    }
}
