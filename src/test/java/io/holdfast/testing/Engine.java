package io.holdfast.testing;

/** The database engines Holdfast runs on; suites parameterised by it prove a behaviour on both. */
public enum Engine {
    SQLITE,
    POSTGRESQL;

    /**
     * The engine a test uses when it does not name one: SQLite, unless {@code HOLDFAST_TEST_ENGINE=postgresql}
     * asks for the whole suite to run on PostgreSQL.
     */
    public static Engine fallback() {
        String asked = System.getenv("HOLDFAST_TEST_ENGINE");
        return asked == null || asked.isBlank() ? SQLITE : valueOf(asked.trim().toUpperCase());
    }
}
