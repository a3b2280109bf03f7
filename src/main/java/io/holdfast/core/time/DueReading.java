package io.holdfast.core.time;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Objects;

/** What {@link DueDateReader} made of a due phrase. */
public sealed interface DueReading {

    /** A moment after now; {@code local} is the same moment in the zone the phrase was read in. */
    record Due(Instant instant, ZonedDateTime local) implements DueReading {
        public Due {
            Objects.requireNonNull(instant, "instant");
            Objects.requireNonNull(local, "local");
        }
    }

    /** Understood, but at or before now, so it cannot be promised. */
    record Past(ZonedDateTime local) implements DueReading {
        public Past {
            Objects.requireNonNull(local, "local");
        }
    }

    /** Not understood; {@code reason} is a short sentence to show the person who typed it. */
    record Unreadable(String reason) implements DueReading {
        public Unreadable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
