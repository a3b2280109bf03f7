package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.core.Mentions;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackTextTest {

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "<@U1|lee> Acme: x by friday => <@U1> Acme: x by friday",
            "<@U1> Acme: x => <@U1> Acme: x",
            "tell <!channel> and <!here> => tell @channel and @here",
            "ping <!subteam^S1|@leads> => ping <&S1>",
            "see <#C1|general> => see <#C1>",
            "read <https://acme.example/q|the quote> => read the quote",
            "read <https://acme.example/q> => read https://acme.example/q",
            "a &lt;b&gt; &amp; c => a <b> & c",
    })
    void slackMarkupBecomesNeutralText(String fromSlack, String neutral) {
        assertEquals(neutral, SlackText.normalize(fromSlack).text());
    }

    @Test
    void mentionLabelsAreKeptForShowingTypedTextBack() {
        assertEquals(Map.of("U1", "lee"), SlackText.normalize("<@U1|lee> and <@U2>").mentionLabels());
    }

    @Test
    void aMentionTypedAsLiteralTextIsNeverReadAsAMention() {
        String neutral = SlackText.normalize("&lt;@U999&gt; Acme: x by friday").text();

        assertTrue(Mentions.leading(neutral).isEmpty(), neutral);
        assertEquals("<@U999> Acme: x by friday", neutral.replace("\u2060", ""), "shown as typed");
    }

    @Test
    void missingTextIsEmpty() {
        assertEquals("", SlackText.normalize(null).text());
    }
}
