package io.holdfast.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.connector.authentication.AuthenticationConstants;
import io.holdfast.web.PeriodicCheck;
import io.holdfast.web.Readiness;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Whether the Microsoft identity platform still gives the Teams bot a Bot Framework token, for
 * {@code /readyz}. It asks for one as the SDK does before each outbound call (client credentials for
 * {@code MICROSOFT_APP_ID} in the bot's tenant, or {@code botframework.com} for a multi-tenant bot,
 * scope {@code https://api.botframework.com/.default}), at most once a minute and never on the probe's
 * own time: a probe gets the last answer while a fresh one is fetched in the background. Refused
 * credentials make the replica not ready (nothing it posts can land, and an operator must act); the
 * identity platform being unreachable does not, because commands are still answered and posts wait
 * in the outbox.
 */
final class TeamsAuthProbe implements Supplier<Readiness.State> {
    private static final Duration FRESH_FOR = Duration.ofMinutes(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI tokenUrl;
    private final String appId;
    private final String appPassword;
    private final Optional<String> tenantId;
    private final PeriodicCheck check;

    /** @param loginUrl the identity platform's base URL, e.g. {@code https://login.microsoftonline.com/} */
    TeamsAuthProbe(URI loginUrl, String appId, String appPassword, Optional<String> tenantId, Clock clock) {
        this.tokenUrl = loginUrl.resolve(tenantId.orElse(AuthenticationConstants.DEFAULT_CHANNEL_AUTH_TENANT) + "/oauth2/v2.0/token");
        this.appId = appId;
        this.appPassword = appPassword;
        this.tenantId = tenantId;
        this.check = new PeriodicCheck(Readiness.State.up("checking the bot's credentials"), FRESH_FOR, clock, this::ask);
    }

    @Override
    public Readiness.State get() {
        return check.get();
    }

    private Readiness.State ask() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", appId);
        form.put("client_secret", appPassword);
        form.put("scope", AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE);
        HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return judge(response.statusCode(), response.body());
        } catch (IOException e) {
            return unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable(e);
        }
    }

    private Readiness.State unreachable(Exception e) {
        return Readiness.State.up(tokenUrl.getHost() + " unreachable (" + e.getClass().getSimpleName() + "); posts wait in the outbox");
    }

    private Readiness.State judge(int status, String body) {
        JsonNode answer = parse(body);
        if (status == 200 && answer.hasNonNull("access_token")) {
            return Readiness.State.up("Bot Framework token issued for app " + appId);
        }
        String error = answer.path("error").asText("HTTP " + status);
        String code = answer.path("error_codes").path(0).isNumber() ? " AADSTS" + answer.path("error_codes").path(0).asText() : "";
        if (status == 400 || status == 401) {
            return Readiness.State.down("the Microsoft identity platform refuses the bot's credentials: " + error + code + "; " + fix(error));
        }
        return Readiness.State.up("the Microsoft identity platform answered " + error + code + "; posts wait in the outbox");
    }

    /** Which variable to fix, by the OAuth error: a wrong or expired secret, an app id the tenant doesn't know, or a wrong tenant. */
    private String fix(String error) {
        return switch (error) {
            case "invalid_client" -> "set a valid MICROSOFT_APP_PASSWORD (a client secret of app " + appId + " that has not expired)";
            case "unauthorized_client" -> "check MICROSOFT_APP_ID" + (tenantId.isPresent() ? " and MICROSOFT_APP_TENANT_ID" : "")
                    + ": no such app is registered there";
            case "invalid_request" -> tenantId.isPresent() ? "check MICROSOFT_APP_TENANT_ID and MICROSOFT_APP_ID"
                    : "check MICROSOFT_APP_ID; a single-tenant bot also needs MICROSOFT_APP_TENANT_ID";
            default -> "check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID";
        };
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }
}
