package io.holdfast.teams;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Attachment;
import io.holdfast.core.Form;
import io.holdfast.core.Message;
import io.holdfast.core.Tenant;
import java.util.function.Function;

/** Wraps rendered Adaptive Cards in the message activities the Bot Connector accepts. */
final class CardActivities {
    private final AdaptiveCards cards = new AdaptiveCards();
    private final TeamsMembers members;

    CardActivities(TeamsMembers members) {
        this.members = members;
    }

    Activity message(Tenant tenant, Message message) {
        Function<String, String> nameOf = userId -> members.nameOf(tenant.id(), userId).orElse(userId);
        Activity activity = Activity.createMessageActivity();
        activity.setSummary(cards.summary(message, nameOf));
        activity.setAttachment(attachment(cards.card(message, nameOf)));
        return activity;
    }

    Activity form(Form form) {
        Activity activity = Activity.createMessageActivity();
        activity.setSummary(form.title());
        activity.setAttachment(attachment(cards.form(form)));
        return activity;
    }

    private static Attachment attachment(Object card) {
        Attachment attachment = new Attachment();
        attachment.setContentType(AdaptiveCards.CONTENT_TYPE);
        attachment.setContent(card);
        return attachment;
    }
}
