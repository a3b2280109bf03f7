package io.holdfast.web;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.testing.Await;
import io.holdfast.testing.FakeBotConnector;
import io.holdfast.testing.HoldfastOnTeams;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /readyz} says whether Microsoft still gives the Teams bot its tokens, checked in the background against a fake login. */
class ReadinessOnTeamsTest {
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    static final String SECRET = "s3cr3t~value";
    static final Map<String, String> SINGLE_TENANT_BOT = Map.of(
            "MICROSOFT_APP_ID", HoldfastOnTeams.BOT_APP_ID,
            "MICROSOFT_APP_PASSWORD", SECRET,
            "MICROSOFT_APP_TENANT_ID", FakeBotConnector.DEFAULT_TENANT_ID);

    @TempDir
    Path dir;

    /** Probes until the body mentions {@code line}, as Kubernetes keeps probing; the credentials are checked in the background. */
    private static HttpResponse<String> readyzSaying(HoldfastOnTeams holdfast, String line) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        Await.until("/readyz saying " + line, Duration.ofSeconds(10), () -> {
            last.set(holdfast.get("/readyz"));
            return last.get().body().contains(line);
        });
        return last.get();
    }

    @Test
    void aBotWhoseCredentialsGetATokenIsReadyAndAskedTheWayTheSdkAsks() throws Exception {
        try (HoldfastOnTeams holdfast = new HoldfastOnTeams(dir, NOW, SINGLE_TENANT_BOT)) {
            HttpResponse<String> answer = readyzSaying(holdfast, "teams: up (Bot Framework token issued for app " + HoldfastOnTeams.BOT_APP_ID + ")");

            FakeBotConnector.TokenRequest asked = holdfast.teams.tokenRequests().get(0);
            assertAll(
                    () -> assertEquals(200, answer.statusCode(), answer.body()),
                    () -> assertEquals(FakeBotConnector.DEFAULT_TENANT_ID, asked.tenant(), "a single-tenant bot gets its tokens from its tenant"),
                    () -> assertEquals(Map.of("grant_type", "client_credentials", "client_id", HoldfastOnTeams.BOT_APP_ID, "client_secret", SECRET,
                            "scope", "https://api.botframework.com/.default"), asked.form()),
                    () -> assertFalse(answer.body().contains(SECRET)));
        }
    }

    @Test
    void aMultiTenantBotGetsItsTokenFromBotframeworkDotCom() throws Exception {
        Map<String, String> multiTenant = new HashMap<>(SINGLE_TENANT_BOT);
        multiTenant.remove("MICROSOFT_APP_TENANT_ID");
        try (HoldfastOnTeams holdfast = new HoldfastOnTeams(dir, NOW, multiTenant)) {
            readyzSaying(holdfast, "teams: up (Bot Framework token issued");

            assertEquals("botframework.com", holdfast.teams.tokenRequests().get(0).tenant());
        }
    }

    @Test
    void refusedCredentialsTakeTheReplicaOutAndSayWhichVariableToFixUntilTheyAreAcceptedAgain() throws Exception {
        try (HoldfastOnTeams holdfast = new HoldfastOnTeams(dir, NOW, SINGLE_TENANT_BOT)) {
            holdfast.teams.refuseCredentialsNext();

            HttpResponse<String> refused = readyzSaying(holdfast, "teams: down");

            assertAll(
                    () -> assertEquals(503, refused.statusCode()),
                    () -> assertTrue(refused.body().startsWith("not ready\n"), refused.body()),
                    () -> assertTrue(refused.body().contains("teams: down (the Microsoft identity platform refuses the bot's credentials: "
                            + "invalid_client AADSTS7000215; set a valid MICROSOFT_APP_PASSWORD"), refused.body()),
                    () -> assertFalse(refused.body().contains(SECRET)));
            assertEquals(503, holdfast.get("/readyz").statusCode(), "the answer holds until it is a minute old");
            assertEquals(1, holdfast.teams.tokenRequests().size(), "asked once a minute, not once a probe");

            holdfast.clock.advance(Duration.ofSeconds(61));
            HttpResponse<String> again = readyzSaying(holdfast, "teams: up (Bot Framework token issued");
            assertEquals(200, again.statusCode(), again.body());
        }
    }

    @Test
    void anUnreachableLoginKeepsTheReplicaReadyBecausePostsWaitInTheOutbox() throws Exception {
        Map<String, String> env = new HashMap<>(SINGLE_TENANT_BOT);
        env.put("MICROSOFT_LOGIN_URL", "http://127.0.0.1:" + closedPort() + "/");
        try (HoldfastOnTeams holdfast = new HoldfastOnTeams(dir, NOW, env)) {
            HttpResponse<String> answer = readyzSaying(holdfast, "teams: up (127.0.0.1 unreachable");

            assertAll(
                    () -> assertEquals(200, answer.statusCode()),
                    () -> assertTrue(answer.body().contains("posts wait in the outbox"), answer.body()));
        }
    }

    @Test
    void insecureDevModeHasNoCredentialsToCheck() throws Exception {
        try (HoldfastOnTeams holdfast = new HoldfastOnTeams(dir, NOW)) {
            HttpResponse<String> answer = holdfast.get("/readyz");

            assertAll(
                    () -> assertEquals(200, answer.statusCode()),
                    () -> assertTrue(answer.body().contains("teams: up (insecure dev mode: no credentials to check)"), answer.body()),
                    () -> assertTrue(holdfast.teams.tokenRequests().isEmpty()));
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
