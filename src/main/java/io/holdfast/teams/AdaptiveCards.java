package io.holdfast.teams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.holdfast.core.Block;
import io.holdfast.core.Form;
import io.holdfast.core.Message;
import io.holdfast.core.Span;
import io.holdfast.core.Text;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders the neutral message model as Adaptive Cards (schema 1.5) for Teams.
 *
 * <p>Text a person may have typed must never become markup. Teams documents no escape mechanism for
 * TextBlock markdown, and its clients disagree on backslash escapes: desktop reads them like CommonMark,
 * while the mobile parser (MarkDownBlockParser.cpp in microsoft/Teams-AdaptiveCards-Mobile) removes the
 * backslash only before {@code * _ [ ] )} and shows it before anything else (AdaptiveCards issues 4677,
 * 5590). So only those five characters are backslash-escaped. Every other construct is broken with an
 * invisible word joiner (U+2060), which no parser reads as syntax: after a less-than sign (no HTML, no
 * forged {@code <at>} mention), after an ampersand (no entities), after an opening brace (no
 * {@code {{DATE()}}}), after a typed backslash (so it cannot escape what follows), and before a line that
 * would open a list, heading or quote.
 */
public final class AdaptiveCards {
    public static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

    static final String SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
    static final char JOINER = '\u2060';
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm");

    public AdaptiveCards() {
    }

    /** The card for a message. nameOf gives a person's display name for a user id (AAD object id), used for Teams mentions. */
    public ObjectNode card(Message message, Function<String, String> nameOf) {
        Mentioned mentioned = new Mentioned(nameOf);
        ObjectNode card = emptyCard();
        ArrayNode body = card.putArray("body");
        for (Block block : message.blocks()) {
            body.add(block(block, mentioned));
        }
        ObjectNode msteams = card.putObject("msteams");
        msteams.put("width", "Full");
        ArrayNode entities = msteams.putArray("entities");
        mentioned.tags.forEach((userId, tag) -> {
            ObjectNode entity = entities.addObject();
            entity.put("type", "mention");
            entity.put("text", tag.text());
            ObjectNode who = entity.putObject("mentioned");
            who.put("id", userId);
            who.put("name", tag.name());
        });
        return card;
    }

    /** A card form: the inputs and one submit button. */
    public ObjectNode form(Form form) {
        ObjectNode card = emptyCard();
        ArrayNode body = card.putArray("body");
        ObjectNode title = textBlock(markdown(form.title()));
        title.put("weight", "bolder");
        title.put("size", "medium");
        body.add(title);
        for (Form.Input input : form.inputs()) {
            if (input.id().startsWith("hf_") || input.id().equals("msteams")) {
                throw new IllegalArgumentException("input id " + input.id() + " would be read back as card metadata");
            }
            body.add(input(input));
        }
        ObjectNode submit = card.putArray("actions").addObject();
        submit.put("type", "Action.Submit");
        submit.put("title", literal(form.submitLabel()));
        ObjectNode data = submit.putObject("data");
        data.put("hf_form", form.formId());
        // Teams sends the data back as JSON strings only; "" is how "no context" travels
        data.put("hf_context", form.context() == null ? "" : form.context());
        card.putObject("msteams").put("width", "Full");
        return card;
    }

    /** One line of plain text for notifications and the activity's summary; mentions written as @Name. */
    public String summary(Message message, Function<String, String> nameOf) {
        Mentioned mentioned = new Mentioned(nameOf);
        StringBuilder out = new StringBuilder();
        for (Span span : message.summary().spans()) {
            if (span instanceof Span.Plain p) {
                out.append(p.text());
            } else if (span instanceof Span.Strong s) {
                out.append(s.text());
            } else if (span instanceof Span.Mention m) {
                out.append('@').append(mentioned.nameOf(m.userId()));
            } else if (span instanceof Span.Group g) {
                out.append('@').append(g.groupId());
            } else if (span instanceof Span.When w) {
                out.append(w.fallback());
            }
        }
        return out.toString().replaceAll("\\s+", " ").strip();
    }

