package io.holdfast.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.holdfast.core.Block;
import io.holdfast.core.Form;
import io.holdfast.core.Message;
import io.holdfast.core.Text;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Teams sends a card's Action.Submit data back as the activity's value, merged with what was typed into its inputs. */
class CardSubmissionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdaptiveCards cards = new AdaptiveCards();

    @Test
    void pressingAButtonGivesBackItsActionAndValue() {
        Message message = Message.builder(Text.plain("s"))
                .actions(List.of(new Block.Button("Done", "promise_done", "42", Block.Style.PRIMARY)))
                .build();
        JsonNode value = cards.card(message, id -> id).at("/body/0/actions/0/data");

        assertEquals(Optional.of(new CardSubmission.Press("promise_done", "42")), CardSubmission.parse(value));
    }

    @Test
    void aButtonWithoutValueGivesBackNoValue() {
        Message message = Message.builder(Text.plain("s"))
                .actions(List.of(new Block.Button("Refresh", "digest_refresh", null, Block.Style.DEFAULT)))
                .build();
        JsonNode value = cards.card(message, id -> id).at("/body/0/actions/0/data");

        assertEquals(Optional.of(new CardSubmission.Press("digest_refresh", null)), CardSubmission.parse(value));
    }

    @Test
    void submittingAFormGivesBackWhatWasEnteredWithoutBlanksOrCardMetadata() throws Exception {
        Form form = new Form("promise_new", "New promise", "Save", "channel=C1;thread=7", List.of(
                new Form.UserPick("owner", "Owner", null, false),
                new Form.TextInput("what", "What", null, null, true, false),
                new Form.TextInput("note", "Note", null, null, false, true)));
        ObjectNode value = (ObjectNode) cards.form(form).at("/actions/0/data").deepCopy();
        value.put("owner", "aad-dana");
        value.put("what", "  Send the **deck**\nby Friday ");
        value.put("note", "   ");
        value.put("hf_extra", "ignored");
        value.set("msteams", JSON.readTree("{\"type\":\"messageBack\"}"));
        value.put("count", 3);

        Optional<CardSubmission> parsed = CardSubmission.parse(value);

        assertEquals(Optional.of(new CardSubmission.Submit("promise_new", "channel=C1;thread=7",
                Map.of("owner", "aad-dana", "what", "  Send the **deck**\nby Friday "))), parsed);
    }

    @Test
    void aFormWithoutContextGivesBackNoContext() {
        Form form = new Form("kudos_new", "Kudos", "Send", null, List.of(new Form.Choice("speed", "Speed", List.of("1", "2"), null, false)));
        ObjectNode value = (ObjectNode) cards.form(form).at("/actions/0/data").deepCopy();
        value.put("speed", "2");

        assertEquals(Optional.of(new CardSubmission.Submit("kudos_new", null, Map.of("speed", "2"))), CardSubmission.parse(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "null",
            "\"promise_done\"",
            "[{\"hf_action\":\"promise_done\"}]",
            "{}",
            "{\"action\":\"approve\",\"id\":\"7\"}",
            "{\"hf_action\":\"  \"}",
            "{\"hf_action\":42}",
            "{\"hf_form\":\"\",\"owner\":\"aad-dana\"}",
            "{\"hf_form\":{\"id\":\"promise_new\"}}",
    })
    void valuesFromOtherCardsOrMalformedOnesAreNotSubmissions(String json) throws Exception {
        assertEquals(Optional.empty(), CardSubmission.parse(JSON.readTree(json)));
    }

    @Test
    void noValueAtAllIsNotASubmission() {
        assertTrue(CardSubmission.parse(null).isEmpty());
    }
}
