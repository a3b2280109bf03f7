package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.app_backend.slash_commands.SlashCommandPayloadParser;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import io.holdfast.testing.SlackRequests;
import io.holdfast.testing.TestClock;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one-pass reading of a slash command must hand Bolt's handlers exactly what Bolt's own parser would. */
class SlashCommandFormTest {

    private final SlackRequests slack = new SlackRequests(URI.create("http://127.0.0.1:1/slack/events"), "secret",
            TestClock.at(Instant.parse("2026-12-07T09:00:00Z")));

    @ParameterizedTest
    @ValueSource(strings = {
            "Acme: send the renewal quote by friday 3pm",
            "Zoë & Søn: «tilbud» by 5/1 — 100% sure? a+b=c",
            "list",
            "",
            "   spaced   out   "})
    void readsACommandAsBoltDoes(String text) {
        String body = slack.slashCommandBody("T0001", "U123", "C42", "/promise", text,
                "https://hooks.slack.com/commands/T0001/1/abc", "trigger-1");

        SlashCommandPayload ours = SlashCommandForm.read(body).orElseThrow();
        SlashCommandPayload bolts = new SlashCommandPayloadParser().parse(body);

        assertEquals(bolts, ours);
        assertEquals(text.isEmpty() ? null : text, ours.getText());
    }

    @Test
    void readsAnEnterpriseInstallAsBoltDoes() {
        String body = "team_id=T1&enterprise_id=E1&enterprise_name=Big+Co&is_enterprise_install=TRUE"
                + "&user_id=U1&command=%2Fpromise&text=hi";

        SlashCommandPayload ours = SlashCommandForm.read(body).orElseThrow();

        assertEquals(new SlashCommandPayloadParser().parse(body), ours);
        assertTrue(ours.isEnterpriseInstall());
        assertEquals("Big Co", ours.getEnterpriseName());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "payload=%7B%22type%22%3A%22block_actions%22%7D&command=%2Fpromise",
            "ssl_check=1&token=abc",
            "{\"type\":\"event_callback\",\"command\":\"/promise\"}",
            "command=%2Fpromise&text=50%",
            "command=%2Fpromise&text=two\nlines",
            "command=&text=hi",
            "command=%2Fpromise&text=a=b",
            ""})
    void leavesAnythingElseToBolt(String body) {
        assertTrue(SlashCommandForm.read(body).isEmpty(), body);
    }

    @Test
    void anEmptyPayloadFieldDoesNotHideTheCommand() {
        SlashCommandPayload ours = SlashCommandForm.read("payload=&command=%2Fkudos&text=").orElseThrow();

        assertEquals("/kudos", ours.getCommand());
        assertNull(ours.getText());
    }
}
