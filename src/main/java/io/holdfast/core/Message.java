package io.holdfast.core;

import java.util.ArrayList;
import java.util.List;

/**
 * What the bot says, independent of platform. Features build messages; the Slack, Teams and console
 * renderers turn them into Block Kit, Adaptive Cards or text.
 *
 * @param summary one line used for notifications and clients that cannot show blocks
 */
public record Message(Text summary, List<Block> blocks) {

    public Message {
        blocks = List.copyOf(blocks);
    }

    public static Message of(String line) {
        Text text = Text.plain(line);
        return new Message(text, List.of(new Block.Section(text)));
    }

    public static Message of(Text line) {
        return new Message(line, List.of(new Block.Section(line)));
    }

    public static Builder builder(Text summary) {
        return new Builder(summary);
    }

    public static final class Builder {
        private final Text summary;
        private final List<Block> blocks = new ArrayList<>();

        private Builder(Text summary) {
            this.summary = summary;
        }

        public Builder section(Text text) {
            blocks.add(new Block.Section(text));
            return this;
        }

        public Builder quote(String typedText) {
            blocks.add(new Block.Quote(typedText));
            return this;
        }

        public Builder fields(List<Block.Field> fields) {
            blocks.add(new Block.Fields(fields));
            return this;
        }

        public Builder context(Text text) {
            blocks.add(new Block.Context(text));
            return this;
        }

        public Builder actions(List<Block.Button> buttons) {
            if (!buttons.isEmpty()) {
                blocks.add(new Block.Actions(buttons));
            }
            return this;
        }

        public Message build() {
            return new Message(summary, blocks);
        }
    }
}
