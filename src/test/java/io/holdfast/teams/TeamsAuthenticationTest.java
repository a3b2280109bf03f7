package io.holdfast.teams;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.testing.HoldfastOnTeams;
import io.holdfast.testing.TeamsActivities.Person;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Teams traffic is refused before any work unless the Bot Framework vouches for it, or insecure dev mode was asked for. */
class TeamsAuthenticationTest {
    private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    private static final Person ALEX = new Person("29:1alex", "aad-alex-0001", "Alex Rivera", "America/New_York");
    private static final Map<String, String> SINGLE_TENANT_BOT = Map.of(
            "MICROSOFT_APP_ID", HoldfastOnTeams.BOT_APP_ID,
            "MICROSOFT_APP_PASSWORD", "not-a-real-secret",
            "MICROSOFT_APP_TENANT_ID", "9c1e7a52-3f0b-4d5e-8a61-2b7d4c9e0f13");

    @TempDir
    Path dir;

    @Test
    void withAnAppIdEveryUnauthenticatedActivityIsRefusedAndNothingHappens() throws Exception {
        try (HoldfastOnTeams holdfast = new HoldfastOnTeams(dir, NOW, SINGLE_TENANT_BOT)) {
            String activity = holdfast.activities.channelMessage(ALEX, HoldfastOnTeams.TEAM, HoldfastOnTeams.CHANNEL,
                    "promise Acme Corp: send the renewal quote by friday");

            assertAll(
                    () -> assertEquals(401, holdfast.send(activity, null).statusCode(), "no Authorization header"),
                    () -> assertEquals(401, holdfast.send(activity, "Bearer not-a-jwt").statusCode(), "not a token"),
                    () -> assertEquals(401, holdfast.send(activity, "Bearer " + unsignedToken("https://evil.example/")).statusCode(),
                            "a token from an issuer the Bot Framework doesn't use"),
                    () -> assertEquals(401, holdfast.send(activity, "Basic YWxleDpzZWNyZXQ=").statusCode(), "another scheme"));
            assertAll(
                    () -> assertTrue(holdfast.teams.calls().isEmpty(), "no reply was sent"),
                    () -> assertEquals(0, holdfast.count("SELECT COUNT(*) FROM tenants WHERE platform = 'TEAMS'")),
                    () -> assertEquals(0, holdfast.count("SELECT COUNT(*) FROM promises")));
        }
    }

    @Test
    void withoutAnAppIdTeamsIsOff() throws Exception {
        try (HoldfastOnTeams holdfast = new HoldfastOnTeams(dir, NOW, Map.of())) {
            var response = holdfast.send(holdfast.activities.personalMessage(ALEX, "promise list"), null);

            assertAll(
                    () -> assertEquals(404, response.statusCode()),
                    () -> assertTrue(response.body().contains("MICROSOFT_APP_ID"), response.body()),
                    () -> assertFalse(holdfast.get("/readyz").body().contains("WARNING")));
        }
    }

    @Test
    void insecureDevModeSaysSoOnReadyz() throws Exception {
        try (HoldfastOnTeams holdfast = new HoldfastOnTeams(dir, NOW)) {
            var ready = holdfast.get("/readyz");

            assertAll(
                    () -> assertEquals(200, ready.statusCode()),
                    () -> assertTrue(ready.body().contains("insecure"), ready.body()));
        }
    }

    @Test
    void onlyTeamsTrafficIsServedEvenInInsecureDevMode() throws Exception {
        try (HoldfastOnTeams holdfast = new HoldfastOnTeams(dir, NOW)) {
            String webChat = holdfast.activities.personalMessage(ALEX, "promise list").replace("\"channelId\":\"msteams\"",
                    "\"channelId\":\"webchat\"");

            assertAll(
                    () -> assertEquals(401, holdfast.send(webChat, null).statusCode()),
                    () -> assertTrue(holdfast.teams.calls().isEmpty()),
                    () -> assertEquals(0, holdfast.count("SELECT COUNT(*) FROM tenants WHERE platform = 'TEAMS'")));
        }
    }

    @Test
    void theBotFrameworkEmulatorIsAnsweredInInsecureDevMode() throws Exception {
        try (HoldfastOnTeams holdfast = new HoldfastOnTeams(dir, NOW)) {
            // Shaped as the Emulator sends it: no tenant, no Teams channel data, roles on both accounts.
            String emulator = "{\"type\":\"message\",\"id\":\"e-1\",\"timestamp\":\"2026-11-24T15:00:00.000Z\","
                    + "\"localTimezone\":\"Europe/Berlin\",\"serviceUrl\":\"" + holdfast.teams.serviceUrl() + "\",\"channelId\":\"emulator\","
                    + "\"from\":{\"id\":\"user-1\",\"name\":\"Emu User\",\"role\":\"user\"},\"conversation\":{\"id\":\"conv-emu-1\"},"
                    + "\"recipient\":{\"id\":\"bot-1\",\"name\":\"Bot\",\"role\":\"bot\"},"
                    + "\"text\":\"promise Acme Corp: send the DPA by monday 10am\"}";

            assertEquals(200, holdfast.send(emulator, null).statusCode());

            holdfast.teams.awaitSent(s -> "conv-emu-1".equals(s.conversationId()) && s.text().contains("Promise #1"));
        }
    }

    @Test
    void anAppIdOverridesTheInsecureFlag() throws Exception {
        Map<String, String> both = new java.util.HashMap<>(SINGLE_TENANT_BOT);
        both.put("HOLDFAST_TEAMS_INSECURE_DEV", "true");
        try (HoldfastOnTeams holdfast = new HoldfastOnTeams(dir, NOW, both)) {
            assertEquals(401, holdfast.send(holdfast.activities.personalMessage(ALEX, "promise list"), null).statusCode());
            assertFalse(holdfast.get("/readyz").body().contains("insecure"));
        }
    }

    private static String unsignedToken(String issuer) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8));
        String body = b64.encodeToString(("{\"iss\":\"" + issuer + "\",\"aud\":\"" + HoldfastOnTeams.BOT_APP_ID + "\",\"exp\":4102444800}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + body + "." + b64.encodeToString("sig".getBytes(StandardCharsets.UTF_8));
    }
}
