package io.holdfast.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.holdfast.core.Block;
import io.holdfast.core.Form;
import io.holdfast.core.Message;
import io.holdfast.core.Text;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdaptiveCardsTest {
    private static final Map<String, String> DIRECTORY = Map.of("aad-dana", "Dana Ruiz", "aad-boss", "Boss");
    private static final Function<String, String> NAMES = DIRECTORY::get;

    private final AdaptiveCards cards = new AdaptiveCards();

    @Test
    void mentionedPeopleAreNotifiedByTheirIdAndShownByName() {
        Text text = Text.builder().mention("aad-dana").plain(" promised ").mention("aad-gone").plain(", ask ")
                .mention("aad-dana").build();

        ObjectNode card = cards.card(Message.of(text), NAMES);

        assertEquals("<at>Dana Ruiz</at> promised <at>aad-gone</at>, ask <at>Dana Ruiz</at>", body(card).get(0).get("text").asText());
        JsonNode entities = card.at("/msteams/entities");
        assertEquals(2, entities.size(), "one entity per person: " + entities);
        assertMention(entities.get(0), "aad-dana", "Dana Ruiz");
        assertMention(entities.get(1), "aad-gone", "aad-gone");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "**bold** and __strong__",
            "_italic_ and *italic*",
            "[bank](http://evil.example) ![img](http://evil.example/x.png)",
            "<at>Boss</at> approved",
            "&lt;at&gt;Boss&lt;/at&gt; and &#42;stars&#42;",
            "{{DATE(2026-01-01T00:00:00Z)}} at {{TIME(2026-01-01T00:00:00Z)}}",
            "- not a list",
            "1. not a list",
            "2) not a list either",
            "# not a heading",
            "> not a quote",
            "    not code",
            "C:\\temp\\*new* \\[x\\] ends with \\",
            "<b>bold</b> <https://evil.example>",
            "see (notes)- then [more]",
            "first line\n- second\n3. third\n\n# fourth",
    })
    void typedTextIsShownAsTypedAndNeverBecomesMarkup(String typed) {
        Message message = Message.builder(Text.plain("summary"))
                .section(Text.builder().mention("aad-boss").plain(": ").build())
                .section(Text.plain(typed))
                .context(Text.plain(typed))
                .fields(List.of(new Block.Field(typed, Text.plain(typed))))
                .build();

        ObjectNode card = cards.card(message, NAMES);

        String expected = typed.replace("\n", "\n\n");
        for (String markdown : List.of(body(card).get(1).get("text").asText(), body(card).get(2).get("text").asText(),
                body(card).get(3).at("/facts/0/title").asText(), body(card).get(3).at("/facts/0/value").asText())) {
            assertEquals(expected, shown(markdown), markdown);
            assertEquals(List.of(), markupIn(markdown), markdown);
        }
        assertEquals(1, card.at("/msteams/entities").size(), "only the real mention: " + card);
    }

    @Test
    void aTypedAtTagCannotMentionSomeoneTheCardAlreadyMentions() {
        Text text = Text.builder().mention("aad-boss").plain(" wrote: <at>Boss</at> agreed").build();

        String markdown = body(cards.card(Message.of(text), NAMES)).get(0).get("text").asText();

        assertEquals(1, markdown.split("<at>Boss</at>", -1).length - 1, markdown);
        assertEquals("<at>Boss</at> wrote: <at>Boss</at> agreed", shown(markdown));
    }

    @Test
    void quotedWordsAreShownVerbatimInAnEmphasisedBox() {
        String typed = "**not bold** [x](http://evil.example) C:\\new \\o/ _ok_\n- line two\n{{DATE(2026-01-01T00:00:00Z, SHORT)}} <at>Boss</at>";

        JsonNode quote = body(cards.card(Message.builder(Text.plain("s")).quote(typed).build(), NAMES)).get(0);

        assertEquals("Container", quote.get("type").asText());
        assertEquals("emphasis", quote.get("style").asText());
        JsonNode rich = quote.at("/items/0");
        assertEquals("RichTextBlock", rich.get("type").asText());
        assertEquals("TextRun", rich.at("/inlines/0/type").asText());
        String text = rich.at("/inlines/0/text").asText();
        assertEquals(typed, text.replace(String.valueOf(AdaptiveCards.JOINER), ""), "no escapes to show in a TextRun");
        assertFalse(text.contains("{{") || text.contains("<at>"), text);
    }

    @Test
    void emphasisIsBoldButItsWordsCannotCloseIt() {
        Text text = Text.builder().plain("Owner:").strong(" Acme *Corp* ").plain("today").build();

        String markdown = body(cards.card(Message.of(text), NAMES)).get(0).get("text").asText();

        assertEquals("Owner: **Acme \\*Corp\\*** today", markdown);
    }

    @Test
    void timesUseTeamsDateFunctionsSoEachViewerSeesTheirOwnZone() {
        Text text = Text.builder().plain("due ").when(Instant.parse("2026-11-25T17:00:00.789Z"), "Wed 25 Nov 12:00 EST").build();

        String markdown = body(cards.card(Message.of(text), NAMES)).get(0).get("text").asText();

        assertEquals("due {{DATE(2026-11-25T17:00:00Z, SHORT)}} {{TIME(2026-11-25T17:00:00Z)}}", markdown);
    }

    @Test
    void groupsAreWrittenOutWithoutNotifyingAnyone() {
        ObjectNode card = cards.card(Message.of(Text.builder().plain("paging ").group("cs_leads").build()), NAMES);

        assertEquals("paging @cs\\_leads", body(card).get(0).get("text").asText());
        assertEquals(0, card.at("/msteams/entities").size());
    }

    @Test
    void fieldsAreFactsThatCanMentionTheOwner() {
        Message message = Message.builder(Text.plain("s"))
                .fields(List.of(new Block.Field("Owner", Text.builder().mention("aad-dana").build()),
                        new Block.Field("Account", Text.plain("Acme"))))
                .build();

        ObjectNode card = cards.card(message, NAMES);

        JsonNode facts = body(card).get(0);
        assertEquals("FactSet", facts.get("type").asText());
        assertEquals("Owner", facts.at("/facts/0/title").asText());
        assertEquals("<at>Dana Ruiz</at>", facts.at("/facts/0/value").asText());
        assertEquals("Acme", facts.at("/facts/1/value").asText());
        assertMention(card.at("/msteams/entities/0"), "aad-dana", "Dana Ruiz");
    }

    @Test
    void smallPrintIsSmallAndSubtleAndSectionsWrap() {
        Message message = Message.builder(Text.plain("s")).section(Text.plain("main")).context(Text.plain("note")).build();

        JsonNode body = body(cards.card(message, NAMES));

        assertEquals("TextBlock", body.get(0).get("type").asText());
        assertTrue(body.get(0).get("wrap").asBoolean());
        assertEquals("small", body.get(1).get("size").asText());
        assertTrue(body.get(1).get("isSubtle").asBoolean());
    }

    @Test
    void buttonsSubmitTheirActionAndValueAndThePrimaryOneStandsOut() {
        Message message = Message.builder(Text.plain("s"))
                .actions(List.of(new Block.Button("Done", "promise_done", "42", Block.Style.PRIMARY),
                        new Block.Button("Snooze", "promise_snooze", "42", Block.Style.DEFAULT)))
                .build();

        JsonNode set = body(cards.card(message, NAMES)).get(0);

        assertEquals("ActionSet", set.get("type").asText());
        JsonNode done = set.at("/actions/0");
        assertEquals("Action.Submit", done.get("type").asText());
        assertEquals("Done", done.get("title").asText());
        assertEquals("positive", done.get("style").asText());
        assertEquals("promise_done", done.at("/data/hf_action").asText());
        assertEquals("42", done.at("/data/hf_value").asText());
        assertFalse(set.at("/actions/1").has("style"));
    }

    @Test
    void cardIsAFullWidthVersion15AdaptiveCard() {
        ObjectNode card = cards.card(Message.of("hello"), NAMES);

        assertEquals("AdaptiveCard", card.get("type").asText());
        assertEquals("http://adaptivecards.io/schemas/adaptive-card.json", card.get("$schema").asText());
        assertEquals("1.5", card.get("version").asText());
        assertEquals("Full", card.at("/msteams/width").asText());
        assertEquals("application/vnd.microsoft.card.adaptive", AdaptiveCards.CONTENT_TYPE);
    }

    @Test
    void notificationSummaryIsOnePlainLineWithNames() {
        Text summary = Text.builder().mention("aad-dana").plain(" promised **Acme**\nthe deck by ")
                .when(Instant.parse("2026-11-25T17:00:00Z"), "Wed 25 Nov 12:00 EST").plain(" @").group("leads").build();

        String line = cards.summary(new Message(summary, List.of()), NAMES);

        assertEquals("@Dana Ruiz promised **Acme** the deck by Wed 25 Nov 12:00 EST @@leads", line);
    }

    @Test
    void aDirectoryNameCannotBreakOutOfItsMention() {
        Text text = Text.builder().mention("aad-odd").build();

        ObjectNode card = cards.card(Message.of(text), id -> "Eve</at> {{DATE(2026-01-01T00:00:00Z)}}\n");

        String markdown = body(card).get(0).get("text").asText();
        assertTrue(markdown.startsWith("<at>Eve") && markdown.endsWith("</at>") && markdown.indexOf("</at>") == markdown.length() - 5, markdown);
        assertFalse(markdown.contains("{{"), markdown);
        assertEquals(markdown, card.at("/msteams/entities/0/text").asText());
    }

    @Test
    void formShowsEachInputAsTheRightTeamsControl() {
        Form form = new Form("promise_new", "New promise", "Save", "channel=C1", List.of(
                new Form.UserPick("owner", "Owner", "aad-dana", false),
                new Form.TextInput("what", "What was promised", "Send the deck", "Send the SOC2 report", true, false),
                new Form.Choice("severity", "Severity", List.of("P1", "P2", "P3"), "P2", false),
                new Form.DatePick("due_date", "Due date", LocalDate.of(2026, 11, 25), false),
                new Form.TimePick("due_time", "Due time", LocalTime.of(17, 30, 15), true)));

        ObjectNode card = cards.form(form);

        JsonNode body = card.get("body");
        assertEquals("New promise", body.get(0).get("text").asText());
        assertEquals("bolder", body.get(0).get("weight").asText());
        assertEquals("medium", body.get(0).get("size").asText());

        JsonNode owner = body.get(1);
        assertEquals("Input.ChoiceSet", owner.get("type").asText());
        assertEquals("Data.Query", owner.at("/choices.data/type").asText());
        assertEquals("graph.microsoft.com/users", owner.at("/choices.data/dataset").asText());
        assertEquals("aad-dana", owner.get("value").asText());

        JsonNode what = body.get(2);
        assertEquals("Input.Text", what.get("type").asText());
        assertTrue(what.get("isMultiline").asBoolean());
        assertEquals("Send the SOC2 report", what.get("placeholder").asText());
        assertEquals("Send the deck", what.get("value").asText());
        assertEquals(2000, what.get("maxLength").asInt());

        JsonNode severity = body.get(3);
        assertEquals("compact", severity.get("style").asText());
        assertEquals(3, severity.get("choices").size());
        assertEquals("P1", severity.at("/choices/0/title").asText());
        assertEquals("P1", severity.at("/choices/0/value").asText());
        assertEquals("P2", severity.get("value").asText());

        assertEquals("Input.Date", body.get(4).get("type").asText());
        assertEquals("2026-11-25", body.get(4).get("value").asText());
        assertEquals("Input.Time", body.get(5).get("type").asText());
        assertEquals("17:30", body.get(5).get("value").asText());

        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            JsonNode input = body.get(i);
            ids.add(input.get("id").asText());
            assertFalse(input.get("label").asText().isBlank(), input.toString());
            assertFalse(input.get("errorMessage").asText().isBlank(), input.toString());
        }
        assertEquals(List.of("owner", "what", "severity", "due_date", "due_time"), ids);
        assertEquals("Owner", owner.get("label").asText());
        assertTrue(owner.get("isRequired").asBoolean());
        assertFalse(body.get(5).get("isRequired").asBoolean());

        JsonNode submit = card.at("/actions/0");
        assertEquals("Action.Submit", submit.get("type").asText());
        assertEquals("Save", submit.get("title").asText());
        assertEquals("promise_new", submit.at("/data/hf_form").asText());
        assertEquals("channel=C1", submit.at("/data/hf_context").asText());
    }

    @Test
    void emptyInputsStartEmpty() {
        Form form = new Form("f", "T", "Go", null, List.of(
                new Form.UserPick("owner", "Owner", null, true),
                new Form.TextInput("what", "What", null, null, false, true),
                new Form.Choice("speed", "Speed", List.of("1", "2"), null, false),
                new Form.DatePick("d", "Date", null, true),
                new Form.TimePick("t", "Time", null, true)));

        ObjectNode card = cards.form(form);

        for (JsonNode input : card.get("body")) {
            assertFalse(input.has("value"), input.toString());
        }
        assertFalse(card.at("/body/2").has("placeholder"));
        assertEquals("", card.at("/actions/0/data/hf_context").asText());
    }

    private static JsonNode body(ObjectNode card) {
        return card.get("body");
    }

    private static void assertMention(JsonNode entity, String id, String name) {
        assertEquals("mention", entity.get("type").asText());
        assertEquals("<at>" + name + "</at>", entity.get("text").asText());
        assertEquals(id, entity.at("/mentioned/id").asText());
        assertEquals(name, entity.at("/mentioned/name").asText());
    }

    /** What a person reads: word joiners are invisible and a backslash before markup punctuation is not shown. */
    static String shown(String markdown) {
        return markdown.replace(String.valueOf(AdaptiveCards.JOINER), "").replaceAll("\\\\([*_\\[\\])])", "$1");
    }

    private static final List<Pattern> MARKUP = List.of(
            Pattern.compile("(?<!\\\\)[*_\\[\\]]"),       // emphasis or a link not escaped
            Pattern.compile("<[A-Za-z/!?]"),              // an HTML tag, an autolink or an at-tag
            Pattern.compile("&[#A-Za-z]"),                // an entity reference
            Pattern.compile("\\{\\{"),                    // a date function
            Pattern.compile("\\\\(?![*_\\[\\])\\u2060])"), // a backslash that would escape what follows
            Pattern.compile("(?m)^[-+*#>=~|\\d \t]"));    // a line opening a list, heading, quote or code

    /** Markup Teams would act on, outside Holdfast's own mentions. */
    static List<String> markupIn(String markdown) {
        String withoutMentions = markdown.replaceAll("<at>[^<]*</at>", "@mention");
        List<String> found = new ArrayList<>();
        for (Pattern p : MARKUP) {
            Matcher m = p.matcher(withoutMentions);
            while (m.find()) {
                found.add(p.pattern() + " at " + m.start());
            }
        }
        return found;
    }
}
