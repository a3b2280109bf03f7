package io.holdfast.teams;

import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.schema.Activity;
import io.holdfast.core.Form;
import io.holdfast.core.Message;
import io.holdfast.core.Tenant;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers in the conversation the person wrote in. Teams has no private replies in channels, so a
 * confirmation is a reply in the same thread; forms are card forms posted there.
 */
final class TeamsReplies {
    private static final Logger log = LoggerFactory.getLogger(TeamsReplies.class);

    private final CardActivities activities;

    TeamsReplies(CardActivities activities) {
        this.activities = activities;
    }

    void show(TurnContext turn, Tenant tenant, Message message) {
        turn.sendActivity(activities.message(tenant, message)).join();
    }

    /**
     * A new message in the conversation rather than a reply: conversation updates (e.g. Holdfast added
     * to a team) are not messages, so there is nothing to reply to.
     */
    void post(TurnContext turn, Tenant tenant, Message message) {
        Activity activity = activities.message(tenant, message);
        activity.applyConversationReference(turn.getActivity().getConversationReference(), false);
        activity.setReplyToId(null);
        turn.getAdapter().sendActivities(turn, List.of(activity)).join();
    }

    void openForm(TurnContext turn, Form form) {
        turn.sendActivity(activities.form(form)).join();
    }

    /** Replaces a submitted form with its confirmation, so the same form can't be sent twice; if Teams lost it, replies instead. */
    void closeForm(TurnContext turn, Tenant tenant, String formActivityId, Message confirmation) {
        if (formActivityId != null) {
            Activity update = activities.message(tenant, confirmation);
            update.setId(formActivityId);
            try {
                turn.updateActivity(update).join();
                return;
            } catch (CompletionException e) {
                log.info("a submitted form could not be replaced ({}); replying instead", TeamsFailures.describe(e));
            }
        }
        show(turn, tenant, confirmation);
    }
}
