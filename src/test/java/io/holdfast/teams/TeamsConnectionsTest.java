package io.holdfast.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import io.holdfast.config.Config;
import io.holdfast.testing.BurstServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery posts to several channels at once, and every Teams conversation of a region is on one Bot Connector
 * host: OkHttp's defaults let five requests go to a host at a time and keep five idle connections, so the rest
 * queued, and each pass opened connections (a TLS handshake each) that the last one had closed. All of a pass's
 * posts now go at once, and the next pass reuses their connections.
 */
class TeamsConnectionsTest {
    private static final int IN_FLIGHT = 8;

    private final BurstServer connector = new BurstServer("/v3/conversations/", "{\"id\":\"1\"}");

    @AfterEach
    void stop() {
        connector.close();
    }

    @Test
    void postsInFlightGoAtOnceAndTheNextPassReusesTheirConnections() throws Exception {
        TeamsAdapter adapter = TeamsAdapter.create(Config.fromEnvironment(Map.of("HOLDFAST_TEAMS_INSECURE_DEV", "true")), IN_FLIGHT);

        connector.burst(IN_FLIGHT, i -> post(adapter, i));
        connector.burst(IN_FLIGHT, i -> post(adapter, i));

        assertEquals(IN_FLIGHT, connector.connections(), "connections opened for two bursts of " + IN_FLIGHT + " posts");
    }

    private void post(TeamsAdapter adapter, int channel) throws Exception {
        ConversationReference reference = new ConversationReference();
        reference.setServiceUrl(connector.url("/"));
        reference.setChannelId("msteams");
        reference.setConversation(new ConversationAccount("19:channel" + channel + "@thread.tacv2"));
        reference.setBot(new ChannelAccount("28:bot", "Holdfast"));
        reference.setUser(new ChannelAccount("29:user", "Dana"));
        adapter.continueConversation(reference, turn -> turn.sendActivity(MessageFactory.text("Promise to Acme")).thenApply(sent -> null)).get();
    }
}
