package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.holdfast.core.Message;
import io.holdfast.core.Platform;
import io.holdfast.core.Tenant;
import io.holdfast.core.time.BusinessCalendar;
import io.holdfast.testing.BurstServer;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Posts in flight at once each need a connection to Slack, and against real Slack each new one costs a TLS
 * handshake. The client keeps as many as it may have in flight, so a second burst of posts (the next
 * delivery pass) goes out on the connections the first one opened.
 */
class SlackConnectionsTest {
    private static final int IN_FLIGHT = 8;
    private static final Tenant WORKSPACE = new Tenant(1, Platform.SLACK, "T1", ZoneOffset.UTC, BusinessCalendar.weekdays());

    private final BurstServer slack = new BurstServer("/api/", "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1764000000.000100\"}");

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void aSecondBurstOfPostsReusesTheConnectionsOfTheFirst() throws Exception {
        SlackChat chat = new SlackChat(SlackApp.client(slack.url("/api/"), IN_FLIGHT), new SlackTokens() {
            @Override
            public Optional<String> botToken(String teamId) {
                return Optional.of("xoxb-connections-test");
            }

            @Override
            public void invalidate(String teamId) {
            }
        });

        slack.burst(IN_FLIGHT, i -> chat.post(WORKSPACE, "C" + i, null, Message.of("Promise to Acme")));
        slack.burst(IN_FLIGHT, i -> chat.post(WORKSPACE, "C" + i, null, Message.of("Promise to Acme")));

        assertEquals(IN_FLIGHT, slack.connections(), "connections opened for two bursts of " + IN_FLIGHT + " posts");
    }
}