    private static ObjectNode emptyCard() {
        ObjectNode card = JSON.objectNode();
        card.put("type", "AdaptiveCard");
        card.put("$schema", SCHEMA);
        card.put("version", "1.5");
        return card;
    }

    private static ObjectNode block(Block block, Mentioned mentioned) {
        if (block instanceof Block.Section s) {
            return textBlock(markdown(s.text(), mentioned));
        }
        if (block instanceof Block.Quote q) {
            return quote(q.text());
        }
        if (block instanceof Block.Fields f) {
            // Teams resolves mentions in TextBlock and FactSet only, so facts can hold an owner's mention
            ObjectNode facts = JSON.objectNode().put("type", "FactSet");
            ArrayNode list = facts.putArray("facts");
            for (Block.Field field : f.fields()) {
                list.addObject().put("title", markdown(field.label())).put("value", markdown(field.value(), mentioned));
            }
            return facts;
        }
        if (block instanceof Block.Context c) {
            ObjectNode small = textBlock(markdown(c.text(), mentioned));
            small.put("size", "small");
            small.put("isSubtle", true);
            return small;
        }
        Block.Actions a = (Block.Actions) block;
        ObjectNode set = JSON.objectNode().put("type", "ActionSet");
        ArrayNode actions = set.putArray("actions");
        for (Block.Button b : a.buttons()) {
            ObjectNode action = actions.addObject();
            action.put("type", "Action.Submit");
            action.put("title", literal(b.label()));
            if (b.style() == Block.Style.PRIMARY) {
                action.put("style", "positive");
            }
            ObjectNode data = action.putObject("data");
            data.put("hf_action", b.actionId());
            if (b.value() != null) {
                data.put("hf_value", b.value());
            }
        }
        return set;
    }

    /**
     * A quotation is only ever typed words, so it goes in a TextRun, which no Teams client reads as
     * markdown: typed asterisks, brackets and backslashes show exactly as typed, with no escapes that a
     * client might display. TextRuns still evaluate date functions, hence the guard.
     */
    private static ObjectNode quote(String typed) {
        ObjectNode run = JSON.objectNode().put("type", "TextRun").put("text", literal(typed));
        ObjectNode rich = JSON.objectNode().put("type", "RichTextBlock");
        rich.putArray("inlines").add(run);
        ObjectNode container = JSON.objectNode().put("type", "Container").put("style", "emphasis");
        container.putArray("items").add(rich);
        return container;
    }

    static ObjectNode textBlock(String markdown) {
        return JSON.objectNode().put("type", "TextBlock").put("text", markdown).put("wrap", true);
    }

    /** TextBlock markdown for neutral text: only mentions and dates, built from ids and instants, become markup. */
    static String markdown(Text text, Mentioned mentioned) {
        StringBuilder out = new StringBuilder();
        for (Span span : text.spans()) {
            if (span instanceof Span.Plain p) {
                typed(out, p.text());
            } else if (span instanceof Span.Strong s) {
                strong(out, s.text());
            } else if (span instanceof Span.Mention m) {
                out.append(mentioned.tag(m.userId()));
            } else if (span instanceof Span.Group g) {
                typed(out, "@" + g.groupId());
            } else if (span instanceof Span.When w) {
                String at = DateTimeFormatter.ISO_INSTANT.format(w.at().truncatedTo(ChronoUnit.SECONDS));
                out.append("{{DATE(").append(at).append(", SHORT)}} {{TIME(").append(at).append(")}}");
            }
        }
        return out.toString();
    }

    static String markdown(String typed) {
        StringBuilder out = new StringBuilder();
        typed(out, typed);
        return out.toString();
    }

    private static void strong(StringBuilder out, String text) {
        String core = text.strip().replaceAll("\\s+", " ");
        if (core.isEmpty()) {
            typed(out, text);
            return;
        }
        // "** x**" is not bold in markdown, so surrounding spaces stay outside the markers
        typed(out, text.substring(0, text.length() - text.stripLeading().length()));
        out.append("**");
        typed(out, core);
        out.append("**");
        typed(out, text.substring(text.stripTrailing().length()));
    }

