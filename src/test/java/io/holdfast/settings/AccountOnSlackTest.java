package io.holdfast.settings;

import static io.holdfast.testing.HoldfastOnSlack.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.testing.SlackEndToEnd;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /holdfast account: attributes set from Slack, the account page, and escalations routed to the account's channel. */
class AccountOnSlackTest extends SlackEndToEnd {

    @BeforeEach
    void start() throws Exception {
        holdfast.slack.user("UADMIN", "Ada", "America/New_York", true).user("ULEE", "Lee", "America/New_York", false);
    }

    private String say(String user, String command, String text) {
        return holdfast.command(user, command, text).json().get("text").getAsString();
    }

    /** The whole reply, all its blocks, for multi-part answers like the account page. */
    private String page(String user, String text) {
        return holdfast.command(user, "/holdfast", text).json().toString();
    }

    @Test
    void attributesAreSetAndTheAccountPageShowsWhatIsOpenAndWhatHappened() {
        String saved = say("UADMIN", "/holdfast", "account Acme Corp arr=120k tier=strategic renewal=2027-03-31 owner=<@UDANA|dana> "
                + "channel=<#CACME|acme>");
        assertTrue(saved.contains("strategic") && saved.contains("$120,000 ARR") && saved.contains("renews 2027-03-31"), saved);

        say("ULEE", "/promise", "acme corp: send the SOC2 report by friday");
        say("ULEE", "/escalate", "ACME CORP P2: exports fail");
        say("ULEE", "/kudos", "<@UDANA|dana> Acme Corp: stayed late to rebuild the export so the client's board pack went out");

        String page = page("ULEE", "account acme corp");
        assertTrue(page.contains("Open promises (1)") && page.contains("send the SOC2 report"), page);
        assertTrue(page.contains("Open escalations (1)") && page.contains("exports fail"), page);
        assertTrue(page.contains("Recent kudos") && page.contains("rebuild the export"), page);
        assertTrue(page.contains("Timeline") && page.contains("escalation #1 raised") && page.contains("promise #1 created"), page);
    }

    @Test
    void anAccountWithAChannelGetsItsEscalationCardsThere() {
        say("UADMIN", "/holdfast", "account Acme Corp channel=<#CACME|acme>");
        say("UADMIN", "/holdfast", "escalations <#CESC|escalations>");

        say("ULEE", "/escalate", "Acme Corp P1: checkout is down");

        assertEquals("CACME", holdfast.slack.awaitCall("chat.postMessage", c -> c.text().contains("Escalation #1"), WAIT).param("channel"));
    }

    @Test
    void badAttributesAreExplainedAndOnlyAdminsOrLeadsMayChangeThem() {
        assertTrue(say("UADMIN", "/holdfast", "account Acme tier=gold").contains("tier= is standard, high or strategic"));
        assertTrue(say("UADMIN", "/holdfast", "account Acme arr=lots").contains("arr= takes an amount"));
        assertTrue(say("UADMIN", "/holdfast", "account Acme renewal=soon").contains("renewal= takes a date"));
        assertTrue(say("UADMIN", "/holdfast", "account Acme colour=red").contains("I don't know the attribute"));
        assertTrue(say("ULEE", "/holdfast", "account Acme tier=high").contains("Only workspace admins and escalation leads"));
        assertTrue(say("ULEE", "/holdfast", "account Nobody").contains("There's no account called"));
        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM accounts"));
    }
}
