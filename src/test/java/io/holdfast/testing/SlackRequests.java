package io.holdfast.testing;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends requests to our {@code /slack/events} endpoint the way Slack does: form-encoded (events: JSON),
 * signed with the signing secret, stamped with the given clock's time.
 *
 * <p>The payload shapes follow what Slack sends and what Bolt's {@code SlackRequestParser} needs: slash
 * commands are plain form fields (Bolt recognises them by the {@code command} field), interactivity is a
 * single {@code payload=<JSON>} field whose {@code type} picks the request kind, and Events API callbacks
 * are a JSON {@code event_callback} envelope.
 */
public final class SlackRequests {

    public static final String FORM = "application/x-www-form-urlencoded";
    public static final String JSON = "application/json";

    // Slack still sends the legacy verification token in every payload; nothing should check it.
    private static final String VERIFICATION_TOKEN = "legacy-verification-token";
    private static final String USER_AGENT = "Slackbot 1.0 (+https://api.slack.com/robots)";
    private static final Gson GSON = new Gson();

    private final URI eventsUrl;
    private final String signingSecret;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final AtomicLong sequence = new AtomicLong();

    public SlackRequests(URI eventsUrl, String signingSecret, Clock clock) {
        this.eventsUrl = eventsUrl;
        this.signingSecret = signingSecret;
        this.clock = clock;
    }

    public SlackResponse slashCommand(String team, String user, String channel, String command, String text,
                                      String responseUrl, String triggerId) {
        return send(slashCommandBody(team, user, channel, command, text, responseUrl, triggerId));
    }

    /**
     * The form body of a slash command. Slack sends {@code text=} when the user typed nothing after the
     * command, and Bolt then reports the text as {@code null}, not {@code ""}.
     */
    public String slashCommandBody(String team, String user, String channel, String command, String text,
                                   String responseUrl, String triggerId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", VERIFICATION_TOKEN);
        fields.put("team_id", team);
        fields.put("team_domain", domainOf(team));
        fields.put("channel_id", channel);
        fields.put("channel_name", channel.toLowerCase(Locale.ROOT));
        fields.put("user_id", user);
        fields.put("user_name", user.toLowerCase(Locale.ROOT));
        fields.put("command", command);
        fields.put("text", text == null ? "" : text);
        fields.put("api_app_id", FakeSlackApi.APP_ID);
        fields.put("is_enterprise_install", "false");
        fields.put("response_url", responseUrl);
        fields.put("trigger_id", triggerId);
        return formEncode(fields);
    }

    public SlackResponse blockAction(String team, String user, String channel, String messageTs, String actionId,
                                     String value, String responseUrl, String triggerId) {
        return send(blockActionBody(team, user, channel, messageTs, actionId, value, responseUrl, triggerId));
    }

    /** A {@code block_actions} payload for a button clicked on a (non-ephemeral) message in a channel. */
    public String blockActionBody(String team, String user, String channel, String messageTs, String actionId,
                                  String value, String responseUrl, String triggerId) {
        JsonObject container = new JsonObject();
        container.addProperty("type", "message");
        container.addProperty("message_ts", messageTs);
        container.addProperty("channel_id", channel);
        container.addProperty("is_ephemeral", false);

        JsonObject channelJson = new JsonObject();
        channelJson.addProperty("id", channel);
        channelJson.addProperty("name", channel.toLowerCase(Locale.ROOT));

        JsonObject message = new JsonObject();
        message.addProperty("type", "message");
        message.addProperty("ts", messageTs);
        message.addProperty("user", FakeSlackApi.BOT_USER_ID);
        message.addProperty("bot_id", FakeSlackApi.BOT_ID);
        message.addProperty("text", "");
        message.add("blocks", new JsonArray());

        JsonObject action = new JsonObject();
        action.addProperty("action_id", actionId);
        action.addProperty("block_id", "actions");
        action.addProperty("value", value);
        action.addProperty("type", "button");
        action.addProperty("action_ts", slackTs(clock.instant()));
        JsonArray actions = new JsonArray();
        actions.add(action);

        JsonObject state = new JsonObject();
        state.add("values", new JsonObject());

        JsonObject payload = interactionPayload("block_actions", team, user);
        payload.add("container", container);
        payload.addProperty("trigger_id", triggerId);
        payload.add("channel", channelJson);
        payload.add("message", message);
        payload.add("state", state);
        payload.addProperty("response_url", responseUrl);
        payload.add("actions", actions);
        return formEncode(Map.of("payload", payload.toString()));
    }

