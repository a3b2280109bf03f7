package io.holdfast.promise;

/** Which open promises {@code /promise list} shows. */
public sealed interface PromiseFilter {
    record Mine() implements PromiseFilter {}

    record OwnedBy(String userId) implements PromiseFilter {}

    record ForAccount(String accountName) implements PromiseFilter {}

    record Overdue() implements PromiseFilter {}

    record AllOpen() implements PromiseFilter {}
}
