package io.holdfast.promise;

/** What happened to a promise, kept as the account's audit trail. */
public enum PromiseEvent { CREATED, UPDATED, SNOOZED, MOVED, DONE, CANCELLED, NUDGED }
