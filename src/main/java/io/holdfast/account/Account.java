package io.holdfast.account;

/** A client account, named the way it was first mentioned. */
public record Account(long id, long tenantId, String name) {}
