package io.holdfast.core;

/** The port through which the delivery worker posts and updates messages on a platform. */
public interface Chat {

    /** Posts {@code message} in {@code channel}, under {@code threadRef} when not null. */
    Posted post(Tenant tenant, String channel, String threadRef, Message message) throws DeliveryException;

    /**
     * Rewrites an earlier post in place and returns where the message now is: the same post, or a fresh
     * one when the platform lost the original (Teams does), so the change is never dropped.
     */
    Posted update(Tenant tenant, String channel, String ref, Message message) throws DeliveryException;

    /** Where a post landed: the channel and the platform's reference to the message (Slack's ts). */
    record Posted(String channel, String ref) {}
}
