package io.holdfast.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each Events API delivery once. Slack sends a delivery again (with {@code X-Slack-Retry-Num}) when
 * it did not see a 200 within 3 seconds, possibly to another replica; the first replica to record the
 * {@code event_id} handles it, and every repeat is acknowledged without running a handler. A delivery
 * whose handler failed is forgotten again, so Slack's retry of it gets its chance.
 */
final class SlackEventDedupe implements Middleware {
    private static final Logger log = LoggerFactory.getLogger(SlackEventDedupe.class);

    private final SlackEventLog events;

    SlackEventDedupe(SlackEventLog events) {
        this.events = events;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (req.getRequestType() != RequestType.Event) {
            return chain.next(req);
        }
        String eventId = field(req.getRequestBodyAsString(), "event_id");
        if (eventId == null) {
            return chain.next(req);
        }
        String workspace = req.getContext().getTeamId() != null ? req.getContext().getTeamId()
                : req.getContext().getEnterpriseId() != null ? req.getContext().getEnterpriseId() : "";
        if (!events.firstDelivery(workspace, eventId)) {
            log.info("event {} of {} was delivered again (retry {}, {}); already handled", eventId, workspace,
                    req.getHeaders().getFirstValue("X-Slack-Retry-Num"), req.getHeaders().getFirstValue("X-Slack-Retry-Reason"));
            return Response.ok();
        }
        try {
            Response handled = chain.next(req);
            if (handled.getStatusCode() >= 500) {
                events.forget(workspace, eventId);
            }
            return handled;
        } catch (Exception | Error e) {
            events.forget(workspace, eventId);
            throw e;
        }
    }

    private static String field(String json, String name) {
        try {
            JsonElement parsed = JsonParser.parseString(json);
            if (!parsed.isJsonObject()) {
                return null;
            }
            JsonObject object = parsed.getAsJsonObject();
            JsonElement value = object.get(name);
            return value == null || !value.isJsonPrimitive() ? null : value.getAsString();
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
