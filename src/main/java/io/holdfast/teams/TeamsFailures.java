package io.holdfast.teams;

import com.microsoft.bot.connector.rest.ErrorResponseException;
import com.microsoft.bot.schema.ErrorResponse;
import io.holdfast.core.DeliveryException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;

/** Reads what the Bot Connector said when it refused a call, and whether trying again can help. */
final class TeamsFailures {
    /** The app was removed from the team or chat: posting there again cannot work (MicrosoftDocs/bot-docs#1527). */
    static final String NOT_IN_ROSTER = "BotNotInConversationRoster";
    /** The channel or chat is gone (e.g. the channel was deleted): posting there again cannot work. */
    static final String CONVERSATION_NOT_FOUND = "ConversationNotFound";
    /** Teams sometimes can't find a card it showed a moment ago, so it can't be updated (msteams-docs#6139). */
    static final String ACTIVITY_NOT_FOUND = "ActivityNotFoundInConversation";

    private TeamsFailures() {
    }

    /** An HTTP refusal from the Bot Connector: status, Teams' error code, and how long it asked us to wait. */
    record Refusal(int status, String code, Optional<Duration> retryAfter) {}

    static Optional<Refusal> refusal(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (!(cause instanceof ErrorResponseException e) || e.response() == null) {
            return Optional.empty();
        }
        ErrorResponse body = e.body();
        String code = body != null && body.getError() != null ? body.getError().getCode() : null;
        return Optional.of(new Refusal(e.response().code(), code, seconds(e.response().headers().get("Retry-After"))));
    }

    static boolean is(Throwable failure, String code) {
        return refusal(failure).map(r -> code.equals(r.code())).orElse(false);
    }

    /**
     * What the delivery worker should do: wait as asked on 429 (with jitter, so many channels don't come
     * back at once), retry 408, 412 and 5xx, and 401 (a token the Bot Connector briefly rejects; a wrong
     * password still ends as failed after the outbox's attempts), and give up on other refusals.
     */
    static DeliveryException delivery(Throwable failure) {
        Optional<Refusal> refusal = refusal(failure);
        if (refusal.isEmpty()) {
            return DeliveryException.transientFailure(unwrap(failure).getClass().getSimpleName());
        }
        Refusal r = refusal.get();
        String reason = "HTTP " + r.status() + (r.code() == null ? "" : " " + r.code());
        if (r.status() == 429) {
            Duration wait = r.retryAfter().orElse(Duration.ofSeconds(1));
            return DeliveryException.rateLimited(wait.plusMillis(ThreadLocalRandom.current().nextLong(wait.toMillis() / 4 + 250)));
        }
        if (r.status() == 401 || r.status() == 408 || r.status() == 412 || r.status() >= 500) {
            return DeliveryException.transientFailure(reason);
        }
        return DeliveryException.permanent(reason);
    }

    /** A short description for logs: never the request, which carries a bearer token. */
    static String describe(Throwable failure) {
        return refusal(failure).map(r -> "HTTP " + r.status() + (r.code() == null ? "" : " " + r.code()))
                .orElseGet(() -> unwrap(failure).getClass().getSimpleName());
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return header == null ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.max(1, Long.parseLong(header.strip()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
