package io.holdfast.testing;

import io.holdfast.core.Chat;
import io.holdfast.core.DeliveryException;
import io.holdfast.core.Message;
import io.holdfast.core.Tenant;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * A {@link Chat} that records what the bot posted and updated, answers posts with refs "r1", "r2"...,
 * and can be told to refuse the next calls the way a platform does (rate limit, transient, permanent).
 * Thread-safe, so it can sit behind a running delivery worker.
 */
public final class RecordingChat implements Chat {

    /** A post that landed; {@code ref} is what the platform answered. */
    public record Post(Tenant tenant, String channel, String threadRef, Message message, String ref) {
        public String text() {
            return message.summary().plainText();
        }
    }

    /** An earlier post rewritten in place. */
    public record Update(Tenant tenant, String channel, String ref, Message message) {
        public String text() {
            return message.summary().plainText();
        }
    }

    /** Every call the chat received, refused or not; {@code ref} is the thread of a post or the target of an update. */
    public record Call(String method, String channel, String ref, boolean refused) {}

    private final List<Post> posts = new ArrayList<>();
    private final List<Update> updates = new ArrayList<>();
    private final List<Call> calls = new ArrayList<>();
    private final Deque<Supplier<? extends Exception>> refusals = new ArrayDeque<>();
    private int refs;

    /** The next {@code calls} calls fail with HTTP 429 and this Retry-After. */
    public RecordingChat rateLimitNext(int calls, Duration retryAfter) {
        return refuseNext(calls, () -> DeliveryException.rateLimited(retryAfter));
    }

    /** The next {@code calls} calls fail in a way worth retrying (timeout, 5xx). */
    public RecordingChat failTransientlyNext(int calls, String reason) {
        return refuseNext(calls, () -> DeliveryException.transientFailure(reason));
    }

    /** The next {@code calls} calls fail for good (channel_not_found, not_in_channel). */
    public RecordingChat failPermanentlyNext(int calls, String reason) {
        return refuseNext(calls, () -> DeliveryException.permanent(reason));
    }

    /** The next {@code calls} calls blow up with an unexpected exception, as a buggy client library might. */
    public RecordingChat crashNext(int calls, Supplier<? extends RuntimeException> crash) {
        return refuseNext(calls, crash);
    }

    private synchronized RecordingChat refuseNext(int count, Supplier<? extends Exception> refusal) {
        for (int i = 0; i < count; i++) {
            refusals.add(refusal);
        }
        return this;
    }

    @Override
    public synchronized Posted post(Tenant tenant, String channel, String threadRef, Message message) throws DeliveryException {
        refuseIfTold("post", channel, threadRef);
        String ref = "r" + (++refs);
        posts.add(new Post(tenant, channel, threadRef, message, ref));
        return new Posted(channel, ref);
    }

    @Override
    public synchronized Posted update(Tenant tenant, String channel, String ref, Message message) throws DeliveryException {
        refuseIfTold("update", channel, ref);
        updates.add(new Update(tenant, channel, ref, message));
        return new Posted(channel, ref);
    }

    private void refuseIfTold(String method, String channel, String ref) throws DeliveryException {
        Supplier<? extends Exception> refusal = refusals.poll();
        calls.add(new Call(method, channel, ref, refusal != null));
        if (refusal == null) {
            return;
        }
        Exception e = refusal.get();
        if (e instanceof DeliveryException d) {
            throw d;
        }
        throw (RuntimeException) e;
    }

    public synchronized List<Post> posts() {
        return List.copyOf(posts);
    }

    public synchronized List<Post> postsIn(String channel) {
        return posts.stream().filter(p -> p.channel().equals(channel)).toList();
    }

    public synchronized List<Update> updates() {
        return List.copyOf(updates);
    }

    /** Every call in order, including refused ones. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** How many refusals are still waiting for a call. */
    public synchronized int refusalsLeft() {
        return refusals.size();
    }
}
