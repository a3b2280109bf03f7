package io.holdfast.core;

import java.time.ZoneId;

/** What Holdfast knows about the people it mentions, from the platform's directory. */
public interface People {

    /** The person's own time zone, or {@code fallback} when the platform doesn't say. */
    ZoneId zoneOf(Tenant tenant, String userId, ZoneId fallback);
}
