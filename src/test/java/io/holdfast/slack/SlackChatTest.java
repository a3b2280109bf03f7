package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.core.Chat;
import io.holdfast.core.DeliveryException;
import io.holdfast.core.Message;
import io.holdfast.core.Platform;
import io.holdfast.core.Tenant;
import io.holdfast.core.time.BusinessCalendar;
import io.holdfast.testing.FakeSlackApi;
import io.holdfast.testing.SlackCall;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Posts and card updates reach Slack's Web API as the SDK's own client would send them, and every answer
 * Slack can give is understood: posted, rate limited for so long, refused for good, or worth another try.
 */
class SlackChatTest {
    private static final Tenant WORKSPACE = new Tenant(1, Platform.SLACK, "T1", ZoneOffset.UTC, BusinessCalendar.weekdays());

    private final FakeSlackApi slack = new FakeSlackApi("T1");
    private final List<String> invalidated = new ArrayList<>();
    private final SlackChat chat = new SlackChat(SlackApp.client(slack.methodsUrl(), 1), new SlackTokens() {
        @Override
        public Optional<String> botToken(String teamId) {
            return Optional.of("xoxb-chat-test");
        }

        @Override
        public void invalidate(String teamId) {
            invalidated.add(teamId);
        }
    });

    @AfterEach
    void stopSlack() {
        slack.close();
    }

    @Test
    void postsTheCardWithItsFallbackTextAndTellsWhereItLanded() throws Exception {
        Chat.Posted first = chat.post(WORKSPACE, "C1", null, Message.of("Promise #1 to <Acme> & co"));
        Chat.Posted reply = chat.post(WORKSPACE, "C1", first.ref(), Message.of("Done"));

        assertEquals("C1", first.channel());
        assertFalse(first.ref().isBlank());
        assertNotEquals(first.ref(), reply.ref());
        SlackCall call = slack.calls("chat.postMessage").get(0);
        assertEquals("Bearer xoxb-chat-test", call.authorization());
        assertEquals("Promise #1 to &lt;Acme&gt; &amp; co", call.param("text"));
        // Slack reads JSON bodies only as JSON: blocks an array of objects, unfurl_links a boolean, not strings.
        assertTrue(call.isJson(), "posted as a JSON body: " + call.rawBody());
        assertEquals("section", call.json().getAsJsonArray("blocks").get(0).getAsJsonObject().get("type").getAsString());
        assertFalse(call.json().getAsJsonPrimitive("unfurl_links").getAsBoolean());
        assertTrue(call.json().getAsJsonPrimitive("unfurl_links").isBoolean());
        assertEquals(first.ref(), slack.calls("chat.postMessage").get(1).param("thread_ts"));
    }

    @Test
    void updatesTheCardWhereItWas() throws Exception {
        Chat.Posted posted = chat.post(WORKSPACE, "C1", null, Message.of("Promise #1, due Friday"));

        Chat.Posted updated = chat.update(WORKSPACE, posted.channel(), posted.ref(), Message.of("Promise #1, done"));

        assertEquals(posted, updated);
        SlackCall call = slack.calls("chat.update").get(0);
        assertTrue(call.isJson(), "updated with a JSON body: " + call.rawBody());
        assertEquals("C1", call.param("channel"));
        assertEquals(posted.ref(), call.param("ts"));
        assertEquals("Promise #1, done", call.param("text"));
        assertTrue(call.json().get("blocks").isJsonArray());
    }

    @Test
    void aRateLimitSaysHowLongToWait() {
        slack.rateLimitNext("chat.postMessage", 1, 7);

        DeliveryException refused = assertThrows(DeliveryException.class, () -> chat.post(WORKSPACE, "C1", null, Message.of("hello")));

        assertEquals(Optional.of(Duration.ofSeconds(7)), refused.retryAfter());
    }

    @Test
    void aServerErrorIsWorthAnotherTry() {
        slack.serverErrorNext("chat.postMessage", 1);

        DeliveryException failed = assertThrows(DeliveryException.class, () -> chat.post(WORKSPACE, "C1", null, Message.of("hello")));

        assertFalse(failed.isPermanent());
        assertEquals(Optional.empty(), failed.retryAfter());
        assertEquals("HTTP 500", failed.getMessage());
    }

    @Test
    void aChannelThatIsGoneIsRefusedForGood() {
        slack.failNext("chat.postMessage", "channel_not_found");

        DeliveryException refused = assertThrows(DeliveryException.class, () -> chat.post(WORKSPACE, "C1", null, Message.of("hello")));

        assertTrue(refused.isPermanent());
        assertEquals("channel_not_found", refused.getMessage());
    }

    @Test
    void aRevokedTokenIsForgottenAndThePostWaits() {
        slack.failNext("chat.update", "token_revoked");

        DeliveryException refused = assertThrows(DeliveryException.class, () -> chat.update(WORKSPACE, "C1", "1.000001", Message.of("hello")));

        assertFalse(refused.isPermanent());
        assertEquals(List.of("T1"), invalidated);
    }
}
