package io.holdfast.slack;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonWriter;
import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import io.holdfast.core.Chat;
import io.holdfast.core.DeliveryException;
import io.holdfast.core.Message;
import io.holdfast.core.Tenant;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Delivers outbox posts through Slack's Web API ({@code chat.postMessage}, {@code chat.update}). */
public final class SlackChat implements Chat {
    /** Errors that retrying cannot fix: the channel is gone, or the message is malformed. */
    private static final Set<String> PERMANENT = Set.of("channel_not_found", "not_in_channel", "is_archived", "no_permission", "msg_too_long",
            "invalid_blocks", "message_not_found", "cant_update_message", "restricted_action");
    /**
     * The token was refused because the install changed: the workspace installed again (another replica may
     * still have held the old token), or it was uninstalled and the event saying so is on its way. The
     * post waits with backoff: it goes out with the new token, or is held once the uninstall pauses the tenant.
     */
    private static final Set<String> INSTALL_CHANGED = Set.of("invalid_auth", "token_revoked", "account_inactive");
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Type BLOCKS = new TypeToken<List<LayoutBlock>>() { }.getType();
    /**
     * Writes blocks as the SDK's Gson does (snake case, each block by its own class), without its adapters, which
     * build a JSON tree of every block and then write the tree: a quarter of the delivery threads' samples in the
     * acknowledgement benchmark. BlockJsonTest holds the two to the same JSON.
     */
    private static final Gson BLOCK_WRITER = new GsonBuilder().setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();

    private final Slack slack;
    private final SlackTokens tokens;
    private final BlockKit blockKit = new BlockKit();
    /**
     * The SDK's {@code MethodsClient} builds a new Gson for every response it reads, and Gson then works out
     * its reflective adapter for the response class (a whole Slack message, with blocks and files) again: a
     * profile of the acknowledgement benchmark found seven tenths of the delivery worker's CPU there, about
     * half a millisecond a post. Its form encoding of the blocks was the next largest share. The posts here
     * go through the SDK's own HTTP client as JSON bodies, which Slack accepts for these methods, written and
     * read with this one Gson, made by the same factory with the same settings.
     */
    private final Gson gson;

    public SlackChat(Slack slack, SlackTokens tokens) {
        this.slack = slack;
        this.tokens = tokens;
        this.gson = GsonFactory.createSnakeCase(slack.getConfig());
    }

    @Override
    public Posted post(Tenant tenant, String channel, String threadRef, Message message) throws DeliveryException {
        String botToken = tokenFor(tenant);
        String request = json(body -> {
            body.name("channel").value(channel);
            if (threadRef != null) {
                body.name("thread_ts").value(threadRef);
            }
            message(body, message);
            body.name("unfurl_links").value(false);
        });
        ChatPostMessageResponse response = call(tenant, () -> send("chat.postMessage", botToken, request, ChatPostMessageResponse.class));
        return new Posted(response.getChannel(), response.getTs());
    }

    @Override
    public Posted update(Tenant tenant, String channel, String ref, Message message) throws DeliveryException {
        String botToken = tokenFor(tenant);
        String request = json(body -> {
            body.name("channel").value(channel);
            body.name("ts").value(ref);
            message(body, message);
        });
        call(tenant, () -> send("chat.update", botToken, request, ChatUpdateResponse.class));
        return new Posted(channel, ref);
    }

    /** The message itself, as both methods take it: fallback text for notifications, and the blocks. */
    private void message(JsonWriter body, Message message) throws IOException {
        body.name("text").value(blockKit.fallback(message));
        body.name("blocks");
        BLOCK_WRITER.toJson(blockKit.blocks(message), BLOCKS, body);
    }

    static String blocksJson(List<LayoutBlock> blocks) {
        return BLOCK_WRITER.toJson(blocks, BLOCKS);
    }

    private interface Fields {
        void write(JsonWriter body) throws IOException;
    }

    private String json(Fields fields) {
        StringWriter out = new StringWriter();
        try (JsonWriter body = gson.newJsonWriter(out)) {
            body.beginObject();
            fields.write(body);
            body.endObject();
        } catch (IOException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
        return out.toString();
    }

    /** What {@code MethodsClient} does for one method, with a JSON body, reading the answer with {@link #gson}. */
    private <T extends SlackApiTextResponse> T send(String method, String botToken, String json, Class<T> type)
            throws IOException, SlackApiException {
        Request request = new Request.Builder()
                .url(slack.getConfig().getMethodsEndpointUrlPrefix() + method)
                .header("Authorization", "Bearer " + botToken)
                .post(RequestBody.create(json, JSON))
                .build();
        try (Response response = slack.getHttpClient().getOkHttpClient().newCall(request).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw new SlackApiException(slack.getConfig(), response, body);
            }
            return gson.fromJson(body, type);
        }
    }

    /**
     * A workspace without a usable install can't be posted to now; its post waits, as the install may be on
     * its way (made on another replica) or the uninstall not yet have paused the tenant.
     */
    private String tokenFor(Tenant tenant) throws DeliveryException {
        return tokens.botToken(tenant.externalId()).orElseThrow(() -> DeliveryException.transientFailure("not_installed"));
    }

    private interface ApiCall<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    private <T extends SlackApiTextResponse> T call(Tenant tenant, ApiCall<T> call) throws DeliveryException {
        T response;
        try {
            response = call.run();
        } catch (SlackApiException e) {
            if (e.getResponse().code() == 429) {
                throw DeliveryException.rateLimited(retryAfter(e.getResponse().header("Retry-After")));
            }
            throw DeliveryException.transientFailure("HTTP " + e.getResponse().code());
        } catch (IOException e) {
            throw DeliveryException.transientFailure(e.getClass().getSimpleName());
        }
        if (response.isOk()) {
            return response;
        }
        if ("ratelimited".equals(response.getError())) {
            throw DeliveryException.rateLimited(Duration.ofSeconds(1));
        }
        if (INSTALL_CHANGED.contains(response.getError())) {
            tokens.invalidate(tenant.externalId());
            throw DeliveryException.transientFailure(response.getError());
        }
        if (PERMANENT.contains(response.getError())) {
            throw DeliveryException.permanent(response.getError());
        }
        throw DeliveryException.transientFailure(response.getError());
    }

    private static Duration retryAfter(String header) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header == null ? "1" : header.strip())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }
}
