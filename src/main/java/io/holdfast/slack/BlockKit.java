package io.holdfast.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import io.holdfast.core.Block;
import io.holdfast.core.Message;
import io.holdfast.core.Page;
import io.holdfast.core.Span;
import io.holdfast.core.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders neutral messages as Block Kit. All text is escaped for mrkdwn; only mentions and dates,
 * which Holdfast builds from stored ids and instants, become Slack markup.
 */
final class BlockKit {
    static final int MAX_TEXT = 3000;
    private static final int MAX_HEADER = 150;
    /** Anything that is not part of a Slack id; compiled once, as every card mentions people. */
    private static final Pattern NOT_IN_ID = Pattern.compile("[^A-Za-z0-9]");

    List<LayoutBlock> blocks(Message message) {
        List<LayoutBlock> out = new ArrayList<>();
        for (Block block : message.blocks()) {
            out.add(block(block));
        }
        return out;
    }

    /** A page as one column of blocks: each part under its header, a divider between parts. */
    List<LayoutBlock> blocks(Page page) {
        List<LayoutBlock> out = new ArrayList<>();
        for (Page.Part part : page.parts()) {
            if (!out.isEmpty()) {
                out.add(DividerBlock.builder().build());
            }
            if (!part.heading().isBlank()) {
                out.add(HeaderBlock.builder().text(PlainTextObject.builder().text(cut(part.heading(), MAX_HEADER)).emoji(true).build()).build());
            }
            out.addAll(blocks(part.body()));
        }
        return out;
    }

    /** The notification text for clients that show no blocks; escaped like the blocks. */
    String fallback(Message message) {
        return mrkdwn(message.summary());
    }

    private LayoutBlock block(Block block) {
        if (block instanceof Block.Section s) {
            return SectionBlock.builder().text(markdown(mrkdwn(s.text()))).build();
        }
        if (block instanceof Block.Quote q) {
            return SectionBlock.builder().text(markdown("> " + escape(q.text()).replace("\n", "\n> "))).build();
        }
        if (block instanceof Block.Fields f) {
            List<TextObject> fields = new ArrayList<>();
            for (Block.Field field : f.fields()) {
                fields.add(markdown("*" + escape(field.label()) + "*\n" + mrkdwn(field.value())));
            }
            return SectionBlock.builder().fields(fields).build();
        }
        if (block instanceof Block.Context c) {
            List<ContextBlockElement> elements = List.of(markdown(mrkdwn(c.text())));
            return ContextBlock.builder().elements(elements).build();
        }
        Block.Actions a = (Block.Actions) block;
        List<BlockElement> buttons = new ArrayList<>();
        for (Block.Button b : a.buttons()) {
            buttons.add(ButtonElement.builder()
                    .text(PlainTextObject.builder().text(b.label()).build())
                    .actionId(b.actionId())
                    .value(b.value())
                    .style(switch (b.style()) {
                        case PRIMARY -> "primary";
                        case DEFAULT -> null;
                    })
                    .build());
        }
        return ActionsBlock.builder().elements(buttons).build();
    }

    private static MarkdownTextObject markdown(String text) {
        // verbatim stops Slack from turning typed channel names and URLs into links or mentions
        return MarkdownTextObject.builder().text(fit(text)).verbatim(true).build();
    }

    /**
     * Slack rejects a whole message when one text object passes 3,000 characters, and escaping can
     * quadruple typed text, so long text is cut, never inside an entity or a mention.
     */
    static String fit(String mrkdwn) {
        if (mrkdwn.length() <= MAX_TEXT) {
            return mrkdwn;
        }
        int cut = MAX_TEXT - 1;
        int entity = mrkdwn.lastIndexOf('&', cut - 1);
        if (entity >= 0 && mrkdwn.indexOf(';', entity) >= cut) {
            cut = entity;
        }
        int token = mrkdwn.lastIndexOf('<', cut - 1);
        if (token >= 0 && mrkdwn.indexOf('>', token) >= cut) {
            cut = token;
        }
        return mrkdwn.substring(0, cut) + "…";
    }

    private static String cut(String plain, int max) {
        return plain.length() <= max ? plain : plain.substring(0, max - 1) + "…";
    }

    static String mrkdwn(Text text) {
        StringBuilder out = new StringBuilder();
        for (Span span : text.spans()) {
            if (span instanceof Span.Plain p) {
                out.append(escape(p.text()));
            } else if (span instanceof Span.Strong s) {
                out.append('*').append(escape(s.text()).replace("*", "∗")).append('*');
            } else if (span instanceof Span.Mention m) {
                out.append("<@").append(NOT_IN_ID.matcher(m.userId()).replaceAll("")).append('>');
            } else if (span instanceof Span.Group g) {
                out.append("<!subteam^").append(NOT_IN_ID.matcher(g.groupId()).replaceAll("")).append('>');
            } else if (span instanceof Span.When w) {
                out.append("<!date^").append(w.at().getEpochSecond()).append("^{date_short_pretty} {time}|")
                        .append(escape(w.fallback()).replace("|", "/")).append('>');
            }
        }
        return out.toString();
    }

    /** Slack's own escaping: with these three replaced, text cannot open a link, mention or broadcast. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