    /** Appends typed text so that Teams shows it as typed; see the class comment for why each guard. */
    private static void typed(StringBuilder out, String text) {
        String lines = text.replace("\r\n", "\n").replace('\r', '\n');
        for (int i = 0; i < lines.length(); i++) {
            char c = lines.charAt(i);
            if (c == '\n') {
                // a single newline is no line break in TextBlock markdown
                out.append("\n\n");
                continue;
            }
            boolean lineStart = out.length() == 0 || out.charAt(out.length() - 1) == '\n';
            if (lineStart && (Character.isWhitespace(c) || Character.isDigit(c) || "-+*#>=~|".indexOf(c) >= 0)) {
                out.append(JOINER);
            }
            switch (c) {
                case '*', '_', '[', ']', ')' -> out.append('\\').append(c);
                case '\\', '<', '&', '{' -> {
                    out.append(c);
                    if (i + 1 >= lines.length() || lines.charAt(i + 1) != JOINER) {
                        out.append(JOINER);
                    }
                }
                default -> out.append(c);
            }
        }
    }

    /** Text no Teams client reads as markdown (TextRuns, labels, button titles) can still hold date functions and at-tags. */
    static String literal(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c);
            if ((c == '{' || c == '<') && (i + 1 >= text.length() || text.charAt(i + 1) != JOINER)) {
                out.append(JOINER);
            }
        }
        return out.toString();
    }

    private static ObjectNode input(Form.Input input) {
        ObjectNode node = JSON.objectNode();
        if (input instanceof Form.UserPick u) {
            // Teams' people picker: a ChoiceSet searching the organisation, submitting the AAD object id
            node.put("type", "Input.ChoiceSet");
            node.putArray("choices");
            node.putObject("choices.data").put("type", "Data.Query").put("dataset", "graph.microsoft.com/users");
            node.put("isMultiSelect", false);
            putIfPresent(node, "value", u.initialUserId());
        } else if (input instanceof Form.Choice choice) {
            node.put("type", "Input.ChoiceSet");
            node.put("style", "compact");
            ArrayNode choices = node.putArray("choices");
            for (String option : choice.options()) {
                choices.addObject().put("title", literal(option)).put("value", option);
            }
            putIfPresent(node, "value", choice.initial());
        } else if (input instanceof Form.DatePick d) {
            node.put("type", "Input.Date");
            putIfPresent(node, "value", d.initial() == null ? null : d.initial().toString());
        } else if (input instanceof Form.TimePick t) {
            node.put("type", "Input.Time");
            putIfPresent(node, "value", t.initial() == null ? null : HOURS_MINUTES.format(t.initial()));
        } else {
            Form.TextInput text = (Form.TextInput) input;
            node.put("type", "Input.Text");
            node.put("isMultiline", text.multiline());
            node.put("maxLength", 2000);
            putIfPresent(node, "placeholder", text.placeholder());
            putIfPresent(node, "value", text.initial());
        }
        node.put("id", input.id());
        node.put("label", literal(input.label()));
        node.put("isRequired", !input.optional());
        node.put("errorMessage", literal(input.optional() ? "Please check " + input.label() : input.label() + " is required"));
        return node;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }

    /** The people one card mentions, one entity each, in order of first mention. */
    static final class Mentioned {
        record Tag(String text, String name) {}

        private final Function<String, String> nameOf;
        final Map<String, Tag> tags = new LinkedHashMap<>();

        Mentioned(Function<String, String> nameOf) {
            this.nameOf = nameOf;
        }

        String tag(String userId) {
            return tags.computeIfAbsent(userId, id -> {
                String name = nameOf(id);
                return new Tag("<at>" + name + "</at>", name);
            }).text();
        }

        /**
         * A directory name goes inside the at-tag verbatim, so characters that would end the tag, break
         * the line or open a date function are dropped.
         */
        String nameOf(String userId) {
            String name = nameOf.apply(userId);
            String clean = name == null ? "" : name.replaceAll("[<>{}\\p{Cntrl}]", " ").replaceAll("\\s+", " ").strip();
            return clean.isEmpty() ? userId.replaceAll("[<>{}\\p{Cntrl}]", "") : clean;
        }
    }
}
