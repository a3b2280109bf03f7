package io.holdfast;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ResourceResponse;
import com.slack.api.Slack;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.webhook.WebhookResponse;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The Bot Framework SDK was built against okhttp 3 and Jackson 2.12, Slack's against okhttp 4. The pom pins one
 * version of each shared library; this test proves both SDKs still deliver a message with that set on one classpath.
 * If okhttp 3 wins, Slack's {@code chat.postMessage} keeps working but {@code ctx.respond(...)} dies with
 * {@code NoSuchMethodError: RequestBody.create(String, MediaType)}, so the Slack half goes through response_url.
 */
class ClientConvergenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void slackResponseUrlAndBotConnectorBothDeliverInOneJvm() {
        // assertAll runs every check even after one fails (NoSuchMethodError included), so a drift report shows
        // the loaded versions next to whichever SDK broke.
        assertAll(
                ClientConvergenceTest::pinnedOkHttpIsTheOneLoaded,
                ClientConvergenceTest::pinnedJacksonIsTheOneLoaded,
                ClientConvergenceTest::slackRespondReachesTheResponseUrl,
                ClientConvergenceTest::botConnectorDeliversTheActivity);
    }

    private static void pinnedOkHttpIsTheOneLoaded() throws ReflectiveOperationException {
        // OkHttp.VERSION is a compile-time constant that javac would inline, so read it reflectively to see the jar
        // that was actually loaded. The class does not exist at all in okhttp 3.
        String loaded;
        try {
            loaded = (String) Class.forName("okhttp3.OkHttp").getField("VERSION").get(null);
        } catch (ClassNotFoundException okHttp3) {
            loaded = "3.x";
        }
        assertEquals("4.12.0", loaded, "okhttp loaded from "
                + OkHttpClient.class.getProtectionDomain().getCodeSource().getLocation()
                + " is not the <okhttp.version> pinned in pom.xml; Slack's response_url sender needs okhttp 4");
    }

    private static void pinnedJacksonIsTheOneLoaded() {
        Version databind = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION;
        assertEquals("2.21", databind.getMajorVersion() + "." + databind.getMinorVersion(),
                "jackson-databind " + databind + " is loaded, not the <jackson.version> line pinned in pom.xml");
    }

    private static void slackRespondReachesTheResponseUrl() throws IOException {
        try (FakeEndpoint slack = new FakeEndpoint("{\"ok\":true}")) {
            // What Bolt hands a /command handler: the same context class, so respond() takes the production path
            // (Responder -> SlashCommandResponseSender -> SlackHttpClient.postJsonBody).
            SlashCommandContext ctx = SlashCommandContext.builder()
                    .responseUrl(slack.url("/commands/T0HOLDFAST/1234/response-token"))
                    .build();
            ctx.setSlack(Slack.getInstance());

            WebhookResponse response = ctx.respond("Promise logged: send Acme the revised quote by Friday");

            assertEquals(200, response.getCode(), "response_url answer: " + response);
            Received delivered = slack.onlyRequest();
            assertEquals("POST /commands/T0HOLDFAST/1234/response-token", delivered.methodAndPath());
            assertEquals("Promise logged: send Acme the revised quote by Friday",
                    JSON.readTree(delivered.body()).path("text").asText(), "body: " + delivered.body());
        }
    }

    private static void botConnectorDeliversTheActivity() throws Exception {
        String conversationId = "19:holdfast-promises@thread.tacv2";
        try (FakeEndpoint connector = new FakeEndpoint("{\"id\":\"1700000000000\"}");
                // Empty credentials have no app id, so the SDK's AppCredentialsInterceptor sends the request without
                // fetching a token from login.microsoftonline.com; the token fetch goes through msal4j's own HTTP
                // stack, not okhttp, so skipping it leaves nothing of the convergence question untested.
                ConnectorClient client = new RestConnectorClient(connector.url("/"), MicrosoftAppCredentials.empty())) {
            Activity activity = Activity.createMessageActivity();
            activity.setText("Promise to Acme: revised quote by Friday");

            ResourceResponse sent = client.getConversations().sendToConversation(conversationId, activity).join();

            assertEquals("1700000000000", sent.getId(), "activity id parsed from the connector's reply");
            Received delivered = connector.onlyRequest();
            assertEquals("POST /v3/conversations/" + conversationId + "/activities", delivered.methodAndPath());
            JsonNode body = JSON.readTree(delivered.body());
            assertEquals("message", body.path("type").asText(), "body: " + delivered.body());
            assertEquals("Promise to Acme: revised quote by Friday", body.path("text").asText(),
                    "body: " + delivered.body());
        }
    }

    private record Received(String methodAndPath, String body) {}

    /** Stands in for Slack's response_url host or the Bot Connector: answers 200 with a fixed JSON body to every request and records it. */
    private static final class FakeEndpoint implements AutoCloseable {
        private final HttpServer server;
        private final List<Received> received = new CopyOnWriteArrayList<>();

        FakeEndpoint(String jsonReply) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    // Recorded before replying, and both clients block until the reply, so the request is visible
                    // to the test thread without any waiting.
                    received.add(new Received(
                            exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                            new String(exchange.getRequestBody().readAllBytes(), UTF_8)));
                    byte[] reply = jsonReply.getBytes(UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                    exchange.sendResponseHeaders(200, reply.length);
                    exchange.getResponseBody().write(reply);
                }
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        Received onlyRequest() {
            assertEquals(1, received.size(), "requests received: " + received);
            return received.get(0);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
