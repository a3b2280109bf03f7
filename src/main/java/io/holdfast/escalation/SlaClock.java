package io.holdfast.escalation;

import java.time.Instant;
import java.util.Objects;

/** When a window ends and when 75% of it has passed (the warning point). */
public record SlaClock(Instant warnAt, Instant due) {

    public SlaClock {
        Objects.requireNonNull(warnAt, "warnAt");
        Objects.requireNonNull(due, "due");
        if (warnAt.isAfter(due)) {
            throw new IllegalArgumentException("The warning " + warnAt + " comes after the due time " + due);
        }
    }
}
