package io.holdfast.slack;

import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import io.holdfast.web.PeriodicCheck;
import io.holdfast.web.Readiness;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Whether Slack still accepts the bot token, for {@code /readyz}. Asks {@code auth.test} at most once
 * a minute and never on the probe's own time: a probe gets the last answer while a fresh one is
 * fetched in the background. A token Slack refuses makes the replica not ready (nothing it posts
 * can land, and an operator must act); Slack being unreachable does not, because commands are still
 * acknowledged and their posts wait in the outbox.
 */
public final class SlackAuthProbe implements Supplier<Readiness.State> {
    private static final Duration FRESH_FOR = Duration.ofMinutes(1);
    private static final Set<String> REFUSED = Set.of("invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive",
            "no_permission", "org_login_required", "ekm_access_denied");

    private final Slack slack;
    private final String botToken;
    private final PeriodicCheck check;

    public SlackAuthProbe(Slack slack, String botToken, Clock clock) {
        this.slack = slack;
        this.botToken = botToken;
        this.check = new PeriodicCheck(Readiness.State.up("checking the bot token"), FRESH_FOR, clock, this::ask);
    }

    @Override
    public Readiness.State get() {
        return check.get();
    }

    private Readiness.State ask() {
        try {
            AuthTestResponse answer = slack.methods(botToken).authTest(r -> r);
            if (answer.isOk()) {
                return Readiness.State.up("bot token accepted for team " + answer.getTeamId());
            }
            if (REFUSED.contains(answer.getError())) {
                return Readiness.State.down("Slack refuses the bot token: " + answer.getError() + "; set a valid SLACK_BOT_TOKEN");
            }
            return Readiness.State.up("auth.test answered " + answer.getError() + "; posts wait in the outbox");
        } catch (IOException | SlackApiException e) {
            return Readiness.State.up("Slack unreachable (" + e.getClass().getSimpleName() + "); posts wait in the outbox");
        }
    }
}
