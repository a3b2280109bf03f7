package io.holdfast.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlaWindowTest {

    @ParameterizedTest(name = "\"{0}\" is {1} min, business time {2}: \"{3}\", stored as {4}")
    @CsvSource({
        "30m,   30,    false, 30 minutes,        30m",
        "1m,    1,     false, 1 minute,          1m",
        "90m,   90,    false, 90 minutes,        90m",
        "60m,   60,    false, 1 hour,            1h",
        "1h,    60,    false, 1 hour,            1h",
        "4h,    240,   false, 4 hours,           4h",
        "72h,   4320,  false, 72 hours,          72h",
        "3d,    4320,  false, 72 hours,          72h",   // a wall-clock day is 24 elapsed hours
        "1d,    1440,  false, 24 hours,          24h",
        "1bh,   60,    true,  1 business hour,   1bh",
        "4bh,   240,   true,  4 business hours,  4bh",
        "8bh,   480,   true,  1 business day,    1bd",   // a business day is one 09:00-17:00 workday
        "12bh,  720,   true,  12 business hours, 12bh",
        "1bd,   480,   true,  1 business day,    1bd",
        "5bd,   2400,  true,  5 business days,   5bd",
        "10BD,  4800,  true,  10 business days,  10bd",
        "' 4H ', 240,  false, 4 hours,           4h",
        "365d,  525600, false, 8760 hours,       8760h",
    })
    void readsDescribesAndStoresWindows(String text, long minutes, boolean business, String description,
            String code) {
        SlaWindow window = SlaWindow.parse(text);

        assertEquals(new SlaWindow(Duration.ofMinutes(minutes), business), window);
        assertEquals(description, window.describe());
        assertEquals(code, window.code());
        assertEquals(window, SlaWindow.parse(window.code()));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", " ", "0h", "0bd", "-3h", "3x", "h", "bd", "3.5h", "3,5h", "3 h", "4hours",
        "90min", "3bm", "+3h", "3h30m", "9999999999h"})
    void refusesOtherForms(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SlaWindow.parse(text));

        assertTrue(e.getMessage().contains("\"" + text.strip() + "\" is not an SLA window"), e.getMessage());
        assertTrue(e.getMessage().contains("30m, 4h, 3d") && e.getMessage().contains("4bh, 5bd"), e.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\" is too long")
    @ValueSource(strings = {"366d", "8761h", "1096bd", "999999999m"})
    void refusesWindowsLongerThanAYear(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SlaWindow.parse(text));

        assertTrue(e.getMessage().contains("at most 365 days"), e.getMessage());
    }

    @Test
    void refusesLengthsItCannotStore() {
        assertThrows(IllegalArgumentException.class, () -> new SlaWindow(Duration.ZERO, false));
        assertThrows(IllegalArgumentException.class, () -> new SlaWindow(Duration.ofSeconds(90), false));
        assertThrows(IllegalArgumentException.class, () -> new SlaWindow(Duration.ofMinutes(90), true));
        assertThrows(NullPointerException.class, () -> new SlaWindow(null, false));
    }
}
