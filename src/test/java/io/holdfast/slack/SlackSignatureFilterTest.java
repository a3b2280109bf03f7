package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.holdfast.testing.SlackRequests;
import io.holdfast.testing.SlackResponse;
import io.holdfast.testing.TestClock;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackSignatureFilterTest {

    private static final String SECRET = "test-signing-secret";
    private static final Instant NOW = Instant.parse("2025-11-24T15:00:00Z");

    private final TestClock clock = TestClock.at(NOW);
    private final EchoServlet echo = new EchoServlet();
    private Server server;
    private URI baseUri;
    private SlackRequests slack;

    @BeforeEach
    void startServer() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder(new SlackSignatureFilter(new SlackRequestVerifier(SECRET, clock))),
                "/slack/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(echo), "/slack/events");
        server.setHandler(context);
        server.start();
        baseUri = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        slack = new SlackRequests(baseUri.resolve("/slack/events"), SECRET, clock);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.stop();
    }

    @Test
    void signedFormRequestReachesTheServletWithItsBodyIntact() {
        String body = slack.slashCommandBody("T0001", "U123", "C42", "/promise",
                "ACME \"quote\" by Friday & 50% off — ünïcödé", "https://hooks.example/r/1", "trig-1");

        SlackResponse response = slack.send(body);

        assertEquals(200, response.status());
        JsonObject seen = response.json();
        assertEquals(body, seen.get("streamed").getAsString());
        assertEquals(body, seen.get("read").getAsString());
        assertEquals(body.length(), seen.get("contentLength").getAsInt());
        assertEquals("/promise", seen.get("command").getAsString());
        assertEquals("ACME \"quote\" by Friday & 50% off — ünïcödé", seen.get("text").getAsString());
        assertEquals("https://hooks.example/r/1", seen.get("response_url").getAsString());
        assertEquals(1, echo.invocations.get());
    }

    @Test
    void queryStringParametersComeBeforeFormParameters() {
        SlackRequests viaQuery = new SlackRequests(baseUri.resolve("/slack/events?text=from-query"), SECRET, clock);

        SlackResponse response = viaQuery.slashCommand("T0001", "U123", "C42", "/promise", "from form", null, null);

        JsonArray texts = response.json().getAsJsonArray("allTexts");
        assertEquals("from-query", texts.get(0).getAsString());
        assertEquals("from form", texts.get(1).getAsString());
    }

    @Test
    void forgedSignatureIsRejectedBeforeTheServletRuns() {
        SlackResponse response = slack.forged(commandBody());

        assertRejected(response);
    }

    @Test
    void staleTimestampIsRejected() {
        SlackResponse response = slack.sendAt(NOW.minus(Duration.ofMinutes(6)), commandBody());

        assertRejected(response);
    }

    @Test
    void timestampMoreThanFiveMinutesAheadIsRejected() {
        SlackResponse response = slack.sendAt(NOW.plus(Duration.ofMinutes(5).plusSeconds(1)), commandBody());

        assertRejected(response);
    }

    @Test
    void requestWithoutSignatureHeadersIsRejected() {
        SlackResponse response = slack.raw(commandBody(), null, null, SlackRequests.FORM);

        assertRejected(response);
    }

    @Test
    void oversizedBodyWithContentLengthIsRefused() {
        SlackResponse response = slack.send("a".repeat(SlackSignatureFilter.MAX_BODY_BYTES + 1));

        assertEquals(413, response.status());
        assertEquals(0, echo.invocations.get());
    }

    @Test
    void oversizedChunkedBodyIsRefused() throws Exception {
        byte[] body = new byte[SlackSignatureFilter.MAX_BODY_BYTES + 1];
        String timestamp = String.valueOf(NOW.getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("/slack/events"))
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", slack.signature(timestamp, new String(body, StandardCharsets.UTF_8)))
                // An InputStream publisher has no known length, so the body goes out chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode());
        assertEquals(0, echo.invocations.get());
    }

    @Test
    void bodyExactlyAtTheCapIsAccepted() {
        byte[] body = new byte[SlackSignatureFilter.MAX_BODY_BYTES];
        Arrays.fill(body, (byte) 'a');

        SlackResponse response = slack.send(new String(body, StandardCharsets.US_ASCII));

        assertEquals(200, response.status());
        assertArrayEquals(body, response.json().get("streamed").getAsString().getBytes(StandardCharsets.US_ASCII));
    }

    private void assertRejected(SlackResponse response) {
        assertEquals(401, response.status());
        assertEquals("invalid Slack signature", response.body());
        assertEquals(0, echo.invocations.get(), "the servlet must not run for a rejected request");
    }

    private String commandBody() {
        return slack.slashCommandBody("T0001", "U123", "C42", "/promise", "ACME quote", null, null);
    }

    /** Reports how the request looked from inside the servlet, through every body-reading API. */
    private static final class EchoServlet extends HttpServlet {

        final AtomicInteger invocations = new AtomicInteger();

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            invocations.incrementAndGet();
            JsonObject seen = new JsonObject();
            seen.addProperty("streamed", new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            // Bolt's SlackAppServletAdapter reads the body this way.
            seen.addProperty("read", request.getReader().lines().collect(Collectors.joining(System.lineSeparator())));
            seen.addProperty("contentLength", request.getContentLength());
            seen.addProperty("command", request.getParameter("command"));
            seen.addProperty("text", request.getParameter("text"));
            seen.addProperty("response_url", request.getParameter("response_url"));
            JsonArray allTexts = new JsonArray();
            String[] texts = request.getParameterValues("text");
            if (texts != null) {
                for (String text : texts) {
                    allTexts.add(text);
                }
            }
            seen.add("allTexts", allTexts);
            response.setContentType("application/json;charset=utf-8");
            response.getWriter().write(seen.toString());
        }
    }
}
