package io.holdfast.slack;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.DatePickerElement;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.block.element.TimePickerElement;
import com.slack.api.model.block.element.UsersSelectElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import io.holdfast.core.Form;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Neutral forms as Slack modals, and submissions back as plain values. The channel the form was
 * opened from rides along in private_metadata so the confirmation can be shown there afterwards.
 */
final class SlackModals {
    private final Gson gson = new Gson();

    record Origin(String channelId, String context) {}

    View modal(Form form, String channelId) {
        JsonObject metadata = new JsonObject();
        metadata.addProperty("channel", channelId);
        metadata.addProperty("context", form.context());
        List<LayoutBlock> blocks = new ArrayList<>();
        for (Form.Input input : form.inputs()) {
            blocks.add(InputBlock.builder()
                    .blockId(input.id())
                    .label(plain(input.label()))
                    .optional(input.optional())
                    .element(element(input))
                    .build());
        }
        return View.builder()
                .type("modal")
                .callbackId(form.formId())
                .privateMetadata(gson.toJson(metadata))
                .title(ViewTitle.builder().type("plain_text").text(limit(form.title(), 24)).build())
                .submit(ViewSubmit.builder().type("plain_text").text(form.submitLabel()).build())
                .close(ViewClose.builder().type("plain_text").text("Cancel").build())
                .blocks(blocks)
                .build();
    }

    Origin origin(String privateMetadata) {
        JsonObject metadata = gson.fromJson(privateMetadata == null || privateMetadata.isBlank() ? "{}" : privateMetadata, JsonObject.class);
        return new Origin(text(metadata, "channel"), text(metadata, "context"));
    }

    /** Submitted values by input id; inputs left empty are absent. */
    static Map<String, String> values(ViewState state) {
        Map<String, String> values = new HashMap<>();
        if (state == null || state.getValues() == null) {
            return values;
        }
        state.getValues().forEach((blockId, actions) -> actions.forEach((actionId, v) -> {
            String value = firstNonBlank(v.getValue(), v.getSelectedUser(), v.getSelectedDate(), v.getSelectedTime(),
                    v.getSelectedOption() == null ? null : v.getSelectedOption().getValue());
            if (value != null) {
                values.put(blockId, value);
            }
        }));
        return values;
    }

    private static BlockElement element(Form.Input input) {
        if (input instanceof Form.UserPick u) {
            return UsersSelectElement.builder().actionId(u.id()).initialUser(u.initialUserId()).build();
        }
        if (input instanceof Form.Choice choice) {
            List<OptionObject> options = choice.options().stream()
                    .map(option -> OptionObject.builder().text(plain(option)).value(option).build()).toList();
            return StaticSelectElement.builder().actionId(choice.id()).options(options)
                    .initialOption(choice.initial() == null ? null : OptionObject.builder().text(plain(choice.initial()))
                            .value(choice.initial()).build())
                    .build();
        }
        if (input instanceof Form.DatePick d) {
            return DatePickerElement.builder().actionId(d.id()).initialDate(d.initial() == null ? null : d.initial().toString()).build();
        }
        if (input instanceof Form.TimePick t) {
            return TimePickerElement.builder().actionId(t.id()).initialTime(t.initial() == null ? null : t.initial().toString()).build();
        }
        Form.TextInput text = (Form.TextInput) input;
        return PlainTextInputElement.builder()
                .actionId(text.id())
                .multiline(text.multiline())
                .initialValue(text.initial())
                .placeholder(text.placeholder() == null ? null : plain(text.placeholder()))
                .maxLength(2000)
                .build();
    }

    private static PlainTextObject plain(String text) {
        return PlainTextObject.builder().text(text).build();
    }

    private static String limit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String text(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : "";
    }

    private static String firstNonBlank(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return null;
    }
}
