package io.holdfast.core;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A small form the platform shows (a Slack modal, a Teams card form).
 *
 * @param formId   which handler receives the submission
 * @param context  opaque state carried through the platform back to that handler (e.g. a promise id)
 */
public record Form(String formId, String title, String submitLabel, String context, List<Input> inputs) {

    public Form {
        inputs = List.copyOf(inputs);
    }

    public sealed interface Input {
        String id();

        String label();

        boolean optional();
    }

    public record UserPick(String id, String label, String initialUserId, boolean optional) implements Input {}

    public record TextInput(String id, String label, String initial, String placeholder, boolean multiline, boolean optional)
            implements Input {}

    /** One of a few fixed options, e.g. a severity. */
    public record Choice(String id, String label, List<String> options, String initial, boolean optional) implements Input {
        public Choice {
            options = List.copyOf(options);
        }
    }

    public record DatePick(String id, String label, LocalDate initial, boolean optional) implements Input {}

    public record TimePick(String id, String label, LocalTime initial, boolean optional) implements Input {}
}
