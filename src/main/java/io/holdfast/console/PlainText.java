package io.holdfast.console;

import io.holdfast.core.Block;
import io.holdfast.core.Message;
import java.util.StringJoiner;

/** Neutral messages as terminal text. */
public final class PlainText {
    private PlainText() {
    }

    public static String render(Message message) {
        StringJoiner out = new StringJoiner("\n");
        for (Block block : message.blocks()) {
            if (block instanceof Block.Section s) {
                out.add(s.text().plainText());
            } else if (block instanceof Block.Quote q) {
                out.add("  > " + q.text().replace("\n", "\n  > "));
            } else if (block instanceof Block.Fields f) {
                StringJoiner fields = new StringJoiner(" · ");
                f.fields().forEach(field -> fields.add(field.label() + ": " + field.value().plainText()));
                out.add(fields.toString());
            } else if (block instanceof Block.Context c) {
                out.add(c.text().plainText());
            } else if (block instanceof Block.Actions a) {
                StringJoiner buttons = new StringJoiner("] [", "[", "]");
                a.buttons().forEach(b -> buttons.add(b.label()));
                out.add(buttons.toString());
            }
        }
        return out.toString();
    }
}
