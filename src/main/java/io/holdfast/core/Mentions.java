package io.holdfast.core;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The neutral tokens adapters put into command text: {@code <@USERID>} for a person and
 * {@code <#CHANNELID>} for a channel. Only adapters create them, from ids the platform vouches for.
 */
public final class Mentions {
    static final Pattern TOKEN = Pattern.compile("<@([A-Za-z0-9._:-]+)>");
    static final Pattern CHANNEL_TOKEN = Pattern.compile("<#([A-Za-z0-9._:@-]+)>");
    static final Pattern GROUP_TOKEN = Pattern.compile("<&([A-Za-z0-9._:-]+)>");
    private static final String GUARD = "\u2060";
    private static final Pattern LEADING = Pattern.compile("^<@([A-Za-z0-9._:-]+)>\\s*");

    private Mentions() {
    }

    /** The neutral token for a person; only adapters create these, from ids the platform vouches for. */
    public static String token(String userId) {
        return "<@" + userId + ">";
    }

    public static String channelToken(String channelId) {
        return "<#" + channelId + ">";
    }

    /** The neutral token for a group of people (a Slack user group). */
    public static String groupToken(String groupId) {
        return "<&" + groupId + ">";
    }

    /** Whether {@code text} starts with a group token. */
    public static boolean leadingGroup(String text) {
        Matcher m = GROUP_TOKEN.matcher(text);
        return m.lookingAt();
    }

    /** The whole of {@code text} as one group, e.g. "leads @cs-leads". */
    public static Optional<String> onlyGroup(String text) {
        Matcher m = GROUP_TOKEN.matcher(text.strip());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The whole of {@code text} as one channel, e.g. the target of "escalations #support". */
    public static Optional<String> onlyChannel(String text) {
        Matcher m = CHANNEL_TOKEN.matcher(text.strip());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * Typed text made safe to place in neutral command text: a "<@X>" or "<#X>" someone typed literally
     * is broken with an invisible word joiner, so it is shown as typed but never read as a token.
     */
    public static String literal(String typed) {
        return typed.replace("<@", "<" + GUARD + "@").replace("<#", "<" + GUARD + "#").replace("<&", "<" + GUARD + "&");
    }

    static String unguard(String text) {
        return text.replace("<" + GUARD + "@", "<@").replace("<" + GUARD + "#", "<#").replace("<" + GUARD + "&", "<&");
    }

    /** Where {@code c} first occurs outside mention tokens (some platforms' ids contain colons), or -1. */
    public static int firstOutsideMentions(String text, char c) {
        Matcher m = TOKEN.matcher(text);
        int from = 0;
        while (m.find()) {
            int inGap = text.substring(from, m.start()).indexOf(c);
            if (inGap >= 0) {
                return from + inGap;
            }
            from = m.end();
        }
        return text.indexOf(c, from);
    }

    /** A mention at the very start of {@code text}, with the rest of the text after it. */
    public static Optional<Leading> leading(String text) {
        Matcher m = LEADING.matcher(text);
        return m.find() ? Optional.of(new Leading(m.group(1), text.substring(m.end()))) : Optional.empty();
    }

    /** The whole of {@code text} as one mention, e.g. the target of "move #3 @lee". */
    public static Optional<String> only(String text) {
        Matcher m = TOKEN.matcher(text.strip());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public record Leading(String userId, String rest) {}
}
