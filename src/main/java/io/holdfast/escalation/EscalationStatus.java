package io.holdfast.escalation;

public enum EscalationStatus {
    OPEN, ACKNOWLEDGED, RESOLVED;

    public String label() {
        return switch (this) {
            case OPEN -> "Open, not yet acknowledged";
            case ACKNOWLEDGED -> "Acknowledged";
            case RESOLVED -> "Resolved";
        };
    }
}
