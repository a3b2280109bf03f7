package io.holdfast.store;

/** The few places SQLite and PostgreSQL SQL differ. Everything else is written portably. */
public enum Dialect {
    SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT"),
    POSTGRESQL("BIGSERIAL PRIMARY KEY");

    private final String identityColumn;

    Dialect(String identityColumn) {
        this.identityColumn = identityColumn;
    }

    /** Column type of a generated primary key, used by migrations as the {@code ${id}} placeholder. */
    public String identityColumn() {
        return identityColumn;
    }
}
