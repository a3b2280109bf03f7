package io.holdfast.escalation;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** How soon an escalation of one severity must be acknowledged and resolved. */
public record SlaPolicy(Severity severity, SlaWindow ack, SlaWindow resolve) {

    private static final String EXAMPLE = "for example \"ack 30m resolve 48h\", \"ack 2bh\" or \"resolve 5bd\"";

    public SlaPolicy {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(ack, "ack");
        Objects.requireNonNull(resolve, "resolve");
    }

    /**
     * The escalation practice's defaults: P1 ack 1 hour, resolve 72 hours (wall clock); P2 ack 4 business
     * hours, resolve 5 business days; P3 ack 1 business day, resolve 10 business days.
     */
    public static SlaPolicy defaultFor(Severity severity) {
        return switch (severity) {
            case P1 -> new SlaPolicy(severity, SlaWindow.parse("1h"), SlaWindow.parse("72h"));
            case P2 -> new SlaPolicy(severity, SlaWindow.parse("4bh"), SlaWindow.parse("5bd"));
            case P3 -> new SlaPolicy(severity, SlaWindow.parse("1bd"), SlaWindow.parse("10bd"));
        };
    }

    /**
     * Applies "ack 30m resolve 48h" / "ack 2bh" / "resolve 5bd" (either or both, any order) to this
     * policy. Case and extra spaces don't matter.
     *
     * @throws IllegalArgumentException with an example if {@code changes} is not of that form
     */
    public SlaPolicy with(String changes) {
        String[] words = Objects.requireNonNull(changes, "changes").strip().toLowerCase(Locale.ROOT).split("\\s+");
        if (changes.isBlank() || words.length % 2 != 0) {
            throw unreadable(changes);
        }
        Map<String, SlaWindow> windows = new HashMap<>();
        for (int i = 0; i < words.length; i += 2) {
            String target = words[i];
            if (!target.equals("ack") && !target.equals("resolve")) {
                throw unreadable(changes);
            }
            if (windows.put(target, window(words[i + 1])) != null) {
                throw new IllegalArgumentException("\"" + target + "\" is given twice: " + EXAMPLE + ".");
            }
        }
        return new SlaPolicy(severity, windows.getOrDefault("ack", ack), windows.getOrDefault("resolve", resolve));
    }

    private static SlaWindow window(String text) {
        try {
            return SlaWindow.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " Write the changes " + EXAMPLE + ".", e);
        }
    }

    private static IllegalArgumentException unreadable(String changes) {
        return new IllegalArgumentException("Unreadable SLA change \"" + changes.strip()
                + "\": name ack and/or resolve, each followed by a window, " + EXAMPLE + ".");
    }
}