    /**
     * A {@code block_actions} payload for a button pressed on the app's Home tab: the container is the view,
     * and there is no channel, no message and no {@code response_url}.
     */
    public SlackResponse homeBlockAction(String team, String user, String actionId, String value, String triggerId) {
        return send(homeBlockActionBody(team, user, actionId, value, triggerId));
    }

    public String homeBlockActionBody(String team, String user, String actionId, String value, String triggerId) {
        String viewId = String.format(Locale.ROOT, "VHOME%06d", sequence.incrementAndGet());
        JsonObject container = new JsonObject();
        container.addProperty("type", "view");
        container.addProperty("view_id", viewId);

        JsonObject state = new JsonObject();
        state.add("values", new JsonObject());

        JsonObject view = new JsonObject();
        view.addProperty("id", viewId);
        view.addProperty("team_id", team);
        view.addProperty("type", "home");
        view.add("blocks", new JsonArray());
        view.addProperty("private_metadata", "");
        view.addProperty("callback_id", "holdfast.home");
        view.add("state", state);
        view.addProperty("hash", slackTs(clock.instant()) + "." + viewId);
        view.addProperty("clear_on_close", false);
        view.addProperty("notify_on_close", false);
        view.addProperty("root_view_id", viewId);
        view.addProperty("app_id", FakeSlackApi.APP_ID);
        view.addProperty("external_id", "");
        view.addProperty("app_installed_team_id", team);
        view.addProperty("bot_id", FakeSlackApi.BOT_ID);

        JsonObject action = new JsonObject();
        action.addProperty("action_id", actionId);
        action.addProperty("block_id", "actions");
        action.addProperty("value", value);
        action.addProperty("type", "button");
        action.addProperty("action_ts", slackTs(clock.instant()));
        JsonArray actions = new JsonArray();
        actions.add(action);

        JsonObject payload = interactionPayload("block_actions", team, user);
        payload.add("container", container);
        payload.addProperty("trigger_id", triggerId);
        payload.add("view", view);
        payload.add("state", state);
        payload.add("actions", actions);
        return formEncode(Map.of("payload", payload.toString()));
    }

    /** Someone opened the app in Slack on {@code tab} ("home" or "messages"): an {@code app_home_opened} event. */
    public SlackResponse appHomeOpened(String team, String user, String tab) {
        JsonObject event = new JsonObject();
        event.addProperty("type", "app_home_opened");
        event.addProperty("user", user);
        // The app's direct-message channel with this person.
        event.addProperty("channel", "D" + user.substring(1));
        event.addProperty("tab", tab);
        event.addProperty("event_ts", slackTs(clock.instant()));
        return event(team, event);
    }

    public SlackResponse homeOpened(String team, String user) {
        return appHomeOpened(team, user, "home");
    }

    /** An Events API callback: {@code event} in Slack's {@code event_callback} envelope, sent as JSON and signed. */
    public SlackResponse event(String team, JsonObject event) {
        return sendJson(eventBody(team, event));
    }

