package io.holdfast.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The calls a fake has received, in arrival order: a thread-safe list that tests can wait on. A waiter is woken
 * by each new {@link #record} rather than polling.
 *
 * <p>Its lock is reentrant and open to the owning fake through {@link #locked}, so a fake can guard the rest of its
 * state with it (pending faults, held requests) and record a call in the same step as it takes a fault.
 *
 * @param <C> what one recorded call is
 */
final class CallLog<C> {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition callRecorded = lock.newCondition();
    private final List<C> calls = new ArrayList<>();
    private final Function<? super C, String> describeCall;

    /** {@code describeCall} renders one call as one line of the message when an {@link #await} times out. */
    CallLog(Function<? super C, String> describeCall) {
        this.describeCall = describeCall;
    }

    /** Appends {@code call} and wakes everyone waiting in {@link #await}. */
    void record(C call) {
        locked(() -> {
            calls.add(call);
            callRecorded.signalAll();
            return null;
        });
    }

    /** Every recorded call, in arrival order. */
    List<C> all() {
        return locked(() -> List.copyOf(calls));
    }

    /** The recorded calls that match, in arrival order. */
    List<C> matching(Predicate<? super C> match) {
        return locked(() -> calls.stream().filter(match).toList());
    }

    void clear() {
        locked(() -> {
            calls.clear();
            return null;
        });
    }

    /** Runs {@code action} holding this log's lock. */
    <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies {@code check} to the calls recorded so far, and again after each new one, until it finds what it
     * looks for or {@code timeout} passes; then throws an {@link AssertionError} starting with {@code expectation}
     * and listing every recorded call, one per line. {@code check} runs with the lock held and gets a read-only
     * view of the calls that is valid only while it runs; copy what it returns.
     */
    <T> T await(Function<List<C>, Optional<T>> check, Duration timeout, String expectation) {
        long remainingNanos = timeout.toNanos();
        lock.lock();
        try {
            List<C> view = Collections.unmodifiableList(calls);
            while (true) {
                Optional<T> result = check.apply(view);
                if (result.isPresent()) {
                    return result.get();
                }
                if (remainingNanos <= 0) {
                    throw new AssertionError(expectation + " within " + timeout + "; received " + describeCalls());
                }
                remainingNanos = callRecorded.awaitNanos(remainingNanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting: " + expectation, e);
        } finally {
            lock.unlock();
        }
    }

    // Only ever called with the lock held.
    private String describeCalls() {
        if (calls.isEmpty()) {
            return "no calls at all";
        }
        return calls.size() + " call(s):\n" + calls.stream()
                .map(call -> "  " + describeCall.apply(call))
                .collect(Collectors.joining("\n"));
    }
}
