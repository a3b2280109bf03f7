package io.holdfast.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a slash command's form body into Bolt's payload in one pass, or says it is not one.
 *
 * <p>It answers as Bolt's own request parser would: a body with a {@code payload} field is a button press or a
 * form submission, not a command, and a field whose value is empty is skipped, so an empty {@code text} stays
 * {@code null}. Anything it is unsure of (JSON, raw line breaks, an unescaped {@code =} in a field, a malformed
 * escape) it leaves to Bolt, which then answers exactly as it always did.
 */
final class SlashCommandForm {

    private SlashCommandForm() {
    }

    static Optional<SlashCommandPayload> read(String body) {
        if (body.isBlank() || body.indexOf('\n') >= 0 || body.indexOf('\r') >= 0) {
            return Optional.empty();
        }
        int first = 0;
        while (Character.isWhitespace(body.charAt(first))) {
            first++;
        }
        if (body.charAt(first) == '{' || body.charAt(first) == '[') {
            return Optional.empty();
        }
        SlashCommandPayload payload = new SlashCommandPayload();
        int start = 0;
        while (start < body.length()) {
            int end = body.indexOf('&', start);
            if (end < 0) {
                end = body.length();
            }
            int eq = body.indexOf('=', start);
            int secondEq = eq < 0 ? -1 : body.indexOf('=', eq + 1);
            if (secondEq >= 0 && secondEq < end) {
                return Optional.empty();
            }
            if (eq > start && eq < end - 1) {
                String name;
                String value;
                try {
                    name = URLDecoder.decode(body.substring(start, eq).trim(), StandardCharsets.UTF_8);
                    value = URLDecoder.decode(body.substring(eq + 1, end), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException malformed) {
                    return Optional.empty();
                }
                if (name.equals("payload")) {
                    return Optional.empty();
                }
                set(payload, name, value);
            }
            start = end + 1;
        }
        return payload.getCommand() == null ? Optional.empty() : Optional.of(payload);
    }

    private static void set(SlashCommandPayload payload, String name, String value) {
        switch (name) {
            case "token" -> payload.setToken(value);
            case "team_id" -> payload.setTeamId(value);
            case "team_domain" -> payload.setTeamDomain(value);
            case "enterprise_id" -> payload.setEnterpriseId(value);
            case "enterprise_name" -> payload.setEnterpriseName(value);
            case "api_app_id" -> payload.setApiAppId(value);
            case "channel_id" -> payload.setChannelId(value);
            case "channel_name" -> payload.setChannelName(value);
            case "user_id" -> payload.setUserId(value);
            case "user_name" -> payload.setUserName(value);
            case "command" -> payload.setCommand(value);
            case "text" -> payload.setText(value);
            case "response_url" -> payload.setResponseUrl(value);
            case "trigger_id" -> payload.setTriggerId(value);
            case "is_enterprise_install" -> payload.setEnterpriseInstall(value.strip().toLowerCase(Locale.ENGLISH).equals("true"));
            default -> {
            }
        }
    }
}
