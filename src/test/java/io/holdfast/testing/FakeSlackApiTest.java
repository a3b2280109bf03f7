package io.holdfast.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.methods.response.views.ViewsUpdateResponse;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.composition.BlockCompositions;
import com.slack.api.model.view.View;
import com.slack.api.model.view.Views;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake as the real SDK sees it: every check goes through Slack's own MethodsClient. */
class FakeSlackApiTest {

    private static final String TOKEN = "xoxb-fake-api-test";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeSlackApi fake = new FakeSlackApi();
    private final Slack slack = Slack.getInstance(configFor(fake));
    private final MethodsClient client = slack.methods(TOKEN);

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void postMessageIsRecordedWithItsBlocksAndAnsweredWithIncreasingTimestamps() throws Exception {
        ChatPostMessageResponse first = client.chatPostMessage(r -> r.channel("C42").text("fallback")
                .blocks(List.of(Blocks.section(s -> s.text(BlockCompositions.markdownText("*Promise #3* is due"))))));
        ChatPostMessageResponse second = client.chatPostMessage(r -> r.channel("C42").text("again"));

        assertTrue(first.isOk());
        assertEquals("C42", first.getChannel());
        assertEquals("1764000000.000100", first.getTs());
        assertEquals("1764000000.000200", second.getTs());
        assertEquals("fallback", first.getMessage().getText());

        SlackCall call = fake.awaitCall("chat.postMessage", c -> c.text().contains("*Promise #3* is due"), WAIT);
        assertEquals("Bearer " + TOKEN, call.authorization());
        assertEquals("section", call.blocks().get(0).getAsJsonObject().get("type").getAsString());
        assertEquals("fallback\n*Promise #3* is due", call.text());
        assertEquals(2, fake.count("chat.postMessage"));
    }

    @Test
    void usersInfoDescribesConfiguredAndUnknownUsers() throws Exception {
        fake.user("U123", "Lee Park", "Europe/Berlin", true);

        UsersInfoResponse lee = client.usersInfo(r -> r.user("U123"));
        UsersInfoResponse stranger = client.usersInfo(r -> r.user("U999"));

        assertEquals("Lee Park", lee.getUser().getRealName());
        assertEquals("Lee Park", lee.getUser().getProfile().getDisplayName());
        assertEquals("Europe/Berlin", lee.getUser().getTz());
        assertTrue(lee.getUser().isAdmin());
        assertEquals(FakeSlackApi.DEFAULT_TIME_ZONE, stranger.getUser().getTz());
        assertFalse(stranger.getUser().isAdmin());
    }

    @Test
    void failNextAnswersOneCallWithASlackError() throws Exception {
        fake.failNext("chat.postMessage", "channel_not_found");

        ChatPostMessageResponse failed = client.chatPostMessage(r -> r.channel("C404").text("hi"));
        ChatPostMessageResponse retried = client.chatPostMessage(r -> r.channel("C404").text("hi"));

        assertFalse(failed.isOk());
        assertEquals("channel_not_found", failed.getError());
        assertTrue(retried.isOk());
        assertEquals(2, fake.count("chat.postMessage"));
    }

    @Test
    void rateLimitNextAnswers429WithRetryAfterThenRecovers() throws Exception {
        fake.rateLimitNext("chat.postMessage", 2, 7);

        for (int attempt = 0; attempt < 2; attempt++) {
            SlackApiException limited = assertThrows(SlackApiException.class,
                    () -> client.chatPostMessage(r -> r.channel("C42").text("hi")));
            assertEquals(429, limited.getResponse().code());
            assertEquals("7", limited.getResponse().header("Retry-After"));
        }
        assertTrue(client.chatPostMessage(r -> r.channel("C42").text("hi")).isOk());
        assertEquals(3, fake.count("chat.postMessage"));
    }

    @Test
    void viewsOpenAssignsAnIdThatViewsUpdateKeeps() throws Exception {
        View modal = Views.view(v -> v.type("modal").callbackId("promise_modal")
                .title(Views.viewTitle(t -> t.type("plain_text").text("New promise")))
                .blocks(List.of(Blocks.section(s -> s.text(BlockCompositions.plainText("Loading…"))))));

        ViewsOpenResponse opened = client.viewsOpen(r -> r.triggerId("trigger-1").view(modal));
        ViewsUpdateResponse updated = client.viewsUpdate(r -> r.viewId(opened.getView().getId()).view(modal));

        assertTrue(opened.getView().getId().startsWith("V"));
        assertEquals("promise_modal", opened.getView().getCallbackId());
        assertEquals(opened.getView().getId(), updated.getView().getId());
        assertTrue(fake.awaitCall("views.open", WAIT).text().contains("Loading…"));
    }

    @Test
    void expiredTriggerCanBeSimulated() throws Exception {
        fake.failNext("views.open", "expired_trigger_id");

        ViewsOpenResponse response = client.viewsOpen(r -> r.triggerId("stale").view(Views.view(v -> v.type("modal"))));

        assertEquals("expired_trigger_id", response.getError());
    }

    @Test
    void responseUrlPostsAreRecordedUnderTheirId() throws Exception {
        slack.send(fake.responseUrl("cmd-9"), "{\"response_type\":\"ephemeral\",\"text\":\"Saved promise #3\"}");

        SlackCall call = fake.awaitCall(FakeSlackApi.RESPONSE_URL, c -> "cmd-9".equals(c.responseUrlId()), WAIT);
        assertEquals("ephemeral", call.param("response_type"));
        assertEquals("Saved promise #3", call.text());
    }

    @Test
    void awaitCallWakesUpForACallMadeOnAnotherThread() {
        CompletableFuture.runAsync(() -> {
            try {
                client.chatPostMessage(r -> r.channel("C7").text("from the worker"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        SlackCall call = fake.awaitCall("chat.postMessage", c -> "C7".equals(c.param("channel")), WAIT);

        assertEquals("from the worker", call.text());
    }

    @Test
    void awaitCountWaitsForConcurrentCalls() {
        for (String channel : List.of("C1", "C2", "C3")) {
            CompletableFuture.runAsync(() -> {
                try {
                    client.chatPostMessage(r -> r.channel(channel).text("digest"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        List<SlackCall> posts = fake.awaitCount("chat.postMessage", 3, WAIT);

        assertEquals(3, posts.stream().map(c -> c.param("channel")).distinct().count());
    }

    @Test
    void awaitCallTimeoutReportsWhatWasReceived() throws Exception {
        client.chatPostMessage(r -> r.channel("C1").text("something else"));

        AssertionError error = assertThrows(AssertionError.class,
                () -> fake.awaitCall("chat.postMessage", c -> c.text().contains("expected"), Duration.ofMillis(50)));

        assertTrue(error.getMessage().contains("no matching chat.postMessage call"), error.getMessage());
        assertTrue(error.getMessage().contains("something else"), error.getMessage());
    }

    @Test
    void resetForgetsCallsAndPendingFaults() throws Exception {
        fake.failNext("chat.postMessage", "channel_not_found");
        client.authTest(r -> r);

        fake.reset();

        assertTrue(fake.calls().isEmpty());
        assertTrue(client.chatPostMessage(r -> r.channel("C1").text("hi")).isOk());
    }

    private static SlackConfig configFor(FakeSlackApi fake) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.methodsUrl());
        // Otherwise the client makes an extra auth.test call per token (to label its metrics) that would
        // show up in the call counts.
        config.getMethodsConfig().setStatsEnabled(false);
        return config;
    }
}
