package io.holdfast.teams;

import com.microsoft.bot.connector.authentication.SkillValidation;
import com.microsoft.bot.schema.Activity;
import java.util.Map;
import java.util.Optional;

/**
 * What a validly signed activity must also be before Holdfast acts on it. The Bot Framework signs
 * traffic from every channel the Azure Bot has (Web Chat is on by default, and its client chooses
 * the tenant and sender it claims), and 4.14.3 accepts bot-to-bot (skill) tokens without a caller list.
 */
final class TeamsAdmission {
    static final String TEAMS = "msteams";
    static final String EMULATOR = "emulator";

    private final Optional<String> tenantId;
    private final boolean insecure;

    /**
     * @param tenantId the single tenant the bot is registered in, when it is a single-tenant bot
     * @param insecure insecure dev mode, where the Bot Framework Emulator may speak too
     */
    TeamsAdmission(Optional<String> tenantId, boolean insecure) {
        this.tenantId = tenantId;
        this.insecure = insecure;
    }

    /** Why the activity is refused, or empty when Holdfast may act on it. */
    Optional<String> refusal(Activity activity, Map<String, String> claims) {
        String channel = activity.getChannelId();
        if (!TEAMS.equals(channel) && !(insecure && EMULATOR.equals(channel))) {
            return Optional.of("not from Microsoft Teams (channel " + channel + ")");
        }
        if (!claims.isEmpty() && SkillValidation.isSkillClaim(claims)) {
            return Optional.of("a bot-to-bot token");
        }
        Optional<String> claimed = TeamsInstalls.tenantIdOf(activity);
        if (tenantId.isPresent() && !claimed.equals(tenantId)) {
            return Optional.of("from another Microsoft 365 tenant");
        }
        return Optional.empty();
    }
}
