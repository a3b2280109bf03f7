package io.holdfast.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The environment an operator sets, read once: sensible defaults, one clear line per mistake, no secret in a log line. */
class ConfigTest {
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String TOKEN = "xoxb-1111-2222-s3cr3tt0k3n";
    /** Base64 of 32 bytes, as `openssl rand -base64 32` makes one. */
    static final String KEY = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void anEmptyEnvironmentGivesTheDocumentedDefaults() {
        Config config = Config.fromEnvironment(Map.of());

        assertAll(
                () -> assertEquals(3000, config.port()),
                () -> assertEquals("jdbc:sqlite:holdfast.db", config.dbUrl()),
                () -> assertEquals(URI.create("https://slack.com/api/"), config.slackApiUrl()),
                () -> assertFalse(config.slackEnabled()),
                () -> assertTrue(config.slackOffReason().orElseThrow().contains("SLACK_SIGNING_SECRET"), config.slackOffReason().toString()),
                () -> assertFalse(config.teamsInsecureDev()),
                () -> assertFalse(config.teamsEnabled()),
                () -> assertTrue(config.teamsOffReason().orElseThrow().contains("MICROSOFT_APP_ID")),
                () -> assertEquals(Optional.empty(), config.dbUser()));
    }

    @Test
    void teamsInsecureDevModeNeedsTheFlagAndNoAppId() {
        Config dev = Config.fromEnvironment(Map.of("HOLDFAST_TEAMS_INSECURE_DEV", "true"));
        Config secured = Config.fromEnvironment(Map.of("HOLDFAST_TEAMS_INSECURE_DEV", "true",
                "MICROSOFT_APP_ID", "00000000-0000-0000-0000-000000000001", "MICROSOFT_APP_PASSWORD", "secret-value"));

        assertAll(
                () -> assertTrue(dev.teamsEnabled()),
                () -> assertTrue(dev.teamsInsecure()),
                () -> assertTrue(secured.teamsEnabled()),
                () -> assertFalse(secured.teamsInsecure(), "an app id always means every activity is authenticated"),
                () -> assertFalse(secured.toString().contains("secret-value")));
    }

    @Test
    void blankValuesCountAsUnset() {
        Config config = Config.fromEnvironment(env("HOLDFAST_PORT", "  ", "HOLDFAST_DB_URL", "", "SLACK_BOT_TOKEN", " "));

        assertEquals(3000, config.port());
        assertEquals("jdbc:sqlite:holdfast.db", config.dbUrl());
        assertFalse(config.slackEnabled());
    }

    @Test
    void slackIsOnWithASigningSecretAndABotToken() {
        Config config = Config.fromEnvironment(env("SLACK_SIGNING_SECRET", SECRET, "SLACK_BOT_TOKEN", TOKEN));

        assertTrue(config.slackEnabled());
        assertEquals(Optional.empty(), config.slackOffReason());
        assertEquals(Optional.of(TOKEN), config.slackBotToken());
    }

    @Test
    void aSigningSecretWithoutABotTokenSaysWhatIsMissing() {
        Config config = Config.fromEnvironment(env("SLACK_SIGNING_SECRET", SECRET));

        assertFalse(config.slackEnabled());
        assertEquals(Optional.of("SLACK_BOT_TOKEN (or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET) is not set"), config.slackOffReason());
    }

    @Test
    void slackIsOnForEveryWorkspaceWithOAuthCredentialsAndAnEncryptionKey() {
        Config config = Config.fromEnvironment(env("SLACK_SIGNING_SECRET", SECRET, "SLACK_CLIENT_ID", "123.456", "SLACK_CLIENT_SECRET", "cs",
                "HOLDFAST_ENCRYPTION_KEY", KEY));

        assertAll(
                () -> assertTrue(config.slackEnabled()),
                () -> assertTrue(config.slackOAuth()),
                () -> assertEquals(Optional.empty(), config.slackOffReason()),
                () -> assertEquals(Config.DEFAULT_SLACK_SCOPES, config.slackScopes()),
                () -> assertEquals(Optional.empty(), config.slackRedirectUri()));
    }

    @Test
    void oauthWinsOverABotToken() {
        Config config = Config.fromEnvironment(env("SLACK_SIGNING_SECRET", SECRET, "SLACK_BOT_TOKEN", TOKEN, "SLACK_CLIENT_ID", "123.456",
                "SLACK_CLIENT_SECRET", "cs", "HOLDFAST_ENCRYPTION_KEY", KEY));

        assertTrue(config.slackOAuth());
        assertTrue(config.toString().contains("slack=oauth"), config.toString());
    }

