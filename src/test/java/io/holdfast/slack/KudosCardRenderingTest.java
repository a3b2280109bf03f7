package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.ButtonElement;
import io.holdfast.core.Message;
import io.holdfast.kudos.Kudos;
import io.holdfast.kudos.KudosMessages;
import io.holdfast.kudos.Rubric;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kudos cards as Slack sees them: typed text stays text, stored ids and instants become mentions and dates, Verify until verified. */
class KudosCardRenderingTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Instant GIVEN = Instant.parse("2026-11-24T20:00:00Z");
    static final String ACCOUNT = "Acme <!channel> & *Co*";
    static final String TEXT = "<@U999> stayed up & fixed the *export* <!channel>\nthe renewal is safe";

    private final BlockKit blockKit = new BlockKit();
    private final KudosMessages messages = new KudosMessages();

    private static Kudos kudos(List<String> recipients, String verifierId, Rubric rubric) {
        return new Kudos(42, 1, 9, 3, ACCOUNT, "UGIV", recipients, TEXT, "C0WINS", GIVEN, verifierId,
                verifierId == null ? null : GIVEN.plusSeconds(3600), rubric, 1);
    }

    private static Kudos unverified() {
        return kudos(List.of("UAMY", "UZED"), null, null);
    }

    private static Kudos verified() {
        return kudos(List.of("UAMY", "UZED"), "ULEAD", new Rubric(3, 2, 1));
    }

    /** The card's section and context texts in order, with the notification fallback first. */
    private List<String> texts(Kudos k) {
        Message card = messages.card(k, NEW_YORK);
        List<String> out = new ArrayList<>(List.of(blockKit.fallback(card)));
        for (LayoutBlock block : blockKit.blocks(card)) {
            if (block instanceof SectionBlock s) {
                out.add(((MarkdownTextObject) s.getText()).getText());
            } else if (block instanceof ContextBlock c) {
                c.getElements().forEach(element -> out.add(((MarkdownTextObject) element).getText()));
            }
        }
        return out;
    }

    /** The buttons as "label/action/value/style". */
    private List<String> buttons(Kudos k) {
        return blockKit.blocks(messages.card(k, NEW_YORK)).stream().filter(ActionsBlock.class::isInstance)
                .flatMap(block -> ((ActionsBlock) block).getElements().stream()).map(ButtonElement.class::cast)
                .map(b -> b.getText().getText() + "/" + b.getActionId() + "/" + b.getValue() + "/" + b.getStyle()).toList();
    }

    @Test
    void typedAccountNamesAndTextNeverPingAnyone() {
        String all = String.join("\n", texts(verified()));

        assertAll(
                () -> assertFalse(all.contains("<!channel>"), all),
                () -> assertFalse(all.contains("<@U999>"), all),
                () -> assertTrue(all.contains("· *Acme &lt;!channel&gt; &amp; ∗Co∗*"), "bold name stays one bold run"),
                () -> assertTrue(all.contains("> &lt;@U999&gt; stayed up &amp; fixed the *export* &lt;!channel&gt;\n> the renewal is safe"),
                        "every line of the text is quoted and escaped"),
                () -> assertEquals("Kudos for <@UAMY> and <@UZED> on Acme &lt;!channel&gt; &amp; *Co*", texts(verified()).get(0),
                        "the notification fallback mentions the people and escapes the typed name"));
    }

    @Test
    void recipientsGiverAndDateComeFromStoredIdsAndInstants() {
        List<String> texts = texts(unverified());

        assertAll(
                () -> assertEquals("🏆 *Kudos* for <@UAMY> and <@UZED> · *Acme &lt;!channel&gt; &amp; ∗Co∗*", texts.get(1)),
                () -> assertEquals("From <@UGIV> · <!date^" + GIVEN.getEpochSecond() + "^{date_short_pretty} {time}|Tue 24 Nov 15:00 EST>",
                        texts.get(3)));
    }

    @Test
    void threeOrMoreRecipientsAreListedWithCommasAndAFinalAnd() {
        List<String> texts = texts(kudos(List.of("UAMY", "UZED", "UMIA"), null, null));

        assertTrue(texts.get(1).startsWith("🏆 *Kudos* for <@UAMY>, <@UZED> and <@UMIA> · "), texts.get(1));
    }

    @Test
    void verifyIsOfferedOnlyUntilALeadVerifies() {
        assertEquals(List.of("Verify/kudos.verify/42/primary"), buttons(unverified()));
        assertFalse(String.join("\n", texts(unverified())).contains("Verified by"));

        assertEquals(List.of(), buttons(verified()));
        assertTrue(blockKit.blocks(messages.card(verified(), NEW_YORK)).stream().noneMatch(ActionsBlock.class::isInstance));
    }

    @Test
    void aVerifiedCardNamesTheVerifierAndTheRubric() {
        List<String> texts = texts(verified());

        assertEquals("✅ Verified by <@ULEAD> · impact 3 · speed 2 · creativity 1", texts.get(texts.size() - 1));
    }
}
