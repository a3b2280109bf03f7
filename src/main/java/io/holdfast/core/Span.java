package io.holdfast.core;

import java.time.Instant;

/**
 * A piece of message text. Renderers escape every span, so only {@link Mention} and {@link When}
 * can produce platform markup: text a person typed can never ping a channel or forge a mention.
 */
public sealed interface Span {

    /** Plain text, bot-authored or typed by a person alike. */
    record Plain(String text) implements Span {}

    /** Emphasised text. */
    record Strong(String text) implements Span {}

    /** A person, rendered by the platform from their id (so it always shows their current name). */
    record Mention(String userId) implements Span {}

    /** A group of people the platform knows (a Slack user group), notifying its members. */
    record Group(String groupId) implements Span {}

    /**
     * A moment in time. Platforms that can show it in each viewer's own zone do so; others print
     * {@code fallback}, which is already formatted in the zone of the person it matters to.
     */
    record When(Instant at, String fallback) implements Span {}
}
