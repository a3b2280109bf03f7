package io.holdfast.promise;

public enum PromiseStatus {
    OPEN, DONE, CANCELLED;

    public String label() {
        return switch (this) {
            case OPEN -> "Open";
            case DONE -> "Done";
            case CANCELLED -> "Cancelled";
        };
    }
}
