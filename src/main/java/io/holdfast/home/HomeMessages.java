package io.holdfast.home;

import io.holdfast.core.Message;
import io.holdfast.core.Page;
import io.holdfast.core.Text;
import io.holdfast.core.Times;
import io.holdfast.digest.DigestMessages;
import io.holdfast.escalation.Escalation;
import io.holdfast.escalation.EscalationMessages;
import io.holdfast.kudos.Kudos;
import io.holdfast.promise.Promise;
import io.holdfast.promise.PromiseMessages;
import io.holdfast.risk.RiskEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Home page in words: one line per item with the same buttons as its card, times as moments each
 * viewer sees in their own zone, and for every empty part a hint how to fill it.
 */
public final class HomeMessages {
    private static final int LINE_TEXT = 120;

    private final PromiseMessages promiseMessages;
    private final EscalationMessages escalationMessages;
    private final DigestMessages digestMessages;

    public HomeMessages(PromiseMessages promiseMessages, EscalationMessages escalationMessages, DigestMessages digestMessages) {
        this.promiseMessages = promiseMessages;
        this.escalationMessages = escalationMessages;
        this.digestMessages = digestMessages;
    }

    /** @param zone the viewer's own zone, for the text shown where a platform can't localise a moment itself */
    Page page(MyWork work, ZoneId zone, Optional<Message> notice) {
        List<Page.Part> parts = new ArrayList<>();
        notice.ifPresent(message -> parts.add(new Page.Part("", message)));
        parts.add(promises(work, zone));
        parts.add(escalations(work, zone));
        parts.add(atRisk(work));
        parts.add(kudos(work, zone));
        return new Page(parts);
    }

    private Page.Part promises(MyWork work, ZoneId zone) {
        String heading = counted("Your open promises", work.promises().total());
        Message.Builder out = Message.builder(Text.plain(heading));
        if (work.promises().total() == 0) {
            out.section(Text.plain("Nothing open on you. Make a promise to a client in their channel: "
                    + "/promise Acme Corp: send the renewal quote by friday (or /promise @lee Acme Corp: … for a teammate)."));
        }
        Instant now = work.asOf();
        for (Promise p : work.promises().promises()) {
            Text.Builder line = Text.builder().strong("#" + p.number()).plain(" · ").strong(p.accountName())
                    .plain(" — " + oneLine(p.text()) + " — due ").when(p.due(), Times.withZone(p.due(), zone));
            if (p.isOverdue(now)) {
                line.plain(" · ⚠️ overdue by " + Times.span(Duration.between(p.due(), now)));
            } else if (p.snoozedUntil() != null && p.snoozedUntil().isAfter(now)) {
                line.plain(" · reminders snoozed until ").when(p.snoozedUntil(), Times.withZone(p.snoozedUntil(), zone));
            }
            out.section(line.build()).actions(promiseMessages.buttons(p));
        }
        more(out, work.promises().total() - work.promises().promises().size(), "/promise list mine");
        return new Page.Part(heading, out.build());
    }

    private Page.Part escalations(MyWork work, ZoneId zone) {
        String heading = counted("Escalations you own", work.escalations().total());
        Message.Builder out = Message.builder(Text.plain(heading));
        if (work.escalations().total() == 0) {
            out.section(Text.plain("No open escalations on you. Raise a client issue where the team will see it: "
                    + "/escalate Acme Corp P1: what is wrong and the impact"));
        }
        for (Escalation e : work.escalations().escalations()) {
            Instant next = e.isAcknowledged() ? e.resolveClock().due() : e.ackClock().due();
            Text.Builder line = Text.builder().plain(EscalationMessages.icon(e.severity()) + " ").strong("#" + e.number() + " · " + e.severity())
                    .plain(" · ").strong(e.accountName()).plain(" — " + oneLine(e.summary()) + " — "
                            + (e.isAcknowledged() ? "resolve by " : "acknowledge by ")).when(next, Times.withZone(next, zone));
            if (e.ackBreached() || e.resolveBreached()) {
                line.plain(" · SLA breached");
            }
            out.section(line.build()).actions(escalationMessages.workButtons(e));
        }
        more(out, work.escalations().total() - work.escalations().escalations().size(), "/escalate list mine");
        return new Page.Part(heading, out.build());
    }

    private Page.Part atRisk(MyWork work) {
        String heading = "Top " + HomeService.AT_RISK + " at-risk accounts";
        Message.Builder out = Message.builder(Text.plain(heading));
        if (work.atRisk().isEmpty()) {
            out.section(Text.plain("✅ No account shows a risk signal right now. To have the top accounts posted in a channel each "
                    + "morning: /holdfast digest daily 09:00"));
        }
        int rank = 1;
        for (RiskEntry risk : work.atRisk()) {
            digestMessages.ranked(out, rank++, risk);
        }
        return new Page.Part(heading, out.build());
    }

    private Page.Part kudos(MyWork work, ZoneId zone) {
        String heading = "Recent kudos you received";
        Message.Builder out = Message.builder(Text.plain(heading));
        if (work.kudos().isEmpty()) {
            out.section(Text.plain("None in the last " + HomeService.KUDOS_WINDOW.toDays() + " days. Saw a colleague save a client "
                    + "relationship? /kudos @lee Acme Corp: what they did and the client impact"));
        }
        for (Kudos k : work.kudos()) {
            out.section(Text.builder().plain("🏆 ").strong(k.accountName()).plain(" · from ").mention(k.giverId()).plain(" · ")
                    .when(k.givenAt(), Times.withZone(k.givenAt(), zone))
                    .plain(k.isVerified() ? " · ✅ verified" : " · not verified yet").build())
                    .quote(k.text());
        }
        more(out, work.kudosTotal() - work.kudos().size(), "/kudos list");
        return new Page.Part(heading, out.build());
    }

    private static String counted(String heading, long total) {
        return total == 0 ? heading : heading + " (" + total + ")";
    }

    private static void more(Message.Builder out, long rest, String command) {
        if (rest > 0) {
            out.context(Text.plain("…and " + rest + " more — " + command));
        }
    }

    /** Lines stay one line; the card holds the whole text. */
    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= LINE_TEXT ? line : line.substring(0, LINE_TEXT - 1) + "…";
    }
}
