package io.holdfast.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.holdfast.core.Mentions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TeamsTextTest {

    @Test
    void vouchedMentionsBecomeTokensLabelledWithTheirNames() {
        TeamsText.Normalized text = TeamsText.normalize(" kudos <at>Dana Ruiz</at> Acme Corp: saved the renewal call",
                List.of(new TeamsText.Tag("<at>Dana Ruiz</at>", Mentions.token("aad-dana"), "aad-dana", "Dana Ruiz")));

        assertEquals("kudos <@aad-dana> Acme Corp: saved the renewal call", text.text());
        assertEquals(Map.of("aad-dana", "Dana Ruiz"), text.mentionLabels());
    }

    @Test
    void twoMentionsOfTheSameNameAreReadInOrder() {
        TeamsText.Normalized text = TeamsText.normalize("kudos <at>Sam</at> and <at>Sam</at> Acme: both stayed late",
                List.of(new TeamsText.Tag("<at>Sam</at>", Mentions.token("aad-1"), "aad-1", "Sam"),
                        new TeamsText.Tag("<at>Sam</at>", Mentions.token("aad-2"), "aad-2", "Sam")));

        assertEquals("kudos <@aad-1> and <@aad-2> Acme: both stayed late", text.text());
    }

    @Test
    void typedLookAlikesStayWordsAndNeverBecomeTokens() {
        // Teams sends what a person typed HTML-escaped; a tag without an entity is not a mention either.
        TeamsText.Normalized text = TeamsText.normalize("promise Acme &amp; Co: send &lt;@U123&gt; and <at>Boss</at> the deck&nbsp;by friday",
                List.of());

        assertEquals("promise Acme & Co: send <\u2060@U123> and Boss the deck by friday", text.text());
        assertEquals(Map.of(), text.mentionLabels());
    }

    @Test
    void channelMentionsBecomeChannelTokens() {
        TeamsText.Normalized text = TeamsText.normalize("holdfast account Acme channel=<at>Acme Renewals</at>",
                List.of(new TeamsText.Tag("<at>Acme Renewals</at>", Mentions.channelToken("19:abc@thread.tacv2"), "19:abc@thread.tacv2",
                        "Acme Renewals")));

        assertEquals("holdfast account Acme channel=<#19:abc@thread.tacv2>", text.text());
    }
}