    @Test
    void oauthWithoutAnEncryptionKeyRefusesToStartWithTheCommandThatMakesOne() {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.fromEnvironment(env("SLACK_SIGNING_SECRET", SECRET,
                "SLACK_CLIENT_ID", "123.456", "SLACK_CLIENT_SECRET", "cs")));

        assertTrue(e.getMessage().startsWith("HOLDFAST_ENCRYPTION_KEY "), e.getMessage());
        assertTrue(e.getMessage().contains("openssl rand -base64 32"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void anEncryptionKeyThatIsNot32BytesIsRefusedWithoutEchoingIt() {
        for (String bad : List.of("c2hvcnQta2V5", "not base64 at all!", KEY + KEY)) {
            ConfigException e = assertThrows(ConfigException.class, () -> Config.fromEnvironment(env("SLACK_SIGNING_SECRET", SECRET,
                    "SLACK_CLIENT_ID", "123.456", "SLACK_CLIENT_SECRET", "cs", "HOLDFAST_ENCRYPTION_KEY", bad)), bad);

            assertTrue(e.getMessage().startsWith("HOLDFAST_ENCRYPTION_KEY must be base64 of 32 random bytes"), e.getMessage());
            assertFalse(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void theOAuthScopesAndRedirectUrlCanBeSet() {
        Config config = Config.fromEnvironment(env("SLACK_SCOPES", "commands,chat:write", "SLACK_REDIRECT_URI",
                "https://holdfast.example.com/slack/oauth_redirect"));

        assertEquals("commands,chat:write", config.slackScopes());
        assertEquals(Optional.of(URI.create("https://holdfast.example.com/slack/oauth_redirect")), config.slackRedirectUri());
        assertThrows(ConfigException.class, () -> Config.fromEnvironment(env("SLACK_REDIRECT_URI", "holdfast.example.com/slack/oauth_redirect")));
    }

    @Test
    void goodValuesAreRead() {
        record Case(Map<String, String> env, String what, Object expected, java.util.function.Function<Config, Object> read) {}
        List<Case> cases = List.of(
                new Case(env("HOLDFAST_PORT", "0"), "port 0 (pick a free one)", 0, Config::port),
                new Case(env("HOLDFAST_PORT", " 8080 "), "port, trimmed", 8080, Config::port),
                new Case(env("HOLDFAST_PORT", "65535"), "highest port", 65535, Config::port),
                new Case(env("HOLDFAST_DB_URL", "jdbc:sqlite:/var/lib/holdfast/h.db"), "sqlite path", "jdbc:sqlite:/var/lib/holdfast/h.db",
                        Config::dbUrl),
                new Case(env("HOLDFAST_DB_URL", "jdbc:postgresql://db:5432/holdfast"), "postgresql url", true, Config::isPostgres),
                new Case(env("HOLDFAST_DB_URL", "jdbc:postgresql://db:5432/holdfast"), "default pool", 10, Config::dbPoolSize),
                new Case(env("HOLDFAST_DB_POOL_SIZE", "25"), "pool size", 25, Config::dbPoolSize),
                new Case(env("SLACK_API_URL", "https://slack-gov.com/api"), "trailing slash added", URI.create("https://slack-gov.com/api/"),
                        Config::slackApiUrl),
                new Case(env("SLACK_API_URL", "http://127.0.0.1:9999/api/"), "trailing slash kept",
                        URI.create("http://127.0.0.1:9999/api/"), Config::slackApiUrl),
                new Case(env("HOLDFAST_TEAMS_INSECURE_DEV", "true"), "insecure dev on", true, Config::teamsInsecureDev),
                new Case(env("HOLDFAST_TEAMS_INSECURE_DEV", "FALSE"), "insecure dev off, any case", false, Config::teamsInsecureDev));

        assertAll(cases.stream().map(k -> () -> assertEquals(k.expected(), k.read().apply(Config.fromEnvironment(k.env())), k.what())));
    }

    @Test
    void eachMistakeStopsStartUpWithALineNamingTheVariable() {
        record Case(Map<String, String> env, String variable) {}
        List<Case> cases = List.of(
                new Case(env("HOLDFAST_PORT", "abc"), "HOLDFAST_PORT"),
                new Case(env("HOLDFAST_PORT", "70000"), "HOLDFAST_PORT"),
                new Case(env("HOLDFAST_PORT", "-1"), "HOLDFAST_PORT"),
                new Case(env("HOLDFAST_DB_URL", "mysql://x"), "HOLDFAST_DB_URL"),
                new Case(env("HOLDFAST_DB_URL", "jdbc:sqlite:"), "HOLDFAST_DB_URL"),
                new Case(env("HOLDFAST_DB_POOL_SIZE", "5"), "HOLDFAST_DB_POOL_SIZE"),
                new Case(env("HOLDFAST_DB_POOL_SIZE", "lots"), "HOLDFAST_DB_POOL_SIZE"),
                new Case(env("SLACK_BOT_TOKEN", "abc", "SLACK_SIGNING_SECRET", SECRET), "SLACK_BOT_TOKEN"),
                new Case(env("SLACK_BOT_TOKEN", "xoxp-user-token", "SLACK_SIGNING_SECRET", SECRET), "SLACK_BOT_TOKEN"),
                new Case(env("SLACK_BOT_TOKEN", TOKEN), "SLACK_SIGNING_SECRET"),
                new Case(env("SLACK_CLIENT_ID", "123.456", "SLACK_SIGNING_SECRET", SECRET), "SLACK_CLIENT_SECRET"),
                new Case(env("SLACK_CLIENT_SECRET", "cs", "SLACK_SIGNING_SECRET", SECRET), "SLACK_CLIENT_ID"),
                new Case(env("SLACK_API_URL", "notaurl"), "SLACK_API_URL"),
                new Case(env("SLACK_API_URL", "ftp://slack.com/api/"), "SLACK_API_URL"),
                new Case(env("HOLDFAST_TEAMS_INSECURE_DEV", "maybe"), "HOLDFAST_TEAMS_INSECURE_DEV"),
                new Case(env("MICROSOFT_APP_ID", "00000000-0000-0000-0000-000000000000"), "MICROSOFT_APP_PASSWORD"));

        assertAll(cases.stream().map(k -> () -> {
            ConfigException e = assertThrows(ConfigException.class, () -> Config.fromEnvironment(k.env()), k.env().toString());
            assertTrue(e.getMessage().startsWith(k.variable() + " "), k.env() + " → " + e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }));
    }

    @Test
    void aMistakeSaysWhatWasExpected() {
        Map<Map<String, String>, String> cases = Map.of(
                env("HOLDFAST_PORT", "abc"), "e.g. 3000",
                env("HOLDFAST_DB_URL", "mysql://x"), "e.g. jdbc:sqlite:holdfast.db",
                env("HOLDFAST_DB_POOL_SIZE", "500"), "from 6 to 200, e.g. 10",
                env("SLACK_BOT_TOKEN", "abc", "SLACK_SIGNING_SECRET", SECRET), "xoxb-",
                env("SLACK_API_URL", "notaurl"), "e.g. https://slack.com/api/",
                env("HOLDFAST_TEAMS_INSECURE_DEV", "maybe"), "true or false");

        assertAll(cases.entrySet().stream().map(k -> () -> {
            String message = assertThrows(ConfigException.class, () -> Config.fromEnvironment(k.getKey())).getMessage();
            assertTrue(message.contains(k.getValue()), message);
        }));
    }

    @Test
    void aRejectedBotTokenIsNotEchoedBack() {
        String message = assertThrows(ConfigException.class,
                () -> Config.fromEnvironment(env("SLACK_BOT_TOKEN", "xoxp-9999-s3cr3t", "SLACK_SIGNING_SECRET", SECRET))).getMessage();

        assertFalse(message.contains("s3cr3t"), message);
    }

    @Test
    void toStringNeverShowsASecret() {
        Map<String, String> secrets = env(
                "SLACK_SIGNING_SECRET", SECRET,
                "SLACK_BOT_TOKEN", TOKEN,
                "SLACK_CLIENT_ID", "123.456",
                "SLACK_CLIENT_SECRET", "client-s3cr3t-value",
                "HOLDFAST_DB_URL", "jdbc:postgresql://db:5432/holdfast?password=url-pa55word&ssl=true",
                "HOLDFAST_DB_USER", "holdfast",
                "HOLDFAST_DB_PASSWORD", "db-pa55word-value",
                "MICROSOFT_APP_ID", "00000000-0000-0000-0000-000000000000",
                "MICROSOFT_APP_PASSWORD", "ms-app-pa55word",
                "HOLDFAST_ENCRYPTION_KEY", KEY);

        String shown = Config.fromEnvironment(secrets).toString();

        assertAll(List.of(SECRET, TOKEN, "s3cr3t", "client-s3cr3t-value", "url-pa55word", "db-pa55word-value", "ms-app-pa55word", KEY).stream()
                .map(secret -> () -> assertFalse(shown.contains(secret), "leaks " + secret + ": " + shown)));
        assertTrue(shown.contains("jdbc:postgresql://db:5432/holdfast"), "the database is still named: " + shown);
    }
}
