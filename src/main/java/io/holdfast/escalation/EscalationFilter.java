package io.holdfast.escalation;

/** Which escalations {@code /escalate list} shows. */
public sealed interface EscalationFilter {
    record Open() implements EscalationFilter {}

    record Mine() implements EscalationFilter {}

    record ForAccount(String accountName) implements EscalationFilter {}
}
