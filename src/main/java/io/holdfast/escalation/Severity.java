package io.holdfast.escalation;

import java.util.Locale;
import java.util.Optional;

/** How urgent an escalation is; P1 is the most urgent. */
public enum Severity {
    P1, P2, P3;

    /** "P1"/"p1"/"1" → P1 etc.; anything else empty. */
    public static Optional<Severity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String code = text.strip().toUpperCase(Locale.ROOT);
        String name = code.startsWith("P") ? code : "P" + code;
        for (Severity severity : values()) {
            if (severity.name().equals(name)) {
                return Optional.of(severity);
            }
        }
        return Optional.empty();
    }
}
