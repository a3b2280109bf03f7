package io.holdfast.core;

import java.util.List;

/** One visual part of a platform-neutral {@link Message}. */
public sealed interface Block {

    record Section(Text text) implements Block {}

    /** Words a person typed, shown as a quotation. */
    record Quote(String text) implements Block {}

    record Fields(List<Field> fields) implements Block {
        public Fields {
            fields = List.copyOf(fields);
        }
    }

    record Field(String label, Text value) {}

    /** Small print under the main content. */
    record Context(Text text) implements Block {}

    record Actions(List<Button> buttons) implements Block {
        public Actions {
            buttons = List.copyOf(buttons);
        }
    }

    record Button(String label, String actionId, String value, Style style) {}

    enum Style { DEFAULT, PRIMARY }
}
