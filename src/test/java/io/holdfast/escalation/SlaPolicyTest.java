package io.holdfast.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlaPolicyTest {

    @ParameterizedTest(name = "{0}: ack within {1}, resolve within {2}")
    @CsvSource({
        "P1, 1 hour,           72 hours",
        "P2, 4 business hours, 5 business days",
        "P3, 1 business day,   10 business days",
    })
    void followsThePracticeByDefault(Severity severity, String ack, String resolve) {
        SlaPolicy policy = SlaPolicy.defaultFor(severity);

        assertEquals(severity, policy.severity());
        assertEquals(ack, policy.ack().describe());
        assertEquals(resolve, policy.resolve().describe());
    }

    @Test
    void keepsP1OnTheWallClockAndTheOthersOnBusinessTime() {
        SlaPolicy p1 = SlaPolicy.defaultFor(Severity.P1);
        SlaPolicy p2 = SlaPolicy.defaultFor(Severity.P2);

        assertEquals(SlaWindow.parse("1h"), p1.ack());
        assertEquals(SlaWindow.parse("72h"), p1.resolve());
        assertEquals(SlaWindow.parse("4bh"), p2.ack());
        assertEquals(SlaWindow.parse("5bd"), p2.resolve());
        assertEquals(SlaWindow.parse("1bd"), SlaPolicy.defaultFor(Severity.P3).ack());
        assertEquals(SlaWindow.parse("10bd"), SlaPolicy.defaultFor(Severity.P3).resolve());
    }

    @ParameterizedTest(name = "P2 with \"{0}\": ack {1}, resolve {2}")
    @CsvSource({
        "ack 30m resolve 48h,      30m, 48h",
        "resolve 48h ack 30m,      30m, 48h",
        "resolve 5bd,              4bh, 5bd",
        "resolve 3bd,              4bh, 3bd",
        "ack 2bh,                  2bh, 5bd",
        "'  ACK   2BH  ',          2bh, 5bd",
    })
    void appliesChanges(String changes, String ack, String resolve) {
        SlaPolicy changed = SlaPolicy.defaultFor(Severity.P2).with(changes);

        assertEquals(new SlaPolicy(Severity.P2, SlaWindow.parse(ack), SlaWindow.parse(resolve)), changed);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", "ack", "ack soon", "escalate 3h", "ack 30m resolve", "30m", "ack 1h ack 2h",
        "ack 3.5h", "resolve -3h"})
    void refusesBadChangesWithAnExample(String changes) {
        SlaPolicy policy = SlaPolicy.defaultFor(Severity.P2);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> policy.with(changes));

        assertTrue(e.getMessage().contains("\"ack 30m resolve 48h\""), e.getMessage());
    }

    @Test
    void namesTheWindowItCouldNotRead() {
        SlaPolicy policy = SlaPolicy.defaultFor(Severity.P1);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> policy.with("ack soon"));

        assertTrue(e.getMessage().startsWith("\"soon\" is not an SLA window"), e.getMessage());
    }
}
