package io.holdfast.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppUninstalledEvent;
import com.slack.api.model.event.TokensRevokedEvent;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code app_uninstalled} and {@code tokens_revoked}: the workspace's bot token is deleted and its tenant's
 * schedules pause. These replace Bolt's own handlers, which acknowledge first and revoke later on a thread
 * of their own: the revoke runs here, before the answer, so a failed one answers 500 and Slack's retry of
 * the event runs again, and only an install older than the event is revoked, so a late retry can't wipe
 * the install the workspace made since.
 */
final class SlackRevocations {
    private static final Logger log = LoggerFactory.getLogger(SlackRevocations.class);

    private final SlackInstallations installations;

    SlackRevocations(SlackInstallations installations) {
        this.installations = installations;
    }

    Response appUninstalled(EventsApiPayload<AppUninstalledEvent> payload, EventContext context) {
        revoke(payload, AppUninstalledEvent.TYPE_NAME);
        return context.ack();
    }

    /** Holdfast keeps no user tokens, so only a revoked bot token changes anything. */
    Response tokensRevoked(EventsApiPayload<TokensRevokedEvent> payload, EventContext context) {
        TokensRevokedEvent.Tokens tokens = payload.getEvent().getTokens();
        List<String> bots = tokens == null ? null : tokens.getBot();
        if (bots != null && !bots.isEmpty()) {
            revoke(payload, TokensRevokedEvent.TYPE_NAME);
        }
        return context.ack();
    }

    private void revoke(EventsApiPayload<?> payload, String reason) {
        if (payload.getTeamId() == null) {
            return;
        }
        try {
            installations.revoke(payload.getTeamId(), reason, happened(payload));
        } catch (RuntimeException e) {
            log.error("Slack workspace {}: {} could not be applied; Slack will deliver it again", payload.getTeamId(), reason);
            throw e;
        }
    }

    /**
     * {@code event_time} counts whole seconds, so an install made in that same second counts as older: an
     * uninstall a moment after installing must not be missed, while a reinstall takes a person longer than
     * a second. Slack always sends it; without it, any install is revoked, as Bolt's handlers did.
     */
    private static Instant happened(EventsApiPayload<?> payload) {
        Integer seconds = payload.getEventTime();
        return seconds == null ? Instant.ofEpochMilli(Long.MAX_VALUE) : Instant.ofEpochSecond(seconds).plusMillis(999);
    }
}
