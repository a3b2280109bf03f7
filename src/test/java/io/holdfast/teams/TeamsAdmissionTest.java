package io.holdfast.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.bot.connector.authentication.AuthenticationConstants;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationAccount;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signed is not enough: Holdfast serves Teams traffic for its own tenant, not Web Chat, other tenants or other bots. */
class TeamsAdmissionTest {
    private static final String TENANT = "9c1e7a52-3f0b-4d5e-8a61-2b7d4c9e0f13";
    private static final Map<String, String> CHANNEL_CLAIMS = Map.of(AuthenticationConstants.AUDIENCE_CLAIM, "holdfast-app",
            AuthenticationConstants.VERSION_CLAIM, "1.0");
    private final TeamsAdmission singleTenant = new TeamsAdmission(Optional.of(TENANT), false);

    @Test
    void teamsTrafficFromTheBotsOwnTenantIsServed() {
        assertEquals(Optional.empty(), singleTenant.refusal(activity("msteams", TENANT), CHANNEL_CLAIMS));
    }

    @Test
    void otherChannelsAreRefusedBecauseTheirClientsChooseWhoTheyClaimToBe() {
        assertTrue(singleTenant.refusal(activity("webchat", TENANT), CHANNEL_CLAIMS).isPresent());
        assertTrue(singleTenant.refusal(activity("directline", TENANT), CHANNEL_CLAIMS).isPresent());
        assertTrue(singleTenant.refusal(activity("emulator", TENANT), CHANNEL_CLAIMS).isPresent(), "the emulator only in insecure dev mode");
    }

    @Test
    void anotherTenantIsRefusedBySingleTenantBots() {
        assertTrue(singleTenant.refusal(activity("msteams", "11111111-2222-3333-4444-555555555555"), CHANNEL_CLAIMS).isPresent());
        assertEquals(Optional.empty(), new TeamsAdmission(Optional.empty(), false)
                .refusal(activity("msteams", "11111111-2222-3333-4444-555555555555"), CHANNEL_CLAIMS));
    }

    @Test
    void anotherBotsTokenIsRefused() {
        Map<String, String> skill = Map.of(AuthenticationConstants.AUDIENCE_CLAIM, "holdfast-app",
                AuthenticationConstants.APPID_CLAIM, "some-other-bot", AuthenticationConstants.VERSION_CLAIM, "2.0",
                AuthenticationConstants.AUTHORIZED_PARTY, "some-other-bot");

        assertTrue(singleTenant.refusal(activity("msteams", TENANT), skill).isPresent());
    }

    @Test
    void theEmulatorIsServedInInsecureDevModeAsOneLocalTenant() {
        TeamsAdmission insecure = new TeamsAdmission(Optional.empty(), true);
        Activity emulator = activity("emulator", null);

        assertEquals(Optional.empty(), insecure.refusal(emulator, Map.of()));
        assertEquals(Optional.of("emulator"), TeamsInstalls.tenantIdOf(emulator));
    }

    private static Activity activity(String channel, String tenant) {
        Activity activity = Activity.createMessageActivity();
        activity.setChannelId(channel);
        ConversationAccount conversation = new ConversationAccount();
        conversation.setId("a:1conversation");
        conversation.setTenantId(tenant);
        activity.setConversation(conversation);
        return activity;
    }
}
