package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.model.view.ViewState;
import io.holdfast.testing.FakeSlackApi;
import io.holdfast.testing.SlackCall;
import io.holdfast.testing.SlackRequests;
import io.holdfast.testing.SlackResponse;
import io.holdfast.testing.TestClock;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real Bolt app served by {@link SlackEventsServlet} behind our filter, fed by {@link SlackRequests} and talking
 * to {@link FakeSlackApi}: proves the replayed body parses as Slack's own requests do, both the slash commands the
 * servlet reads itself and what it leaves to Bolt's parser, and that the test doubles look like Slack to the SDK.
 */
class BoltBehindSignatureFilterTest {

    private static final String SECRET = "test-signing-secret";
    private static final String BOT_TOKEN = "xoxb-holdfast-test";
    private static final Duration WAIT = Duration.ofSeconds(5);
    // Far from the real time on purpose: only our filter may judge freshness, and it uses this clock.
    private final TestClock clock = TestClock.at(Instant.parse("2025-11-24T15:00:00Z"));

    private final FakeSlackApi fakeSlack = new FakeSlackApi("T0001");
    private final AtomicReference<SlashCommandPayload> command = new AtomicReference<>();
    private final AtomicReference<BlockActionPayload> click = new AtomicReference<>();
    private final AtomicReference<ViewSubmissionPayload> submission = new AtomicReference<>();
    private App app;
    private Server server;
    private SlackRequests slack;

    @BeforeEach
    void start() throws Exception {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(fakeSlack.methodsUrl());
        app = new App(AppConfig.builder()
                .slack(Slack.getInstance(slackConfig))
                .singleTeamBotToken(BOT_TOKEN)
                .signingSecret(SECRET)
                .requestVerificationEnabled(false)
                .clientId(null)
                .clientSecret(null)
                .build());
        app.command("/promise", (req, ctx) -> {
            command.set(req.getPayload());
            ctx.respond("Noted: " + req.getPayload().getText());
            ctx.client().chatPostMessage(r -> r.channel(ctx.getChannelId()).text("Promise card"));
            return ctx.ack("Got it");
        });
        app.command("/boom", (req, ctx) -> {
            throw new IllegalStateException("a handler that fails");
        });
        app.blockAction("promise_done", (req, ctx) -> {
            click.set(req.getPayload());
            return ctx.ack();
        });
        app.viewSubmission("promise_modal", (req, ctx) -> {
            submission.set(req.getPayload());
            return ctx.ack();
        });

        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(new SlackSignatureFilter(new SlackRequestVerifier(SECRET, clock))),
                "/slack/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new SlackEventsServlet(app)), "/slack/events");
        server.setHandler(context);
        server.start();
        slack = new SlackRequests(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/slack/events"),
                SECRET, clock);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        app.stop();
        fakeSlack.close();
    }

    @Test
    void slashCommandIsParsedAckedAndAnsweredThroughResponseUrlAndWebApi() {
        SlackResponse ack = slack.slashCommand("T0001", "U123", "C42", "/promise", "ACME quote by Friday",
                fakeSlack.responseUrl("cmd-1"), "trigger-1");

        assertEquals(200, ack.status());
        assertEquals("Got it", ack.json().get("text").getAsString());
        assertEquals("ACME quote by Friday", command.get().getText());
        assertEquals("U123", command.get().getUserId());
        assertEquals("trigger-1", command.get().getTriggerId());

        SlackCall respond = fakeSlack.awaitCall(FakeSlackApi.RESPONSE_URL, c -> true, WAIT);
        assertEquals("cmd-1", respond.responseUrlId());
        assertEquals("Noted: ACME quote by Friday", respond.json().get("text").getAsString());
        assertNull(respond.authorization(), "response_url needs no token");

        SlackCall post = fakeSlack.awaitCall("chat.postMessage", c -> c.text().contains("Promise card"), WAIT);
        assertEquals("C42", post.param("channel"));
        assertEquals("Bearer " + BOT_TOKEN, post.authorization());
        assertTrue(fakeSlack.count("auth.test") >= 1, "single-team Bolt checks its token with auth.test");
    }

