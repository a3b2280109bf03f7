package io.holdfast.store;

/**
 * The few places one engine's SQL differs from another's; everything else is written portably
 * (ON CONFLICT, RETURNING) so PostgreSQL can join as a second constant.
 */
public enum Dialect {
    SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT");

    private final String identityColumn;

    Dialect(String identityColumn) {
        this.identityColumn = identityColumn;
    }

    /** Column type of a generated primary key, used by migrations as the {@code ${id}} placeholder. */
    public String identityColumn() {
        return identityColumn;
    }
}
