package io.holdfast.teams;

import io.holdfast.core.Mentions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the text of a Teams message into Holdfast's neutral command text. Teams writes a mention as
 * {@code <at>Name</at>} and vouches for it with a mention entity; only those become tokens. Everything
 * else arrives HTML-escaped and is read as literal words, so typed look-alikes can never become mentions.
 */
final class TeamsText {
    private static final Pattern AT_TAG = Pattern.compile("</?at>");

    private TeamsText() {
    }

    /**
     * One mention Teams vouched for.
     *
     * @param text  the tag as it appears in the message, e.g. {@code <at>Dana Ruiz</at>}
     * @param token the neutral token it stands for (a person's or a channel's), or empty for Holdfast's own mention
     * @param id    the id inside the token, labelled with {@code name} when typed text is shown back; null for Holdfast
     */
    record Tag(String text, String token, String id, String name) {}

    record Normalized(String text, Map<String, String> mentionLabels) {}

    static Normalized normalize(String raw, List<Tag> tags) {
        String text = raw == null ? "" : raw;
        List<Tag> remaining = new ArrayList<>(tags);
        Map<String, String> labels = new HashMap<>();
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (true) {
            Tag next = null;
            int at = -1;
            for (Tag tag : remaining) {
                int found = text.indexOf(tag.text(), from);
                if (found >= 0 && (at < 0 || found < at)) {
                    next = tag;
                    at = found;
                }
            }
            if (next == null) {
                out.append(literal(text.substring(from)));
                break;
            }
            out.append(literal(text.substring(from, at))).append(next.token());
            if (next.id() != null) {
                labels.put(next.id(), next.name());
            }
            remaining.remove(next);
            from = at + next.text().length();
        }
        return new Normalized(out.toString().replace('\u00a0', ' ').strip(), labels);
    }

    /** Words as the person typed them: tags without an entity dropped, HTML entities decoded, token look-alikes guarded. */
    private static String literal(String segment) {
        String decoded = AT_TAG.matcher(segment).replaceAll("")
                .replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
        return Mentions.literal(decoded);
    }
}
