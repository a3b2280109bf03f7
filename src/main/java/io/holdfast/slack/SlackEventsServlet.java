package io.holdfast.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.ServletAdapterOps;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt's servlet for what Slack sends to {@code /slack/events}, except that a slash command's form is read here,
 * once, by {@link SlashCommandForm}.
 *
 * <p>Bolt's request parser decodes a form three times over to learn what it is, compiling a regular expression
 * for every field each time: in the benchmark's profile that was half of what a {@code /promise} allocated. The
 * command is handed to Bolt as the same {@link SlashCommandRequest} its parser would have built; everything else
 * (events, button presses, form submissions, Slack's SSL check) still goes through that parser.
 */
public final class SlackEventsServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(SlackEventsServlet.class);

    private final transient App app;
    private final transient SlackRequestParser parser;

    public SlackEventsServlet(App app) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Request<?> request = read(req);
        if (request == null) {
            ServletAdapterOps.writeResponse(resp, Response.builder().statusCode(400).body("Invalid Request").build());
            return;
        }
        Response response;
        try {
            response = app.run(request);
        } catch (Exception e) {
            log.error("Failed to handle a request from Slack", e);
            resp.setStatus(500);
            resp.setContentType("application/json");
            resp.getWriter().write("{\"error\":\"Something is wrong\"}");
            return;
        }
        ServletAdapterOps.writeResponse(resp, response);
    }

    private Request<?> read(HttpServletRequest req) throws IOException {
        String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        RequestHeaders headers = new RequestHeaders(ServletAdapterOps.toHeaderMap(req));
        // Slack never adds a query string here; one that came anyway is merged in by Bolt's parser, as before.
        Optional<SlashCommandPayload> command = req.getQueryString() == null ? SlashCommandForm.read(body) : Optional.empty();
        if (command.isEmpty()) {
            return parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(req.getRequestURI())
                    .queryString(QueryStringParser.toMap(req.getQueryString()))
                    .headers(headers)
                    .requestBody(body)
                    .remoteAddress(req.getRemoteAddr())
                    .build());
        }
        SlashCommandRequest request = new SlashCommandRequest(body, command.get(), headers);
        request.updateContext(app.config());
        String forwardedFor = headers.getFirstValue("X-FORWARDED-FOR");
        request.setClientIpAddress(forwardedFor == null ? req.getRemoteAddr() : forwardedFor);
        return request;
    }
}
