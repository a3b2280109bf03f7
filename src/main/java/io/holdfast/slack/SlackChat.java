package io.holdfast.slack;

import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import io.holdfast.core.Chat;
import io.holdfast.core.DeliveryException;
import io.holdfast.core.Message;
import io.holdfast.core.Tenant;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

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

    private final Slack slack;
    private final SlackTokens tokens;
    private final BlockKit blockKit = new BlockKit();

    public SlackChat(Slack slack, SlackTokens tokens) {
        this.slack = slack;
        this.tokens = tokens;
    }

    @Override
    public Posted post(Tenant tenant, String channel, String threadRef, Message message) throws DeliveryException {
        String botToken = tokenFor(tenant);
        ChatPostMessageResponse response = call(tenant, () -> slack.methods(botToken).chatPostMessage(r -> r
                .channel(channel)
                .threadTs(threadRef)
                .text(blockKit.fallback(message))
                .blocks(blockKit.blocks(message))
                .unfurlLinks(false)));
        return new Posted(response.getChannel(), response.getTs());
    }

    @Override
    public Posted update(Tenant tenant, String channel, String ref, Message message) throws DeliveryException {
        String botToken = tokenFor(tenant);
        call(tenant, () -> slack.methods(botToken).chatUpdate(r -> r
                .channel(channel)
                .ts(ref)
                .text(blockKit.fallback(message))
                .blocks(blockKit.blocks(message))));
        return new Posted(channel, ref);
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