    public String eventBody(String team, JsonObject event) {
        JsonObject authorization = new JsonObject();
        authorization.add("enterprise_id", JsonNull.INSTANCE);
        authorization.addProperty("team_id", team);
        authorization.addProperty("user_id", FakeSlackApi.BOT_USER_ID);
        authorization.addProperty("is_bot", true);
        authorization.addProperty("is_enterprise_install", false);
        JsonArray authorizations = new JsonArray();
        authorizations.add(authorization);

        JsonObject envelope = new JsonObject();
        envelope.addProperty("token", VERIFICATION_TOKEN);
        envelope.addProperty("team_id", team);
        envelope.addProperty("api_app_id", FakeSlackApi.APP_ID);
        envelope.add("event", event);
        envelope.addProperty("type", "event_callback");
        envelope.addProperty("event_id", String.format(Locale.ROOT, "Ev%010d", sequence.incrementAndGet()));
        envelope.addProperty("event_time", clock.instant().getEpochSecond());
        envelope.add("authorizations", authorizations);
        envelope.addProperty("is_ext_shared_channel", false);
        return envelope.toString();
    }

    /**
     * Submits a modal. {@code values} is {@code view.state.values}: block id → action id → element state;
     * build it with {@link #values()}.
     */
    public SlackResponse viewSubmission(String team, String user, String callbackId, String privateMetadata,
                                        Map<String, Map<String, Object>> values) {
        return send(viewSubmissionBody(team, user, callbackId, privateMetadata, values));
    }

    public String viewSubmissionBody(String team, String user, String callbackId, String privateMetadata,
                                     Map<String, Map<String, Object>> values) {
        String viewId = String.format(Locale.ROOT, "VSUB%06d", sequence.incrementAndGet());
        JsonObject state = new JsonObject();
        state.add("values", GSON.toJsonTree(values));

        JsonObject title = new JsonObject();
        title.addProperty("type", "plain_text");
        title.addProperty("text", "Holdfast");

        JsonObject view = new JsonObject();
        view.addProperty("id", viewId);
        view.addProperty("team_id", team);
        // Bolt's parser dereferences view.type to tell a modal from a legacy workflow step, so it must be there.
        view.addProperty("type", "modal");
        view.addProperty("callback_id", callbackId);
        view.addProperty("private_metadata", privateMetadata == null ? "" : privateMetadata);
        view.add("title", title);
        view.add("blocks", new JsonArray());
        view.add("state", state);
        view.addProperty("hash", slackTs(clock.instant()) + "." + viewId);
        view.addProperty("root_view_id", viewId);
        view.addProperty("app_id", FakeSlackApi.APP_ID);
        view.addProperty("app_installed_team_id", team);
        view.addProperty("bot_id", FakeSlackApi.BOT_ID);

        JsonObject payload = interactionPayload("view_submission", team, user);
        payload.addProperty("trigger_id", nextTriggerId());
        payload.add("view", view);
        payload.add("response_urls", new JsonArray());
        return formEncode(Map.of("payload", payload.toString()));
    }

    public static StateValues values() {
        return new StateValues();
    }

    /** Sends a form body signed correctly at the clock's current time. */
    public SlackResponse send(String formBody) {
        return sendAt(clock.instant(), formBody);
    }

    /** Sends a JSON body (as the Events API does) signed correctly at the clock's current time. */
    public SlackResponse sendJson(String jsonBody) {
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        return raw(jsonBody, timestamp, signature(timestamp, jsonBody), JSON);
    }

    /** Sends a form body correctly signed, but stamped {@code when} (for stale and future timestamps). */
    public SlackResponse sendAt(Instant when, String formBody) {
        String timestamp = String.valueOf(when.getEpochSecond());
        return raw(formBody, timestamp, signature(timestamp, formBody), FORM);
    }

    /** Sends a form body at the current time, signed with a secret that isn't ours. */
    public SlackResponse forged(String formBody) {
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        return raw(formBody, timestamp, sign("not-" + signingSecret, timestamp, formBody), FORM);
    }

