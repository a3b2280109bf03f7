package io.holdfast.slack;

import java.util.Optional;

/**
 * The bot token that speaks for a Slack workspace: the one configured token of a single-workspace
 * install, or the token a workspace's OAuth install stored. Empty when the workspace has no usable
 * install (never installed, uninstalled, or its tokens revoked), so callers say so instead of calling Slack.
 */
@FunctionalInterface
public interface SlackTokens {
    Optional<String> botToken(String teamId);

    /**
     * Slack refused the workspace's token ({@code invalid_auth}, {@code token_revoked}, {@code account_inactive}):
     * whatever was remembered of its install is dropped, so the next call reads it afresh.
     */
    default void invalidate(String teamId) {
    }

    /** A single-workspace install: {@code SLACK_BOT_TOKEN} answers for every team. */
    static SlackTokens single(String botToken) {
        Optional<String> token = Optional.of(botToken);
        return teamId -> token;
    }
}
