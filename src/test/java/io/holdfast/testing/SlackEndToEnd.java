package io.holdfast.testing;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product for one end-to-end test: started on a fresh SQLite file before it, closed after it.
 * Subclasses add their people to {@code holdfast.slack} in their own {@code @BeforeEach}, which runs after this one.
 */
public abstract class SlackEndToEnd {
    /** Tuesday 24 Nov 2026, 10:00 in New York. */
    protected static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

    @TempDir
    protected Path dir;
    protected HoldfastOnSlack holdfast;

    @BeforeEach
    void startHoldfast() throws Exception {
        holdfast = new HoldfastOnSlack(dir, NOW);
    }

    @AfterEach
    void closeHoldfast() throws Exception {
        holdfast.close();
    }
}
