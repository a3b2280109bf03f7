package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.app_backend.SlackSignature;
import io.holdfast.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SlackRequestVerifierTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final Instant NOW = Instant.parse("2025-11-24T15:00:00Z");
    private static final String BODY = "token=t&team_id=T0001&command=%2Fpromise&text=send+the+quote+by+Friday";

    private final SlackRequestVerifier verifier = new SlackRequestVerifier(SECRET, TestClock.at(NOW));

    static Stream<Arguments> requests() {
        String now = epoch(NOW);
        String signature = signed(SECRET, now, BODY);
        return Stream.of(
                row("signed now", now, signature, BODY, true),
                row("signed with another secret", now, signed("another-secret", now, BODY), BODY, false),
                row("body changed after signing", now, signature, BODY.replace("Friday", "Monday"), false),
                row("4 minutes old", epoch(NOW.minus(Duration.ofMinutes(4))),
                        signed(SECRET, epoch(NOW.minus(Duration.ofMinutes(4))), BODY), BODY, true),
                row("6 minutes old", epoch(NOW.minus(Duration.ofMinutes(6))),
                        signed(SECRET, epoch(NOW.minus(Duration.ofMinutes(6))), BODY), BODY, false),
                row("4 minutes in the future", epoch(NOW.plus(Duration.ofMinutes(4))),
                        signed(SECRET, epoch(NOW.plus(Duration.ofMinutes(4))), BODY), BODY, true),
                row("6 minutes in the future", epoch(NOW.plus(Duration.ofMinutes(6))),
                        signed(SECRET, epoch(NOW.plus(Duration.ofMinutes(6))), BODY), BODY, false),
                row("timestamp header missing", null, signature, BODY, false),
                row("signature header missing", now, null, BODY, false),
                row("both headers missing", null, null, BODY, false),
                row("timestamp not a number", "yesterday", signed(SECRET, "yesterday", BODY), BODY, false),
                row("timestamp with a sign", "+" + now, signed(SECRET, "+" + now, BODY), BODY, false),
                row("timestamp blank", "", signed(SECRET, "", BODY), BODY, false),
                row("unknown signature version", now, signature.replace("v0=", "v1="), BODY, false),
                row("signature without version", now, signature.substring(3), BODY, false),
                row("signature not hex", now, "v0=" + "zz".repeat(32), BODY, false),
                row("signature truncated", now, signature.substring(0, signature.length() - 2), BODY, false),
                row("signature empty", now, "v0=", BODY, false),
                row("empty body signed", now, signed(SECRET, now, ""), "", true),
                row("twelve-digit timestamp", "999999999999", signed(SECRET, "999999999999", BODY), BODY, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void acceptsOnlyFreshRequestsSignedWithTheSecret(String name, String timestamp, String signature,
                                                     String body, boolean expected) {
        assertEquals(expected, verifier.isValid(timestamp, signature, body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void judgesFreshnessByTheInjectedClock() {
        TestClock clock = TestClock.at(NOW);
        SlackRequestVerifier verifier = new SlackRequestVerifier(SECRET, clock);
        String now = epoch(NOW);
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

        clock.advance(Duration.ofMinutes(5));
        assertTrue(verifier.isValid(now, signed(SECRET, now, BODY), body));
        clock.advance(Duration.ofSeconds(1));
        assertFalse(verifier.isValid(now, signed(SECRET, now, BODY), body));
    }

    @Test
    void holdsTheWindowToTheMillisecondBothWays() {
        String now = epoch(NOW);
        String signature = signed(SECRET, now, BODY);
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        Duration window = SlackRequestVerifier.MAX_CLOCK_SKEW;
        TestClock clock = TestClock.at(NOW.minus(window));
        SlackRequestVerifier verifier = new SlackRequestVerifier(SECRET, clock);

        assertTrue(verifier.isValid(now, signature, body));
        clock.set(NOW.minus(window).minusMillis(1));
        assertFalse(verifier.isValid(now, signature, body));
        clock.set(NOW.plus(window).plusMillis(1));
        assertFalse(verifier.isValid(now, signature, body));
    }

    /** Each request thread keeps its Mac: a refused digest must leave nothing behind for the next request. */
    @Test
    void checksOneRequestAfterAnotherOnTheSameThread() {
        String now = epoch(NOW);
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

        assertFalse(verifier.isValid(now, signed("another-secret", now, BODY), body));
        assertTrue(verifier.isValid(now, signed(SECRET, now, BODY), body));
        assertTrue(verifier.isValid(now, signed(SECRET, now, BODY), body));
        assertFalse(verifier.isValid(now, signed(SECRET, now, BODY), BODY.replace("Friday", "Monday").getBytes(StandardCharsets.UTF_8)));
        assertTrue(verifier.isValid(now, signed(SECRET, now, BODY), body));
    }

    // Slack signs the UTF-8 bytes it sends. The SDK's generator encodes with the JVM's default charset, so the
    // expected value is computed by hand here to keep the test independent of the platform's locale.
    @Test
    void verifiesTheRawBytesOfANonAsciiBody() throws Exception {
        byte[] json = "{\"type\":\"event_callback\",\"event\":{\"text\":\"Grüße, 東京 👋\"}}"
                .getBytes(StandardCharsets.UTF_8);
        String now = epoch(NOW);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(("v0:" + now + ":").getBytes(StandardCharsets.UTF_8));
        String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(json));

        assertTrue(verifier.isValid(now, signature, json));
    }

    @Test
    void refusesToRunWithoutASecret() {
        assertThrows(IllegalArgumentException.class, () -> new SlackRequestVerifier(" ", TestClock.at(NOW)));
        assertThrows(IllegalArgumentException.class, () -> new SlackRequestVerifier(null, TestClock.at(NOW)));
    }

    private static Arguments row(String name, String timestamp, String signature, String body, boolean valid) {
        return Arguments.of(name, timestamp, signature, body, valid);
    }

    private static String epoch(Instant instant) {
        return String.valueOf(instant.getEpochSecond());
    }

    // Slack's own reference implementation from the SDK, so the expected signatures don't come from our code.
    private static String signed(String secret, String timestamp, String body) {
        return new SlackSignature.Generator(secret).generate(timestamp, body);
    }
}
