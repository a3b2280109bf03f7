package io.holdfast.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeverityTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource({"P1, P1", "p1, P1", "1, P1", "P2, P2", "2, P2", "p3, P3", "3, P3", "' P2 ', P2"})
    void readsSeverities(String text, Severity expected) {
        assertEquals(Optional.of(expected), Severity.parse(text));
    }

    @ParameterizedTest(name = "\"{0}\" is no severity")
    @NullSource
    @ValueSource(strings = {"", " ", "P", "P0", "0", "4", "P4", "PP1", "P 1", "high", "sev1"})
    void refusesAnythingElse(String text) {
        assertEquals(Optional.empty(), Severity.parse(text));
    }
}
