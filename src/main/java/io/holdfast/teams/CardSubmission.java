package io.holdfast.teams;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What a person did on one of Holdfast's cards, read back from the Action.Submit data Teams sends as the activity's value. */
public sealed interface CardSubmission {

    /** A button on a message card: the {@code hf_action} and {@code hf_value} {@link AdaptiveCards} put in its data. */
    record Press(String actionId, String value) implements CardSubmission {}

    /** values: input id -> value, blank inputs absent (exactly like the Slack modal reader). */
    record Submit(String formId, String context, Map<String, String> values) implements CardSubmission {
        public Submit {
            values = Map.copyOf(values);
        }
    }

    /**
     * The submission in {@code value}, or empty when it is not one of Holdfast's: Teams delivers whatever
     * any card sent, and a malformed value is reported as nothing rather than thrown.
     */
    static Optional<CardSubmission> parse(JsonNode value) {
        if (value == null || !value.isObject()) {
            return Optional.empty();
        }
        String actionId = text(value.get("hf_action"));
        if (actionId != null) {
            return Optional.of(new Press(actionId, value.path("hf_value").isTextual() ? value.get("hf_value").asText() : null));
        }
        String formId = text(value.get("hf_form"));
        if (formId == null) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String entered = text(field.getValue());
            if (entered != null && !field.getKey().startsWith("hf_") && !field.getKey().equals("msteams")) {
                values.put(field.getKey(), entered);
            }
        }
        return Optional.of(new Submit(formId, text(value.get("hf_context")), values));
    }

    /** A string as sent, or null when absent, not a string, or blank. */
    private static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
