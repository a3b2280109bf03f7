package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import io.holdfast.core.Message;
import io.holdfast.core.Page;
import io.holdfast.core.Text;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockKitTest {
    private final BlockKit blockKit = new BlockKit();

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "<!channel> now => &lt;!channel&gt; now",
            "<@U123> please => &lt;@U123&gt; please",
            "R&D <b> => R&amp;D &lt;b&gt;",
            "<https://evil.example|bank> => &lt;https://evil.example|bank&gt;",
    })
    void typedTextNeverBecomesSlackMarkup(String typed, String rendered) {
        assertEquals(rendered, BlockKit.mrkdwn(Text.plain(typed)));
    }

    @Test
    void mentionsAndDatesAreBuiltFromStoredIdsAndInstants() {
        Text text = Text.builder().mention("U12>3").plain(" due ").when(Instant.ofEpochSecond(1_795_816_800L), "Fri 27 Nov 17:00 EST").build();

        assertEquals("<@U123> due <!date^1795816800^{date_short_pretty} {time}|Fri 27 Nov 17:00 EST>", BlockKit.mrkdwn(text));
    }

    @Test
    void strongTextCannotCloseItsOwnEmphasis() {
        assertEquals("*Acme ∗Corp∗*", BlockKit.mrkdwn(Text.builder().strong("Acme *Corp*").build()));
    }

    @Test
    void longEscapedTextIsCutUnderSlacksLimitWithoutBreakingAnEntity() {
        Message message = Message.builder(Text.plain("summary")).quote("<".repeat(2000)).build();

        SectionBlock quote = (SectionBlock) blockKit.blocks(message).get(0);
        String text = ((MarkdownTextObject) quote.getText()).getText();
        assertTrue(text.length() <= BlockKit.MAX_TEXT, "length " + text.length());
        assertTrue(text.endsWith("&lt;…"), text.substring(text.length() - 10));
        assertFalse(text.contains("&l…") || text.contains("&lt…"));
    }

    @Test
    void aPageIsItsPartsUnderHeadersWithDividersBetween() {
        Page page = new Page(List.of(
                new Page.Part("", Message.of("Marked #1 done.")),
                new Page.Part("Your open promises (1)", Message.of(Text.plain("<!channel> #2"))),
                new Page.Part("x".repeat(200), Message.of("Nothing yet."))));

        List<LayoutBlock> blocks = blockKit.blocks(page);

        assertEquals(List.of("section", "divider", "header", "section", "divider", "header", "section"),
                blocks.stream().map(LayoutBlock::getType).toList(), "no header over a part without a heading");
        assertEquals("Your open promises (1)", ((HeaderBlock) blocks.get(2)).getText().getText());
        assertEquals("&lt;!channel&gt; #2", ((MarkdownTextObject) ((SectionBlock) blocks.get(3)).getText()).getText());
        assertTrue(blocks.get(4) instanceof DividerBlock);
        assertEquals(150, ((HeaderBlock) blocks.get(5)).getText().getText().length(), "Slack's limit for a header");
    }
}
