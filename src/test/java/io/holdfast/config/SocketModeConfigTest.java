package io.holdfast.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SLACK_APP_TOKEN: Slack over Socket Mode for development, with the bot token and without the signing secret. */
class SocketModeConfigTest {
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String BOT_TOKEN = "xoxb-1111-2222-s3cr3tt0k3n";
    static final String APP_TOKEN = "xapp-1-A0123456789-1234567890123-4pps3cr3t";

    @Test
    void anAppTokenAndABotTokenRunSlackOverSocketModeWithoutASigningSecret() {
        Config config = Config.fromEnvironment(Map.of("SLACK_BOT_TOKEN", BOT_TOKEN, "SLACK_APP_TOKEN", APP_TOKEN));

        assertAll(
                () -> assertTrue(config.slackEnabled()),
                () -> assertTrue(config.slackSocketMode()),
                () -> assertEquals(Optional.empty(), config.slackOffReason()),
                () -> assertEquals(Optional.of(APP_TOKEN), config.slackAppToken()));
    }

    @Test
    void withoutAnAppTokenSlackStaysOnHttp() {
        Config config = Config.fromEnvironment(Map.of("SLACK_BOT_TOKEN", BOT_TOKEN, "SLACK_SIGNING_SECRET", SECRET));

        assertTrue(config.slackEnabled());
        assertFalse(config.slackSocketMode());
    }

    @Test
    void aTokenThatIsNotAnAppLevelTokenIsRefusedWithAnExampleAndNotEchoed() {
        for (String wrong : new String[] {BOT_TOKEN, "xoxp-9999-us3rs3cr3t", "A0SOMEAPPID"}) {
            String message = assertThrows(ConfigException.class,
                    () -> Config.fromEnvironment(Map.of("SLACK_BOT_TOKEN", BOT_TOKEN, "SLACK_APP_TOKEN", wrong))).getMessage();

            assertAll(
                    () -> assertTrue(message.startsWith("SLACK_APP_TOKEN must be an app-level token starting with xapp-, e.g. xapp-"), message),
                    () -> assertTrue(message.contains("connections:write"), "says which scope it needs: " + message),
                    () -> assertFalse(message.contains(wrong), "the value is not echoed: " + message),
                    () -> assertFalse(message.contains("\n"), "one line: " + message));
        }
    }

    @Test
    void anAppTokenWithoutABotTokenSaysTheBotTokenPostsTheAnswers() {
        String message = assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("SLACK_APP_TOKEN", APP_TOKEN))).getMessage();

        assertTrue(message.startsWith("SLACK_BOT_TOKEN is required when SLACK_APP_TOKEN is set"), message);
    }

    @Test
    void socketModeAndAnOAuthInstallAreNotCombined() {
        String message = assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("SLACK_BOT_TOKEN", BOT_TOKEN,
                "SLACK_APP_TOKEN", APP_TOKEN, "SLACK_SIGNING_SECRET", SECRET, "SLACK_CLIENT_ID", "111.222", "SLACK_CLIENT_SECRET", "c1i3nts3cr3t",
                "HOLDFAST_ENCRYPTION_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="))).getMessage();

        assertAll(
                () -> assertTrue(message.startsWith("SLACK_APP_TOKEN can't be combined with SLACK_CLIENT_ID"), message),
                () -> assertFalse(message.contains(APP_TOKEN), "the value is not echoed: " + message));
    }

    @Test
    void aBotTokenWithNeitherASigningSecretNorAnAppTokenIsStillRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("SLACK_BOT_TOKEN", BOT_TOKEN)));

        assertTrue(e.getMessage().startsWith("SLACK_SIGNING_SECRET "), e.getMessage());
    }

    @Test
    void toStringSaysSocketModeAndNeverShowsTheAppToken() {
        String shown = Config.fromEnvironment(Map.of("SLACK_BOT_TOKEN", BOT_TOKEN, "SLACK_APP_TOKEN", APP_TOKEN)).toString();

        assertAll(
                () -> assertTrue(shown.contains("slack=socket-mode"), shown),
                () -> assertFalse(shown.contains("4pps3cr3t"), shown),
                () -> assertFalse(shown.contains("s3cr3tt0k3n"), shown));
    }
}
