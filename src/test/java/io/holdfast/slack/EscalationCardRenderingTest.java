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
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.ButtonElement;
import io.holdfast.account.AccountReview;
import io.holdfast.core.Message;
import io.holdfast.escalation.Escalation;
import io.holdfast.escalation.EscalationMessages;
import io.holdfast.escalation.EscalationStatus;
import io.holdfast.escalation.Severity;
import io.holdfast.escalation.SlaClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Escalation cards as Slack sees them: typed text stays text, stored ids and instants become mentions and dates, buttons follow the state. */
class EscalationCardRenderingTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Instant OPENED = Instant.parse("2026-11-24T20:00:00Z");
    static final SlaClock ACK = new SlaClock(Instant.parse("2026-11-24T20:45:00Z"), Instant.parse("2026-11-24T21:00:00Z"));
    static final SlaClock RESOLVE = new SlaClock(Instant.parse("2026-11-27T02:00:00Z"), Instant.parse("2026-11-27T20:00:00Z"));
    static final String ACCOUNT = "Acme <!channel> & *Co*";
    static final String SUMMARY = "<@U999> checkout is *down* & <!channel>\nsecond line <!here>";
    static final AccountReview NO_REVIEW = AccountReview.NONE;

    private final BlockKit blockKit = new BlockKit();
    private final EscalationMessages messages = new EscalationMessages();

    /** @param breached whether both clocks ran out before they were done */
    private static Escalation escalation(String owner, EscalationStatus status, Instant ackedAt, Instant resolvedAt, boolean breached,
                                         boolean leadershipReview) {
        return new Escalation(42, 1, 7, 3, ACCOUNT, "UREP", owner, Severity.P1, SUMMARY, status, OPENED, ACK, RESOLVE, ackedAt, resolvedAt,
                breached, breached, resolvedAt == null ? null : "<!channel> expired cert & *more*",
                resolvedAt == null ? null : "<@U999> renewed it", 1, leadershipReview, "C0ESC", null, 3);
    }

    private static Escalation open() {
        return escalation(null, EscalationStatus.OPEN, null, null, false, false);
    }

    private static Escalation acknowledged() {
        return escalation("UOWN", EscalationStatus.ACKNOWLEDGED, OPENED.plus(Duration.ofMinutes(20)), null, false, false);
    }

    private static Escalation resolved() {
        return escalation("UOWN", EscalationStatus.RESOLVED, OPENED.plus(Duration.ofMinutes(20)), OPENED.plus(Duration.ofHours(30)), false,
                false);
    }

    private List<LayoutBlock> render(Escalation e, AccountReview review, Optional<String> authority) {
        return blockKit.blocks(messages.card(e, NEW_YORK, review, authority));
    }

    /** Every text a person reads on the card, plus the notification fallback, one per line. */
    private String text(Escalation e, AccountReview review, Optional<String> authority) {
        Message card = messages.card(e, NEW_YORK, review, authority);
        List<String> out = new ArrayList<>(List.of(blockKit.fallback(card)));
        for (LayoutBlock block : blockKit.blocks(card)) {
            if (block instanceof SectionBlock s) {
                if (s.getText() != null) {
                    out.add(markdown(s.getText()));
                }
                if (s.getFields() != null) {
                    s.getFields().forEach(field -> out.add(markdown(field)));
                }
            } else if (block instanceof ContextBlock c) {
                c.getElements().forEach(element -> out.add(((MarkdownTextObject) element).getText()));
            }
        }
        return String.join("\n", out);
    }

    private String text(Escalation e) {
        return text(e, NO_REVIEW, Optional.empty());
    }

    private static String markdown(TextObject text) {
        return ((MarkdownTextObject) text).getText();
    }

    /** The buttons as "label/action/value/style". */
    private List<String> buttons(Escalation e, AccountReview review) {
        return render(e, review, Optional.empty()).stream().filter(ActionsBlock.class::isInstance)
                .flatMap(block -> ((ActionsBlock) block).getElements().stream()).map(ButtonElement.class::cast)
                .map(b -> b.getText().getText() + "/" + b.getActionId() + "/" + b.getValue() + "/" + b.getStyle()).toList();
    }

    private static String date(Instant at, String fallback) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + fallback + ">";
    }

    @Test
    void typedAccountNamesSummariesAndRootCausesNeverPingAnyone() {
        String text = text(resolved(), NO_REVIEW, Optional.of("<!channel> may offer a credit & *more*"));

        assertAll(
                () -> assertFalse(text.contains("<!channel>"), text),
                () -> assertFalse(text.contains("<!here>"), text),
                () -> assertFalse(text.contains("<@U999>"), text),
                () -> assertTrue(text.contains("*Escalation #7 · P1* · *Acme &lt;!channel&gt; &amp; ∗Co∗*"), "bold name stays one bold run"),
                () -> assertTrue(text.contains("> &lt;@U999&gt; checkout is *down* &amp; &lt;!channel&gt;\n> second line &lt;!here&gt;"),
                        "every line of the summary is quoted and escaped"),
                () -> assertTrue(text.contains("Root cause: &lt;!channel&gt; expired cert &amp; *more* · Remediation: &lt;@U999&gt; renewed it")),
                () -> assertTrue(text.contains("Authority for P1: &lt;!channel&gt; may offer a credit &amp; *more*")),
                () -> assertTrue(text.startsWith("Escalation #7 (P1) for Acme &lt;!channel&gt; &amp; *Co*: &lt;@U999&gt;"),
                        "the notification fallback is escaped too"));
    }

    @Test
    void storedIdsBecomeMentionsAndClocksBecomeSlackDates() {
        String text = text(acknowledged());

        assertAll(
                () -> assertTrue(text.contains("*Reporter*\n<@UREP>"), text),
                () -> assertTrue(text.contains("*Owner*\n<@UOWN>"), text),
                () -> assertTrue(text.contains("*Acknowledge by*\nDone in time (due " + date(ACK.due(), "Tue 24 Nov 16:00 EST") + ")"), text),
                () -> assertTrue(text.contains("*Resolve by*\n" + date(RESOLVE.due(), "Fri 27 Nov 15:00 EST")), text),
                () -> assertTrue(text.contains("*Status*\nAcknowledged"), text));
    }

    @Test
    void anUnassignedEscalationSaysSoAndABreachedClockIsMarked() {
        String text = text(escalation(null, EscalationStatus.OPEN, null, null, true, false));
        String resolveBy = "*Resolve by*\n" + date(RESOLVE.due(), "Fri 27 Nov 15:00 EST") + " — breached";

        assertAll(
                () -> assertTrue(text.contains("*Owner*\nUnassigned"), text),
                () -> assertTrue(text.contains("*Acknowledge by*\n" + date(ACK.due(), "Tue 24 Nov 16:00 EST") + " — breached"), text),
                () -> assertTrue(text.contains(resolveBy), text),
                () -> assertTrue(text.contains("*Status*\nOpen, not yet acknowledged"), text));
    }

    @Test
    void acknowledgeIsOfferedOnlyUntilSomeoneAcknowledges() {
        assertEquals(List.of("Acknowledge/escalation.ack/42/primary", "Assign/escalation.assign/42/null", "Resolve/escalation.resolve/42/null"),
                buttons(open(), NO_REVIEW));
        assertEquals(List.of("Assign/escalation.assign/42/null", "Resolve/escalation.resolve/42/null"), buttons(acknowledged(), NO_REVIEW));
    }

    @Test
    void aResolvedCardHasNoButtonsAndSaysHowTheClocksWent() {
        String text = text(resolved());
        String late = text(escalation("UOWN", EscalationStatus.RESOLVED, OPENED.plus(Duration.ofHours(2)), OPENED.plus(Duration.ofDays(4)),
                true, false));

        assertEquals(List.of(), buttons(resolved(), NO_REVIEW));
        assertTrue(render(resolved(), NO_REVIEW, Optional.empty()).stream().noneMatch(ActionsBlock.class::isInstance), "no empty actions block");
        assertTrue(text.contains("*Resolve by*\nDone in time (due " + date(RESOLVE.due(), "Fri 27 Nov 15:00 EST") + ")"), text);
        assertTrue(text.contains("*Status*\nResolved"), text);
        assertTrue(late.contains("*Acknowledge by*\nDone late (due " + date(ACK.due(), "Tue 24 Nov 16:00 EST") + ")"), late);
        assertTrue(late.contains("*Resolve by*\nDone late (due " + date(RESOLVE.due(), "Fri 27 Nov 15:00 EST") + ")"), late);
    }

    @Test
    void aRepeatEscalationAsksForLeadershipReviewUntilALeadReviewsIt() {
        Escalation repeat = escalation("UOWN", EscalationStatus.ACKNOWLEDGED, OPENED.plus(Duration.ofMinutes(20)), null, false, true);
        AccountReview awaiting = new AccountReview(OPENED, null, null);
        Instant reviewedAt = Instant.parse("2026-11-25T14:30:00Z");
        AccountReview reviewed = new AccountReview(OPENED, "ULEAD", reviewedAt);

        assertAll("awaiting review",
                () -> assertTrue(text(repeat, awaiting, Optional.empty()).contains(
                        "🚩 *Leadership review*: a repeat escalation for this account. Waiting for a lead to review it.")),
                () -> assertEquals("Reviewed/escalation.reviewed/42/null", buttons(repeat, awaiting).get(2)));
        assertAll("reviewed",
                () -> assertTrue(text(repeat, reviewed, Optional.empty()).contains(
                        "a repeat escalation for this account. Reviewed by <@ULEAD> on " + date(reviewedAt, "Wed 25 Nov 09:30 EST"))),
                () -> assertEquals(List.of("Assign/escalation.assign/42/null", "Resolve/escalation.resolve/42/null"), buttons(repeat, reviewed)));
        assertAll("not a repeat",
                () -> assertFalse(text(acknowledged(), awaiting, Optional.empty()).contains("Leadership review")),
                () -> assertFalse(buttons(acknowledged(), awaiting).stream().anyMatch(b -> b.startsWith("Reviewed"))));
    }
}