    /** Sends exactly this; a {@code null} timestamp, signature or content type leaves that header out. */
    public SlackResponse raw(String body, String timestamp, String signature, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(eventsUrl)
                .timeout(Duration.ofSeconds(10))
                .header("User-Agent", USER_AGENT)
                .header("Accept", "application/json,*/*")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (timestamp != null) {
            request.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new SlackResponse(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("request to " + eventsUrl + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + eventsUrl, e);
        }
    }

    /** The {@code X-Slack-Signature} Slack would send for this timestamp and body. */
    public String signature(String timestamp, String body) {
        return sign(signingSecret, timestamp, body);
    }

    private static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private JsonObject interactionPayload(String type, String team, String user) {
        JsonObject teamJson = new JsonObject();
        teamJson.addProperty("id", team);
        teamJson.addProperty("domain", domainOf(team));

        JsonObject userJson = new JsonObject();
        userJson.addProperty("id", user);
        userJson.addProperty("username", user.toLowerCase(Locale.ROOT));
        userJson.addProperty("name", user.toLowerCase(Locale.ROOT));
        userJson.addProperty("team_id", team);

        JsonObject payload = new JsonObject();
        payload.addProperty("type", type);
        payload.add("team", teamJson);
        payload.add("user", userJson);
        payload.addProperty("api_app_id", FakeSlackApi.APP_ID);
        payload.addProperty("token", VERIFICATION_TOKEN);
        payload.addProperty("is_enterprise_install", false);
        return payload;
    }

    private String nextTriggerId() {
        return sequence.incrementAndGet() + "." + clock.instant().getEpochSecond() + ".faketrigger";
    }

    private static String domainOf(String team) {
        return team.toLowerCase(Locale.ROOT) + "-workspace";
    }

    private static String slackTs(Instant instant) {
        return String.format(Locale.ROOT, "%d.%06d", instant.getEpochSecond(), instant.getNano() / 1_000);
    }

    // URLEncoder writes spaces as '+', as Slack's form bodies do; absent (null) fields are left out.
    private static String formEncode(Map<String, String> fields) {
        StringJoiner body = new StringJoiner("&");
        fields.forEach((name, value) -> {
            if (value != null) {
                body.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return body.toString();
    }

    /** Builds {@code view.state.values} for {@link #viewSubmission}, one input element at a time. */
    public static final class StateValues {

        private final Map<String, Map<String, Object>> values = new LinkedHashMap<>();

        private StateValues() {
        }

        /** A {@code plain_text_input}; Slack sends {@code null} for an empty optional input. */
        public StateValues text(String blockId, String actionId, String value) {
            return put(blockId, actionId, element("plain_text_input", "value", value));
        }

        public StateValues user(String blockId, String actionId, String userId) {
            return put(blockId, actionId, element("users_select", "selected_user", userId));
        }

        public StateValues date(String blockId, String actionId, LocalDate date) {
            return put(blockId, actionId,
                    element("datepicker", "selected_date", date == null ? null : date.toString()));
        }

        public StateValues time(String blockId, String actionId, LocalTime time) {
            String hhmm = time == null ? null : time.format(DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT));
            return put(blockId, actionId, element("timepicker", "selected_time", hhmm));
        }

        public StateValues option(String blockId, String actionId, String value, String label) {
            Map<String, Object> text = new LinkedHashMap<>();
            text.put("type", "plain_text");
            text.put("text", label);
            text.put("emoji", true);
            Map<String, Object> selected = new LinkedHashMap<>();
            selected.put("text", text);
            selected.put("value", value);
            return put(blockId, actionId, element("static_select", "selected_option", selected));
        }

        public Map<String, Map<String, Object>> build() {
            Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
            values.forEach((blockId, actions) -> copy.put(blockId, Map.copyOf(actions)));
            return copy;
        }

        private StateValues put(String blockId, String actionId, Map<String, Object> element) {
            values.computeIfAbsent(blockId, b -> new LinkedHashMap<>()).put(actionId, element);
            return this;
        }

        private static Map<String, Object> element(String type, String field, Object value) {
            Map<String, Object> element = new LinkedHashMap<>();
            element.put("type", type);
            element.put(field, value);
            return element;
        }
    }
}
