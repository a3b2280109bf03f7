package io.holdfast.slack;

import io.holdfast.core.Mentions;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text Slack sends (with {@code should_escape}: {@code <@U123|lee>}, {@code <!channel>},
 * {@code <#C1|general>}, {@code &lt;}) into Holdfast's neutral form: user mentions become
 * {@code <@U123>} tokens, everything else becomes literal text, so nothing a person typed can be
 * replayed later as a live broadcast or mention.
 */
final class SlackText {
    private static final Pattern MARKUP = Pattern.compile("<([@#!])([^>|]*)(?:\\|([^>]*))?>|<([^>|]+)(?:\\|([^>]*))?>");

    record Normalized(String text, Map<String, String> mentionLabels) {}

    private SlackText() {
    }

    static Normalized normalize(String slackText) {
        if (slackText == null) {
            return new Normalized("", Map.of());
        }
        Map<String, String> labels = new HashMap<>();
        Matcher m = MARKUP.matcher(slackText);
        StringBuilder out = new StringBuilder();
        int typedFrom = 0;
        while (m.find()) {
            // Only Slack's own markup becomes a mention token; "&lt;@U1&gt;" someone typed stays literal text.
            out.append(Mentions.literal(unescape(slackText.substring(typedFrom, m.start()))));
            out.append(replacement(m, labels));
            typedFrom = m.end();
        }
        out.append(Mentions.literal(unescape(slackText.substring(typedFrom))));
        return new Normalized(out.toString(), labels);
    }

    private static String replacement(Matcher m, Map<String, String> labels) {
        if (m.group(1) == null) {
            return Mentions.literal(unescape(m.group(5) != null ? m.group(5) : m.group(4)));
        }
        String id = m.group(2);
        String label = m.group(3);
        return switch (m.group(1)) {
            case "@" -> {
                if (label != null && !label.isBlank()) {
                    labels.put(id, unescape(label));
                }
                yield Mentions.token(id);
            }
            case "#" -> {
                if (label != null && !label.isBlank()) {
                    labels.put(id, unescape(label));
                }
                yield Mentions.channelToken(id);
            }
            default -> {
                if (id.startsWith("subteam^")) {
                    String group = id.substring("subteam^".length());
                    if (label != null && !label.isBlank()) {
                        labels.put(group, unescape(label).replaceFirst("^@", ""));
                    }
                    yield Mentions.groupToken(group);
                }
                yield "@" + Mentions.literal(unescape(label != null && !label.isBlank() ? label.replaceFirst("^@", "") : id));
            }
        };
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
