package io.holdfast.core;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The neutral mention token {@code <@USERID>} that adapters put into command text. */
public final class Mentions {
    static final Pattern TOKEN = Pattern.compile("<@([A-Za-z0-9._:-]+)>");
    private static final Pattern LEADING = Pattern.compile("^<@([A-Za-z0-9._:-]+)>\\s*");

    private Mentions() {
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
