package io.holdfast.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.connector.authentication.ClaimsIdentity;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Serialization;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/messages}: a request without a bearer token is refused with 401 before its body is
 * read; the activity is then authenticated by the SDK's JWT validation and Holdfast's admission rules,
 * and only then does the bot's turn run. The response waits for the turn (the SDK's servlet sample
 * answered before the turn finished).
 */
final class TeamsEndpoint extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(TeamsEndpoint.class);
    private static final int MAX_BODY = 256 * 1024;

    private final transient TeamsAdapter adapter;
    private final transient TeamsBot bot;

    TeamsEndpoint(TeamsAdapter adapter, TeamsBot bot) {
        this.adapter = adapter;
        this.bot = bot;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String authorization = req.getHeader("Authorization");
        if (!adapter.looksLikeToken(authorization)) {
            refuse(resp, authorization == null ? "no Authorization header" : "an Authorization header that is no bearer token");
            return;
        }
        byte[] body = req.getInputStream().readNBytes(MAX_BODY + 1);
        Activity activity;
        try {
            if (body.length > MAX_BODY) {
                throw new IOException("activity too large");
            }
            JsonNode tree = Serialization.jsonToTree(new String(body, StandardCharsets.UTF_8));
            activity = Serialization.treeToValue(tree, Activity.class);
            if (activity == null || activity.getType() == null) {
                throw new IOException("not an activity");
            }
        } catch (IOException | RuntimeException e) {
            resp.sendError(400, "Expected a Bot Framework activity (JSON).");
            return;
        }
        ClaimsIdentity identity;
        try {
            identity = adapter.authenticate(activity, authorization);
        } catch (RuntimeException e) {
            refuse(resp, TeamsFailures.describe(e));
            return;
        }
        try {
            InvokeResponse invoke = adapter.process(identity, activity, bot).join();
            if (invoke != null) {
                resp.setStatus(invoke.getStatus());
                if (invoke.getBody() != null) {
                    resp.setContentType("application/json");
                    resp.getWriter().write(Serialization.toString(invoke.getBody()));
                }
            } else {
                resp.setStatus(200);
            }
        } catch (RuntimeException e) {
            log.error("a Teams activity of type {} failed", activity.getType(), e);
            resp.setStatus(500);
        }
    }

    private static void refuse(HttpServletResponse resp, String why) throws IOException {
        // The reason goes to the log only; the header itself may be a token and is never logged.
        log.info("refused a Bot Framework request: {}", why);
        resp.sendError(401, "Unauthorized");
    }
}
