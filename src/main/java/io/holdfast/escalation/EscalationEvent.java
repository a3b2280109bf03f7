package io.holdfast.escalation;

import java.time.Instant;

/** One line of an escalation's timeline. */
public record EscalationEvent(Kind kind, String actorId, Instant at, String detail) {
    /** The actor of what the clock watch does by itself. */
    public static final String CLOCK = "holdfast";

    public enum Kind { RAISED, ACKNOWLEDGED, ASSIGNED, RESOLVED, REOPENED, ACK_WARNED, ACK_BREACHED, RESOLVE_WARNED, RESOLVE_BREACHED,
        REVIEW_REQUESTED, REVIEWED }
}
