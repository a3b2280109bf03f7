package io.holdfast.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    private static Attachment attachment(ObjectNode card) {
        Attachment attachment = new Attachment();
        attachment.setContentType(AdaptiveCards.CONTENT_TYPE);
        attachment.setContent(escapeDots(card));
        return attachment;
    }

    /**
     * The SDK's REST serializer reads a dot in a key as a path ("choices.data" would become nested objects),
     * and writes a key escaped as "choices\\.data" back as "choices.data".
     */
    private static JsonNode escapeDots(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode escaped = object.objectNode();
            object.fields().forEachRemaining(field -> escaped.set(field.getKey().replace(".", "\\."), escapeDots(field.getValue())));
            return escaped;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode escaped = array.arrayNode();
            array.forEach(element -> escaped.add(escapeDots(element)));
            return escaped;
        }
        return node;
    }
}