    @Test
    void emptyCommandTextReachesHandlersAsNull() {
        slack.slashCommand("T0001", "U123", "C42", "/promise", "", fakeSlack.responseUrl("cmd-2"), "trigger-2");

        assertEquals("/promise", command.get().getCommand());
        assertNull(command.get().getText());
    }

    @Test
    void slackSslCheckIsAnsweredByBolt() {
        SlackResponse response = slack.send("ssl_check=1&token=legacy-verification-token");

        assertEquals(200, response.status());
        assertNull(command.get());
    }

    @Test
    void aSignedBodyThatIsNotASlackRequestIsABadRequest() {
        SlackResponse response = slack.send("hello=world");

        assertEquals(400, response.status());
        assertEquals("Invalid Request", response.body());
    }

    @Test
    void aFailingHandlerIsAServerErrorWithoutDetail() {
        SlackResponse response = slack.slashCommand("T0001", "U123", "C42", "/boom", "now", null, null);

        assertEquals(500, response.status());
        assertEquals("Something is wrong", response.json().get("error").getAsString());
    }

    @Test
    void buttonClickIsParsedAsABlockAction() {
        SlackResponse ack = slack.blockAction("T0001", "U123", "C42", "1764000000.000100", "promise_done", "17",
                fakeSlack.responseUrl("click-1"), "trigger-3");

        assertEquals(200, ack.status());
        BlockActionPayload payload = click.get();
        assertEquals("17", payload.getActions().get(0).getValue());
        assertEquals("U123", payload.getUser().getId());
        assertEquals("T0001", payload.getTeam().getId());
        assertEquals("C42", payload.getChannel().getId());
        assertEquals("1764000000.000100", payload.getContainer().getMessageTs());
        assertEquals("1764000000.000100", payload.getMessage().getTs());
        assertEquals(fakeSlack.responseUrl("click-1"), payload.getResponseUrl());
        assertEquals("trigger-3", payload.getTriggerId());
    }

    @Test
    void modalSubmissionCarriesEveryInputKind() {
        Map<String, Map<String, Object>> values = SlackRequests.values()
                .text("what", "what_input", "Send the revised quote")
                .user("owner", "owner_select", "U777")
                .date("due", "due_date", LocalDate.of(2025, 12, 5))
                .time("due_at", "due_time", LocalTime.of(9, 30))
                .option("severity", "severity_select", "sev2", "Sev 2")
                .build();

        SlackResponse ack = slack.viewSubmission("T0001", "U123", "promise_modal", "{\"channel\":\"C42\"}", values);

        assertEquals(200, ack.status());
        ViewSubmissionPayload payload = submission.get();
        assertEquals("{\"channel\":\"C42\"}", payload.getView().getPrivateMetadata());
        Map<String, Map<String, ViewState.Value>> state = payload.getView().getState().getValues();
        assertEquals("Send the revised quote", state.get("what").get("what_input").getValue());
        assertEquals("U777", state.get("owner").get("owner_select").getSelectedUser());
        assertEquals("2025-12-05", state.get("due").get("due_date").getSelectedDate());
        assertEquals("09:30", state.get("due_at").get("due_time").getSelectedTime());
        assertEquals("sev2", state.get("severity").get("severity_select").getSelectedOption().getValue());
    }

    @Test
    void forgedRequestNeverReachesBolt() {
        String body = slack.slashCommandBody("T0001", "U123", "C42", "/promise", "ACME", null, null);

        SlackResponse response = slack.forged(body);

        assertEquals(401, response.status());
        assertNull(command.get());
        assertEquals(0, fakeSlack.calls().size(), "Bolt starts lazily, so not even auth.test may have run");
    }
}
