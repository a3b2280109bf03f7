package io.holdfast.core;

import java.util.Map;

/**
 * One command as a person typed it, after the adapter has turned platform markup into Holdfast's
 * neutral form: mentions are {@code <@USERID>} tokens, everything else is literal text.
 *
 * @param mentionLabels display names for the mentioned user and channel ids, used when typed text is shown back
 */
public record Invocation(Actor actor, String channelId, String text, Map<String, String> mentionLabels) {

    public Invocation {
        text = text == null ? "" : text.strip();
        mentionLabels = Map.copyOf(mentionLabels);
    }

    public Tenant tenant() {
        return actor.tenant();
    }

    /**
     * Typed text as it should be stored: mention tokens written as plain {@code @name}, and the guard
     * {@link Mentions#literal} put into typed look-alikes removed again (rendering escapes them anyway).
     */
    public String plain(String typed) {
        String people = Mentions.TOKEN.matcher(typed).replaceAll(m -> "@" + mentionLabels.getOrDefault(m.group(1), m.group(1)));
        String channels = Mentions.CHANNEL_TOKEN.matcher(people).replaceAll(m -> "#" + mentionLabels.getOrDefault(m.group(1), m.group(1)));
        String groups = Mentions.GROUP_TOKEN.matcher(channels).replaceAll(m -> "@" + mentionLabels.getOrDefault(m.group(1), m.group(1)));
        return Mentions.unguard(groups);
    }
}
