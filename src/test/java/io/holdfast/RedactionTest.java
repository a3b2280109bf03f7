package io.holdfast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void botAndAppTokensNeverReachAFailureMessage() {
        String masked = Redaction.mask("auth failed for xoxb-123-456-abc and xapp-1-A01-789-def");

        assertFalse(masked.contains("123-456-abc"), masked);
        assertFalse(masked.contains("789-def"), masked);
        assertEquals("auth failed for xox?-*** and xapp-***", masked);
    }

    @Test
    void passwordsInUrlsAreMasked() {
        assertEquals("could not reach jdbc:postgresql://***@db:5432/holdfast?password=***",
                Redaction.mask("could not reach jdbc:postgresql://holdfast:hunter2@db:5432/holdfast?password=hunter2"));
    }
}
